//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Mobile crane lift planning: interpolates the manufacturer's load chart for boom length and
//! radius, adds rigging weight, checks wind and ground bearing, and signs off a lift plan.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::num::ParseFloatError;
use std::pin::Pin;
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

const BOOMS_M: [f64; 4] = [12.0, 20.0, 30.0, 40.0];
const RADII_M: [f64; 6] = [3.0, 6.0, 10.0, 15.0, 20.0, 28.0];
/// Rated capacity in tonnes, 0 = not permitted (outside chart).
const CHART_T: [[f64; RADII_M.len()]; BOOMS_M.len()] = [
    [60.0, 32.0, 16.0, 0.0, 0.0, 0.0],
    [48.0, 30.0, 15.5, 8.8, 0.0, 0.0],
    [0.0, 26.0, 14.0, 8.0, 5.2, 0.0],
    [0.0, 0.0, 12.5, 7.4, 4.8, 2.6],
];

#[derive(Debug)]
enum LiftError { Parse(ParseFloatError), Field(&'static str), OffChart { boom: f64, radius: f64 }, Overload { pct: u32 }, Wind(f64), Ground { kpa: u32, allowed: u32 } }

impl From<ParseFloatError> for LiftError {
    fn from(e: ParseFloatError) -> Self { LiftError::Parse(e) }
}
impl fmt::Display for LiftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiftError::Overload { pct } => write!(f, "load is {pct}% of chart"),
            LiftError::Wind(v) => write!(f, "gusts {v:.1} m/s over limit"),
            other => write!(f, "{other:?}"),
        }
    }
}

fn bracket<const N: usize>(axis: &[f64; N], x: f64) -> Option<(usize, f64)> {
    let i = axis.windows(2).position(|w| x >= w[0] && x <= w[1])?;
    Some((i, (x - axis[i]) / (axis[i + 1] - axis[i])))
}

/// Conservative lookup: radius interpolated, boom rounded up to the next charted length.
fn rated_capacity(boom: f64, radius: f64) -> Option<f64> {
    let b = BOOMS_M.iter().position(|&l| l >= boom)?;
    let (r, frac) = bracket(&RADII_M, radius)?;
    let (lo, hi) = (CHART_T[b][r], CHART_T[b][r + 1]);
    if lo == 0.0 || (hi == 0.0 && frac > 0.0) { return None; }
    Some(lo + (hi - lo) * frac)
}

#[derive(Debug, Clone)]
struct LiftRequest { load_t: f64, rigging_t: f64, boom_m: f64, radius_m: f64, outrigger_pad_m2: f64, ground_kpa: u32 }

fn parse_request(text: &str) -> Result<LiftRequest, LiftError> {
    let fields: BTreeMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.trim(), v.trim())).collect();
    let num = |k: &'static str| -> Result<f64, LiftError> { Ok(fields.get(k).ok_or(LiftError::Field(k))?.trim_end_matches(|c: char| c.is_alphabetic()).parse::<f64>()?) };
    Ok(LiftRequest { load_t: num("load")?, rigging_t: num("rigging").unwrap_or(0.5), boom_m: num("boom")?, radius_m: num("radius")?, outrigger_pad_m2: num("pad")?, ground_kpa: num("ground")? as u32 })
}

trait WindSensor {
    async fn gust(&mut self) -> f64;
    async fn max_gust(&mut self, samples: usize) -> f64 {
        let mut worst: f64 = 0.0;
        for _ in 0..samples { worst = worst.max(self.gust().await); }
        worst
    }
}
struct BoomTipAnemometer { readings: Vec<f64>, i: usize }
struct SiteForecast { gust_ms: f64 }

impl WindSensor for BoomTipAnemometer {
    async fn gust(&mut self) -> f64 {
        yield_now().await;
        let v = self.readings[self.i % self.readings.len()];
        self.i += 1;
        v
    }
}
impl WindSensor for SiteForecast {
    async fn gust(&mut self) -> f64 { self.gust_ms }
    async fn max_gust(&mut self, _samples: usize) -> f64 { yield_now().await; self.gust_ms * 1.2 }
}

