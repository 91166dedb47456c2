#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Space station docking sequencer: walks a chained approach procedure, checks gates against relative navigation and aborts safely.

use std::collections::{HashMap, VecDeque};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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

#[derive(Debug, Clone, Copy, Default)]
struct RelNav {
    range_m: f64,
    closing_mps: f64,
    lateral_m: f64,
    roll_deg: f64,
}

#[derive(Debug)]
struct Step {
    name: &'static str,
    stop_at_m: f64,
    max_closing: f64,
    max_lateral: f64,
    hold: Option<Duration>,
    next: Option<Box<Step>>,
}

#[derive(Debug)]
enum DockError {
    GateViolation { step: &'static str, reason: String },
    SensorDropout(u32),
    GroundNoGo(&'static str),
}

impl fmt::Display for DockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DockError::GateViolation { step, reason } => write!(f, "gate violation at {step}: {reason}"),
            DockError::SensorDropout(n) => write!(f, "lidar dropout for {n} frames"),
            DockError::GroundNoGo(who) => write!(f, "{who} called NO-GO"),
        }
    }
}

impl Error for DockError {}

fn build_procedure() -> Option<Box<Step>> {
    let specs: [(&'static str, f64, f64, f64, Option<u64>); 4] = [
        ("hold-point-A", 250.0, 0.5, 5.0, Some(120)),
        ("approach-ellipsoid", 200.0, 0.3, 2.0, None),
        ("keep-out-sphere", 20.0, 0.12, 0.5, Some(60)),
        ("contact", 0.0, 0.08, 0.15, None),
    ];
    let mut head: Option<Box<Step>> = None;
    for (name, stop, closing, lateral, hold) in specs.iter().rev() {
        head = Some(Box::new(Step { name, stop_at_m: *stop, max_closing: *closing, max_lateral: *lateral, hold: hold.map(Duration::from_secs), next: head }));
    }
    head
}

struct Vehicle {
    nav: Mutex<RelNav>,
    dropout_frames: Mutex<VecDeque<u32>>,
}

impl Vehicle {
    async fn sense(&self) -> Result<RelNav, DockError> {
        Yield { left: 1 }.await;
        if let Some(n) = self.dropout_frames.lock().unwrap().pop_front() {
            if n > 3 {
                return Err(DockError::SensorDropout(n));
            }
        }
        Ok(*self.nav.lock().unwrap())
    }

    async fn thrust_toward(&self, stop_at: f64, max_closing: f64) {
        Yield { left: 1 }.await;
        let mut nav = self.nav.lock().unwrap();
        let remaining = nav.range_m - stop_at;
        nav.closing_mps = (remaining * 0.02).clamp(0.0, max_closing * 0.9);
        nav.range_m = (nav.range_m - nav.closing_mps * 30.0).max(stop_at);
        nav.lateral_m *= 0.7;
        nav.roll_deg *= 0.8;
    }
}

async fn poll_ground(step: &str, votes: &HashMap<&'static str, bool>) -> Result<(), DockError> {
    for (who, go) in votes.iter() {
        Yield { left: 1 }.await;
        if !*go && step == "keep-out-sphere" {
            return Err(DockError::GroundNoGo(who));
        }
    }
    Ok(())
}

async fn execute_step(v: &Vehicle, step: &Step, votes: &HashMap<&'static str, bool>) -> Result<u32, DockError> {
    poll_ground(step.name, votes).await?;
    let mut burns = 0;
    loop {
        let nav = v.sense().await?;
        if nav.lateral_m > step.max_lateral * 2.0 {
            return Err(DockError::GateViolation { step: step.name, reason: format!("lateral {:.2}m", nav.lateral_m) });
        }
        if nav.range_m <= step.stop_at_m + 0.01 {
            break;
        }
        v.thrust_toward(step.stop_at_m, step.max_closing).await;
        burns += 1;
        if burns > 200 {
            return Err(DockError::GateViolation { step: step.name, reason: "no convergence".into() });
        }
    }
    if let Some(h) = step.hold {
        let frames = (h.as_secs() / 30) as u32;
        for _ in 0..frames {
            Yield { left: 1 }.await;
        }
    }
    Ok(burns)
}

async fn dock(v: Arc<Vehicle>, votes: HashMap<&'static str, bool>) -> Result<String, Box<dyn Error>> {
    let procedure = build_procedure();
    let mut cursor = procedure.as_deref();
    let mut log = String::new();
    let started = Instant::now();
    while let Some(step) = cursor {
        match execute_step(&v, step, &votes).await {
            Ok(burns) => log.push_str(&format!("{}: {} burns\n", step.name, burns)),
            Err(DockError::SensorDropout(n)) if n < 10 => {
                log.push_str(&format!("{}: dropout {n}, re-acquiring\n", step.name));
                Yield { left: 5 }.await;
                continue;
            }
            Err(e) => {
                v.nav.lock().unwrap().closing_mps = -0.2;
                return Err(Box::new(e));
            }
        }
        cursor = step.next.as_deref();
    }
    let nav = v.nav.lock().unwrap();
    log.push_str(&format!("capture at {:.2}m, lateral {:.3}m", nav.range_m, nav.lateral_m));
    let _ = started.elapsed();
    Ok(log)
}

fn main() {
    let votes: HashMap<&'static str, bool> = [("FLIGHT", true), ("TOPO", true), ("ARCO", true)].into_iter().collect();
    let v = Arc::new(Vehicle { nav: Mutex::new(RelNav { range_m: 400.0, lateral_m: 1.5, roll_deg: 2.0, ..Default::default() }), dropout_frames: Mutex::new(VecDeque::from(vec![0, 5, 0])) });
    match block_on(dock(v.clone(), votes.clone())) {
        Ok(log) => println!("{log}"),
        Err(e) => println!("ABORT: {e}"),
    }
    let mut nogo = votes.clone();
    nogo.insert("TOPO", false);
    let v2 = Arc::new(Vehicle { nav: Mutex::new(RelNav { range_m: 300.0, ..Default::default() }), dropout_frames: Mutex::new(VecDeque::new()) });
    match block_on(dock(v2.clone(), nogo)) {
        Ok(log) => println!("{log}"),
        Err(e) => println!("ABORT: {e} (closing {:.1})", v2.nav.lock().unwrap().closing_mps),
    }
    let step = build_procedure().unwrap();
    println!("first step burns {:?}", block_on(execute_step(&v2, &step, &votes)).ok());
    println!("ground {:?}", block_on(poll_ground("contact", &votes)).is_ok());
}
