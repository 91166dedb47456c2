//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Seismic event detector: runs STA/LTA triggers over station waveforms and associates picks into events.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

const VTABLE: RawWakerVTable = RawWakerVTable::new(
    |_| RawWaker::new(std::ptr::null(), &VTABLE),
    |_| {},
    |_| {},
    |_| {},
);

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            break v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left > 0 {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

fn yield_now() -> Yield {
    Yield { left: 1 }
}

const SHORT_WIN: usize = 4;
const LONG_WIN: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pick {
    station: u16,
    sample: usize,
    ratio: f32,
}

#[derive(Debug)]
enum Detection {
    Quiet { station: u16 },
    Triggered(Vec<Pick>),
    Clipped { station: u16, at: usize },
}

async fn fetch_waveform(station: u16, len: usize) -> Vec<i32> {
    yield_now().await;
    let mut out = Vec::with_capacity(len);
    let mut seed = (station as u32).wrapping_mul(2654435761) | 1;
    for i in 0..len {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 21) as i32 - 10;
        let burst = if i > len / 2 && i < len / 2 + 6 && station % 2 == 0 { 400 } else { 0 };
        out.push(noise + burst);
    }
    Yield { left: 2 }.await;
    out
}

async fn sta_lta(station: u16, samples: &[i32]) -> Detection {
    let energy: Vec<f32> = samples.iter().map(|s| (*s as f32) * (*s as f32)).collect();
    let mut picks = Vec::new();
    for (i, w) in energy.windows(LONG_WIN).enumerate() {
        if i % 8 == 0 {
            yield_now().await;
        }
        let lta = w.iter().sum::<f32>() / LONG_WIN as f32;
        let sta = w[LONG_WIN - SHORT_WIN..].iter().sum::<f32>() / SHORT_WIN as f32;
        if let Some(peak) = samples.get(i + LONG_WIN - 1)
            && peak.abs() > 10_000
        {
            return Detection::Clipped { station, at: i };
        }
        if lta > 0.0 && sta / lta > 3.5 {
            let pick = Pick { station, sample: i + LONG_WIN - SHORT_WIN, ratio: sta / lta };
            if picks.last().is_none_or(|p: &Pick| pick.sample - p.sample > SHORT_WIN) {
                picks.push(pick);
            }
        }
    }
    if picks.is_empty() { Detection::Quiet { station } } else { Detection::Triggered(picks) }
}

struct Associator {
    pending: Mutex<HashMap<u16, Vec<Pick>>>,
    events: Mutex<Vec<(usize, Vec<u16>)>>,
}

impl Associator {
    async fn submit(&self, det: Detection) -> Option<usize> {
        let picks = match det {
            Detection::Triggered(p) => p,
            Detection::Quiet { .. } => return None,
            Detection::Clipped { station, at } => {
                yield_now().await;
                vec![Pick { station, sample: at, ratio: f32::INFINITY }]
            }
        };
        let station = picks[0].station;
        if let Some(existing) = self.pending.lock().unwrap().get_mut(&station) {
            existing.extend(picks.iter().copied());
        } else {
            yield_now().await;
            self.pending.lock().unwrap().insert(station, picks.clone());
        }
        Some(picks.len())
    }

    async fn associate(&self, tolerance: usize) -> usize {
        let all: Vec<Pick> = {
            let guard = self.pending.lock().unwrap();
            guard.values().flatten().copied().collect()
        };
        yield_now().await;
        let mut by_bucket: BTreeMap<usize, Vec<u16>> = BTreeMap::new();
        for p in all.iter() {
            by_bucket.entry(p.sample / tolerance).or_default().push(p.station);
        }
        let mut made = 0;
        for (bucket, mut stations) in by_bucket {
            stations.sort();
            stations.dedup();
            if stations.len() >= 2 {
                yield_now().await;
                self.events.lock().unwrap().push((bucket * tolerance, stations));
                made += 1;
            }
        }
        made
    }
}

async fn run_network(stations: &[u16]) -> (usize, usize) {
    let assoc = Arc::new(Associator { pending: Mutex::new(HashMap::new()), events: Mutex::new(Vec::new()) });
    let trace_count = Rc::new(RefCell::new(0usize));
    let process = async |st: u16| {
        let wf = fetch_waveform(st, 96).await;
        *trace_count.borrow_mut() += wf.len();
        let det = sta_lta(st, &wf).await;
        assoc.submit(det).await
    };
    let mut submitted = 0;
    let mut queue: VecDeque<u16> = stations.iter().copied().collect();
    while let Some(st) = queue.pop_front() {
        if let Some(n) = process(st).await {
            submitted += n;
        }
    }
    let events = assoc.associate(12).await;
    println!("traced {} samples", trace_count.borrow());
    (submitted, events)
}

fn main() {
    let (picks, events) = block_on(run_network(&[2, 3, 4, 6, 7]));
    println!("picks submitted: {picks}, events: {events}");
    let wf = block_on(fetch_waveform(8, 64));
    let det = block_on(sta_lta(8, &wf));
    println!("station 8: {:?}", det);
    let assoc = Associator { pending: Mutex::new(HashMap::new()), events: Mutex::new(Vec::new()) };
    let r = block_on(assoc.submit(Detection::Clipped { station: 1, at: 40 }));
    let e = block_on(assoc.associate(8));
    println!("clipped submit {:?}, events {e}, window {:?}", r, Duration::from_millis(LONG_WIN as u64 * 10));
}
