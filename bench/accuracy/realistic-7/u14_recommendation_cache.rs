#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Recommendation cache: an LRU in front of pluggable async recommendation sources (collaborative filtering, popularity fallback).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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

const CAPACITY: usize = 3;
const TTL: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq)]
struct Rec { item: u32, score: f32 }

trait RecSource {
    fn name(&self) -> &'static str;
    async fn recommend(&self, user: u32, k: usize) -> Option<Vec<Rec>>;
    async fn recommend_or_empty(&self, user: u32, k: usize) -> Vec<Rec> {
        match self.recommend(user, k).await {
            Some(v) => v,
            None => {
                Yield { left: 1 }.await;
                Vec::new()
            }
        }
    }
}

struct CollaborativeModel { ratings: HashMap<u32, Vec<(u32, f32)>> }

struct PopularityModel { counts: Vec<(u32, u32)>, calls: Cell<u32> }

impl RecSource for CollaborativeModel {
    fn name(&self) -> &'static str { "cf" }
    async fn recommend(&self, user: u32, k: usize) -> Option<Vec<Rec>> {
        let mine = self.ratings.get(&user)?;
        Yield { left: 2 }.await;
        let seen: Vec<u32> = mine.iter().map(|(i, _)| *i).collect();
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for (other, theirs) in self.ratings.iter().filter(|(u, _)| **u != user) {
            let overlap = theirs.iter().filter(|(i, _)| seen.contains(i)).count() as f32;
            if overlap == 0.0 {
                continue;
            }
            Yield { left: 1 }.await;
            for (item, r) in theirs.iter().filter(|(i, _)| !seen.contains(i)) {
                *scores.entry(*item).or_insert(0.0) += r * overlap;
            }
        }
        let mut recs: Vec<Rec> = scores.into_iter().map(|(item, score)| Rec { item, score }).collect();
        recs.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap().then(a.item.cmp(&b.item)));
        recs.truncate(k);
        if recs.is_empty() { None } else { Some(recs) }
    }
}

impl RecSource for PopularityModel {
    fn name(&self) -> &'static str { "popular" }
    async fn recommend(&self, user: u32, k: usize) -> Option<Vec<Rec>> {
        self.calls.set(self.calls.get() + 1);
        Yield { left: 1 }.await;
        Some(self.counts.iter().take(k).map(|(item, c)| Rec { item: *item, score: *c as f32 / 100.0 }).collect())
    }
}

struct LruCache {
    entries: RefCell<HashMap<u32, (Instant, Rc<Vec<Rec>>)>>,
    order: RefCell<VecDeque<u32>>,
    hits: Cell<u32>,
    misses: Cell<u32>,
}

impl LruCache {
    fn new() -> Self {
        LruCache { entries: RefCell::default(), order: RefCell::default(), hits: Cell::new(0), misses: Cell::new(0) }
    }

    fn touch(&self, user: u32) {
        let mut order = self.order.borrow_mut();
        order.retain(|u| *u != user);
        order.push_back(user);
        if order.len() > CAPACITY {
            if let Some(evicted) = order.pop_front() {
                self.entries.borrow_mut().remove(&evicted);
            }
        }
    }

    fn lookup(&self, user: u32) -> Option<Rc<Vec<Rec>>> {
        let entries = self.entries.borrow();
        let (at, recs) = entries.get(&user)?;
        if at.elapsed() > TTL {
            return None;
        }
        Some(Rc::clone(recs))
    }

    async fn get_or_load<S>(&self, user: u32, source: &S) -> Rc<Vec<Rec>>
    where
        S: RecSource,
    {
        if let Some(hit) = self.lookup(user) {
            self.hits.set(self.hits.get() + 1);
            self.touch(user);
            return hit;
        }
        self.misses.set(self.misses.get() + 1);
        let loaded = Rc::new(source.recommend_or_empty(user, 3).await);
        Yield { left: 1 }.await;
        self.entries.borrow_mut().insert(user, (Instant::now(), Rc::clone(&loaded)));
        self.touch(user);
        loaded
    }
}

async fn with_fallback<A: RecSource, B: RecSource>(primary: &A, fallback: &B, user: u32) -> (&'static str, Vec<Rec>) {
    match primary.recommend(user, 3).await {
        Some(recs) if !recs.is_empty() => (primary.name(), recs),
        _ => (fallback.name(), fallback.recommend_or_empty(user, 3).await),
    }
}

async fn serve_requests(cache: &LruCache, cf: &CollaborativeModel, pop: &PopularityModel, users: &[u32]) -> String {
    let mut out = String::new();
    for (i, user) in users.iter().enumerate() {
        let recs = if cf.ratings.contains_key(user) { cache.get_or_load(*user, cf).await } else { cache.get_or_load(*user, pop).await };
        let items: Vec<String> = recs.iter().map(|r| format!("{}:{:.1}", r.item, r.score)).collect();
        out.push_str(&format!("req{} user{} -> [{}]\n", i, user, items.join(" ")));
    }
    out
}

fn main() {
    let mut ratings = HashMap::new();
    ratings.insert(1, vec![(10, 5.0), (11, 3.0), (12, 4.0)]);
    ratings.insert(2, vec![(10, 4.0), (13, 5.0), (14, 2.0)]);
    ratings.insert(3, vec![(11, 4.0), (12, 5.0), (15, 4.5)]);
    ratings.insert(4, vec![(99, 1.0)]);
    let cf = CollaborativeModel { ratings };
    let pop = PopularityModel { counts: vec![(10, 950), (13, 720), (15, 400), (11, 380)], calls: Cell::new(0) };
    let cache = LruCache::new();
    let log = block_on(serve_requests(&cache, &cf, &pop, &[1, 2, 1, 7, 3, 4, 1, 2]));
    print!("{}", log);
    let (src, recs) = block_on(with_fallback(&cf, &pop, 4));
    let (src2, recs2) = block_on(with_fallback(&pop, &cf, 1));
    let direct = block_on(cf.recommend(3, 2));
    let empty = block_on(cf.recommend_or_empty(42, 2));
    let p = block_on(pop.recommend_or_empty(1, 1));
    let again = block_on(cache.get_or_load(9, &pop));
    println!("fallback for 4: {} {:?}", src, recs.iter().map(|r| r.item).collect::<Vec<_>>());
    println!("{} first={:?} direct={:?} empty={} p={:?} again={}", src2, recs2.first(), direct, empty.len(), p, again.len());
    println!("hits={} misses={} pop_calls={}", cache.hits.get(), cache.misses.get(), pop.calls.get());
}
