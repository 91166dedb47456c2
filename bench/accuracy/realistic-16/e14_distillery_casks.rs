//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Whisky distillery bonded warehouse: tracks filled casks by rack position, applies yearly
//! angel's-share losses, records regauges from the dipstick and the scale, and plans vattings.

use std::collections::BTreeMap;
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Wood { Bourbon, Sherry { oloroso: bool }, Virgin }

#[derive(Debug, Clone)]
struct Cask { id: u32, wood: Wood, filled_year: u16, litres: f64, abv: f64, rack: (char, u8, u8) }

impl Cask {
    fn lpa(&self) -> f64 { self.litres * self.abv / 100.0 }
}

#[derive(Debug)]
enum GaugeError { UnknownCask(u32), Implausible { id: u32, delta: f64 } }

trait Gauge {
    fn name(&self) -> &'static str;
    async fn read(&mut self, cask: &Cask) -> (f64, f64);
    async fn regauge(&mut self, cask: &mut Cask) -> Result<f64, GaugeError> {
        let (litres, abv) = self.read(cask).await;
        let delta = cask.litres - litres;
        if delta < -1.0 || delta > cask.litres * 0.25 {
            return Err(GaugeError::Implausible { id: cask.id, delta });
        }
        cask.litres = litres;
        cask.abv = abv;
        Ok(delta)
    }
}

struct Dipstick { wet_depth_mm: BTreeMap<u32, u16> }
struct WeighScale { tare_kg: f64, gross_kg: BTreeMap<u32, f64> }

impl Gauge for Dipstick {
    fn name(&self) -> &'static str { "dip" }
    async fn read(&mut self, cask: &Cask) -> (f64, f64) {
        yield_now().await;
        let depth = self.wet_depth_mm.get(&cask.id).copied().unwrap_or(0) as f64;
        (depth * 0.38, cask.abv - 0.3)
    }
}
impl Gauge for WeighScale {
    fn name(&self) -> &'static str { "scale" }
    async fn read(&mut self, cask: &Cask) -> (f64, f64) {
        yield_now().await;
        let net = self.gross_kg.get(&cask.id).map_or(0.0, |g| g - self.tare_kg);
        let density = 0.99 - cask.abv * 0.0013;
        yield_now().await;
        (net / density, cask.abv - 0.2)
    }
}

fn angels_share(cask: &mut Cask, years: u16) {
    let rate = match cask.wood { Wood::Sherry { oloroso: true } => 0.018, Wood::Virgin => 0.025, _ => 0.02 };
    for _ in 0..years {
        cask.litres *= 1.0 - rate;
        cask.abv -= 0.3;
    }
}

type Warehouse = Arc<Mutex<Vec<Cask>>>;

async fn regauge_all<G: Gauge>(wh: Warehouse, gauge: &mut G, ids: &[u32]) -> Vec<Result<(u32, f64), GaugeError>> {
    // Single-threaded warehouse task: the lock is held for the whole regauge pass on purpose,
    // so nobody can plan a vatting against half-updated volumes.
    let mut casks = wh.lock().unwrap();
    let mut results = Vec::new();
    for &id in ids {
        let res = match casks.iter_mut().find(|c| c.id == id) {
            Some(c) => gauge.regauge(c).await.map(|d| (id, d)),
            None => Err(GaugeError::UnknownCask(id)),
        };
        results.push(res);
    }
    results
}

async fn plan_vatting(wh: Warehouse, min_age: u16, this_year: u16, target_lpa: f64) -> Option<(Vec<u32>, f64, f64)> {
    let mut candidates: Vec<Cask> = {
        let casks = wh.lock().unwrap();
        casks.iter().filter(|c| this_year - c.filled_year >= min_age).cloned().collect()
    };
    yield_now().await;
    candidates.sort_by(|a, b| b.abv.partial_cmp(&a.abv).unwrap());
    let mut picked = Vec::new();
    let (mut lpa, mut litres) = (0.0, 0.0);
    for c in candidates {
        if lpa >= target_lpa { break; }
        lpa += c.lpa();
        litres += c.litres;
        picked.push(c.id);
    }
    (lpa >= target_lpa).then(|| (picked, litres, lpa / litres * 100.0))
}

fn main() {
    let mut casks = vec![
        Cask { id: 101, wood: Wood::Bourbon, filled_year: 2012, litres: 200.0, abv: 63.5, rack: ('A', 1, 3) },
        Cask { id: 102, wood: Wood::Sherry { oloroso: true }, filled_year: 2013, litres: 500.0, abv: 63.5, rack: ('A', 2, 1) },
        Cask { id: 103, wood: Wood::Virgin, filled_year: 2019, litres: 225.0, abv: 63.5, rack: ('B', 1, 1) },
        Cask { id: 104, wood: Wood::Bourbon, filled_year: 2014, litres: 200.0, abv: 63.5, rack: ('B', 3, 2) },
    ];
    for c in casks.iter_mut() {
        angels_share(c, 2024 - c.filled_year);
    }
    assert!(casks[0].litres < 160.0 && casks[2].abv < 62.5);
    let wh: Warehouse = Arc::new(Mutex::new(casks));

    let mut dip = Dipstick { wet_depth_mm: BTreeMap::from([(101, 410), (102, 1000), (104, 900)]) };
    let dip_results = block_on(regauge_all(Arc::clone(&wh), &mut dip, &[101, 102, 104, 999]));
    assert!(dip_results[0].is_ok());
    assert!(matches!(dip_results[2], Err(GaugeError::Implausible { id: 104, .. })));
    assert!(matches!(dip_results[3], Err(GaugeError::UnknownCask(999))));

    let mut scale = WeighScale { tare_kg: 55.0, gross_kg: BTreeMap::from([(103, 230.0), (104, 204.0)]) };
    let scale_results = block_on(regauge_all(Arc::clone(&wh), &mut scale, &[103, 104]));
    assert!(scale_results.iter().all(|r| r.is_ok()));

    let plan = block_on(plan_vatting(Arc::clone(&wh), 10, 2024, 250.0)).expect("enough spirit for a vatting");
    assert_eq!(plan.0, vec![104, 102]);
    assert!(block_on(plan_vatting(Arc::clone(&wh), 10, 2024, 10_000.0)).is_none());

    let wh2 = Arc::clone(&wh);
    let by_rack = block_on(async move {
        yield_now().await;
        let casks = wh2.lock().unwrap();
        let mut m: BTreeMap<char, f64> = BTreeMap::new();
        for c in casks.iter() {
            *m.entry(c.rack.0).or_default() += c.lpa();
        }
        m
    });
    println!("vatting {:?}: {:.0} L at {:.1}% ABV; LPA by rack {by_rack:?}", plan.0, plan.1, plan.2);
}
