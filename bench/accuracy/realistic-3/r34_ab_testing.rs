//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! A/B experimentation service: deterministic bucketing, exposure logging, conversion analysis.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::rc::Rc;
use std::cell::RefCell;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub async fn flush_delay() { Yield(false).await }
}

fn murmurish(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() { h = (h ^ b as u32).wrapping_mul(0x01000193); }
    h ^ (h >> 16)
}

trait Bucketer {
    fn bucket(&self, unit: &str, salt: &str) -> u32;
}

/// Hash-based split into 10_000 slots.
struct HashBucketer;
impl Bucketer for HashBucketer {
    fn bucket(&self, unit: &str, salt: &str) -> u32 { murmurish(&format!("{salt}:{unit}")) % 10_000 }
}

/// Forced assignments from QA overrides, falling back to hashing.
struct OverrideBucketer { overrides: HashMap<String, u32> }
impl Bucketer for OverrideBucketer {
    fn bucket(&self, unit: &str, salt: &str) -> u32 { self.overrides.get(unit).copied().unwrap_or_else(|| HashBucketer.bucket(unit, salt)) }
}

struct Experiment<const V: usize> { key: &'static str, variants: [&'static str; V], weights: [u32; V], traffic_pct: u32 }

impl<const V: usize> Experiment<V> {
    fn assign(&self, b: &impl Bucketer, unit: &str) -> Option<usize> {
        if b.bucket(unit, "traffic") % 100 >= self.traffic_pct { return None; }
        let slot = b.bucket(unit, self.key);
        let total: u32 = self.weights.iter().sum();
        let mut acc = 0;
        for (i, w) in self.weights.iter().enumerate() {
            acc += w * 10_000 / total;
            if slot < acc { return Some(i); }
        }
        Some(V - 1)
    }
}

#[derive(Default)]
struct EventSink { buffer: RefCell<Vec<String>>, flushed: RefCell<Vec<String>>, batches: RefCell<u32> }

impl EventSink {
    async fn log(&self, line: String) {
        self.buffer.borrow_mut().push(line);
        if self.buffer.borrow().len() >= 8 { self.flush().await; }
    }
    async fn flush(&self) {
        let batch = std::mem::take(&mut *self.buffer.borrow_mut());
        if batch.is_empty() { return; }
        rt::flush_delay().await;
        *self.batches.borrow_mut() += 1;
        self.flushed.borrow_mut().extend(batch);
    }
}

async fn run_experiment<const V: usize, B>(exp: &Experiment<V>, bucketer: &B, sink: Rc<EventSink>, sessions: &str) -> BTreeMap<&'static str, (u32, u32)>
where
    B: Bucketer,
{
    let mut stats: BTreeMap<&'static str, (u32, u32)> = exp.variants.iter().map(|v| (*v, (0, 0))).collect();
    let expose = async |unit: &str, variant: &'static str| {
        sink.log(format!("exposure exp={} unit={unit} variant={variant}", exp.key)).await;
    };
    for line in sessions.lines() {
        let mut parts = line.split(',');
        let (Some(user), Some(converted)) = (parts.next(), parts.next()) else { continue };
        if let Some(i) = exp.assign(bucketer, user) && let Some(name) = exp.variants.get(i) {
            expose(user, name).await;
            let entry = stats.get_mut(name).unwrap();
            entry.0 += 1;
            if converted.trim() == "1" { entry.1 += 1; }
        }
    }
    sink.flush().await;
    stats
}

fn summarize(stats: &BTreeMap<&'static str, (u32, u32)>) -> String {
    stats.iter().map(|(v, (n, c))| format!("{v}: {c}/{n} ({:.1}%)", if *n == 0 { 0.0 } else { *c as f64 * 100.0 / *n as f64 })).collect::<Vec<_>>().join("; ")
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let sessions: String = (0..60).map(|i| format!("user{i},{}\n", if (i * 7) % 5 == 0 { 1 } else { 0 })).collect();
    let checkout = Experiment { key: "checkout_v2", variants: ["control", "one_page"], weights: [50, 50], traffic_pct: 100 };
    let pricing = Experiment { key: "pricing_page", variants: ["control", "annual_first", "monthly_first"], weights: [2, 1, 1], traffic_pct: 60 };
    let qa = OverrideBucketer { overrides: HashMap::from([("user1".to_string(), 9_999), ("user2".to_string(), 0)]) };
    let sink = Rc::new(EventSink::default());
    let (a, b) = block_on(async {
        let a = run_experiment(&checkout, &HashBucketer, Rc::clone(&sink), &sessions).await;
        let b = run_experiment(&pricing, &qa, Rc::clone(&sink), &sessions).await;
        (a, b)
    });
    println!("checkout_v2 => {}", summarize(&a));
    println!("pricing_page => {}", summarize(&b));
    println!("exposures={} batches={}", sink.flushed.borrow().len(), sink.batches.borrow());
}
