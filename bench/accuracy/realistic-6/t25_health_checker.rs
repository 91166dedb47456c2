#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Dependency health checker: async probes behind a poll-budget timeout combinator, with degraded/unhealthy roll-up per service.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    fn raw() -> RawWaker {
        fn c(_: *const ()) -> RawWaker { raw() }
        fn n(_: *const ()) {}
        static V: RawWakerVTable = RawWakerVTable::new(c, n, n, n);
        RawWaker::new(std::ptr::null(), &V)
    }
    let w = unsafe { Waker::from_raw(raw()) };
    let mut cx = Context::from_waker(&w);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

/// Resolves to `None` if the inner future is still pending after `budget` polls.
struct Timeout<F> { inner: Pin<Box<F>>, budget: u32 }
impl<F: Future> Future for Timeout<F> {
    type Output = Option<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.inner.as_mut().poll(cx) { return Poll::Ready(Some(v)); }
        if self.budget == 0 { return Poll::Ready(None); }
        self.budget -= 1;
        Poll::Pending
    }
}
fn timeout<F: Future>(budget: u32, f: F) -> Timeout<F> { Timeout { inner: Box::pin(f), budget } }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status { Healthy, Degraded, Unhealthy }

#[derive(Debug)]
enum ProbeError { Refused(u16), Status(u16), Disk { free_pct: u8 } }

trait Probe {
    fn name(&self) -> String;
    fn critical(&self) -> bool { true }
    async fn check(&self) -> Result<u32, ProbeError>;
}

struct Http { url: &'static str, latency: u32, code: u16 }
impl Probe for Http {
    fn name(&self) -> String { format!("http {}", self.url) }
    async fn check(&self) -> Result<u32, ProbeError> {
        Yield(self.latency).await;
        match self.code {
            200..=299 => Ok(self.latency),
            0 => Err(ProbeError::Refused(443)),
            c => Err(ProbeError::Status(c)),
        }
    }
}

struct Tcp { host: &'static str, port: u16, up: bool, calls: Rc<Cell<u32>> }
impl Probe for Tcp {
    fn name(&self) -> String { format!("tcp {}:{}", self.host, self.port) }
    async fn check(&self) -> Result<u32, ProbeError> {
        self.calls.set(self.calls.get() + 1);
        Yield(2).await;
        if self.up || self.calls.get() > 2 { Ok(2) } else { Err(ProbeError::Refused(self.port)) }
    }
}

struct Disk { mount: &'static str, free_pct: u8 }
impl Probe for Disk {
    fn name(&self) -> String { format!("disk {}", self.mount) }
    fn critical(&self) -> bool { false }
    async fn check(&self) -> Result<u32, ProbeError> {
        Yield(1).await;
        if self.free_pct < 10 { Err(ProbeError::Disk { free_pct: self.free_pct }) } else { Ok(1) }
    }
}

async fn run_probe<P: Probe>(p: &P, budget: u32, retries: u32) -> (String, Status, String) {
    let mut detail = String::new();
    for attempt in 0..=retries {
        match timeout(budget, p.check()).await {
            Some(Ok(ms)) if ms * 2 > budget => return (p.name(), Status::Degraded, format!("slow: {ms} ticks")),
            Some(Ok(ms)) => return (p.name(), Status::Healthy, format!("{ms} ticks, attempt {}", attempt + 1)),
            Some(Err(e)) => detail = format!("{e:?}"),
            None => detail = format!("timed out after {budget} ticks"),
        }
        Yield(attempt + 1).await;
    }
    let status = if p.critical() { Status::Unhealthy } else { Status::Degraded };
    (p.name(), status, detail)
}

async fn service_health<A: Probe, B: Probe, C: Probe>(svc: &str, a: &A, b: &B, c: &C) -> (Status, Vec<(String, Status, String)>) {
    let results = vec![run_probe(a, 6, 1).await, run_probe(b, 6, 2).await, run_probe(c, 6, 0).await];
    let worst = results.iter().map(|(_, s, _)| *s).max().unwrap_or(Status::Healthy);
    (worst, results)
}

fn main() {
    let calls = Rc::new(Cell::new(0));
    let report = block_on(async {
        let mut report = BTreeMap::new();
        report.insert("checkout", service_health("checkout",
            &Http { url: "https://payments.internal/health", latency: 2, code: 200 },
            &Tcp { host: "db-primary", port: 5432, up: false, calls: calls.clone() },
            &Disk { mount: "/var/lib/checkout", free_pct: 42 }).await);
        report.insert("search", service_health("search",
            &Http { url: "https://es.internal/_cluster/health", latency: 4, code: 200 },
            &Tcp { host: "redis", port: 6379, up: true, calls: Rc::new(Cell::new(0)) },
            &Disk { mount: "/data", free_pct: 3 }).await);
        report.insert("email", service_health("email",
            &Http { url: "https://smtp-relay.internal/ping", latency: 20, code: 200 },
            &Http { url: "https://templates.internal/health", latency: 1, code: 503 },
            &Disk { mount: "/tmp", free_pct: 80 }).await);
        report
    });
    for (svc, (status, checks)) in &report {
        println!("{svc}: {status:?}");
        for (name, s, d) in checks { println!("    {:<10} {name:<42} {d}", format!("{s:?}")); }
    }
    let statuses: Vec<Status> = report.values().map(|(s, _)| *s).collect();
    assert_eq!(statuses, vec![Status::Healthy, Status::Unhealthy, Status::Degraded]);
    assert_eq!(calls.get(), 3);
}
