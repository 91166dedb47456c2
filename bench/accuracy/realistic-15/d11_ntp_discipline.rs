//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! NTP-style clock discipline daemon: exchanges four-timestamp packets with peers,
//! keeps an 8-stage clock filter per peer, selects truechimers with Marzullo's algorithm
//! and slews the local clock toward the combined offset.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

const FILTER_STAGES: usize = 8;

/// All times in microseconds.
#[derive(Debug, Clone, Copy)]
struct Exchange { t1: i64, t2: i64, t3: i64, t4: i64 }
impl Exchange {
    fn offset(&self) -> i64 { ((self.t2 - self.t1) + (self.t3 - self.t4)) / 2 }
    fn delay(&self) -> i64 { (self.t4 - self.t1) - (self.t3 - self.t2) }
}

#[derive(Debug)]
enum PollError { Timeout(&'static str), KissOfDeath { peer: &'static str, code: [u8; 4] }, Unsynchronised(&'static str) }

struct LocalClock { now_us: RefCell<i64>, slewed_us: RefCell<i64> }

trait TimeSource {
    fn name(&self) -> &'static str;
    async fn exchange(&mut self, clock: &LocalClock) -> Result<Exchange, PollError>;
}

struct UdpPeer { name: &'static str, true_offset: i64, one_way: i64, jitter: [i64; 5], n: usize, kod_after: Option<usize> }
struct PpsRefclock { edges: Vec<i64> }

impl TimeSource for UdpPeer {
    fn name(&self) -> &'static str { self.name }
    async fn exchange(&mut self, clock: &LocalClock) -> Result<Exchange, PollError> {
        self.n += 1;
        if self.kod_after.is_some_and(|k| self.n > k) {
            return Err(PollError::KissOfDeath { peer: self.name, code: *b"RATE" });
        }
        let t1 = *clock.now_us.borrow();
        yield_now().await;
        let j = self.jitter[self.n % self.jitter.len()];
        let t2 = t1 + self.one_way + j + self.true_offset;
        let t3 = t2 + 40;
        yield_now().await;
        let t4 = t1 + 2 * self.one_way + 40 + j;
        *clock.now_us.borrow_mut() = t4 + 1_000_000;
        Ok(Exchange { t1, t2, t3, t4 })
    }
}

impl TimeSource for PpsRefclock {
    fn name(&self) -> &'static str { "PPS(0)" }
    async fn exchange(&mut self, clock: &LocalClock) -> Result<Exchange, PollError> {
        let edge = self.edges.pop().ok_or(PollError::Unsynchronised("PPS(0)"))?;
        yield_now().await;
        let t = *clock.now_us.borrow();
        Ok(Exchange { t1: t, t2: t + edge, t3: t + edge, t4: t })
    }
}

#[derive(Default)]
struct ClockFilter { samples: [(i64, i64); FILTER_STAGES], filled: usize }
impl ClockFilter {
    fn push(&mut self, offset: i64, delay: i64) {
        self.samples.rotate_right(1);
        self.samples[0] = (offset, delay);
        self.filled = (self.filled + 1).min(FILTER_STAGES);
    }
    /// offset of minimum-delay sample, plus dispersion as root-distance stand-in
    fn best(&self) -> Option<(i64, i64)> {
        let live = &self.samples[..self.filled];
        let (off, del) = *live.iter().min_by_key(|s| s.1)?;
        let jitter = live.iter().map(|s| (s.0 - off).abs()).max().unwrap_or(0);
        Some((off, del / 2 + jitter))
    }
}

async fn poll_peer<S: TimeSource>(src: &mut S, clock: &LocalClock, rounds: usize, filters: &Rc<RefCell<BTreeMap<&'static str, ClockFilter>>>) -> Result<usize, PollError> {
    let mut ok = 0;
    for _ in 0..rounds {
        let ex = match src.exchange(clock).await {
            Ok(ex) => ex,
            Err(PollError::Timeout(_)) => continue,
            Err(e) => return if ok > 0 { Ok(ok) } else { Err(e) },
        };
        filters.borrow_mut().entry(src.name()).or_default().push(ex.offset(), ex.delay());
        ok += 1;
    }
    Ok(ok)
}

/// Marzullo: find the interval agreed by the most sources.
fn marzullo(intervals: &[(&'static str, i64, i64)]) -> Option<(usize, i64, i64, Vec<&'static str>)> {
    let mut edges: Vec<(i64, i32)> = intervals.iter().flat_map(|&(_, lo, hi)| [(lo, -1), (hi, 1)]).collect();
    edges.sort();
    let (mut best, mut cnt, mut lo, mut hi) = (0usize, 0i32, 0, 0);
    for (i, &(x, kind)) in edges.iter().enumerate() {
        cnt -= kind;
        if cnt as usize > best {
            best = cnt as usize;
            lo = x;
            hi = edges[i + 1].0;
        }
    }
    let chimers = intervals.iter().filter(|(_, a, b)| *a <= hi && *b >= lo).map(|t| t.0).collect();
    (best > 0).then_some((best, lo, hi, chimers))
}

fn main() {
    let clock = LocalClock { now_us: RefCell::new(1_700_000_000_000_000), slewed_us: RefCell::new(0) };
    let filters: Rc<RefCell<BTreeMap<&'static str, ClockFilter>>> = Rc::new(RefCell::new(BTreeMap::new()));
    let mut peers = vec![
        UdpPeer { name: "ntp1.lan", true_offset: 1_250, one_way: 900, jitter: [0, 30, -20, 80, 10], n: 0, kod_after: None },
        UdpPeer { name: "ntp2.isp", true_offset: 1_400, one_way: 4_000, jitter: [200, -150, 90, 0, 400], n: 0, kod_after: Some(5) },
        UdpPeer { name: "falseticker", true_offset: -95_000, one_way: 2_000, jitter: [0; 5], n: 0, kod_after: None },
    ];
    for p in peers.iter_mut() {
        let r = block_on(poll_peer(p, &clock, 8, &filters));
        println!("{}: {r:?}", p.name);
    }
    let mut pps = PpsRefclock { edges: vec![1_180, 1_210, 1_195] };
    let r = block_on(poll_peer(&mut pps, &clock, 5, &filters));
    println!("PPS: {r:?}");

    let intervals: Vec<(&'static str, i64, i64)> = filters
        .borrow()
        .iter()
        .filter_map(|(name, f)| f.best().map(|(off, dist)| (*name, off - dist, off + dist)))
        .collect();
    if let Some((agree, lo, hi, chimers)) = marzullo(&intervals) {
        let combined = (lo + hi) / 2;
        let slew = async |us: i64| {
            let step = us.signum() * us.abs().min(500);
            let mut remaining = us;
            while remaining != 0 {
                let s = remaining.signum() * remaining.abs().min(step.abs().max(1));
                *clock.slewed_us.borrow_mut() += s;
                remaining -= s;
                yield_now().await;
            }
        };
        block_on(slew(combined));
        println!("{agree} agree on [{lo}, {hi}] us, truechimers {chimers:?}, slewed {} us", clock.slewed_us.borrow());
    }
    let mut dead = PpsRefclock { edges: vec![] };
    let e = block_on(dead.exchange(&clock));
    println!("empty refclock: {e:?}");
}
