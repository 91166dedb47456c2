//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Actuated traffic-signal controller: serves a four-phase sequence from vehicle and
//! pedestrian calls with min/max green, gap-out, walk and clearance intervals.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

#[derive(Default)]
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let waker = Waker::noop();
    let mut cx = Context::from_waker(&waker);
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Phase { NsLeft, NsThrough, EwLeft, EwThrough }
const SEQUENCE: [Phase; 4] = [Phase::NsLeft, Phase::NsThrough, Phase::EwLeft, Phase::EwThrough];

#[derive(Clone, Copy, Debug)]
enum Call { Vehicle(Phase), Ped(Phase) }

struct Timing { min_green: Duration, max_green: Duration, passage: Duration, yellow: Duration, all_red: Duration, walk: Duration }

trait Detector {
    async fn poll(&mut self, now: Duration) -> Vec<Call>;
    async fn drain_until(&mut self, now: Duration) -> Vec<Call> {
        let mut all = self.poll(now).await;
        all.dedup_by_key(|c| format!("{c:?}"));
        all
    }
}

struct Loops { arrivals: VecDeque<(Duration, Phase)> }
struct Buttons { presses: Vec<(u64, Phase)>, next: usize, debounce: HashMap<Phase, u64> }

impl Detector for Loops {
    async fn poll(&mut self, now: Duration) -> Vec<Call> {
        Yield::default().await;
        let mut out = Vec::new();
        while let Some(&(t, p)) = self.arrivals.front() && t <= now {
            out.push(Call::Vehicle(p));
            self.arrivals.pop_front();
        }
        out
    }
}

impl Detector for Buttons {
    async fn poll(&mut self, now: Duration) -> Vec<Call> {
        let mut out = Vec::new();
        while let Some(&(t, p)) = self.presses.get(self.next) && t <= now.as_secs() {
            self.next += 1;
            let last = self.debounce.insert(p, t).unwrap_or(0);
            if t == 0 || t - last > 2 { out.push(Call::Ped(p)); }
        }
        Yield::default().await;
        out
    }
}

#[derive(Default)]
struct Demand { vehicles: BTreeMap<Phase, u32>, peds: HashSet<Phase> }

struct Controller { timing: Timing, clock: Duration, demand: Demand, log: Vec<String>, greens: HashMap<Phase, Duration> }

impl Controller {
    fn register(&mut self, calls: &[Call]) {
        for c in calls {
            match *c {
                Call::Vehicle(p) => *self.demand.vehicles.entry(p).or_default() += 1,
                Call::Ped(p) => { self.demand.peds.insert(p); }
            }
        }
    }

    async fn serve<D: Detector>(&mut self, phase: Phase, det: &mut D) -> &'static str {
        let step = Duration::from_secs(1);
        let start = self.clock;
        let walk = self.demand.peds.remove(&phase);
        let min = if walk { self.timing.min_green.max(self.timing.walk) } else { self.timing.min_green };
        let mut last_actuation = start;
        self.demand.vehicles.remove(&phase);
        let reason = loop {
            self.clock += step;
            let calls = det.drain_until(self.clock).await;
            if calls.iter().any(|c| matches!(c, Call::Vehicle(p) if *p == phase)) { last_actuation = self.clock; }
            self.register(&calls.into_iter().filter(|c| !matches!(c, Call::Vehicle(p) if *p == phase)).collect::<Vec<_>>());
            let green = self.clock - start;
            match green {
                g if g < min => continue,
                g if g >= self.timing.max_green => break "max-out",
                _ if self.clock - last_actuation >= self.timing.passage => break "gap-out",
                _ if self.demand.vehicles.is_empty() && self.demand.peds.is_empty() => continue,
                _ => {}
            }
        };
        let green = self.clock - start;
        *self.greens.entry(phase).or_default() += green;
        self.clock += self.timing.yellow + self.timing.all_red;
        let _ = write!(self.log.last_mut().unwrap(), " {phase:?}:{}s/{reason}{}", green.as_secs(), if walk { "+walk" } else { "" });
        reason
    }

    async fn cycle<D: Detector>(&mut self, det: &mut D) -> usize {
        let calls = det.drain_until(self.clock).await;
        self.register(&calls);
        self.log.push(format!("t={:>3}", self.clock.as_secs()));
        let mut served = 0;
        for phase in SEQUENCE {
            let called = self.demand.vehicles.contains_key(&phase) || self.demand.peds.contains(&phase);
            if called || phase == Phase::NsThrough {
                self.serve(phase, det).await;
                served += 1;
            }
        }
        served
    }
}

fn controller() -> Controller {
    let s = Duration::from_secs;
    Controller {
        timing: Timing { min_green: s(5), max_green: s(30), passage: s(3), yellow: s(4), all_red: s(2), walk: s(7) },
        clock: Duration::ZERO, demand: Demand::default(), log: vec![], greens: HashMap::new(),
    }
}

fn main() {
    let wall = Instant::now();
    let arrivals: VecDeque<(Duration, Phase)> = (0..60u64)
        .map(|i| (Duration::from_secs(i * 3 + (i % 5)), SEQUENCE[(i as usize * 7) % 4]))
        .collect();
    let mut loops = Loops { arrivals };
    let mut ctl = controller();
    let served: usize = block_on(async {
        let mut n = 0;
        for _ in 0..6 { n += ctl.cycle(&mut loops).await; }
        n
    });
    ctl.log.iter().for_each(|l| println!("{l}"));

    let mut buttons = Buttons { presses: vec![(0, Phase::EwThrough), (1, Phase::EwThrough), (20, Phase::NsThrough), (40, Phase::EwLeft)], next: 0, debounce: HashMap::new() };
    let mut ped_ctl = controller();
    let run_peds = async |c: &mut Controller, b: &mut Buttons| {
        for _ in 0..4 { c.cycle(b).await; }
        c.clock
    };
    let end = block_on(run_peds(&mut ped_ctl, &mut buttons));
    ped_ctl.log.iter().for_each(|l| println!("ped {l}"));
    let mut greens: Vec<_> = ctl.greens.iter().map(|(p, d)| (*p, d.as_secs())).collect();
    greens.sort();
    println!("served {served}, greens {greens:?}, ped run ended t={}s, sim took {:?}", end.as_secs(), wall.elapsed() < Duration::from_secs(5));
}
