#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Service health aggregator: typed checks (db, cache, http deps, disk), timeouts, readiness rollup.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Delay(u32);
    impl Future for Delay {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    /// Each 10ms of simulated latency costs one extra poll.
    pub fn sleep(ms: u64) -> Delay { Delay((ms / 10) as u32) }

    /// Polls `fut` at most `budget` times; gives up with None afterwards (a poll-count timeout).
    pub struct Timeout<F> { pub fut: Pin<Box<F>>, pub budget: u32 }
    impl<F: Future> Future for Timeout<F> {
        type Output = Option<F::Output>;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            if let Poll::Ready(v) = self.fut.as_mut().poll(cx) { return Poll::Ready(Some(v)); }
            if self.budget == 0 { return Poll::Ready(None); }
            self.budget -= 1;
            Poll::Pending
        }
    }
    pub fn timeout<F: Future>(ms: u64, fut: F) -> Timeout<F> { Timeout { fut: Box::pin(fut), budget: (ms / 10) as u32 } }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Health { Up, Degraded(String), Down(String) }

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self { Health::Up => f.write_str("UP"), Health::Degraded(r) => write!(f, "DEGRADED({r})"), Health::Down(r) => write!(f, "DOWN({r})") }
    }
}

type BoxFut<'a> = Pin<Box<dyn Future<Output = Health> + 'a>>;

trait Check {
    fn name(&self) -> String;
    fn critical(&self) -> bool { true }
    fn run(&self) -> BoxFut<'_>;
}

struct Postgres { replicas_lag_ms: Vec<u64>, reachable: bool }
impl Check for Postgres {
    fn name(&self) -> String { "postgres".into() }
    fn run(&self) -> BoxFut<'_> {
        Box::pin(async move {
            rt::sleep(20).await;
            if !self.reachable { return Health::Down("connection refused".into()); }
            let lagging: Vec<String> = self.replicas_lag_ms.iter().enumerate().filter(|(_, l)| **l > 5000).map(|(i, l)| format!("replica{i}={l}ms")).collect();
            if lagging.is_empty() { Health::Up } else { Health::Degraded(lagging.join(",")) }
        })
    }
}

struct Redis { latency_ms: u64 }
impl Check for Redis {
    fn name(&self) -> String { "redis".into() }
    fn critical(&self) -> bool { false }
    fn run(&self) -> BoxFut<'_> {
        let latency = self.latency_ms;
        Box::pin(async move {
            rt::sleep(latency).await;
            Health::Up
        })
    }
}

struct HttpDep { url: &'static str, status: u16, latency_ms: u64 }
impl Check for HttpDep {
    fn name(&self) -> String { format!("http:{}", self.url.split('/').nth(2).unwrap_or(self.url)) }
    fn critical(&self) -> bool { !self.url.contains("analytics") }
    fn run(&self) -> BoxFut<'_> {
        Box::pin(async move {
            rt::sleep(self.latency_ms).await;
            match self.status {
                200..=299 => Health::Up,
                429 => Health::Degraded("rate limited".into()),
                s => Health::Down(format!("HTTP {s}")),
            }
        })
    }
}

struct Disk { mount: &'static str, free_pct: f32 }
impl Check for Disk {
    fn name(&self) -> String { format!("disk:{}", self.mount) }
    fn run(&self) -> BoxFut<'_> {
        let (mount, free) = (self.mount, self.free_pct);
        Box::pin(async move {
            match free {
                f if f < 5.0 => Health::Down(format!("{mount} {f:.1}% free")),
                f if f < 15.0 => Health::Degraded(format!("{mount} {f:.1}% free")),
                _ => Health::Up,
            }
        })
    }
}

struct Aggregator { checks: Vec<Box<dyn Check>>, timeout_ms: u64, last: RwLock<BTreeMap<String, Health>>, runs: Mutex<u32> }

impl Aggregator {
    async fn run_all(&self) -> (Health, BTreeMap<String, Health>) {
        let mut results = BTreeMap::new();
        for check in &self.checks {
            let health = match rt::timeout(self.timeout_ms, check.run()).await {
                Some(h) => h,
                None => Health::Down(format!("timed out after {}ms", self.timeout_ms)),
            };
            results.insert(check.name(), health);
        }
        *self.runs.lock().unwrap() += 1;
        let overall = self
            .checks
            .iter()
            .map(|c| match (&results[&c.name()], c.critical()) {
                (Health::Down(r), false) => Health::Degraded(format!("{}: {r}", c.name())),
                (Health::Down(r), true) => Health::Down(c.name()),
                (h, _) => h.clone(),
            })
            .max()
            .unwrap_or(Health::Up);
        *self.last.write().unwrap() = results.clone();
        (overall, results)
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let agg = Arc::new(Aggregator {
        checks: vec![
            Box::new(Postgres { replicas_lag_ms: vec![120, 9000], reachable: true }),
            Box::new(Redis { latency_ms: 900 }),
            Box::new(HttpDep { url: "https://payments.internal/health", status: 200, latency_ms: 30 }),
            Box::new(HttpDep { url: "https://analytics.vendor.io/ping", status: 503, latency_ms: 10 }),
            Box::new(Disk { mount: "/var/lib/app", free_pct: 11.5 }),
        ],
        timeout_ms: 250,
        last: RwLock::new(BTreeMap::new()),
        runs: Mutex::new(0),
    });
    let a = Arc::clone(&agg);
    let (overall, details) = block_on(async move { a.run_all().await });
    println!("overall={overall}");
    for (name, h) in &details { println!("  {name:<28} {h}"); }
    println!("runs={}", agg.runs.lock().unwrap());
}
