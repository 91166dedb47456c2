//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Central chiller plant sequencer for a campus: estimates cooling load from the chilled-water
//! loop, stages chillers by efficiency curve with minimum run times, and resets supply setpoints.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
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

const MIN_RUN_MIN: u32 = 30;
const CURVE_POINTS: usize = 5;

#[derive(Debug, Clone)]
struct Chiller {
    tag: &'static str,
    capacity_kw: f64,
    /// kW/kW at 20/40/60/80/100 % load
    curve: [f64; CURVE_POINTS],
    running_since: Option<u32>,
    faulted: bool,
}

impl Chiller {
    fn kw_per_kw(&self, part_load: f64) -> f64 {
        let x = (part_load.clamp(0.2, 1.0) - 0.2) / 0.2;
        let i = (x.floor() as usize).min(CURVE_POINTS - 2);
        let frac = x - i as f64;
        self.curve[i] + (self.curve[i + 1] - self.curve[i]) * frac
    }
}

#[derive(Debug, Clone, Copy)]
struct LoopSample { minute: u32, supply_c: f64, return_c: f64, flow_lps: f64 }

#[derive(Debug, PartialEq)]
enum StageCmd { Start(&'static str), Stop(&'static str), Hold }

struct Plant { chillers: RwLock<Vec<Chiller>>, setpoint_c: Mutex<f64>, log: Mutex<VecDeque<String>> }

fn load_kw(s: &LoopSample) -> f64 { s.flow_lps * 4.186 * (s.return_c - s.supply_c) }

async fn smoothed_load(samples: &[LoopSample]) -> f64 {
    let mut acc = 0.0;
    let mut weight = 0.0;
    for (i, s) in samples.iter().enumerate() {
        let w = (i + 1) as f64;
        acc += load_kw(s) * w;
        weight += w;
        if i % 2 == 1 { yield_now().await; }
    }
    if weight == 0.0 { 0.0 } else { acc / weight }
}

async fn plan_stage(plant: &Plant, load: f64, now: u32) -> StageCmd {
    let snapshot: Vec<Chiller> = plant.chillers.read().unwrap().clone();
    yield_now().await;
    let (running, idle): (Vec<&Chiller>, Vec<&Chiller>) = snapshot.iter().filter(|c| !c.faulted).partition(|c| c.running_since.is_some());
    let online_kw: f64 = running.iter().map(|c| c.capacity_kw).sum();
    if load > online_kw * 0.9 {
        return idle
            .iter()
            .min_by(|a, b| a.kw_per_kw(load / (online_kw + a.capacity_kw)).total_cmp(&b.kw_per_kw(load / (online_kw + b.capacity_kw))))
            .map_or(StageCmd::Hold, |c| StageCmd::Start(c.tag));
    }
    let smallest = running.iter().min_by(|a, b| a.capacity_kw.total_cmp(&b.capacity_kw));
    match smallest {
        Some(c) if now - c.running_since.unwrap_or(now) < MIN_RUN_MIN => StageCmd::Hold,
        Some(c) if running.len() > 1 && load < (online_kw - c.capacity_kw) * 0.75 => StageCmd::Stop(c.tag),
        _ => StageCmd::Hold,
    }
}

async fn apply(plant: &Plant, cmd: &StageCmd, now: u32) {
    {
        let mut chillers = plant.chillers.write().unwrap();
        for c in chillers.iter_mut() {
            match cmd {
                StageCmd::Start(tag) if c.tag == *tag => c.running_since = Some(now),
                StageCmd::Stop(tag) if c.tag == *tag => c.running_since = None,
                _ => {}
            }
        }
    }
    yield_now().await;
    plant.log.lock().unwrap().push_back(format!("t+{now} {cmd:?}"));
}

/// Chilled-water reset: warmer supply at low load saves compressor energy.
async fn reset_setpoint(plant: &Plant, load: f64, design_kw: f64) -> f64 {
    let frac = (load / design_kw).clamp(0.0, 1.0);
    let target = 9.0 - 3.0 * frac;
    let mut sp = plant.setpoint_c.lock().unwrap();
    let step = (target - *sp).clamp(-0.5, 0.5);
    *sp += step;
    *sp
}

fn main() {
    let plant = Plant {
        chillers: RwLock::new(vec![
            Chiller { tag: "CH-1", capacity_kw: 1400.0, curve: [0.75, 0.60, 0.55, 0.56, 0.60], running_since: Some(0), faulted: false },
            Chiller { tag: "CH-2", capacity_kw: 1400.0, curve: [0.80, 0.62, 0.57, 0.58, 0.62], running_since: None, faulted: false },
            Chiller { tag: "CH-3", capacity_kw: 700.0, curve: [0.70, 0.58, 0.54, 0.55, 0.59], running_since: None, faulted: false },
            Chiller { tag: "CH-4", capacity_kw: 2000.0, curve: [0.65, 0.50, 0.48, 0.50, 0.55], running_since: None, faulted: true },
        ]),
        setpoint_c: Mutex::new(7.0),
        log: Mutex::new(VecDeque::new()),
    };
    let trend = |minute: u32, delta: f64, flow: f64| LoopSample { minute, supply_c: 6.7, return_c: 6.7 + delta, flow_lps: flow };
    let morning: Vec<LoopSample> = (0..6).map(|i| trend(i * 5, 4.0 + i as f64 * 0.4, 80.0)).collect();
    let load = block_on(smoothed_load(&morning));
    assert!(load > 1260.0);

    let cmd = block_on(plan_stage(&plant, load, 40));
    assert_eq!(cmd, StageCmd::Start("CH-3"));
    block_on(apply(&plant, &cmd, 40));
    assert_eq!(block_on(plan_stage(&plant, 1500.0, 50)), StageCmd::Hold);
    assert_eq!(block_on(plan_stage(&plant, 500.0, 50)), StageCmd::Hold); // CH-3 below minimum run time
    let stop = block_on(plan_stage(&plant, 500.0, 80));
    assert_eq!(stop, StageCmd::Stop("CH-3"));
    block_on(apply(&plant, &stop, 80));

    let sps: Vec<f64> = block_on(async {
        let mut out = Vec::new();
        for l in [300.0, 300.0, 300.0, 2800.0] {
            out.push(reset_setpoint(&plant, l, 3500.0).await);
        }
        out
    });
    assert_eq!(sps[..3], [7.5, 8.0, 8.5]);
    assert_eq!(sps[3], 8.0);

    let shared = Arc::new(plant);
    let p2 = Arc::clone(&shared);
    let energy = block_on(async move {
        yield_now().await;
        let ch = p2.chillers.read().unwrap();
        ch.iter().filter(|c| c.running_since.is_some()).map(|c| c.capacity_kw * 0.8 * c.kw_per_kw(0.8)).sum::<f64>()
    });
    assert!((energy - 1400.0 * 0.8 * 0.56).abs() < 1e-6);
    let log: Vec<String> = shared.log.lock().unwrap().iter().cloned().collect();
    println!("load {load:.0} kW, log {log:?}, setpoints {sps:?}, compressor {energy:.0} kW");
}
