//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Fleet telematics: decodes GPS/CAN frames from trucks, detects harsh braking and geofence exits, and summarizes trips.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
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

const FRAME_LEN: usize = 12;
const HARSH_DECEL: f32 = -3.5;

#[derive(Debug, Clone, Copy)]
struct Fix {
    t: Duration,
    lat: f32,
    lon: f32,
    speed_mps: f32,
}

#[derive(Debug)]
enum Event {
    HarshBrake { truck: u16, at: Duration, decel: f32 },
    GeofenceExit { truck: u16, at: Duration },
    Idle { truck: u16, secs: u64 },
}

struct Geofence {
    min: (f32, f32),
    max: (f32, f32),
}

struct FleetState {
    tracks: Mutex<HashMap<u16, VecDeque<Fix>>>,
    fences: RwLock<HashMap<u16, Geofence>>,
    events: Mutex<Vec<Event>>,
}

fn decode(frame: &[u8; FRAME_LEN]) -> (u16, Fix) {
    let truck = u16::from_be_bytes([frame[0], frame[1]]);
    let t = Duration::from_secs(u16::from_be_bytes([frame[2], frame[3]]) as u64);
    let lat = i16::from_be_bytes([frame[4], frame[5]]) as f32 / 100.0;
    let lon = i16::from_be_bytes([frame[6], frame[7]]) as f32 / 100.0;
    let speed_mps = u16::from_be_bytes([frame[8], frame[9]]) as f32 / 10.0;
    (truck, Fix { t, lat, lon, speed_mps })
}

async fn receive_frames(raw: &[u8]) -> Vec<[u8; FRAME_LEN]> {
    let mut out = Vec::new();
    for chunk in raw.chunks_exact(FRAME_LEN) {
        let mut f = [0u8; FRAME_LEN];
        f.copy_from_slice(chunk);
        let checksum = f[..FRAME_LEN - 1].iter().fold(0u8, |a, b| a.wrapping_add(*b));
        if checksum != f[FRAME_LEN - 1] {
            continue;
        }
        out.push(f);
        Yield { left: 1 }.await;
    }
    out
}

async fn ingest_fix(state: &FleetState, truck: u16, fix: Fix) {
    let prev = state.tracks.lock().unwrap().get(&truck).and_then(|q| q.back().copied());
    if let Some(p) = prev
        && let dt = (fix.t - p.t).as_secs_f32()
        && dt > 0.0
        && (fix.speed_mps - p.speed_mps) / dt < HARSH_DECEL
    {
        Yield { left: 1 }.await;
        state.events.lock().unwrap().push(Event::HarshBrake { truck, at: fix.t, decel: (fix.speed_mps - p.speed_mps) / dt });
    }
    if let Some(fence) = state.fences.read().unwrap().get(&truck)
        && (fix.lat < fence.min.0 || fix.lat > fence.max.0 || fix.lon < fence.min.1 || fix.lon > fence.max.1)
    {
        state.events.lock().unwrap().push(Event::GeofenceExit { truck, at: fix.t });
    } else {
        Yield { left: 1 }.await;
    }
    let mut tracks = state.tracks.lock().unwrap();
    let q = tracks.entry(truck).or_default();
    q.push_back(fix);
    if q.len() > 32 {
        q.pop_front();
    }
}

fn trip_distance(state: &FleetState, truck: u16) -> impl Future<Output = f32> {
    async move {
        Yield { left: 1 }.await;
        let fixes: Vec<Fix> = state.tracks.lock().unwrap().get(&truck).map(|q| q.iter().copied().collect()).unwrap_or_default();
        fixes
            .windows(2)
            .map(|w| {
                let dlat = (w[1].lat - w[0].lat) * 111.0;
                let dlon = (w[1].lon - w[0].lon) * 73.0;
                (dlat * dlat + dlon * dlon).sqrt()
            })
            .sum()
    }
}

async fn detect_idle(state: &FleetState) -> usize {
    let trucks: Vec<u16> = state.tracks.lock().unwrap().keys().copied().collect();
    let mut found = 0;
    for truck in trucks {
        Yield { left: 1 }.await;
        let idle = {
            let tracks = state.tracks.lock().unwrap();
            let q = &tracks[&truck];
            let stopped: Vec<&Fix> = q.iter().rev().take_while(|f| f.speed_mps < 0.5).collect();
            match (stopped.first(), stopped.last()) {
                (Some(a), Some(b)) => (a.t - b.t).as_secs(),
                _ => 0,
            }
        };
        if idle >= 60 {
            state.events.lock().unwrap().push(Event::Idle { truck, secs: idle });
            found += 1;
        }
    }
    found
}

fn make_frame(truck: u16, t: u16, lat: i16, lon: i16, speed: u16) -> Vec<u8> {
    let mut f = Vec::with_capacity(FRAME_LEN);
    f.extend_from_slice(&truck.to_be_bytes());
    f.extend_from_slice(&t.to_be_bytes());
    f.extend_from_slice(&lat.to_be_bytes());
    f.extend_from_slice(&lon.to_be_bytes());
    f.extend_from_slice(&speed.to_be_bytes());
    f.push(0);
    let sum = f.iter().fold(0u8, |a, b| a.wrapping_add(*b));
    f.push(sum);
    f
}

fn main() {
    let state = Arc::new(FleetState { tracks: Mutex::new(HashMap::new()), fences: RwLock::new(HashMap::new()), events: Mutex::new(Vec::new()) });
    state.fences.write().unwrap().insert(7, Geofence { min: (50.0, 14.0), max: (50.2, 14.6) });
    let mut raw = Vec::new();
    let plan = [(7, 0, 5005, 1420, 220), (7, 10, 5010, 1430, 210), (7, 12, 5011, 1431, 80), (7, 30, 5025, 1440, 0), (7, 120, 5025, 1440, 0), (9, 0, 4900, 1600, 150), (9, 20, 4905, 1610, 160)];
    for (truck, t, lat, lon, spd) in plan {
        raw.extend(make_frame(truck, t, lat, lon, spd));
    }
    raw.extend([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99]);
    let frames = block_on(receive_frames(&raw));
    println!("{} valid frames", frames.len());
    for f in frames.iter() {
        let (truck, fix) = decode(f);
        block_on(ingest_fix(&state, truck, fix));
    }
    let idle = block_on(detect_idle(&state));
    for truck in [7u16, 9] {
        println!("truck {truck}: {:.2} km", block_on(trip_distance(&state, truck)));
    }
    let st = Arc::clone(&state);
    let drain = async move || {
        Yield { left: 1 }.await;
        std::mem::take(&mut *st.events.lock().unwrap())
    };
    for e in block_on(drain()) {
        println!("{e:?}");
    }
    println!("idle trucks: {idle}");
}
