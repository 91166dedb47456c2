//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Underground mine ventilation monitor: polls methane/CO heads on each level, walks the
//! drift network to find the return airways affected, trims main fan speed and raises evacuations.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;
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

const LEVELS: usize = 8;
const HISTORY: usize = 64;
const CH4_ALARM_PCT: f32 = 1.0;
const CO_ALARM_PPM: u16 = 50;

#[derive(Debug, Clone, Copy)]
enum Reading { Methane { level: usize, pct: f32 }, CarbonMonoxide { level: usize, ppm: u16 }, Airflow { level: usize, m3s: f32 } }

#[derive(Debug, PartialEq)]
enum Action { Evacuate(Vec<usize>), FanBoost(u8), Normal }

struct Drift { name: &'static str, level: usize, children: Vec<Drift> }

fn walk_drifts<'a>(d: &'a Drift, hot: &'a [bool; LEVELS]) -> Pin<Box<dyn Future<Output = Vec<&'static str>> + 'a>> {
    Box::pin(async move {
        let mut out = Vec::new();
        if hot[d.level] {
            out.push(d.name);
        }
        for child in &d.children {
            yield_now().await;
            out.extend(walk_drifts(child, hot).await);
        }
        out
    })
}

async fn mean<T>(samples: &[T]) -> f64
where
    T: Copy + Into<f64>,
{
    let mut acc = 0.0;
    for chunk in samples.chunks(16) {
        acc += chunk.iter().map(|&s| s.into()).sum::<f64>();
        yield_now().await;
    }
    if samples.is_empty() { 0.0 } else { acc / samples.len() as f64 }
}

struct Monitor {
    fan_pct: RwLock<u8>,
    co_history: [[u16; HISTORY]; LEVELS],
    cursor: [usize; LEVELS],
}

impl Monitor {
    async fn ingest(&mut self, queue: &mut VecDeque<Reading>) -> ([f32; LEVELS], [bool; LEVELS]) {
        let mut ch4 = [0.0f32; LEVELS];
        let mut hot = [false; LEVELS];
        while let Some(r) = queue.pop_front() {
            match r {
                Reading::Methane { level, pct } if level < LEVELS => {
                    ch4[level] = ch4[level].max(pct);
                    hot[level] |= pct >= CH4_ALARM_PCT;
                }
                Reading::CarbonMonoxide { level, ppm } if level < LEVELS => {
                    let c = self.cursor[level];
                    self.co_history[level][c % HISTORY] = ppm;
                    self.cursor[level] = c + 1;
                    hot[level] |= ppm >= CO_ALARM_PPM;
                }
                Reading::Airflow { level, m3s } if m3s < 5.0 => {
                    let mut fan = self.fan_pct.write().unwrap();
                    *fan = (*fan + 5).min(100);
                }
                _ => {}
            }
            yield_now().await;
        }
        (ch4, hot)
    }

    async fn decide(&self, ch4: &[f32; LEVELS], hot: &[bool; LEVELS]) -> Action {
        let affected: Vec<usize> = hot.iter().enumerate().filter(|(_, h)| **h).map(|(i, _)| i).collect();
        if !affected.is_empty() {
            return Action::Evacuate(affected);
        }
        let avg_ch4 = mean(&ch4[..]).await;
        let level0 = &self.co_history[0][..self.cursor[0].min(HISTORY)];
        let avg_co = mean(level0).await;
        let current = *self.fan_pct.read().unwrap();
        if avg_ch4 > 0.5 || avg_co > 25.0 {
            let boosted = current.saturating_add(15).min(100);
            *self.fan_pct.write().unwrap() = boosted;
            Action::FanBoost(boosted)
        } else {
            Action::Normal
        }
    }
}

fn parse_telemetry(raw: &str) -> VecDeque<Reading> {
    raw.lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let (kind, level, value) = (parts.next()?, parts.next()?.strip_prefix('L')?.parse().ok()?, parts.next()?);
            Some(match kind {
                "CH4" => Reading::Methane { level, pct: value.parse().ok()? },
                "CO" => Reading::CarbonMonoxide { level, ppm: value.parse().ok()? },
                "AIR" => Reading::Airflow { level, m3s: value.parse().ok()? },
                _ => return None,
            })
        })
        .collect()
}

fn main() {
    let mut mon = Monitor { fan_pct: RwLock::new(60), co_history: [[0; HISTORY]; LEVELS], cursor: [0; LEVELS] };
    let mut q = parse_telemetry("CH4 L0 0.4\nCH4 L1 0.8\nCO L0 31\nCO L0 29\nAIR L2 3.9\nAIR L3 9.0\nJUNK\nCH4 L9 2.0\n");
    assert_eq!(q.len(), 7);
    let (ch4, hot) = block_on(mon.ingest(&mut q));
    assert_eq!(*mon.fan_pct.read().unwrap(), 65);
    let action = block_on(mon.decide(&ch4, &hot));
    assert_eq!(action, Action::FanBoost(80));

    let mut q2 = parse_telemetry("CH4 L3 1.2\nCO L5 80\n");
    let (ch4b, hotb) = block_on(mon.ingest(&mut q2));
    let action2 = block_on(mon.decide(&ch4b, &hotb));
    assert_eq!(action2, Action::Evacuate(vec![3, 5]));

    let network = Drift {
        name: "intake-shaft",
        level: 0,
        children: vec![
            Drift { name: "L3-north", level: 3, children: vec![Drift { name: "L3-stope-7", level: 3, children: vec![] }] },
            Drift { name: "L5-ramp", level: 5, children: vec![] },
            Drift { name: "L6-return", level: 6, children: vec![] },
        ],
    };
    let names = block_on(walk_drifts(&network, &hotb));
    assert_eq!(names, vec!["L3-north", "L3-stope-7", "L5-ramp"]);

    let airflow = [7.5f32, 8.25, 6.0];
    let co = [10u16, 20, 30];
    let (a, c) = block_on(async { (mean(&airflow).await, mean(&co).await) });
    assert!((c - 20.0).abs() < 1e-9 && a > 7.0);

    let snapshot = mon.co_history;
    let peak = block_on(async move {
        yield_now().await;
        snapshot.iter().flat_map(|row| row.iter()).copied().max().unwrap_or(0)
    });
    assert_eq!(peak, 80);
    println!("evacuate drifts: {names:?}, peak CO {peak}ppm");
}
