//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Upper-air sounding processor for a forecast office: decodes radiosonde level reports,
//! derives freezing level, LCL, lifted index and 0-6 km shear, and issues convective flags.

use std::collections::BTreeMap;
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

const MAX_LEVELS: usize = 64;

#[derive(Debug, Clone, Copy, Default)]
struct Level { p_hpa: f64, z_m: f64, t_c: f64, td_c: f64, dir: f64, kt: f64 }

#[derive(Debug)]
enum SoundingError { TooFewLevels(usize), NotMonotonic { at_hpa: f64 }, Garbled(String), Terminated { at_hpa: f64 } }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Convective { Stable, Marginal, Unstable { severe: bool } }

trait SoundingFeed {
    fn station(&self) -> &'static str;
    async fn next_level(&mut self) -> Option<Result<Level, SoundingError>>;
}

struct GroundStation { telemetry: Vec<&'static str>, burst_at: Option<f64> }
struct ModelColumn { base: Level, lapse_c_per_km: f64, dewpoint_dep: [f64; 8], step: usize }

impl SoundingFeed for GroundStation {
    fn station(&self) -> &'static str { "03743 Larkhill" }
    async fn next_level(&mut self) -> Option<Result<Level, SoundingError>> {
        if self.telemetry.is_empty() { return None; }
        let line = self.telemetry.remove(0);
        yield_now().await;
        let v: Vec<f64> = line.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        let [p, z, t, td, dir, kt] = v[..] else { return Some(Err(SoundingError::Garbled(line.to_string()))) };
        if self.burst_at.map_or(false, |b| p < b) { return Some(Err(SoundingError::Terminated { at_hpa: p })); }
        Some(Ok(Level { p_hpa: p, z_m: z, t_c: t, td_c: td, dir, kt }))
    }
}

impl SoundingFeed for ModelColumn {
    fn station(&self) -> &'static str { "NWP point 51.2N 1.8W" }
    async fn next_level(&mut self) -> Option<Result<Level, SoundingError>> {
        if self.step >= 12 { return None; }
        yield_now().await;
        let z = self.base.z_m + self.step as f64 * 750.0;
        let t = self.base.t_c - self.lapse_c_per_km * (z - self.base.z_m) / 1000.0;
        let p = self.base.p_hpa * (1.0 - 2.25577e-5 * (z - self.base.z_m)).powf(5.25588);
        let dep = self.dewpoint_dep[self.step.min(7)];
        self.step += 1;
        Some(Ok(Level { p_hpa: p, z_m: z, t_c: t, td_c: t - dep, dir: 200.0 + self.step as f64 * 8.0, kt: 10.0 + self.step as f64 * 4.0 }))
    }
}

fn interp_z_at<F: Fn(&Level) -> f64>(levels: &[Level], f: F, target: f64) -> Option<f64> {
    levels.windows(2).find_map(|w| {
        let (a, b) = (f(&w[0]), f(&w[1]));
        if (a - target) * (b - target) <= 0.0 && a != b { Some(w[0].z_m + (target - a) / (b - a) * (w[1].z_m - w[0].z_m)) } else { None }
    })
}

fn wind_uv(l: &Level) -> (f64, f64) {
    let r = l.dir.to_radians();
    (-l.kt * r.sin(), -l.kt * r.cos())
}

async fn process<S: SoundingFeed>(feed: &mut S, archive: Arc<RwLock<BTreeMap<String, String>>>) -> Result<Convective, SoundingError> {
    let mut buf = [Level::default(); MAX_LEVELS];
    let mut n = 0;
    while let Some(lvl) = feed.next_level().await {
        let lvl = match lvl {
            Ok(l) => l,
            Err(SoundingError::Terminated { at_hpa }) if at_hpa < 400.0 => break, // balloon burst above 400 hPa is usable
            Err(e) => return Err(e),
        };
        if n > 0 && lvl.p_hpa >= buf[n - 1].p_hpa { return Err(SoundingError::NotMonotonic { at_hpa: lvl.p_hpa }); }
        if n < MAX_LEVELS { buf[n] = lvl; n += 1; }
    }
    let levels = &buf[..n];
    if n < 4 { return Err(SoundingError::TooFewLevels(n)); }
    let sfc = levels[0];
    let freezing = interp_z_at(levels, |l| l.t_c, 0.0);
    let lcl_agl = 125.0 * (sfc.t_c - sfc.td_c);
    let z500 = interp_z_at(levels, |l| l.p_hpa, 500.0);
    let t500 = z500.map(|z| {
        let above = levels.iter().position(|l| l.z_m >= z).unwrap_or(n - 1).max(1);
        let (a, b) = (levels[above - 1], levels[above]);
        a.t_c + (z - a.z_m) / (b.z_m - a.z_m) * (b.t_c - a.t_c)
    });
    let lifted = match (z500, t500) {
        (Some(z), Some(t_env)) => {
            let t_lcl = sfc.t_c - 9.8 * lcl_agl / 1000.0;
            let t_parcel = t_lcl - 6.0 * (z - sfc.z_m - lcl_agl) / 1000.0;
            Some(t_env - t_parcel)
        }
        _ => None,
    };
    let top6 = levels.iter().filter(|l| l.z_m - sfc.z_m <= 6000.0).last().copied().unwrap_or(sfc);
    let ((u0, v0), (u6, v6)) = (wind_uv(&sfc), wind_uv(&top6));
    let shear_kt = ((u6 - u0).powi(2) + (v6 - v0).powi(2)).sqrt();
    let verdict = match lifted {
        Some(li) if li <= -4.0 && shear_kt >= 35.0 => Convective::Unstable { severe: true },
        Some(li) if li < 0.0 => Convective::Unstable { severe: false },
        Some(li) if li < 2.0 => Convective::Marginal,
        _ => Convective::Stable,
    };
    let summary = format!("{n} levels, FZL {} m, LCL {lcl_agl:.0} m AGL, LI {}, shear {shear_kt:.0} kt -> {verdict:?}",
        freezing.map_or("n/a".to_string(), |z| format!("{z:.0}")), lifted.map_or("n/a".to_string(), |li| format!("{li:+.1}")));
    archive.write().unwrap().insert(feed.station().to_string(), summary);
    Ok(verdict)
}

fn main() {
    let archive = Arc::new(RwLock::new(BTreeMap::new()));
    let mut larkhill = GroundStation {
        telemetry: vec![
            "1012 132 14.2 9.8 200 8", "925 830 9.0 6.1 215 18", "850 1520 4.6 1.0 225 24", "700 3080 -4.2 -11.0 240 32",
            "600 4300 -11.8 -20.5 245 38", "500 5700 -21.5 -33.0 250 45", "400 7320 -33.0 -44.0 255 55", "300 9280 -46.5 -55.0 260 70",
        ],
        burst_at: Some(350.0),
    };
    let mut model = ModelColumn { base: Level { p_hpa: 1008.0, z_m: 60.0, t_c: 24.0, td_c: 18.0, dir: 190.0, kt: 6.0 }, lapse_c_per_km: 7.8, dewpoint_dep: [3.0, 3.0, 4.0, 6.0, 10.0, 14.0, 18.0, 20.0], step: 0 };
    let r1 = block_on(process(&mut larkhill, archive.clone()));
    let r2 = block_on(process(&mut model, archive.clone()));
    let mut garbled = GroundStation { telemetry: vec!["1012 132 14.2 9.8 200 8", "925 830 //// 6.1 215 18"], burst_at: None };
    let mut inverted = GroundStation { telemetry: vec!["1000 100 10 5 0 5", "1005 50 11 6 0 5"], burst_at: None };
    let mut early_burst = GroundStation { telemetry: vec!["1000 100 10 5 0 5", "900 1000 4 0 0 5", "800 2000 -2 -6 0 5", "700 3100 -8 -14 0 5", "600 4300 -15 -22 0 5"], burst_at: Some(750.0) };
    let r3 = block_on(process(&mut garbled, archive.clone()));
    let r4 = block_on(process(&mut inverted, archive.clone()));
    let r5 = block_on(process(&mut early_burst, archive.clone()));
    println!("{r1:?}\n{r2:?}\n{r3:?}\n{r4:?}\n{r5:?}");
    let bulletin = async move || {
        yield_now().await;
        archive.read().unwrap().iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>()
    };
    for line in block_on(bulletin()) { println!("{line}"); }
}
