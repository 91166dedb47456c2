//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Ready-mix concrete batch plant: looks up mix designs per order, corrects water for aggregate
//! moisture probes, weighs materials into the drum within tolerance and dispatches trucks to sites.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

const MATERIALS: usize = 5; // cement, fly ash, sand, gravel, water
const NAMES: [&str; MATERIALS] = ["cement", "flyash", "sand", "gravel", "water"];
const TOLERANCE_PCT: [f64; MATERIALS] = [1.0, 1.0, 2.0, 2.0, 1.0];

#[derive(Debug, Clone, Copy)]
struct MixDesign { code: &'static str, kg_per_m3: [f64; MATERIALS], slump_mm: u16 }

#[derive(Debug)]
enum BatchError { UnknownMix(String), OutOfTolerance { material: &'static str, target: f64, actual: f64 }, SiloLow(&'static str), TooLarge(f64) }

#[derive(Debug, Clone)]
struct Order { ticket: u32, mix: String, m3: f64, site: String, pour_window: (u16, u16) }

fn corrected(design: &MixDesign, m3: f64, moisture_pct: (f64, f64), absorption_pct: (f64, f64)) -> [f64; MATERIALS] {
    let mut w = design.kg_per_m3.map(|kg| kg * m3);
    let free_sand = w[2] * (moisture_pct.0 - absorption_pct.0) / 100.0;
    let free_gravel = w[3] * (moisture_pct.1 - absorption_pct.1) / 100.0;
    w[2] += free_sand;
    w[3] += free_gravel;
    w[4] -= free_sand + free_gravel;
    w
}

struct Plant { silos: Mutex<[f64; MATERIALS]>, scale_bias: [f64; MATERIALS], moisture: Mutex<VecDeque<(f64, f64)>> }

impl Plant {
    async fn weigh(&self, targets: [f64; MATERIALS]) -> Result<[f64; MATERIALS], BatchError> {
        let mut actual = [0.0; MATERIALS];
        for i in 0..MATERIALS {
            {
                let silos = self.silos.lock().unwrap();
                if silos[i] < targets[i] { return Err(BatchError::SiloLow(NAMES[i])); }
            }
            yield_now().await; // gate open, material flowing
            actual[i] = targets[i] * (1.0 + self.scale_bias[i] / 100.0);
            let dev = (actual[i] - targets[i]).abs() / targets[i].max(1.0) * 100.0;
            if dev > TOLERANCE_PCT[i] {
                return Err(BatchError::OutOfTolerance { material: NAMES[i], target: targets[i], actual: actual[i] });
            }
            self.silos.lock().unwrap()[i] -= actual[i];
        }
        Ok(actual)
    }

    async fn latest_moisture(&self) -> (f64, f64) {
        yield_now().await;
        let q = self.moisture.lock().unwrap();
        let n = q.len().max(1) as f64;
        let (s, g) = q.iter().fold((0.0, 0.0), |acc, m| (acc.0 + m.0, acc.1 + m.1));
        (s / n, g / n)
    }
}

async fn produce(plant: &Plant, designs: &HashMap<&str, MixDesign>, order: &Order, drum_m3: f64) -> Result<String, BatchError> {
    let design = designs.get(order.mix.as_str()).ok_or_else(|| BatchError::UnknownMix(order.mix.clone()))?;
    if order.m3 > drum_m3 * 3.0 { return Err(BatchError::TooLarge(order.m3)); }
    let mut remaining = order.m3;
    let mut ticket = format!("TICKET {} {} -> {} ({:.1} m3, slump {} mm)\n", order.ticket, design.code, order.site, order.m3, design.slump_mm);
    let mut load = 1;
    while remaining > 1e-9 {
        let this = remaining.min(drum_m3);
        let moisture = plant.latest_moisture().await;
        let targets = corrected(design, this, moisture, (0.8, 0.5));
        let actual = plant.weigh(targets).await?;
        let wc = actual[4] / (actual[0] + actual[1]);
        write!(ticket, "  load {load}: {this:.1} m3 w/c {wc:.2}").unwrap();
        for (name, kg) in NAMES.iter().zip(actual) { write!(ticket, " {name}={kg:.0}").unwrap(); }
        ticket.push('\n');
        remaining -= this;
        load += 1;
    }
    Ok(ticket)
}

fn parse_orders(text: &str) -> Vec<Order> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split('|').map(str::trim).collect();
        let [ticket, mix, m3, site, window] = f.as_slice() else { return None };
        let (a, b) = window.split_once('-')?;
        Some(Order { ticket: ticket.parse().ok()?, mix: mix.to_string(), m3: m3.parse().ok()?, site: site.to_string(), pour_window: (a.parse().ok()?, b.parse().ok()?) })
    }).collect()
}

fn main() {
    let designs: HashMap<&str, MixDesign> = [
        MixDesign { code: "C32/40", kg_per_m3: [320.0, 60.0, 780.0, 1050.0, 165.0], slump_mm: 100 },
        MixDesign { code: "C25/30", kg_per_m3: [270.0, 50.0, 800.0, 1080.0, 170.0], slump_mm: 75 },
    ].into_iter().map(|d| (d.code, d)).collect();
    let plant = Plant {
        silos: Mutex::new([5_500.0, 1_500.0, 40_000.0, 60_000.0, 20_000.0]),
        scale_bias: [0.4, -0.5, 1.2, -0.8, 0.3],
        moisture: Mutex::new(VecDeque::from([(4.5, 1.2), (4.9, 1.0)])),
    };
    let orders = parse_orders("5001 | C32/40 | 14.5 | Harbour St slab | 0700-0930\n5002 | C25/30 | 6 | Mill Rd footings | 1000-1100\n\
                               5003 | C50/60 | 3 | Bridge deck | 1200-1300\nbroken line\n5004 | C25/30 | 40 | Tower core | 1300-1500\n");
    assert_eq!(orders.len(), 4);

    let t1 = block_on(produce(&plant, &designs, &orders[0], 6.0)).expect("order 5001");
    assert_eq!(t1.lines().count(), 4);
    assert!(matches!(block_on(produce(&plant, &designs, &orders[2], 6.0)), Err(BatchError::UnknownMix(_))));
    assert!(matches!(block_on(produce(&plant, &designs, &orders[3], 6.0)), Err(BatchError::TooLarge(_))));
    let t2 = block_on(produce(&plant, &designs, &orders[1], 6.0));
    assert!(matches!(t2, Err(BatchError::SiloLow("cement"))));

    let shared = Arc::new(plant);
    let p = Arc::clone(&shared);
    let refill = async move |material: usize, kg: f64| {
        yield_now().await;
        p.silos.lock().unwrap()[material] += kg;
        p.moisture.lock().unwrap().push_back((6.0, 1.5));
    };
    block_on(refill(0, 10_000.0));
    let t2 = block_on(produce(&shared, &designs, &orders[1], 6.0)).expect("after cement delivery");
    let bad_scale = Plant { silos: Mutex::new([1e6; MATERIALS]), scale_bias: [0.0, 0.0, 0.0, 3.5, 0.0], moisture: Mutex::new(VecDeque::new()) };
    assert!(matches!(block_on(bad_scale.weigh([100.0; MATERIALS])), Err(BatchError::OutOfTolerance { material: "gravel", .. })));

    let levels: BTreeMap<&str, f64> = NAMES.iter().copied().zip(*shared.silos.lock().unwrap()).collect();
    print!("{t1}{t2}silos {levels:.0?}\n");
}
