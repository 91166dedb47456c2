#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Flight search: fetches per-airport departure schedules lazily and runs a Dijkstra search on arrival time with minimum layovers.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
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

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const MIN_LAYOVER: u32 = 45;
const MAX_LEGS: usize = 3;

#[derive(Debug, Clone)]
struct Flight { number: String, from: String, to: String, dep: u32, arr: u32, fare: u32 }

fn hhmm(mins: u32) -> String {
    format!("{:02}:{:02}", mins / 60 % 24, mins % 60)
}

fn parse_time(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

struct ScheduleApi { raw: &'static str, calls: RefCell<Vec<String>> }

impl ScheduleApi {
    async fn departures(&self, airport: &str) -> Vec<Flight> {
        self.calls.borrow_mut().push(airport.to_string());
        Yield { left: 2 }.await;
        self.raw
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                if f.len() != 6 || f[1] != airport {
                    return None;
                }
                Some(Flight { number: f[0].into(), from: f[1].into(), to: f[2].into(), dep: parse_time(f[3])?, arr: parse_time(f[4])?, fare: f[5].parse().ok()? })
            })
            .collect()
    }
}

struct Searcher { api: Rc<ScheduleApi>, cache: RefCell<HashMap<String, Rc<Vec<Flight>>>> }

impl Searcher {
    async fn schedule(&self, airport: &str) -> Rc<Vec<Flight>> {
        if let Some(hit) = self.cache.borrow().get(airport) {
            return Rc::clone(hit);
        }
        let fresh = Rc::new(self.api.departures(airport).await);
        self.cache.borrow_mut().insert(airport.to_string(), Rc::clone(&fresh));
        fresh
    }

    async fn earliest_arrival(&self, from: &str, to: &str, not_before: u32) -> Option<(u32, Vec<Flight>)> {
        let mut heap: BinaryHeap<Reverse<(u32, usize)>> = BinaryHeap::new();
        let mut paths: Vec<(String, Vec<Flight>)> = vec![(from.to_string(), Vec::new())];
        let mut settled: HashSet<String> = HashSet::new();
        heap.push(Reverse((not_before, 0)));
        while let Some(Reverse((time, idx))) = heap.pop() {
            let (airport, legs) = paths[idx].clone();
            if airport == to {
                return Some((time, legs));
            }
            if !settled.insert(airport.clone()) || legs.len() >= MAX_LEGS {
                continue;
            }
            let ready_at = if legs.is_empty() { time } else { time + MIN_LAYOVER };
            let sched = self.schedule(&airport).await;
            for f in sched.iter().filter(|f| f.dep >= ready_at && !settled.contains(&f.to)) {
                let mut next_legs = legs.clone();
                next_legs.push(f.clone());
                paths.push((f.to.clone(), next_legs));
                heap.push(Reverse((f.arr, paths.len() - 1)));
            }
        }
        None
    }

    async fn cheapest_direct(&self, from: &str, to: &str) -> Option<Flight> {
        let sched = self.schedule(from).await;
        Yield { left: 1 }.await;
        sched.iter().filter(|f| f.to == to).min_by_key(|f| f.fare).cloned()
    }
}

async fn itinerary(searcher: &Searcher, from: &str, to: &str, after: &str) -> String {
    let start = parse_time(after).unwrap_or(0);
    let mut out = format!("{} -> {} after {}: ", from, to, after);
    match searcher.earliest_arrival(from, to, start).await {
        Some((arr, legs)) => {
            let fare: u32 = legs.iter().map(|l| l.fare).sum();
            let hops: Vec<String> = legs.iter().map(|l| format!("{} {}-{} {}-{}", l.number, l.from, l.to, hhmm(l.dep), hhmm(l.arr))).collect();
            out.push_str(&format!("arrive {} (${}) via [{}]", hhmm(arr), fare, hops.join("; ")));
        }
        None => out.push_str("no route"),
    }
    if let Some(d) = searcher.cheapest_direct(from, to).await {
        out.push_str(&format!(" | cheapest direct {} ${}", d.number, d.fare));
    }
    out
}

fn main() {
    let raw = "LH100 FRA JFK 10:00 13:00 820\nLH102 FRA JFK 13:30 16:25 610\nLH900 FRA LHR 07:00 07:45 140\n\
               BA177 LHR JFK 08:20 11:05 540\nBA179 LHR JFK 09:00 11:45 490\nUA961 JFK SFO 14:00 17:30 310\n\
               UA963 JFK SFO 12:15 15:40 350\nAA001 JFK LAX 11:40 14:55 290\nLH454 FRA SFO 10:05 12:55 980";
    let api = Rc::new(ScheduleApi { raw, calls: RefCell::new(Vec::new()) });
    let searcher = Searcher { api: Rc::clone(&api), cache: RefCell::new(HashMap::new()) };
    for (from, to, after) in [("FRA", "JFK", "06:00"), ("FRA", "SFO", "06:00"), ("LHR", "LAX", "08:00"), ("JFK", "FRA", "00:00")] {
        println!("{}", block_on(itinerary(&searcher, from, to, after)));
    }
    let direct = block_on(searcher.cheapest_direct("JFK", "SFO")).map(|f| f.number);
    let sched = block_on(searcher.schedule("LHR")).len();
    let dep = block_on(api.departures("SFO")).len();
    let ea = block_on(searcher.earliest_arrival("FRA", "FRA", 0)).map(|(t, l)| l.len());
    println!("direct={:?} lhr={} sfo={} self={:?} api calls={:?}", direct, sched, dep, ea, api.calls.borrow());
}
