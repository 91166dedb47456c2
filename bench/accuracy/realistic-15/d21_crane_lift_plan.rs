//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Mobile crane lift planning: interpolates the manufacturer's load chart for boom length
//! and radius, adds rigging weight, classifies the lift and checks live wind before a pick.

use std::collections::BTreeMap;
use std::fmt::Debug;
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

/// Capacities in kg; rows are boom lengths, columns radii. 0 = not permitted.
struct LoadChart<const B: usize, const R: usize> { model: &'static str, booms_m: [f32; B], radii_m: [f32; R], kg: [[u32; R]; B], max_wind_ms: f32 }

#[derive(Debug)]
enum LiftError { OutsideChart { boom: f32, radius: f32 }, Overload { pct: f32 }, Wind { gust_ms: f32, limit: f32 }, Rigging(String) }

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum LiftClass { Routine, Complex, Critical }

fn bracket(axis: &[f32], v: f32) -> Option<(usize, f32)> {
    // choose the next longer boom / next larger radius (conservative), or exact match
    let i = axis.iter().position(|&a| a >= v - 1e-3)?;
    Some((i, axis[i]))
}

impl<const B: usize, const R: usize> LoadChart<B, R> {
    fn capacity(&self, boom: f32, radius: f32) -> Result<u32, LiftError> {
        let out = || LiftError::OutsideChart { boom, radius };
        let (bi, _) = bracket(&self.booms_m, boom).ok_or_else(out)?;
        let (ri, r_hi) = bracket(&self.radii_m, radius).ok_or_else(out)?;
        let hi = self.kg[bi][ri];
        if hi == 0 { return Err(out()); }
        if ri == 0 || (r_hi - radius).abs() < 1e-3 { return Ok(hi); }
        // linear interpolation between radii is allowed by this manufacturer
        let (r_lo, lo) = (self.radii_m[ri - 1], self.kg[bi][ri - 1]);
        if lo == 0 { return Ok(hi); }
        let t = (radius - r_lo) / (r_hi - r_lo);
        Ok((lo as f32 + (hi as f32 - lo as f32) * t) as u32)
    }
}

trait WindSource {
    async fn gust_ms(&mut self) -> Option<f32>;
}
struct BoomTipAnemometer { samples: Vec<f32> }
struct SiteStation { ten_min_mean: f32, gust_factor: f32, online: bool }

impl WindSource for BoomTipAnemometer {
    async fn gust_ms(&mut self) -> Option<f32> {
        let mut peak = None::<f32>;
        for s in self.samples.drain(..) {
            yield_now().await;
            peak = Some(peak.map_or(s, |p| p.max(s)));
        }
        peak
    }
}
impl WindSource for SiteStation {
    async fn gust_ms(&mut self) -> Option<f32> {
        yield_now().await;
        self.online.then(|| self.ten_min_mean * self.gust_factor)
    }
}

fn rigging_kg(spec: &str) -> Result<u32, LiftError> {
    spec.split('+').map(str::trim).map(|item| {
        let (qty, name) = item.split_once('x').map(|(q, n)| (q.trim().parse::<u32>().unwrap_or(1), n.trim())).unwrap_or((1, item));
        let each = match name {
            "hook block" => 450,
            "4-leg chain" => 120,
            "spreader 6m" => 780,
            "shackle 17t" => 12,
            n if n.ends_with("kg") => n.trim_end_matches("kg").trim().parse().map_err(|_| LiftError::Rigging(item.to_string()))?,
            _ => return Err(LiftError::Rigging(item.to_string())),
        };
        Ok(qty * each)
    }).sum()
}

async fn plan_lift<W, const B: usize, const R: usize>(chart: &LoadChart<B, R>, wind: &mut W, load_kg: u32, rigging: &str, boom: f32, radius: f32) -> Result<(LiftClass, f32, String), LiftError>
where
    W: WindSource,
{
    let gross = load_kg + rigging_kg(rigging)?;
    let cap = chart.capacity(boom, radius)?;
    let pct = gross as f32 * 100.0 / cap as f32;
    if pct > 100.0 { return Err(LiftError::Overload { pct }); }
    let gust = wind.gust_ms().await.unwrap_or(f32::INFINITY);
    let limit = if pct > 75.0 { chart.max_wind_ms * 0.8 } else { chart.max_wind_ms };
    if gust > limit { return Err(LiftError::Wind { gust_ms: gust, limit }); }
    let class = match pct { p if p > 90.0 => LiftClass::Critical, p if p > 75.0 || radius > chart.radii_m[R - 1] * 0.8 => LiftClass::Complex, _ => LiftClass::Routine };
    Ok((class, pct, format!("{}: gross {gross} kg vs {cap} kg at {radius} m / boom {boom} m", chart.model)))
}

fn main() {
    let city = LoadChart::<3, 5> {
        model: "AT-60 city crane",
        booms_m: [12.0, 24.0, 36.0],
        radii_m: [4.0, 8.0, 12.0, 16.0, 20.0],
        kg: [[30_000, 16_500, 9_800, 0, 0], [22_000, 14_000, 8_600, 5_900, 4_100], [0, 11_200, 7_300, 5_000, 3_600]],
        max_wind_ms: 13.0,
    };
    let crawler = LoadChart::<2, 8> {
        model: "LR-300 crawler",
        booms_m: [42.0, 72.0],
        radii_m: [8.0, 12.0, 16.0, 20.0, 26.0, 32.0, 40.0, 48.0],
        kg: [[210_000, 150_000, 112_000, 88_000, 64_000, 48_000, 0, 0], [0, 120_000, 96_000, 76_000, 56_000, 42_000, 31_000, 23_500]],
        max_wind_ms: 9.8,
    };
    let registry: Arc<RwLock<BTreeMap<&str, Vec<String>>>> = Arc::new(RwLock::new(BTreeMap::new()));
    let mut tip = BoomTipAnemometer { samples: vec![4.1, 6.3, 5.2, 7.9, 6.0] };
    let mut station = SiteStation { ten_min_mean: 6.5, gust_factor: 1.4, online: true };

    let picks: [(&str, u32, &str, f32, f32); 4] = [
        ("AHU unit to roof", 6_200, "hook block + 4-leg chain + 4x shackle 17t", 24.0, 10.0),
        ("steel beam B12", 3_100, "hook block + 2x shackle 17t + 35kg", 36.0, 18.5),
        ("generator", 12_000, "hook block + spreader 6m", 24.0, 11.0),
        ("precast panel", 4_000, "hook block + mystery sling", 12.0, 6.0),
    ];
    for (what, kg, rig, boom, r) in picks {
        let res = block_on(plan_lift(&city, &mut station, kg, rig, boom, r));
        let line = match res {
            Ok((class, pct, desc)) => format!("{what}: {class:?} {pct:.0}% - {desc}"),
            Err(LiftError::Overload { pct }) if pct < 110.0 => format!("{what}: {pct:.0}% - re-plan with shorter radius"),
            Err(e) => format!("{what}: REFUSED {e:?}"),
        };
        registry.write().unwrap().entry("city").or_default().push(line);
    }
    let heavy = block_on(plan_lift(&crawler, &mut tip, 58_000, "hook block + spreader 6m", 60.0, 22.0));
    let heavy2 = block_on(plan_lift(&crawler, &mut tip, 10_000, "hook block", 72.0, 50.0));
    registry.write().unwrap().entry("crawler").or_default().extend([format!("{heavy:?}"), format!("{heavy2:?}")]);

    station.online = false;
    let offline = block_on(station.gust_ms());
    let report = async || {
        yield_now().await;
        registry.read().unwrap().iter().map(|(k, v)| format!("[{k}]\n  {}", v.join("\n  "))).collect::<Vec<_>>().join("\n")
    };
    println!("{}\nstation offline -> {offline:?}", block_on(report()));
}
