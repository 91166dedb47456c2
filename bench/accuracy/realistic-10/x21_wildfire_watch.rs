//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a wildfire watch centre that fuses lookout-camera bearings and satellite hotspots into incidents and dispatch levels.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield {
    ready: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.ready {
            return Poll::Ready(());
        }
        self.ready = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn yield_now() {
    Yield { ready: false }.await
}

async fn uplink(frames: u8) {
    for _ in 0..frames {
        yield_now().await;
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pos {
    x_km: f64,
    y_km: f64,
}

#[derive(Debug, Clone)]
enum Detection {
    Bearing { tower: &'static str, from: Pos, degrees: f64, confidence: f32 },
    Hotspot { at: Pos, frp_mw: f32, age: Duration },
}

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Level {
    Monitor,
    Initial,
    Extended,
    Major,
}

#[derive(Debug)]
struct Incident {
    id: u32,
    at: Pos,
    sources: Vec<String>,
    level: Level,
}

trait Detector {
    fn label(&self) -> String;
    async fn poll_once(&mut self) -> Vec<Detection>;
    async fn poll_many(&mut self, rounds: u8) -> Vec<Detection> {
        let mut all = Vec::new();
        for _ in 0..rounds {
            let batch = self.poll_once().await;
            if batch.is_empty() {
                break;
            }
            all.extend(batch);
        }
        all
    }
}

struct LookoutCamera {
    tower: &'static str,
    pos: Pos,
    pan_schedule: Vec<(f64, f32)>,
}

struct SatellitePass {
    name: &'static str,
    hotspots: Vec<(f64, f64, f32, u64)>,
    delivered: bool,
}

impl Detector for LookoutCamera {
    fn label(&self) -> String {
        format!("camera {}", self.tower)
    }
    async fn poll_once(&mut self) -> Vec<Detection> {
        uplink(1).await;
        let Some((degrees, confidence)) = self.pan_schedule.pop() else { return Vec::new() };
        if confidence < 0.3 {
            return vec![]; // haze; the operator dismisses it
        }
        vec![Detection::Bearing { tower: self.tower, from: self.pos, degrees, confidence }]
    }
}

impl Detector for SatellitePass {
    fn label(&self) -> String {
        self.name.to_string()
    }
    async fn poll_once(&mut self) -> Vec<Detection> {
        if std::mem::replace(&mut self.delivered, true) {
            return Vec::new();
        }
        uplink(3).await;
        self.hotspots
            .iter()
            .map(|&(x, y, frp, mins)| Detection::Hotspot { at: Pos { x_km: x, y_km: y }, frp_mw: frp, age: Duration::from_secs(mins * 60) })
            .collect()
    }
}

/// Intersect two bearing rays; returns None when they are nearly parallel or cross behind a tower.
fn triangulate(a: Pos, deg_a: f64, b: Pos, deg_b: f64) -> Option<Pos> {
    let (da, db) = (deg_a.to_radians(), deg_b.to_radians());
    let (ax, ay, bx, by) = (da.sin(), da.cos(), db.sin(), db.cos());
    let denom = ax * by - ay * bx;
    if denom.abs() < 1e-3 {
        return None;
    }
    let t = ((b.x_km - a.x_km) * by - (b.y_km - a.y_km) * bx) / denom;
    let u = ((b.x_km - a.x_km) * ay - (b.y_km - a.y_km) * ax) / denom;
    (t > 0.0 && u > 0.0).then(|| Pos { x_km: a.x_km + t * ax, y_km: a.y_km + t * ay })
}

fn dist(a: Pos, b: Pos) -> f64 {
    ((a.x_km - b.x_km).powi(2) + (a.y_km - b.y_km).powi(2)).sqrt()
}

async fn collect<D>(detector: &mut D, inbox: Arc<Mutex<Vec<(String, Detection)>>>, rounds: u8) -> usize
where
    D: Detector,
{
    let found = detector.poll_many(rounds).await;
    let label = detector.label();
    let n = found.len();
    let mut guard = inbox.lock().unwrap();
    guard.extend(found.into_iter().map(|d| (label.clone(), d)));
    yield_now().await; // guard deliberately held: the fusion step must see a consistent inbox
    n
}

async fn fuse(inbox: Vec<(String, Detection)>, fwi: f32, incidents: &RwLock<BTreeMap<u32, Incident>>) -> usize {
    let (bearings, hotspots): (Vec<_>, Vec<_>) = inbox.into_iter().partition(|(_, d)| matches!(d, Detection::Bearing { .. }));
    let mut fixes: Vec<(Pos, Vec<String>)> = Vec::new();
    for (i, (la, a)) in bearings.iter().enumerate() {
        for (lb, b) in bearings.iter().skip(i + 1) {
            if let (Detection::Bearing { tower: ta, from: pa, degrees: da, .. }, Detection::Bearing { tower: tb, from: pb, degrees: db, .. }) = (a, b) {
                if ta == tb {
                    continue;
                }
                if let Some(p) = triangulate(*pa, *da, *pb, *db) {
                    fixes.push((p, vec![la.clone(), lb.clone()]));
                }
            }
            yield_now().await;
        }
    }
    for (label, d) in hotspots {
        if let Detection::Hotspot { at, frp_mw, age } = d {
            match fixes.iter_mut().find(|(p, _)| dist(*p, at) < 2.0) {
                Some((_, srcs)) => srcs.push(format!("{label} {frp_mw}MW")),
                None if age < Duration::from_secs(3600) => fixes.push((at, vec![format!("{label} {frp_mw}MW")])),
                None => {}
            }
        }
    }
    let mut table = incidents.write().unwrap();
    let mut next_id = table.keys().next_back().copied().unwrap_or(100) + 1;
    for (at, sources) in fixes {
        let level = match (sources.len(), fwi) {
            (n, f) if n >= 3 && f > 30.0 => Level::Major,
            (n, f) if n >= 3 || f > 30.0 => Level::Extended,
            (2, _) => Level::Initial,
            _ => Level::Monitor,
        };
        table.insert(next_id, Incident { id: next_id, at, sources, level });
        next_id += 1;
    }
    table.len()
}

pub fn main() {
    let mut north = LookoutCamera { tower: "Bald Peak", pos: Pos { x_km: 0.0, y_km: 0.0 }, pan_schedule: vec![(200.0, 0.2), (45.0, 0.8)] };
    let mut east = LookoutCamera { tower: "Cedar Knob", pos: Pos { x_km: 20.0, y_km: 0.0 }, pan_schedule: vec![(315.0, 0.7)] };
    let mut viirs = SatellitePass { name: "VIIRS-N20", hotspots: vec![(10.4, 9.7, 38.5, 12), (40.0, 40.0, 5.0, 200), (-8.0, 3.0, 12.0, 20)], delivered: false };

    let inbox = Arc::new(Mutex::new(Vec::new()));
    let incidents = RwLock::new(BTreeMap::new());
    let fire_weather_index: HashMap<&str, f32> = HashMap::from([("today", 34.5), ("tomorrow", 18.0)]);

    let total = block_on(async {
        let counts = (
            collect(&mut north, Arc::clone(&inbox), 3).await,
            collect(&mut east, Arc::clone(&inbox), 3).await,
            collect(&mut viirs, Arc::clone(&inbox), 2).await,
        );
        println!("detections per source: {counts:?}");
        let batch = std::mem::take(&mut *inbox.lock().unwrap());
        fuse(batch, fire_weather_index["today"], &incidents).await
    });

    println!("{total} incidents open");
    for inc in incidents.read().unwrap().values() {
        println!("  #{} at ({:.1}, {:.1}) km -> {:?} from {}", inc.id, inc.at.x_km, inc.at.y_km, inc.level, inc.sources.join(" + "));
    }
    let worst = incidents.read().unwrap().values().map(|i| i.level).fold(Level::Monitor, |a, b| if b > a { b } else { a });
    println!("worst level: {worst:?}; inbox left {}", inbox.lock().unwrap().len());
}
