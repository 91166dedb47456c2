#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Irrigation controller: reads soil moisture probes, computes per-zone watering needs, and sequences valves under a flow limit.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
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

const MAX_FLOW_LPM: f32 = 40.0;
const SAMPLES: usize = 4;

trait MoistureProbe {
    fn zone(&self) -> u8;
    async fn sample(&self, n: usize) -> Option<f32>;
}

struct CapacitiveProbe {
    zone: u8,
    raw: [u16; SAMPLES],
    dry: u16,
    wet: u16,
}

struct TensiometerProbe {
    zone: u8,
    kpa: Vec<f32>,
}

impl MoistureProbe for CapacitiveProbe {
    fn zone(&self) -> u8 {
        self.zone
    }
    async fn sample(&self, n: usize) -> Option<f32> {
        Yield { left: 1 }.await;
        let r = *self.raw.get(n)?;
        if r == 0 {
            return None;
        }
        Some(((self.dry.saturating_sub(r)) as f32 / (self.dry - self.wet) as f32).clamp(0.0, 1.0))
    }
}

impl MoistureProbe for TensiometerProbe {
    fn zone(&self) -> u8 {
        self.zone
    }
    async fn sample(&self, n: usize) -> Option<f32> {
        Yield { left: 2 }.await;
        self.kpa.get(n).map(|k| (1.0 - k / 80.0).clamp(0.0, 1.0))
    }
}

#[derive(Debug, Clone)]
struct Zone {
    id: u8,
    name: &'static str,
    flow_lpm: f32,
    target: f32,
    mm_per_min: f32,
}

#[derive(Debug)]
enum ValveCmd {
    Open(u8),
    Close(u8),
}

async fn read_moisture<P>(probe: &P) -> Option<f32>
where
    P: MoistureProbe,
{
    let mut vals = Vec::with_capacity(SAMPLES);
    for n in 0..SAMPLES {
        match probe.sample(n).await {
            Some(v) => vals.push(v),
            None => continue,
        }
    }
    if vals.len() < SAMPLES / 2 {
        return None;
    }
    vals.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Some(vals[vals.len() / 2])
}

async fn plan_runtimes(zones: &[Zone], moisture: &HashMap<u8, f32>, rain_mm: f32) -> BTreeMap<u8, Duration> {
    let mut plan = BTreeMap::new();
    for z in zones.iter() {
        Yield { left: 1 }.await;
        let Some(m) = moisture.get(&z.id) else {
            println!("zone {} has no reading, skipping", z.name);
            continue;
        };
        let deficit_mm = ((z.target - m) * 25.0 - rain_mm).max(0.0);
        if deficit_mm < 1.0 {
            continue;
        }
        let mins = deficit_mm / z.mm_per_min;
        plan.insert(z.id, Duration::from_secs_f32(mins * 60.0));
    }
    plan
}

async fn send(bus: &Mutex<Vec<ValveCmd>>, cmd: ValveCmd) {
    Yield { left: 1 }.await;
    bus.lock().unwrap().push(cmd);
}

async fn run_cycle(zones: &[Zone], plan: BTreeMap<u8, Duration>, bus: Arc<Mutex<Vec<ValveCmd>>>) -> Duration {
    let flow: HashMap<u8, f32> = zones.iter().map(|z| (z.id, z.flow_lpm)).collect();
    let mut pending: VecDeque<(u8, Duration)> = plan.into_iter().collect();
    let mut running: Vec<(u8, Duration)> = Vec::new();
    let mut clock = Duration::ZERO;
    while !pending.is_empty() || !running.is_empty() {
        let mut used: f32 = running.iter().map(|(z, _)| flow[z]).sum();
        while let Some(&(z, dur)) = pending.front() {
            if used + flow[&z] > MAX_FLOW_LPM && !running.is_empty() {
                break;
            }
            pending.pop_front();
            send(&bus, ValveCmd::Open(z)).await;
            used += flow[&z];
            running.push((z, clock + dur));
        }
        let next_end = running.iter().map(|(_, e)| *e).min().unwrap();
        clock = next_end;
        let (done, still): (Vec<_>, Vec<_>) = running.into_iter().partition(|(_, e)| *e <= clock);
        running = still;
        for (z, _) in done {
            send(&bus, ValveCmd::Close(z)).await;
        }
    }
    clock
}

fn main() {
    let zones = vec![
        Zone { id: 1, name: "lawn-front", flow_lpm: 22.0, target: 0.6, mm_per_min: 0.5 },
        Zone { id: 2, name: "veg-beds", flow_lpm: 8.0, target: 0.7, mm_per_min: 0.3 },
        Zone { id: 3, name: "lawn-back", flow_lpm: 25.0, target: 0.6, mm_per_min: 0.5 },
        Zone { id: 4, name: "hedge", flow_lpm: 6.0, target: 0.4, mm_per_min: 0.2 },
    ];
    let cap1 = CapacitiveProbe { zone: 1, raw: [2900, 2950, 0, 2880], dry: 3200, wet: 1400 };
    let cap3 = CapacitiveProbe { zone: 3, raw: [0, 0, 0, 2000], dry: 3200, wet: 1400 };
    let ten2 = TensiometerProbe { zone: 2, kpa: vec![55.0, 60.0, 58.0, 52.0] };
    let ten4 = TensiometerProbe { zone: 4, kpa: vec![20.0, 22.0] };
    let mut moisture = HashMap::new();
    for (z, m) in [(cap1.zone(), block_on(read_moisture(&cap1))), (cap3.zone(), block_on(read_moisture(&cap3)))] {
        if let Some(v) = m {
            moisture.insert(z, v);
        }
    }
    for p in [&ten2, &ten4] {
        if let Some(v) = block_on(read_moisture(p)) {
            moisture.insert(p.zone(), v);
        }
    }
    println!("moisture: {:?}", moisture.iter().collect::<BTreeMap<_, _>>());
    let plan = block_on(plan_runtimes(&zones, &moisture, 2.0));
    println!("plan: {:?}", plan);
    let bus = Arc::new(Mutex::new(Vec::new()));
    let total = block_on(run_cycle(&zones, plan, Arc::clone(&bus)));
    println!("cycle took {:.1} min, commands {:?}", total.as_secs_f32() / 60.0, bus.lock().unwrap());
}
