#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Brewery fermentation monitor: tracks gravity and temperature per tank, steps temperature profiles, decides on dry hop and crash.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
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
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Sample {
    hour: u32,
    gravity: f32,
    temp_c: f32,
}

#[derive(Debug, PartialEq)]
enum Action {
    Hold,
    RaiseTo(f32),
    DryHop { grams_per_hl: u32 },
    ColdCrash,
    Alarm(String),
}

trait Hydrometer {
    async fn read(&mut self, hour: u32) -> Option<Sample>;
}

trait Style {
    const NAME: &'static str;
    fn target_fg(&self) -> f32;
    fn profile(&self) -> Vec<(u32, f32)>;

    async fn decide(&self, history: &[Sample]) -> Action {
        Yield { left: 1 }.await;
        let Some(last) = history.last() else { return Action::Hold };
        if last.temp_c > 26.0 {
            return Action::Alarm(format!("{} too warm: {:.1}C", Self::NAME, last.temp_c));
        }
        let stable = history.windows(3).last().map_or(false, |w| (w[0].gravity - w[2].gravity).abs() < 0.0015);
        if stable && last.gravity <= self.target_fg() + 0.002 {
            return Action::ColdCrash;
        }
        let step = self.profile().into_iter().filter(|(h, _)| *h <= last.hour).last();
        match step {
            Some((_, t)) if (t - last.temp_c).abs() > 0.5 => Action::RaiseTo(t),
            _ => Action::Hold,
        }
    }
}

struct Ipa {
    hop_load: u32,
}

struct Lager;

impl Style for Ipa {
    const NAME: &'static str = "IPA";
    fn target_fg(&self) -> f32 {
        1.012
    }
    fn profile(&self) -> Vec<(u32, f32)> {
        vec![(0, 18.0), (48, 20.0), (96, 21.0)]
    }
    async fn decide(&self, history: &[Sample]) -> Action {
        if let Some(s) = history.last() {
            if s.gravity < 1.020 && s.gravity > 1.015 {
                Yield { left: 2 }.await;
                return Action::DryHop { grams_per_hl: self.hop_load };
            }
        }
        let base = Lager.decide_as_ipa(history).await;
        base
    }
}

impl Lager {
    async fn decide_as_ipa(&self, history: &[Sample]) -> Action {
        let proxy = Ipa { hop_load: 0 };
        Yield { left: 1 }.await;
        match history.last() {
            Some(s) if s.gravity <= proxy.target_fg() + 0.002 => Action::ColdCrash,
            Some(s) if s.temp_c < 17.5 => Action::RaiseTo(18.0),
            _ => Action::Hold,
        }
    }
}

impl Style for Lager {
    const NAME: &'static str = "Lager";
    fn target_fg(&self) -> f32 {
        1.010
    }
    fn profile(&self) -> Vec<(u32, f32)> {
        vec![(0, 10.0), (120, 12.0), (168, 15.0)]
    }
}

struct SimTilt {
    og: f32,
    rate: f32,
    drift: f32,
}

impl Hydrometer for SimTilt {
    async fn read(&mut self, hour: u32) -> Option<Sample> {
        Yield { left: 1 }.await;
        if hour % 37 == 36 {
            return None;
        }
        let gravity = (self.og - self.rate * hour as f32).max(1.008);
        self.drift += 0.05;
        Some(Sample { hour, gravity, temp_c: 17.0 + self.drift })
    }
}

#[derive(Debug)]
struct TankReport {
    tank: u8,
    actions: Vec<(u32, Action)>,
    last_gravity: f32,
}

async fn monitor_tank<S, H>(tank: u8, style: &S, meter: &mut H, hours: u32, log: Arc<Mutex<BTreeMap<u8, usize>>>) -> TankReport
where
    S: Style,
    H: Hydrometer,
{
    let mut history: Vec<Sample> = Vec::new();
    let mut actions = Vec::new();
    for hour in (0..hours).step_by(12) {
        let sample = match meter.read(hour).await {
            Some(s) => s,
            None => continue,
        };
        history.push(sample);
        let action = style.decide(&history).await;
        if action != Action::Hold {
            *log.lock().unwrap().entry(tank).or_insert(0) += 1;
            let crash = action == Action::ColdCrash;
            actions.push((hour, action));
            if crash {
                break;
            }
        }
    }
    let last_gravity = history.last().map(|s| s.gravity).unwrap_or(0.0);
    TankReport { tank, actions, last_gravity }
}

fn main() {
    let log = Arc::new(Mutex::new(BTreeMap::new()));
    let mut tilt_a = SimTilt { og: 1.062, rate: 0.0004, drift: 0.0 };
    let mut tilt_b = SimTilt { og: 1.048, rate: 0.00015, drift: -7.5 };
    let ipa = Ipa { hop_load: 400 };
    let a = block_on(monitor_tank(1, &ipa, &mut tilt_a, 240, log.clone()));
    let b = block_on(monitor_tank(2, &Lager, &mut tilt_b, 336, log.clone()));
    for r in [&a, &b] {
        println!("tank {} fg {:.3}: {:?}", r.tank, r.last_gravity, r.actions);
    }
    let hot = [Sample { hour: 10, gravity: 1.05, temp_c: 27.5 }];
    println!("{:?}", block_on(Lager.decide(&hot)));
    println!("{:?}", block_on(Lager.decide_as_ipa(&hot)));
    println!("actions per tank: {:?}", log.lock().unwrap());
}
