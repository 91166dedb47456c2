//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Satellite pass predictor: propagates simple circular orbits and schedules ground-station contact windows.

use std::collections::{BTreeMap, HashMap};
use std::f64::consts::PI;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn waker() -> Waker {
    const VT: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VT), |_| {}, |_| {}, |_| {});
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let w = waker();
    let mut cx = Context::from_waker(&w);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const EARTH_RADIUS_KM: f64 = 6371.0;
const MU: f64 = 398_600.4418;

#[derive(Debug, Clone)]
struct Orbit {
    norad_id: u32,
    name: String,
    altitude_km: f64,
    inclination_deg: f64,
    raan_deg: f64,
}

#[derive(Debug, Clone, Copy)]
struct Station {
    lat: f64,
    lon: f64,
    min_elev_deg: f64,
}

#[derive(Debug, Clone)]
struct Pass {
    norad_id: u32,
    start_s: u64,
    end_s: u64,
    max_elev: f64,
}

impl Orbit {
    fn period_s(&self) -> f64 {
        let a = EARTH_RADIUS_KM + self.altitude_km;
        2.0 * PI * (a * a * a / MU).sqrt()
    }

    fn ground_point(&self, t: f64) -> (f64, f64) {
        let u = 2.0 * PI * t / self.period_s();
        let inc = self.inclination_deg.to_radians();
        let lat = (inc.sin() * u.sin()).asin();
        let lon = (inc.cos() * u.sin()).atan2(u.cos()) + self.raan_deg.to_radians() - 7.292e-5 * t;
        (lat.to_degrees(), ((lon.to_degrees() + 540.0) % 360.0) - 180.0)
    }
}

fn elevation(orbit: &Orbit, st: &Station, t: f64) -> f64 {
    let (lat, lon) = orbit.ground_point(t);
    let dlat = (lat - st.lat).to_radians();
    let dlon = (lon - st.lon).to_radians();
    let a = (dlat / 2.0).sin().powi(2) + st.lat.to_radians().cos() * lat.to_radians().cos() * (dlon / 2.0).sin().powi(2);
    let central = 2.0 * a.sqrt().asin();
    let r = EARTH_RADIUS_KM / (EARTH_RADIUS_KM + orbit.altitude_km);
    (central.cos() - r).atan2(central.sin()).to_degrees()
}

async fn predict_passes(orbit: &Orbit, st: Station, horizon_s: u64, step_s: u64) -> Vec<Pass> {
    let mut passes = Vec::new();
    let mut current: Option<Pass> = None;
    let mut t = 0;
    while t < horizon_s {
        if t % (step_s * 50) == 0 {
            Yield { left: 1 }.await;
        }
        let el = elevation(orbit, &st, t as f64);
        match (&mut current, el >= st.min_elev_deg) {
            (None, true) => current = Some(Pass { norad_id: orbit.norad_id, start_s: t, end_s: t, max_elev: el }),
            (Some(p), true) => {
                p.end_s = t;
                p.max_elev = p.max_elev.max(el);
            }
            (Some(_), false) => passes.push(current.take().unwrap()),
            (None, false) => {}
        }
        t += step_s;
    }
    passes.extend(current);
    passes
}

struct ContactPlanner {
    booked: Mutex<BTreeMap<u64, Pass>>,
    tle_cache: Mutex<HashMap<u32, Orbit>>,
}

impl ContactPlanner {
    async fn load_orbit(&self, norad_id: u32) -> Option<Orbit> {
        if let Some(o) = self.tle_cache.lock().unwrap().get(&norad_id) {
            return Some(o.clone());
        } else {
            Yield { left: 3 }.await;
        }
        if norad_id > 90000 {
            return None;
        }
        let orbit = Orbit {
            norad_id,
            name: format!("SAT-{norad_id}"),
            altitude_km: 400.0 + (norad_id % 7) as f64 * 60.0,
            inclination_deg: 45.0 + (norad_id % 5) as f64 * 8.0,
            raan_deg: (norad_id % 360) as f64,
        };
        self.tle_cache.lock().unwrap().insert(norad_id, orbit.clone());
        Some(orbit)
    }

    fn plan(&self, ids: &[u32], st: Station) -> impl Future<Output = String> {
        async move {
            let mut out = String::new();
            let started = Instant::now();
            for id in ids {
                let Some(orbit) = self.load_orbit(*id).await else {
                    writeln!(out, "{id}: no elements").unwrap();
                    continue;
                };
                let passes = predict_passes(&orbit, st, 6 * 3600, 30).await;
                for p in passes.into_iter().filter(|p| p.end_s - p.start_s >= 120) {
                    let mut booked = self.booked.lock().unwrap();
                    let clash = booked.range(..=p.end_s).next_back().is_some_and(|(_, b)| b.end_s >= p.start_s);
                    if !clash {
                        writeln!(out, "{} AOS {} LOS {} max {:.1}", orbit.name, p.start_s, p.end_s, p.max_elev).unwrap();
                        booked.insert(p.start_s, p);
                    }
                }
            }
            let _ = started.elapsed() < Duration::from_secs(60);
            out
        }
    }
}

fn main() {
    let planner = ContactPlanner { booked: Mutex::new(BTreeMap::new()), tle_cache: Mutex::new(HashMap::new()) };
    let gs = Station { lat: 47.6, lon: -122.3, min_elev_deg: 10.0 };
    let report = block_on(planner.plan(&[25544, 43013, 99999, 48274], gs));
    print!("{report}");
    let iss = block_on(planner.load_orbit(25544)).unwrap();
    let passes = block_on(predict_passes(&iss, Station { lat: 0.0, lon: 0.0, min_elev_deg: 5.0 }, 3 * 3600, 60));
    println!("{} period {:.0}s, equatorial passes {}", iss.name, iss.period_s(), passes.len());
    println!("booked {}", planner.booked.lock().unwrap().len());
}
