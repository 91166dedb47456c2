//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Oilfield production accounting: allocates a battery's metered oil, gas and water back to
//! its wells in proportion to test rates times hours on production, flagging stale tests.

use std::collections::{BTreeMap, HashMap};
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

const PHASES: usize = 3; // oil bbl, gas mcf, water bbl
type Volumes = [f64; PHASES];

#[derive(Debug, Clone)]
struct WellTest { well: String, day: u32, rates: Volumes }

#[derive(Debug)]
enum AllocError { NoTest(String), Meter { id: &'static str, reason: String }, ZeroTheoretical, Downtime(String) }

trait BatteryMeter {
    fn id(&self) -> &'static str;
    async fn daily_volumes(&mut self, day: u32) -> Result<Volumes, AllocError>;
}

struct LactUnit { tickets: BTreeMap<u32, (f64, f64)>, meter_factor: f64 }
struct OrificeAndTurbine { gas_mcf: Vec<f64>, water_bbl: Vec<f64>, oil_tank_gauge_in: Vec<(u32, f64, f64)> }

impl BatteryMeter for LactUnit {
    fn id(&self) -> &'static str { "LACT-1" }
    async fn daily_volumes(&mut self, day: u32) -> Result<Volumes, AllocError> {
        yield_now().await;
        let (oil, bsw_pct) = *self.tickets.get(&day).ok_or(AllocError::Meter { id: "LACT-1", reason: format!("no ticket day {day}") })?;
        let net_oil = oil * self.meter_factor * (1.0 - bsw_pct / 100.0);
        Ok([net_oil, 0.0, oil * bsw_pct / 100.0])
    }
}

impl BatteryMeter for OrificeAndTurbine {
    fn id(&self) -> &'static str { "BATT-7 meters" }
    async fn daily_volumes(&mut self, day: u32) -> Result<Volumes, AllocError> {
        let i = day as usize;
        let gas = *self.gas_mcf.get(i).ok_or(AllocError::Meter { id: "orifice", reason: "chart missing".into() })?;
        yield_now().await;
        let water = self.water_bbl.get(i).copied().unwrap_or(0.0);
        // tank strapping: 1.67 bbl per inch for a 400 bbl tank
        let oil = self.oil_tank_gauge_in.iter().filter(|(d, _, _)| *d == day).map(|(_, open, close)| (close - open) * 1.67).sum::<f64>();
        Ok([oil, gas, water])
    }
}

fn parse_downtime(log: &str) -> HashMap<String, f64> {
    log.lines().filter_map(|l| {
        let (well, hrs) = l.split_once(':')?;
        Some((well.trim().to_string(), hrs.split(',').filter_map(|h| h.trim().parse::<f64>().ok()).sum::<f64>()))
    }).collect()
}

struct AllocationRun { day: u32, results: BTreeMap<String, Volumes>, warnings: Vec<String> }

async fn allocate<M: BatteryMeter>(meter: &mut M, run: Arc<Mutex<AllocationRun>>, tests: &[WellTest], downtime_log: &str, stale_after: u32) -> Result<Volumes, AllocError> {
    // the run is locked for the whole allocation so reports never see a half-written day
    let mut run = run.lock().unwrap();
    let measured = meter.daily_volumes(run.day).await?;
    let downtime = parse_downtime(downtime_log);
    let mut latest: BTreeMap<&str, &WellTest> = BTreeMap::new();
    for t in tests.iter().filter(|t| t.day <= run.day) {
        let e = latest.entry(t.well.as_str()).or_insert(t);
        if t.day > e.day { *e = t; }
    }
    let mut theoretical: Vec<(String, Volumes)> = Vec::new();
    for (well, test) in &latest {
        let down = downtime.get(*well).copied().unwrap_or(0.0);
        if down > 24.0 { return Err(AllocError::Downtime(well.to_string())); }
        let age = run.day - test.day;
        if age > stale_after { run.warnings.push(format!("{well}: test is {age} days old")); }
        let on = (24.0 - down) / 24.0;
        theoretical.push((well.to_string(), test.rates.map(|r| r * on)));
        yield_now().await;
    }
    let mut totals = [0.0; PHASES];
    for (_, v) in &theoretical { for p in 0..PHASES { totals[p] += v[p]; } }
    if totals.iter().all(|t| *t == 0.0) { return Err(AllocError::ZeroTheoretical); }
    let mut factors = [0.0; PHASES];
    for p in 0..PHASES { factors[p] = if totals[p] > 0.0 { measured[p] / totals[p] } else { 0.0 }; }
    for (well, v) in theoretical {
        let alloc: Volumes = std::array::from_fn(|p| v[p] * factors[p]);
        run.results.insert(well, alloc);
    }
    if factors.iter().any(|f| *f > 0.0 && (*f < 0.85 || *f > 1.15)) {
        run.warnings.push(format!("{}: allocation factors {:?} outside 0.85-1.15", meter.id(), factors.map(|f| (f * 1000.0).round() / 1000.0)));
    }
    Ok(factors)
}

fn main() {
    let tests = vec![
        WellTest { well: "SMITH 1H".into(), day: 2, rates: [310.0, 540.0, 900.0] },
        WellTest { well: "SMITH 2H".into(), day: 9, rates: [250.0, 610.0, 700.0] },
        WellTest { well: "JONES 4".into(), day: 1, rates: [40.0, 80.0, 300.0] },
        WellTest { well: "SMITH 1H".into(), day: 11, rates: [295.0, 520.0, 960.0] },
    ];
    let run = Arc::new(Mutex::new(AllocationRun { day: 14, results: BTreeMap::new(), warnings: vec![] }));
    let mut lact = LactUnit { tickets: BTreeMap::from([(14, (610.0, 1.2)), (15, (590.0, 0.8))]), meter_factor: 1.0021 };
    let f1 = block_on(allocate(&mut lact, run.clone(), &tests, "SMITH 2H: 3.5, 2\nJONES 4: 0", 10));
    println!("LACT factors {f1:?}");
    {
        let r = run.lock().unwrap();
        for (w, v) in &r.results { println!("  {w:<9} oil {:>7.1} bbl gas {:>6.1} mcf water {:>7.1} bbl", v[0], v[1], v[2]); }
        for w in &r.warnings { println!("  WARN {w}"); }
    }

    let mut meters = OrificeAndTurbine { gas_mcf: vec![0.0; 14].into_iter().chain([1180.0]).collect(), water_bbl: vec![1650.0; 15], oil_tank_gauge_in: vec![(14, 41.0, 400.0)] };
    let f2 = block_on(allocate(&mut meters, run.clone(), &tests, "JONES 4: 12, 3.5", 30));
    let f3 = block_on(allocate(&mut lact, run.clone(), &tests[..0], "", 30));
    let f5 = block_on(allocate(&mut lact, run.clone(), &tests, "SMITH 1H: 20, 5", 30));
    run.lock().unwrap().day = 20;
    let f4 = block_on(allocate(&mut meters, run.clone(), &tests, "", 30));
    let v = block_on(meters.daily_volumes(14));
    println!("battery meters {f2:?}\nno tests {f3:?} downtime {f5:?}\nday 20 {f4:?}\nraw day14 {v:?}");
    let summary = (|run: Arc<Mutex<AllocationRun>>| async move {
        yield_now().await;
        let r = run.lock().unwrap();
        r.results.values().fold([0.0; PHASES], |acc, v| std::array::from_fn(|p| acc[p] + v[p]))
    })(run);
    println!("allocated totals {:?}", block_on(summary).map(|x| x.round()));
}
