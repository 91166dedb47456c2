//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models bedside infusion pump firmware that ramps flow, samples line pressure and raises occlusion or air-in-line alarms.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(r) = fut.as_mut().poll(&mut cx) {
            return r;
        }
    }
}

struct TimerTick {
    fired: bool,
}

impl Future for TimerTick {
    type Output = Instant;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Instant> {
        if self.fired {
            Poll::Ready(Instant::now())
        } else {
            self.fired = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn next_tick() -> Instant {
    TimerTick { fired: false }.await
}

async fn wait_ticks(n: u32) {
    for _ in 0..n {
        next_tick().await;
    }
}

const WINDOW: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Alarm {
    Occlusion { mmhg: u16 },
    AirInLine { microlitres: f32 },
    VolumeComplete,
    LowBattery(u8),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum PumpState {
    Idle,
    Ramping { step: u8 },
    Running,
    Alarmed(Alarm),
}

trait LineSensor {
    fn id(&self) -> &str;
    async fn pressure(&self) -> u16;
    async fn bubble(&self) -> f32 {
        next_tick().await;
        0.0
    }
}

struct StrainGauge {
    script: RefCell<VecDeque<u16>>,
}

struct UltrasonicHead {
    base: u16,
    bubbles: Vec<f32>,
    cursor: Cell<usize>,
}

impl LineSensor for StrainGauge {
    fn id(&self) -> &str {
        "strain-gauge"
    }
    async fn pressure(&self) -> u16 {
        next_tick().await;
        self.script.borrow_mut().pop_front().unwrap_or(180)
    }
}

impl LineSensor for UltrasonicHead {
    fn id(&self) -> &str {
        "ultrasonic"
    }
    async fn pressure(&self) -> u16 {
        wait_ticks(2).await;
        self.base + self.cursor.get() as u16 * 3
    }
    async fn bubble(&self) -> f32 {
        next_tick().await;
        let i = self.cursor.get();
        self.cursor.set(i + 1);
        self.bubbles.get(i).copied().unwrap_or(0.0)
    }
}

struct Pump<S> {
    sensor: S,
    state: Cell<PumpState>,
    rate_ml_h: Cell<f32>,
    infused_ml: Cell<f64>,
    vtbi_ml: f64,
    history: RefCell<VecDeque<u16>>,
}

impl<S> Pump<S>
where
    S: LineSensor,
{
    fn new(sensor: S, vtbi_ml: f64) -> Self {
        Pump { sensor, state: Cell::new(PumpState::Idle), rate_ml_h: Cell::new(0.0), infused_ml: Cell::new(0.0), vtbi_ml, history: RefCell::new(VecDeque::with_capacity(WINDOW)) }
    }

    async fn ramp_to(&self, target: f32) {
        for step in 1..=4u8 {
            self.state.set(PumpState::Ramping { step });
            self.rate_ml_h.set(target * step as f32 / 4.0);
            next_tick().await;
        }
        self.state.set(PumpState::Running);
    }

    async fn sample(&self) -> Option<Alarm> {
        let p = self.sensor.pressure().await;
        let air = self.sensor.bubble().await;
        let mut hist = self.history.borrow_mut();
        if hist.len() == WINDOW {
            hist.pop_front();
        }
        hist.push_back(p);
        let rising = hist.iter().zip(hist.iter().skip(1)).filter(|(a, b)| b > a).count();
        match (p, air) {
            (_, a) if a > 50.0 => Some(Alarm::AirInLine { microlitres: a }),
            (mmhg @ 600.., _) => Some(Alarm::Occlusion { mmhg }),
            (mmhg @ 400..=599, _) if rising >= WINDOW - 2 => Some(Alarm::Occlusion { mmhg }),
            _ => None,
        }
    }

    async fn run(&self, seconds: u32) -> (PumpState, u32) {
        self.ramp_to(120.0).await;
        let mut elapsed = 0u32;
        let final_state = 'infuse: loop {
            for _ in 0..10 {
                if elapsed >= seconds {
                    break 'infuse self.state.get();
                }
                elapsed += 1;
                let dose = self.rate_ml_h.get() as f64 / 3600.0;
                self.infused_ml.set(self.infused_ml.get() + dose);
                if self.infused_ml.get() >= self.vtbi_ml {
                    break 'infuse PumpState::Alarmed(Alarm::VolumeComplete);
                }
            }
            if let Some(alarm) = self.sample().await {
                self.rate_ml_h.set(0.0);
                break PumpState::Alarmed(alarm);
            }
        };
        self.state.set(final_state);
        (final_state, elapsed)
    }
}

async fn ward_round(pumps: Vec<Rc<dyn Fn() -> String>>) -> Vec<String> {
    let mut notes = Vec::new();
    for (bed, describe) in pumps.iter().enumerate() {
        wait_ticks(1).await;
        notes.push(format!("bed {}: {}", bed + 1, describe()));
    }
    notes
}

pub fn main() {
    let gauge = StrainGauge { script: RefCell::new([150, 180, 220, 300, 420, 470, 510, 560, 590, 620].into_iter().collect()) };
    let head = UltrasonicHead { base: 140, bubbles: vec![0.0, 2.5, 0.0, 75.0], cursor: Cell::new(0) };

    let pump_a = Rc::new(Pump::new(gauge, 500.0));
    let pump_b = Rc::new(Pump::new(head, 0.5));
    let (state_a, secs_a) = block_on(pump_a.run(200));
    let (state_b, secs_b) = block_on(pump_b.run(200));
    println!("{} -> {state_a:?} after {secs_a}s, infused {:.3} ml", pump_a.sensor.id(), pump_a.infused_ml.get());
    println!("{} -> {state_b:?} after {secs_b}s, infused {:.3} ml", pump_b.sensor.id(), pump_b.infused_ml.get());

    let a2 = Rc::clone(&pump_a);
    let b2 = Rc::clone(&pump_b);
    let describers: Vec<Rc<dyn Fn() -> String>> = vec![
        Rc::new(move || format!("{:?} @ {:.1} ml/h", a2.state.get(), a2.rate_ml_h.get())),
        Rc::new(move || format!("{:?} hist={:?}", b2.state.get(), b2.history.borrow())),
    ];
    let notes = block_on(ward_round(describers));
    notes.iter().for_each(|n| println!("{n}"));

    let battery = async move |pct: u8| -> Option<Alarm> {
        next_tick().await;
        if pct < 20 { Some(Alarm::LowBattery(pct)) } else { None }
    };
    let checks = block_on(async {
        let mut v = Vec::new();
        for pct in [85u8, 19, 4] {
            v.push(battery(pct).await);
        }
        v
    });
    println!("battery checks {checks:?}");
}
