//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! EV charging depot: shares a site power cap between charger sessions, tops vehicles
//! up toward a target state of charge and bills metered energy under pluggable tariffs.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { break v; }
    }
}

#[derive(Default)]
struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 > 0 { return Poll::Ready(()); }
        self.0 += 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct ChargerId(u8);

#[derive(Debug, Clone)]
struct Session {
    vehicle: String, charger: ChargerId, battery_kwh: f64, soc: f64,
    target_soc: f64, max_kw: f64, delivered_kwh: f64, started_hour: u32,
}

#[derive(Debug)]
enum DepotError { ChargerBusy(ChargerId), UnknownCharger(ChargerId), Idle(ChargerId), Tariff(String) }

trait Tariff {
    fn name(&self) -> &str;
    async fn price_per_kwh(&self, hour: u32) -> Result<f64, DepotError>;

    async fn session_cost(&self, hourly: &[(u32, f64)]) -> Result<f64, DepotError> {
        let mut total = 0.0;
        for &(h, kwh) in hourly { total += self.price_per_kwh(h).await? * kwh; }
        Ok((total * 100.0).round() / 100.0)
    }
}

struct Flat(f64);
struct TimeOfUse { bands: BTreeMap<u32, f64> }
struct DemandCharge { base: f64, per_peak_kw: f64 }

impl Tariff for Flat {
    fn name(&self) -> &str { "flat" }
    async fn price_per_kwh(&self, _hour: u32) -> Result<f64, DepotError> {
        Yield::default().await;
        Ok(self.0)
    }
}

impl Tariff for TimeOfUse {
    fn name(&self) -> &str { "time-of-use" }
    async fn price_per_kwh(&self, hour: u32) -> Result<f64, DepotError> {
        Yield::default().await;
        self.bands
            .range(..=hour % 24)
            .next_back()
            .map(|(_, p)| *p)
            .ok_or_else(|| DepotError::Tariff(format!("no band covers hour {hour}")))
    }
}

impl Tariff for DemandCharge {
    fn name(&self) -> &str { "demand" }
    async fn price_per_kwh(&self, _hour: u32) -> Result<f64, DepotError> {
        Ok(self.base)
    }
    async fn session_cost(&self, hourly: &[(u32, f64)]) -> Result<f64, DepotError> {
        let energy: f64 = hourly.iter().map(|(_, k)| k).sum();
        Yield::default().await;
        let peak = hourly.iter().map(|&(_, k)| k).fold(0.0, f64::max);
        Ok(energy * self.price_per_kwh(0).await? + peak * self.per_peak_kw)
    }
}

struct Depot {
    site_cap_kw: f64,
    chargers: [Option<Session>; 4],
    meter: Mutex<HashMap<String, Vec<(u32, f64)>>>,
    hour: u32,
}

impl Depot {
    fn plug_in(&mut self, s: Session) -> Result<(), DepotError> {
        let slot = self.chargers.get_mut(s.charger.0 as usize).ok_or(DepotError::UnknownCharger(s.charger))?;
        if let Some(existing) = slot.as_ref() && existing.vehicle != s.vehicle { return Err(DepotError::ChargerBusy(s.charger)); }
        *slot = Some(s);
        Ok(())
    }

    fn allocate(&self) -> [f64; 4] {
        let demand: Vec<f64> = self.chargers.iter()
            .map(|c| c.as_ref().filter(|s| s.soc < s.target_soc).map_or(0.0, |s| s.max_kw))
            .collect();
        let total: f64 = demand.iter().sum();
        let scale = if total > self.site_cap_kw { self.site_cap_kw / total } else { 1.0 };
        let mut out = [0.0; 4];
        out.iter_mut().zip(&demand).for_each(|(o, d)| *o = d * scale);
        out
    }

