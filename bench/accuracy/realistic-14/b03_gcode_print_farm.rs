//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! 3D print farm: parses uploaded G-code, estimates print time and filament use, and
//! hands jobs to the idle printer that finishes them soonest.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
async fn yield_now() {
    Yield(false).await;
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => continue,
        }
    }
}

#[derive(Debug)]
enum GcodeError {
    BadWord { line: usize, word: String },
    NoMoves,
}

#[derive(Debug, Default, Clone, Copy)]
struct Pos { x: f64, y: f64, z: f64, e: f64 }

#[derive(Debug, Default)]
struct Estimate { seconds: f64, filament_mm: f64, layers: u32, moves: usize }

fn parse_moves(src: &str) -> Result<Vec<(Pos, f64)>, GcodeError> {
    let mut cur = Pos::default();
    let mut feed = 1500.0;
    let mut out = Vec::new();
    for (idx, raw) in src.lines().enumerate() {
        let code = raw.split(';').next().unwrap_or("").trim();
        let mut words = code.split_whitespace();
        let Some(cmd) = words.next() else { continue };
        if cmd != "G0" && cmd != "G1" {
            continue;
        }
        let mut next = cur;
        for w in words {
            let (axis, val) = w.split_at(1);
            let v: f64 = val.parse().map_err(|_| GcodeError::BadWord { line: idx + 1, word: w.to_string() })?;
            match axis {
                "X" => next.x = v,
                "Y" => next.y = v,
                "Z" => next.z = v,
                "E" => next.e = v,
                "F" => feed = v,
                _ => return Err(GcodeError::BadWord { line: idx + 1, word: w.to_string() }),
            }
        }
        out.push((next, feed));
        cur = next;
    }
    if out.is_empty() { Err(GcodeError::NoMoves) } else { Ok(out) }
}

async fn estimate(src: &str) -> Result<Estimate, GcodeError> {
    let moves = parse_moves(src)?;
    let mut est = Estimate { moves: moves.len(), ..Default::default() };
    let mut last_z = f64::NAN;
    for (i, pair) in moves.windows(2).enumerate() {
        let ((a, _), (b, feed)) = (pair[0], pair[1]);
        let dist = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2) + (b.z - a.z).powi(2)).sqrt();
        est.seconds += dist / (feed / 60.0);
        if b.e > a.e {
            est.filament_mm += b.e - a.e;
        }
        if b.z != last_z {
            est.layers += 1;
            last_z = b.z;
        }
        if i % 64 == 63 {
            yield_now().await;
        }
    }
    Ok(est)
}

struct Printer {
    name: String,
    speed_factor: f64,
    busy_until: f64,
    history: Vec<String>,
}

struct Farm {
    printers: Arc<Mutex<Vec<Printer>>>,
    queue: VecDeque<(String, String)>,
}

impl Farm {
    async fn dispatch(&mut self) -> Result<BTreeMap<String, f64>, GcodeError> {
        let mut finish = BTreeMap::new();
        while let Some((job, src)) = self.queue.pop_front() {
            let est = estimate(&src).await?;
            let slot = {
                let mut printers = self.printers.lock().unwrap();
                let (idx, done) = printers
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i, p.busy_until + est.seconds / p.speed_factor))
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap();
                let p = &mut printers[idx];
                p.busy_until = done;
                p.history.push(job.clone());
                (p.name.clone(), done)
            };
            yield_now().await;
            println!("{job}: {} layers, {:.0}mm filament -> {} done at {:.1}s", est.layers, est.filament_mm, slot.0, slot.1);
            finish.insert(job, slot.1);
        }
        Ok(finish)
    }
}

fn square_layer(z: f64, side: f64) -> String {
    let mut s = format!("G0 Z{z:.1} F600\n");
    let pts = [(0.0, 0.0), (side, 0.0), (side, side), (0.0, side), (0.0, 0.0)];
    let mut e = z * 100.0;
    for (x, y) in pts {
        e += side * 0.05;
        s.push_str(&format!("G1 X{x} Y{y} E{e:.2} F1800 ; perimeter\n"));
    }
    s
}

pub fn main() {
    let bracket: String = (1..=4).map(|l| square_layer(l as f64 * 0.2, 40.0)).collect();
    let tower: String = (1..=30).map(|l| square_layer(l as f64 * 0.2, 10.0)).collect();
    let printers = Arc::new(Mutex::new(vec![
        Printer { name: "mk3-a".into(), speed_factor: 1.0, busy_until: 0.0, history: vec![] },
        Printer { name: "core-b".into(), speed_factor: 1.6, busy_until: 20.0, history: vec![] },
    ]));
    let mut farm = Farm {
        printers: Arc::clone(&printers),
        queue: VecDeque::from([("bracket".to_string(), bracket), ("tower".to_string(), tower.clone()), ("tower2".to_string(), tower)]),
    };
    match block_on(farm.dispatch()) {
        Ok(done) => println!("makespan {:.1}s over {} jobs", done.values().fold(0.0f64, |m, v| m.max(*v)), done.len()),
        Err(e) => println!("dispatch failed: {e:?}"),
    }
    let bad = block_on(estimate("G1 X10 Q4\n"));
    let empty = block_on(estimate("; nothing\nM104 S210\n"));
    println!("{bad:?} / {empty:?}");
    for p in printers.lock().unwrap().iter() {
        println!("{} ran {}", p.name, p.history.join(","));
    }
}
