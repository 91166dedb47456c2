//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Quarry weighbridge office: waits for a stable reading from the bridge indicator,
//! pairs gross with stored or live tare, checks legal gross weight by axle count and
//! writes haulier tickets that roll up into monthly invoices.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

const STABLE_WINDOW: usize = 10;

#[derive(Debug)]
enum WeighError { Unstable { spread_kg: i32 }, UnknownVehicle(String), Overload { gross: i32, limit: i32 }, AccountOnStop(String) }

#[derive(Debug, Clone)]
struct Vehicle { reg: String, haulier: String, axles: u8, stored_tare: Option<i32> }

#[derive(Debug, Clone)]
struct Ticket { no: u32, reg: String, product: String, net_kg: i32, price_pence: i64 }

trait Indicator {
    async fn sample(&mut self) -> i32;
    async fn stable_weight(&mut self, max_polls: usize) -> Result<i32, WeighError> {
        let mut window = [0i32; STABLE_WINDOW];
        let mut spread = i32::MAX;
        for i in 0..max_polls {
            window[i % STABLE_WINDOW] = self.sample().await;
            if i + 1 >= STABLE_WINDOW {
                let (lo, hi) = window.iter().fold((i32::MAX, i32::MIN), |(lo, hi), &w| (lo.min(w), hi.max(w)));
                spread = hi - lo;
                if spread <= 20 { return Ok((window.iter().sum::<i32>() / STABLE_WINDOW as i32 + 10) / 20 * 20); }
            }
        }
        Err(WeighError::Unstable { spread_kg: spread })
    }
}

struct LoadCellIndicator { target: i32, settle: i32, wobble: i32 }
struct WindyIndicator { base: i32, t: u32 }

impl Indicator for LoadCellIndicator {
    async fn sample(&mut self) -> i32 {
        yield_now().await;
        self.settle = self.settle * 6 / 10;
        self.wobble = -self.wobble;
        self.target + self.settle + self.wobble
    }
}
impl Indicator for WindyIndicator {
    async fn sample(&mut self) -> i32 {
        self.t += 1;
        yield_now().await;
        self.base + if self.t % 2 == 0 { 180 } else { -160 }
    }
}

fn legal_gross(axles: u8) -> i32 {
    match axles { 0..=2 => 18_000, 3 => 26_000, 4 => 32_000, 5 => 40_000, _ => 44_000 }
}

struct Office { fleet: Arc<RwLock<HashMap<String, Vehicle>>>, on_stop: Vec<String>, next_ticket: u32, prices: HashMap<&'static str, i64> }

impl Office {
    async fn weigh_out<I: Indicator>(&mut self, bridge: &mut I, reg: &str, product: &str, live_tare: Option<i32>) -> Result<Ticket, WeighError> {
        let vehicle = self.fleet.read().unwrap().get(reg).cloned().ok_or_else(|| WeighError::UnknownVehicle(reg.to_string()))?;
        if self.on_stop.iter().any(|h| *h == vehicle.haulier) {
            return Err(WeighError::AccountOnStop(vehicle.haulier));
        }
        let gross = bridge.stable_weight(40).await?;
        let tare = match (live_tare, vehicle.stored_tare) {
            (Some(t), _) => {
                self.fleet.write().unwrap().get_mut(reg).map(|v| v.stored_tare = Some(t));
                t
            }
            (None, Some(t)) => t,
            (None, None) => return Err(WeighError::UnknownVehicle(format!("{reg} (no tare on file)"))),
        };
        let limit = legal_gross(vehicle.axles);
        if gross > limit {
            return Err(WeighError::Overload { gross, limit });
        }
        let net = gross - tare;
        let per_tonne = *self.prices.get(product).unwrap_or(&1_500);
        self.next_ticket += 1;
        Ok(Ticket { no: self.next_ticket, reg: reg.to_string(), product: product.to_string(), net_kg: net, price_pence: per_tonne * net as i64 / 1000 })
    }
}

fn invoice_lines(tickets: &[Ticket], fleet: &HashMap<String, Vehicle>) -> BTreeMap<String, (usize, i64, i64)> {
    let mut out = BTreeMap::new();
    for t in tickets {
        let haulier = fleet.get(&t.reg).map(|v| v.haulier.clone()).unwrap_or_else(|| "CASH".into());
        let e = out.entry(haulier).or_insert((0, 0, 0));
        e.0 += 1;
        e.1 += t.net_kg as i64;
        e.2 += t.price_pence;
    }
    out
}

fn main() {
    let fleet: HashMap<String, Vehicle> = [
        ("YX19 ABC", "Dales Haulage", 4, Some(12_400)),
        ("PN68 TPR", "Dales Haulage", 6, Some(15_100)),
        ("SK21 MUD", "Fell Aggregates", 3, None),
        ("LD70 BAD", "Overdue Ltd", 4, Some(11_000)),
    ]
    .into_iter()
    .map(|(r, h, a, t)| (r.to_string(), Vehicle { reg: r.into(), haulier: h.into(), axles: a, stored_tare: t }))
    .collect();
    let mut office = Office {
        fleet: Arc::new(RwLock::new(fleet)),
        on_stop: vec!["Overdue Ltd".into()],
        next_ticket: 5000,
        prices: HashMap::from([("Type 1 MOT", 1_850), ("20mm clean", 2_300), ("Scalpings", 900)]),
    };
    let jobs: [(&str, &str, i32, Option<i32>); 6] = [
        ("YX19 ABC", "Type 1 MOT", 31_240, None),
        ("PN68 TPR", "20mm clean", 43_880, None),
        ("SK21 MUD", "Scalpings", 25_620, Some(9_870)),
        ("YX19 ABC", "20mm clean", 33_500, None),
        ("LD70 BAD", "Scalpings", 29_000, None),
        ("ZZ99 NEW", "Scalpings", 20_000, None),
    ];
    let mut tickets = Vec::new();
    for (reg, product, target, tare) in jobs {
        let mut bridge = LoadCellIndicator { target, settle: 900, wobble: 6 };
        match block_on(office.weigh_out(&mut bridge, reg, product, tare)) {
            Ok(t) => { println!("ticket {} {} {} net {} kg £{:.2}", t.no, t.reg, t.product, t.net_kg, t.price_pence as f64 / 100.0); tickets.push(t); }
            Err(WeighError::Overload { gross, limit }) if gross - limit < 2_000 => println!("{reg}: overloaded by {} kg, tip back", gross - limit),
            Err(e) => println!("{reg}: refused {e:?}"),
        }
    }
    let mut windy = WindyIndicator { base: 30_000, t: 0 };
    let r = block_on(office.weigh_out(&mut windy, "YX19 ABC", "Scalpings", None));
    let raw = block_on(windy.sample());
    println!("windy day: {r:?} raw {raw}");

    let fleet = office.fleet.clone();
    let month_end = async move || {
        yield_now().await;
        let fleet = fleet.read().unwrap();
        invoice_lines(&tickets, &fleet)
    };
    for (haulier, (n, kg, pence)) in block_on(month_end()) {
        println!("INVOICE {haulier}: {n} loads, {:.2} t, £{:.2}", kg as f64 / 1000.0, pence as f64 / 100.0);
    }
}
