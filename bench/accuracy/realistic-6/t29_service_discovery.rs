#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Service discovery registry: instance registration with TTL heartbeats, zone-aware round-robin balancing and pluggable health sources.

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

static NOOP: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &NOOP), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &NOOP)) };
    let mut cx = Context::from_waker(&waker);
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

#[derive(Debug, Clone, PartialEq)]
struct Instance { id: String, addr: String, zone: &'static str, last_seen: u64, weight: u8 }

#[derive(Debug, PartialEq)]
enum LookupError { NoSuchService(String), NoHealthy { service: String, total: usize } }

trait HealthSource {
    async fn is_healthy(&self, inst: &Instance) -> bool;
    async fn filter_healthy<'a>(&self, all: &'a [Instance]) -> Vec<&'a Instance> {
        let mut out = Vec::with_capacity(all.len());
        for i in all { if self.is_healthy(i).await { out.push(i); } }
        out
    }
}

struct TtlHealth { now: Arc<Cell<u64>>, ttl: u64 }
impl HealthSource for TtlHealth {
    async fn is_healthy(&self, inst: &Instance) -> bool { Yield(1).await; self.now.get() - inst.last_seen <= self.ttl }
}

struct Drained { ids: Vec<&'static str> }
impl HealthSource for Drained {
    async fn is_healthy(&self, inst: &Instance) -> bool { !self.ids.contains(&inst.id.as_str()) }
}

struct Both<A, B>(A, B);
impl<A: HealthSource, B: HealthSource> HealthSource for Both<A, B> {
    async fn is_healthy(&self, inst: &Instance) -> bool { self.0.is_healthy(inst).await && self.1.is_healthy(inst).await }
}

struct Registry { services: RwLock<HashMap<String, Vec<Instance>>>, rr: Cell<usize> }

impl Registry {
    async fn register(&self, service: &str, inst: Instance) {
        Yield(2).await;
        let mut w = self.services.write().unwrap();
        let list = w.entry(service.to_string()).or_default();
        match list.iter_mut().find(|i| i.id == inst.id) {
            Some(existing) => *existing = inst,
            None => list.push(inst),
        }
    }

    async fn heartbeat(&self, service: &str, id: &str, now: u64) -> bool {
        Yield(1).await;
        self.services.write().unwrap().get_mut(service).and_then(|l| l.iter_mut().find(|i| i.id == id)).map(|i| i.last_seen = now).is_some()
    }

    async fn pick<H: HealthSource>(&self, service: &str, zone: &str, health: &H) -> Result<Instance, LookupError> {
        let snapshot: Vec<Instance> = {
            let r = self.services.read().unwrap();
            r.get(service).cloned().ok_or_else(|| LookupError::NoSuchService(service.into()))?
        }; // read guard dropped here, before the health checks await
        let healthy = health.filter_healthy(&snapshot).await;
        let local: Vec<&Instance> = healthy.iter().copied().filter(|i| i.zone == zone).collect();
        let pool = if local.is_empty() { &healthy } else { &local };
        let expanded: Vec<&Instance> = pool.iter().flat_map(|i| std::iter::repeat(*i).take(i.weight as usize)).collect();
        if expanded.is_empty() { return Err(LookupError::NoHealthy { service: service.into(), total: snapshot.len() }); }
        let n = self.rr.get();
        self.rr.set(n + 1);
        Ok(expanded[n % expanded.len()].clone())
    }
}

async fn client_calls<H: HealthSource>(reg: &Registry, health: &H, zone: &str, n: usize) -> HashMap<String, usize> {
    let mut hits = HashMap::new();
    for _ in 0..n {
        match reg.pick("orders", zone, health).await {
            Ok(i) => *hits.entry(i.id).or_insert(0) += 1,
            Err(e) => *hits.entry(format!("{e:?}")).or_insert(0) += 1,
        }
    }
    hits
}

fn inst(id: &str, zone: &'static str, port: u16, weight: u8) -> Instance {
    Instance { id: id.into(), addr: format!("10.0.{}.{}:{port}", if zone == "eu-1a" { 1 } else { 2 }, port % 250), zone, last_seen: 0, weight }
}

fn main() {
    let now = Arc::new(Cell::new(0u64));
    let reg = Registry { services: RwLock::new(HashMap::new()), rr: Cell::new(0) };
    let health = Both(TtlHealth { now: now.clone(), ttl: 30 }, Drained { ids: vec!["o-4"] });
    let (phase1, phase2, phase3, missing) = block_on(async {
        for (id, zone, port, w) in [("o-1", "eu-1a", 8081, 2), ("o-2", "eu-1a", 8082, 1), ("o-3", "eu-1b", 8083, 1), ("o-4", "eu-1b", 8084, 3)] {
            reg.register("orders", inst(id, zone, port, w)).await;
        }
        let p1 = client_calls(&reg, &health, "eu-1a", 9).await;
        now.set(40);
        for id in ["o-2", "o-3", "o-4"] { reg.heartbeat("orders", id, 35).await; }
        let p2 = client_calls(&reg, &health, "eu-1a", 4).await;
        now.set(100);
        let p3 = client_calls(&reg, &TtlHealth { now: now.clone(), ttl: 30 }, "eu-1b", 2).await;
        let missing = reg.pick("billing", "eu-1a", &health).await;
        (p1, p2, p3, missing)
    });
    println!("phase1 {phase1:?}\nphase2 {phase2:?}\nphase3 {phase3:?}\nmissing {missing:?}");
    assert_eq!((phase1["o-1"], phase1["o-2"]), (6, 3));
    assert_eq!(phase2.get("o-2"), Some(&4));
    assert_eq!(phase3.values().sum::<usize>(), 2);
    assert!(phase3.keys().all(|k| k.starts_with("NoHealthy")));
    assert_eq!(missing, Err(LookupError::NoSuchService("billing".into())));
}
