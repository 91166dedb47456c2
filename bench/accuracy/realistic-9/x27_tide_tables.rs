#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Tide table generator: sums harmonic constituents per port, finds high/low waters and publishes daily tide tables.

use std::collections::{BTreeMap, HashMap};
use std::f64::consts::PI;
use std::fmt::Write as _;
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

const STEP_MIN: u32 = 6;
const CONSTITUENTS: [(&str, f64); 4] = [("M2", 12.4206), ("S2", 12.0), ("K1", 23.9345), ("O1", 25.8193)];

#[derive(Debug, Clone)]
struct Harmonics {
    port: String,
    datum_m: f64,
    amps: [f64; 4],
    phases_deg: [f64; 4],
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Extreme {
    High { minute: u32, height: f64 },
    Low { minute: u32, height: f64 },
}

#[derive(Debug)]
enum TideError {
    UnknownPort(String),
    Parse { line: usize, what: String },
}

impl From<std::num::ParseFloatError> for TideError {
    fn from(e: std::num::ParseFloatError) -> Self {
        TideError::Parse { line: 0, what: e.to_string() }
    }
}

fn height_at(h: &Harmonics, hours: f64) -> f64 {
    CONSTITUENTS
        .iter()
        .zip(h.amps.iter().zip(h.phases_deg.iter()))
        .map(|((_, period), (a, ph))| a * (2.0 * PI * hours / period - ph.to_radians()).cos())
        .sum::<f64>()
        + h.datum_m
}

async fn load_harmonics(db: &str, port: &str) -> Result<Harmonics, TideError> {
    Yield { left: 2 }.await;
    for (i, line) in db.lines().enumerate() {
        let mut parts = line.split(':');
        if parts.next() != Some(port) {
            continue;
        }
        let nums: Vec<f64> = parts
            .next()
            .unwrap_or("")
            .split_whitespace()
            .map(|s| s.parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|e| TideError::Parse { line: i + 1, what: e.to_string() })?;
        if nums.len() != 9 {
            return Err(TideError::Parse { line: i + 1, what: format!("{} values", nums.len()) });
        }
        let mut amps = [0.0; 4];
        let mut phases_deg = [0.0; 4];
        amps.copy_from_slice(&nums[1..5]);
        phases_deg.copy_from_slice(&nums[5..9]);
        return Ok(Harmonics { port: port.to_string(), datum_m: nums[0], amps, phases_deg });
    }
    Err(TideError::UnknownPort(port.to_string()))
}

async fn find_extremes(h: &Harmonics, day: u32) -> Vec<Extreme> {
    let start_h = day as f64 * 24.0;
    let samples: Vec<(u32, f64)> = (0..=(24 * 60 / STEP_MIN))
        .map(|i| (i * STEP_MIN, height_at(h, start_h + (i * STEP_MIN) as f64 / 60.0)))
        .collect();
    let mut out = Vec::new();
    for (i, w) in samples.windows(3).enumerate() {
        if i % 40 == 0 {
            Yield { left: 1 }.await;
        }
        let (m, y) = w[1];
        if y > w[0].1 && y >= w[2].1 {
            out.push(Extreme::High { minute: m, height: y });
        } else if y < w[0].1 && y <= w[2].1 {
            out.push(Extreme::Low { minute: m, height: y });
        }
    }
    out
}

async fn publish(db: &str, ports: &[&str], days: u32, cache: Arc<Mutex<HashMap<String, Harmonics>>>) -> Result<String, TideError> {
    let mut table = String::new();
    for port in ports {
        let cached = cache.lock().unwrap().get(*port).cloned();
        let h = match cached {
            Some(h) => h,
            None => match load_harmonics(db, port).await {
                Ok(h) => {
                    cache.lock().unwrap().insert(port.to_string(), h.clone());
                    h
                }
                Err(TideError::UnknownPort(p)) => {
                    writeln!(table, "{p}: no station").unwrap();
                    continue;
                }
                Err(e) => return Err(e),
            },
        };
        writeln!(table, "== {} ==", h.port).unwrap();
        let mut per_day: BTreeMap<u32, Vec<Extreme>> = BTreeMap::new();
        for d in 0..days {
            per_day.insert(d, find_extremes(&h, d).await);
        }
        for (d, ex) in per_day.iter() {
            let mut row = format!("day {d}:");
            for e in ex {
                let (tag, minute, height) = match e {
                    Extreme::High { minute, height } => ("HW", minute, height),
                    Extreme::Low { minute, height } => ("LW", minute, height),
                };
                let _ = write!(row, " {tag} {:02}:{:02} {:.2}m", minute / 60, minute % 60, height);
            }
            table.push_str(&row);
            table.push('\n');
        }
    }
    Ok(table)
}

fn main() {
    let db = "Brest: 4.2 2.05 0.75 0.07 0.07 135 175 70 320\nDover: 3.7 2.24 0.70 0.01 0.05 330 15 30 200\nBroken: 1 2 x";
    let cache = Arc::new(Mutex::new(HashMap::new()));
    match block_on(publish(db, &["Brest", "Atlantis", "Dover"], 2, cache.clone())) {
        Ok(t) => print!("{t}"),
        Err(e) => println!("error {:?}", e),
    }
    println!("{:?}", block_on(load_harmonics(db, "Broken")).err());
    let again = block_on(publish(db, &["Dover"], 1, cache.clone())).map(|t| t.lines().count());
    let h = cache.lock().unwrap().get("Brest").cloned().unwrap();
    println!("cached lines {:?}, brest day 5 extremes {}", again, block_on(find_extremes(&h, 5)).len());
    println!("step {:?}", Duration::from_secs(STEP_MIN as u64 * 60));
}