async fn plan<W: WindSensor>(req: &LiftRequest, wind: &mut W, crane_t: f64) -> Result<String, LiftError> {
    let cap = rated_capacity(req.boom_m, req.radius_m).ok_or(LiftError::OffChart { boom: req.boom_m, radius: req.radius_m })?;
    let gross = req.load_t + req.rigging_t;
    let pct = (gross / cap * 100.0).round() as u32;
    if pct > 90 { return Err(LiftError::Overload { pct }); }
    let gust = wind.max_gust(5).await;
    match gust {
        g if g > 13.9 => return Err(LiftError::Wind(g)),
        g if g > 9.8 && pct > 75 => return Err(LiftError::Wind(g)),
        _ => {}
    }
    // worst outrigger takes ~ 60% of crane + load
    let pad_kpa = ((crane_t + gross) * 0.6 * 9.81 / req.outrigger_pad_m2).round() as u32;
    if pad_kpa > req.ground_kpa { return Err(LiftError::Ground { kpa: pad_kpa, allowed: req.ground_kpa }); }
    let class = if pct > 75 { "critical" } else { "routine" };
    Ok(format!("{class} lift: {gross:.1} t at {:.1} m on {:.0} m boom = {pct}% of {cap:.1} t; gust {gust:.1} m/s; pad {pad_kpa} kPa", req.radius_m, req.boom_m))
}

fn main() {
    assert_eq!(rated_capacity(20.0, 6.0), Some(30.0));
    assert_eq!(rated_capacity(18.0, 8.0), Some(22.75));
    assert_eq!(rated_capacity(12.0, 12.0), None);
    assert_eq!(rated_capacity(45.0, 10.0), None);

    let req = parse_request("load = 9.2t\nrigging = 0.4t\nboom = 20m\nradius = 8.5m\npad = 2.25\nground = 220\n").unwrap();
    let mut tip = BoomTipAnemometer { readings: vec![6.5, 8.1, 7.7, 10.4, 9.0], i: 0 };
    let ok = block_on(plan(&req, &mut tip, 48.0)).expect("routine lift");
    assert!(ok.starts_with("routine"));

    let heavy = LiftRequest { load_t: 16.0, ..req.clone() };
    let mut forecast = SiteForecast { gust_ms: 9.0 };
    let crit = block_on(plan(&heavy, &mut forecast, 48.0));
    assert!(matches!(crit, Err(LiftError::Wind(g)) if g > 10.0));
    assert_eq!(block_on(forecast.gust()), 9.0);
    let calm = block_on(plan(&heavy, &mut SiteForecast { gust_ms: 5.0 }, 48.0)).unwrap();
    assert!(calm.starts_with("critical"));

    let soft = LiftRequest { ground_kpa: 150, ..req.clone() };
    assert!(matches!(block_on(plan(&soft, &mut tip, 48.0)), Err(LiftError::Ground { allowed: 150, .. })));
    assert!(matches!(block_on(plan(&LiftRequest { load_t: 30.0, ..req.clone() }, &mut tip, 48.0)), Err(LiftError::Overload { .. })));
    assert!(matches!(parse_request("load=x\nboom=1\nradius=1\npad=1\nground=1"), Err(LiftError::Parse(_))));
    assert!(matches!(parse_request("load=1"), Err(LiftError::Field("boom"))));

    let checks: Vec<Pin<Box<dyn Future<Output = Result<String, LiftError>>>>> = [(20.0, 3.0), (30.0, 20.0), (40.0, 28.0), (12.0, 20.0)]
        .into_iter()
        .map(|(boom, radius)| {
            let r = LiftRequest { load_t: 1.5, boom_m: boom, radius_m: radius, ..req.clone() };
            Box::pin(async move { plan(&r, &mut SiteForecast { gust_ms: 4.0 }, 48.0).await }) as Pin<Box<dyn Future<Output = _>>>
        })
        .collect();
    let results: Vec<String> = checks.into_iter().map(|f| block_on(f).map_or_else(|e| format!("REFUSED {e}"), |s| s)).collect();
    assert_eq!(results.iter().filter(|r| r.starts_with("REFUSED")).count(), 1);
    println!("{ok}\n{calm}\n{}", results.join("\n"));
}
