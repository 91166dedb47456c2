#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Pottery kiln controller: runs bisque and glaze firing schedules segment by segment against thermocouple feedback.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
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

#[derive(Debug, Clone, Copy)]
struct Segment {
    rate_c_per_h: i32,
    target_c: i32,
    hold: Duration,
}

#[derive(Debug)]
enum FiringError {
    Thermocouple { reading: i32 },
    ElementFailure { segment: usize, lag_c: i32 },
    DoorOpen,
}

impl fmt::Display for FiringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FiringError::Thermocouple { reading } => write!(f, "thermocouple fault ({reading}C)"),
            FiringError::ElementFailure { segment, lag_c } => write!(f, "segment {segment}: element lagging {lag_c}C"),
            FiringError::DoorOpen => f.write_str("door interlock open"),
        }
    }
}

trait Kiln {
    fn temperature(&self) -> i32;
    async fn apply_power(&mut self, duty_pct: u8, minutes: u32);

    async fn read_checked(&self) -> Result<i32, FiringError> {
        Yield { left: 1 }.await;
        let t = self.temperature();
        if !(-20..=1400).contains(&t) {
            return Err(FiringError::Thermocouple { reading: t });
        }
        Ok(t)
    }
}

struct ElectricKiln {
    temp: f64,
    element_health: f64,
    minutes_run: u32,
}

struct GasKiln {
    temp: f64,
    reduction: Rc<Cell<bool>>,
}

impl Kiln for ElectricKiln {
    fn temperature(&self) -> i32 {
        self.temp as i32
    }
    async fn apply_power(&mut self, duty_pct: u8, minutes: u32) {
        Yield { left: 1 }.await;
        let heat = duty_pct as f64 * 0.09 * self.element_health * minutes as f64;
        let loss = (self.temp - 20.0) * 0.0009 * minutes as f64;
        self.temp += heat - loss;
        self.minutes_run += minutes;
    }
}

impl Kiln for GasKiln {
    fn temperature(&self) -> i32 {
        self.temp as i32
    }
    async fn apply_power(&mut self, duty_pct: u8, minutes: u32) {
        Yield { left: 2 }.await;
        let eff = if self.reduction.get() { 0.08 } else { 0.11 };
        self.temp += duty_pct as f64 * eff * minutes as f64 - (self.temp - 20.0) * 0.001 * minutes as f64;
        if self.temp > 1000.0 {
            self.reduction.set(true);
        }
    }
}

async fn run_segment<K: Kiln>(kiln: &mut K, idx: usize, seg: Segment, trace: &RefCell<Vec<(u32, i32)>>) -> Result<u32, FiringError> {
    let step_min = 10;
    let mut elapsed = 0u32;
    let mut setpoint = kiln.read_checked().await? as f64;
    let rising = seg.target_c as f64 > setpoint;
    loop {
        let actual = kiln.read_checked().await?;
        let done = if rising { actual >= seg.target_c } else { actual <= seg.target_c };
        if done {
            break;
        }
        setpoint += seg.rate_c_per_h as f64 * step_min as f64 / 60.0;
        let err = setpoint - actual as f64;
        if err > 120.0 {
            return Err(FiringError::ElementFailure { segment: idx, lag_c: err as i32 });
        }
        let duty = (err * 2.0).clamp(0.0, 100.0) as u8;
        kiln.apply_power(duty, step_min).await;
        elapsed += step_min;
        trace.borrow_mut().push((elapsed, actual));
    }
    let mut held = 0;
    while Duration::from_secs(held as u64 * 60) < seg.hold {
        let t = kiln.read_checked().await?;
        let duty = if t < seg.target_c { 40 } else { 5 };
        kiln.apply_power(duty, step_min).await;
        held += step_min;
    }
    Ok(elapsed + held)
}

async fn fire<K>(kiln: &mut K, name: &str, schedule: &[Segment], door_closed: bool) -> Result<String, FiringError>
where
    K: Kiln,
{
    if !door_closed {
        return Err(FiringError::DoorOpen);
    }
    let trace = RefCell::new(Vec::new());
    let mut per_segment: BTreeMap<usize, u32> = BTreeMap::new();
    let mut pending: VecDeque<(usize, Segment)> = schedule.iter().copied().enumerate().collect();
    while let Some((i, seg)) = pending.pop_front() {
        let mins = run_segment(kiln, i, seg, &trace).await?;
        per_segment.insert(i, mins);
    }
    let total: u32 = per_segment.values().sum();
    let peak = trace.borrow().iter().map(|(_, t)| *t).max().unwrap_or(0);
    Ok(format!("{name}: {} segments, {}h{:02}m, peak {peak}C, {} samples", per_segment.len(), total / 60, total % 60, trace.borrow().len()))
}

fn main() {
    let bisque = [
        Segment { rate_c_per_h: 80, target_c: 200, hold: Duration::from_secs(30 * 60) },
        Segment { rate_c_per_h: 150, target_c: 600, hold: Duration::ZERO },
        Segment { rate_c_per_h: 200, target_c: 1000, hold: Duration::from_secs(10 * 60) },
    ];
    let glaze = [Segment { rate_c_per_h: 250, target_c: 1100, hold: Duration::ZERO }, Segment { rate_c_per_h: 60, target_c: 1220, hold: Duration::from_secs(15 * 60) }];
    let mut electric = ElectricKiln { temp: 20.0, element_health: 1.0, minutes_run: 0 };
    let mut worn = ElectricKiln { temp: 20.0, element_health: 0.35, minutes_run: 0 };
    let mut gas = GasKiln { temp: 25.0, reduction: Rc::new(Cell::new(false)) };
    for r in [
        block_on(fire(&mut electric, "bisque/electric", &bisque, true)),
        block_on(fire(&mut worn, "glaze/worn", &glaze, true)),
        block_on(fire(&mut gas, "glaze/gas", &glaze, true)),
        block_on(fire(&mut gas, "again", &glaze, false)),
    ] {
        match r {
            Ok(s) => println!("{s}"),
            Err(e) => println!("abort: {e}"),
        }
    }
    let hot = ElectricKiln { temp: 1500.0, element_health: 1.0, minutes_run: 0 };
    println!("{:?}, reduction {}", block_on(hot.read_checked()).map_err(|e| e.to_string()), gas.reduction.get());
}
