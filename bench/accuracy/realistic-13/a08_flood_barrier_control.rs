//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Tidal flood barrier controller: combines astronomical tide and storm-surge forecasts,
//! decides when to close, and drives the gates through a staged closure sequence.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, RwLock};
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

#[derive(Debug)]
enum BarrierError { GateJam { gate: String, at_pct: u8 }, NoForecast(&'static str), InterlockHeld(String) }

#[derive(Debug, Clone, Copy, PartialEq)]
enum GateState { Open, Moving(u8), Closed, Fault }

struct Gate { name: String, state: GateState, travel_per_step: u8, jam_at: Option<u8> }

struct Barrier { gates: Mutex<Vec<Gate>>, interlocks: RwLock<HashMap<String, String>>, events: Mutex<Vec<String>> }

trait Forecaster {
    fn source(&self) -> &'static str;
    async fn level_at(&self, hour: u32) -> Option<f32>;

    async fn peak(&self, hours: u32) -> Result<(u32, f32), BarrierError> {
        let mut best: Option<(u32, f32)> = None;
        for h in 0..hours {
            let Some(level) = self.level_at(h).await else { continue };
            if best.is_none_or(|(_, b)| level > b) {
                best = Some((h, level));
            }
        }
        best.ok_or(BarrierError::NoForecast(self.source()))
    }
}

struct TideTable { mean: f32, amplitude: f32, period_h: f32 }
struct SurgeModel { wind_ms: Vec<f32>, coeff: f32 }

impl Forecaster for TideTable {
    fn source(&self) -> &'static str { "tide" }
    async fn level_at(&self, hour: u32) -> Option<f32> {
        yield_now().await;
        let phase = hour as f32 / self.period_h * std::f32::consts::TAU;
        Some(self.mean + self.amplitude * phase.cos())
    }
}

impl Forecaster for SurgeModel {
    fn source(&self) -> &'static str { "surge" }
    async fn level_at(&self, hour: u32) -> Option<f32> {
        let wind = *self.wind_ms.get(hour as usize)?;
        yield_now().await;
        Some(self.coeff * wind * wind)
    }
}

async fn assess<F>(forecaster: &F, horizon: u32) -> (String, f32)
where
    F: Forecaster,
{
    match forecaster.peak(horizon).await {
        Ok((hour, level)) => (format!("{} peak {level:.2}m at +{hour}h", forecaster.source()), level),
        Err(e) => (format!("{e:?}"), 0.0),
    }
}

impl Barrier {
    fn log(&self, line: String) {
        self.events.lock().unwrap().push(line);
    }

    async fn step_gate(&self, idx: usize) -> Result<bool, BarrierError> {
        let msg = {
            let mut gates = self.gates.lock().unwrap();
            let gate = &mut gates[idx];
            let next = match gate.state {
                GateState::Open => GateState::Moving(gate.travel_per_step),
                GateState::Moving(p) if let Some(j) = gate.jam_at && p >= j => GateState::Fault,
                GateState::Moving(p) if p as u16 + gate.travel_per_step as u16 >= 100 => GateState::Closed,
                GateState::Moving(p) => GateState::Moving(p + gate.travel_per_step),
                other => other,
            };
            if next == GateState::Fault {
                let at_pct = if let GateState::Moving(p) = gate.state { p } else { 0 };
                gate.state = GateState::Fault;
                return Err(BarrierError::GateJam { gate: gate.name.clone(), at_pct });
            }
            gate.state = next;
            format!("{} -> {next:?}", gate.name)
        };
        self.log(msg);
        yield_now().await;
        Ok(self.gates.lock().unwrap()[idx].state == GateState::Closed)
    }

    async fn close_all(&self) -> Result<usize, BarrierError> {
        if let Some((who, why)) = self.interlocks.read().unwrap().iter().next() {
            return Err(BarrierError::InterlockHeld(format!("{who}: {why}")));
        }
        let count = self.gates.lock().unwrap().len();
        let mut closed = vec![false; count];
        let mut rounds = 0;
        while !closed.iter().all(|c| *c) {
            rounds += 1;
            for i in 0..count {
                if !closed[i] {
                    closed[i] = self.step_gate(i).await?;
                }
            }
        }
        Ok(rounds)
    }
}

pub fn main() {
    let gate = |name: &str, step: u8, jam_at: Option<u8>| Gate { name: name.into(), state: GateState::Open, travel_per_step: step, jam_at };
    let barrier = Barrier {
        gates: Mutex::new(vec![gate("A", 25, None), gate("B", 34, None), gate("C", 50, None)]),
        interlocks: RwLock::new(HashMap::from([("lock-keeper".to_string(), "vessel in channel".to_string())])),
        events: Mutex::new(Vec::new()),
    };
    let tide = TideTable { mean: 2.1, amplitude: 2.4, period_h: 12.4 };
    let surge = SurgeModel { wind_ms: vec![8.0, 14.0, 21.0, 26.0, 19.0], coeff: 0.0031 };
    let calm = SurgeModel { wind_ms: vec![], coeff: 0.0031 };

    let (tide_msg, tide_peak) = block_on(assess(&tide, 13));
    let (surge_msg, surge_peak) = block_on(assess(&surge, 6));
    let (calm_msg, _) = block_on(assess(&calm, 6));
    println!("{tide_msg}\n{surge_msg}\n{calm_msg}");

    let threshold = 5.4;
    let combined = tide_peak + surge_peak;
    if combined > threshold {
        println!("combined {combined:.2}m exceeds {threshold}m: closing");
        println!("first attempt: {:?}", block_on(barrier.close_all()));
        let release = async |holder: &str| -> bool {
            yield_now().await;
            barrier.interlocks.write().unwrap().remove(holder).is_some()
        };
        println!("released: {}", block_on(release("lock-keeper")));
        println!("second attempt: {:?}", block_on(barrier.close_all()));
    }

    barrier.gates.lock().unwrap().push(gate("D", 30, Some(60)));
    let retry = block_on(async {
        let d = barrier.gates.lock().unwrap().len() - 1;
        let mut steps = Vec::new();
        loop {
            match barrier.step_gate(d).await {
                Ok(true) => break steps,
                Ok(false) => steps.push("moved"),
                Err(e) => { steps.push("fault"); barrier.log(format!("{e:?}")); break steps; }
            }
        }
    });
    println!("gate D: {retry:?}");
    let events = barrier.events.lock().unwrap();
    println!("{} events, last: {:?}", events.len(), events.last());
}
