#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Layer-7 load balancer: pluggable balancing strategies (weighted round robin, least connections) forwarding requests to backends.

use std::collections::HashMap;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
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

#[derive(Debug)]
struct Backend {
    addr: String,
    weight: u32,
    active: AtomicU32,
    healthy: RwLock<bool>,
    served: AtomicU32,
}

#[derive(Debug, Clone)]
struct Request { path: String, client: [u8; 4] }

#[derive(Debug)]
struct Response { status: u16, backend: String, body: String }

type ForwardFuture = Pin<Box<dyn Future<Output = Response> + Send>>;

trait Balancer {
    async fn pick(&self, pool: &[Arc<Backend>], req: &Request) -> Option<Arc<Backend>>;
    async fn pick_healthy(&self, pool: &[Arc<Backend>], req: &Request) -> Option<Arc<Backend>> {
        let healthy: Vec<Arc<Backend>> = pool.iter().filter(|b| *b.healthy.read().unwrap()).cloned().collect();
        Yield { left: 1 }.await;
        self.pick(&healthy, req).await
    }
}

struct WeightedRoundRobin { cursor: AtomicUsize }

struct LeastConnections;

impl Balancer for WeightedRoundRobin {
    async fn pick(&self, pool: &[Arc<Backend>], req: &Request) -> Option<Arc<Backend>> {
        let slots: Vec<usize> = pool.iter().enumerate().flat_map(|(i, b)| std::iter::repeat(i).take(b.weight as usize)).collect();
        if slots.is_empty() {
            return None;
        }
        Yield { left: 1 }.await;
        let n = self.cursor.fetch_add(1, Ordering::Relaxed);
        Some(Arc::clone(&pool[slots[n % slots.len()]]))
    }
}

impl Balancer for LeastConnections {
    async fn pick(&self, pool: &[Arc<Backend>], req: &Request) -> Option<Arc<Backend>> {
        Yield { left: 1 }.await;
        pool.iter().min_by_key(|b| (b.active.load(Ordering::Relaxed) * 100 / b.weight.max(1), b.addr.clone())).cloned()
    }
}

fn forward(backend: Arc<Backend>, req: Request) -> ForwardFuture {
    Box::pin(async move {
        backend.active.fetch_add(1, Ordering::Relaxed);
        let work = 1 + req.path.len() as u32 % 4;
        Yield { left: work }.await;
        backend.served.fetch_add(1, Ordering::Relaxed);
        backend.active.fetch_sub(1, Ordering::Relaxed);
        let status = if req.path.starts_with("/admin") { 403 } else { 200 };
        Response { status, backend: backend.addr.clone(), body: format!("handled {}", req.path) }
    })
}

async fn health_check(pool: &[Arc<Backend>], down: &[&str]) -> usize {
    let mut up = 0;
    for b in pool.iter() {
        Yield { left: 1 }.await;
        let ok = !down.contains(&b.addr.as_str());
        *b.healthy.write().unwrap() = ok;
        if ok {
            up += 1;
        }
    }
    up
}

async fn serve<B: Balancer>(lb: &B, pool: &[Arc<Backend>], reqs: &[Request], stats: &Mutex<HashMap<u16, u32>>) -> Vec<String> {
    let mut log = Vec::new();
    for req in reqs {
        let started = Instant::now();
        let resp = match lb.pick_healthy(pool, req).await {
            Some(backend) => forward(backend, req.clone()).await,
            None => Response { status: 503, backend: "-".into(), body: "no healthy upstream".into() },
        };
        *stats.lock().unwrap().entry(resp.status).or_insert(0) += 1;
        let ip: Vec<String> = req.client.iter().map(|o| o.to_string()).collect();
        log.push(format!("{} {} -> {} {}", ip.join("."), req.path, resp.backend, resp.status));
    }
    log
}

fn main() {
    let pool: Vec<Arc<Backend>> = [("10.1.0.1:8080", 3), ("10.1.0.2:8080", 1), ("10.1.0.3:8080", 2)]
        .iter()
        .map(|(a, w)| Arc::new(Backend { addr: a.to_string(), weight: *w, active: AtomicU32::new(0), healthy: RwLock::new(true), served: AtomicU32::new(0) }))
        .collect();
    let reqs: Vec<Request> = ["/", "/api/users", "/static/app.js", "/admin", "/api/orders/17", "/healthz"]
        .iter()
        .enumerate()
        .map(|(i, p)| Request { path: p.to_string(), client: [192, 0, 2, i as u8 + 10] })
        .collect();
    let stats = Mutex::new(HashMap::new());
    let up = block_on(health_check(&pool, &["10.1.0.2:8080"]));
    let wrr = WeightedRoundRobin { cursor: AtomicUsize::new(0) };
    let log1 = block_on(serve(&wrr, &pool, &reqs, &stats));
    let lc = LeastConnections;
    let log2 = block_on(serve(&lc, &pool, &reqs[..3], &stats));
    block_on(health_check(&pool, &["10.1.0.1:8080", "10.1.0.2:8080", "10.1.0.3:8080"]));
    let log3 = block_on(serve(&lc, &pool, &reqs[..1], &stats));
    let p = block_on(wrr.pick(&pool, &reqs[0])).map(|b| b.addr.clone());
    let p2 = block_on(lc.pick_healthy(&pool, &reqs[0]));
    let r = block_on(forward(Arc::clone(&pool[0]), reqs[1].clone()));
    for line in log1.iter().chain(&log2).chain(&log3) {
        println!("{}", line);
    }
    let served: Vec<u32> = pool.iter().map(|b| b.served.load(Ordering::Relaxed)).collect();
    println!("up={} pick={:?} none={} direct={} served={:?} stats={:?}", up, p, p2.is_none(), r.body, served, stats.lock().unwrap());
}