    async fn run_hour(&mut self) -> usize {
        let alloc = self.allocate();
        let mut meter = self.meter.lock().unwrap();
        let mut done = 0;
        for (slot, kw) in self.chargers.iter_mut().zip(alloc) {
            let Some(sess) = slot else { continue };
            Yield::default().await;
            let need = ((sess.target_soc - sess.soc) * sess.battery_kwh).max(0.0);
            let kwh = kw.min(need);
            sess.soc += kwh / sess.battery_kwh;
            sess.delivered_kwh += kwh;
            meter.entry(sess.vehicle.clone()).or_default().push((self.hour, kwh));
            done += (sess.soc >= sess.target_soc - 1e-9) as usize;
        }
        self.hour += 1;
        done
    }

    async fn charge_until_done(&mut self, max_hours: u32) -> u32 {
        let active = self.chargers.iter().flatten().count();
        for h in 0..max_hours {
            if self.run_hour().await >= active { return h + 1; }
        }
        max_hours
    }

    async fn unplug_and_bill<T: Tariff>(&mut self, id: ChargerId, tariff: &T) -> Result<(String, f64), DepotError> {
        let sess = self.chargers.get_mut(id.0 as usize).ok_or(DepotError::UnknownCharger(id))?
            .take().ok_or(DepotError::Idle(id))?;
        let hourly = self.meter.lock().unwrap().remove(&sess.vehicle).unwrap_or_default();
        let cost = tariff.session_cost(&hourly).await?;
        Ok((format!("{} via {} {:.1} kWh", sess.vehicle, tariff.name(), sess.delivered_kwh), cost))
    }
}

fn session(vehicle: &str, charger: u8, battery: f64, soc: f64, max_kw: f64) -> Session {
    Session { vehicle: vehicle.into(), charger: ChargerId(charger), battery_kwh: battery, soc, target_soc: 0.8, max_kw, delivered_kwh: 0.0, started_hour: 0 }
}

fn main() {
    let mut depot = Depot { site_cap_kw: 60.0, chargers: [None, None, None, None], meter: Mutex::new(HashMap::new()), hour: 17 };
    for s in [session("van-01", 0, 75.0, 0.2, 22.0), session("van-02", 1, 60.0, 0.35, 22.0), session("bus-7", 2, 300.0, 0.6, 50.0)] { depot.plug_in(s).unwrap(); }
    println!("double plug: {:?}", depot.plug_in(session("van-09", 1, 50.0, 0.1, 11.0)).err());
    println!("hours needed: {}", block_on(depot.charge_until_done(12)));

    let tou = TimeOfUse { bands: BTreeMap::from([(0, 0.11), (7, 0.24), (17, 0.38), (21, 0.15)]) };
    let receipts = Rc::new(RefCell::new(Vec::new()));
    let billing = {
        let receipts = Rc::clone(&receipts);
        let depot = &mut depot;
        let tou = &tou;
        async move {
            let a = depot.unplug_and_bill(ChargerId(0), &Flat(0.29)).await;
            let b = depot.unplug_and_bill(ChargerId(1), tou).await;
            let c = depot.unplug_and_bill(ChargerId(2), &DemandCharge { base: 0.12, per_peak_kw: 1.5 }).await;
            let d = depot.unplug_and_bill(ChargerId(3), &Flat(0.29)).await;
            for r in [a, b, c, d] { receipts.borrow_mut().push(r.map(|(desc, cost)| format!("{desc}: ${cost:.2}"))); }
        }
    };
    block_on(billing);
    receipts.borrow().iter().for_each(|r| println!("{r:?}"));

    let compare = async |hourly: Vec<(u32, f64)>| {
        let flat = Flat(0.3).session_cost(&hourly).await.unwrap_or(f64::NAN);
        let t = tou.session_cost(&hourly).await.unwrap_or(f64::NAN);
        (flat, t)
    };
    println!("compare {:?}", block_on(compare(vec![(18, 20.0), (22, 15.0), (3, 30.0)])));
}
