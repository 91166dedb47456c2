//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Per-tenant token-bucket throttling layer wrapped around an async service, with weighted request costs.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

thread_local! {
    static NOW_MS: Cell<u64> = const { Cell::new(1_000) };
}

fn now_ms() -> u64 {
    NOW_MS.with(Cell::get)
}

struct Sleep {
    deadline: u64,
}

fn sleep_ms(ms: u64) -> Sleep {
    Sleep { deadline: now_ms() + ms }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let t = now_ms();
        if t >= self.deadline {
            Poll::Ready(())
        } else {
            NOW_MS.with(|c| c.set((t + 5).min(self.deadline)));
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct TierSpec {
    name: &'static str,
    burst: f64,
    per_second: f64,
}

#[derive(Debug)]
struct TokenBucket {
    capacity: f64,
    tokens: f64,
    refill_per_ms: f64,
    last_refill: u64,
}

impl TokenBucket {
    fn new(spec: &TierSpec) -> Self {
        TokenBucket { capacity: spec.burst, tokens: spec.burst, refill_per_ms: spec.per_second / 1000.0, last_refill: now_ms() }
    }

    fn try_take(&mut self, cost: f64) -> Result<(), u64> {
        let t = now_ms();
        let elapsed = (t - self.last_refill) as f64;
        self.tokens = (self.tokens + elapsed * self.refill_per_ms).min(self.capacity);
        self.last_refill = t;
        if self.tokens >= cost {
            self.tokens -= cost;
            Ok(())
        } else {
            let deficit = cost - self.tokens;
            Err((deficit / self.refill_per_ms).ceil() as u64)
        }
    }
}

#[derive(Debug)]
enum ApiError {
    Throttled { tenant: String, retry_after_ms: u64 },
    CostTooHigh(f64),
    NotFound(String),
    UnknownTier(String),
}

#[derive(Debug, Clone)]
struct ApiRequest {
    tenant: String,
    tier: String,
    path: String,
    cost: f64,
}

trait Service {
    async fn call(&self, req: &ApiRequest) -> Result<String, ApiError>;
}

struct Catalog {
    items: HashMap<&'static str, u32>,
}

impl Service for Catalog {
    async fn call(&self, req: &ApiRequest) -> Result<String, ApiError> {
        sleep_ms(3).await;
        let id = req.path.rsplit('/').next().unwrap_or_default();
        match self.items.get(id) {
            Some(stock) => Ok(format!("{id}: {stock} in stock")),
            None => Err(ApiError::NotFound(req.path.clone())),
        }
    }
}

struct Throttled<S, const N: usize> {
    inner: S,
    tiers: [TierSpec; N],
    buckets: RefCell<HashMap<String, TokenBucket>>,
    max_wait_ms: u64,
    waited_ms: Cell<u64>,
}

impl<S: Service, const N: usize> Throttled<S, N> {
    async fn acquire(&self, tenant: &str, spec: &TierSpec, cost: f64) -> Result<(), ApiError> {
        if cost > spec.burst {
            return Err(ApiError::CostTooHigh(cost));
        }
        let start = now_ms();
        loop {
            let outcome = {
                let mut buckets = self.buckets.borrow_mut();
                let bucket = buckets.entry(tenant.to_string()).or_insert_with(|| TokenBucket::new(spec));
                bucket.try_take(cost)
            };
            match outcome {
                Ok(()) => {
                    self.waited_ms.set(self.waited_ms.get() + (now_ms() - start));
                    return Ok(());
                }
                Err(wait) if now_ms() - start + wait <= self.max_wait_ms => sleep_ms(wait).await,
                Err(wait) => return Err(ApiError::Throttled { tenant: tenant.to_string(), retry_after_ms: wait }),
            }
        }
    }
}

impl<S: Service, const N: usize> Service for Throttled<S, N> {
    async fn call(&self, req: &ApiRequest) -> Result<String, ApiError> {
        let Some(spec) = self.tiers.iter().find(|t| t.name == req.tier) else {
            return Err(ApiError::UnknownTier(req.tier.clone()));
        };
        self.acquire(&req.tenant, spec, req.cost).await?;
        self.inner.call(req).await
    }
}

async fn replay<S: Service>(svc: &S, traffic: &str) -> Vec<String> {
    let mut log = Vec::new();
    for line in traffic.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        let [tenant, tier, path, cost] = fields[..] else {
            log.push(format!("malformed: {line}"));
            continue;
        };
        let req = ApiRequest { tenant: tenant.into(), tier: tier.into(), path: path.into(), cost: cost.parse().unwrap_or(1.0) };
        let t0 = now_ms();
        let res = svc.call(&req).await;
        let took = now_ms() - t0;
        let entry = match res {
            Ok(body) if took > 50 => format!("{tenant} SLOW {took}ms {body}"),
            Ok(body) => format!("{tenant} ok {body}"),
            Err(ApiError::Throttled { retry_after_ms, .. }) => {
                if let Some(next) = retry_after_ms.checked_add(now_ms()) && next > t0 {
                    format!("{tenant} 429 retry at t={next}")
                } else {
                    format!("{tenant} 429")
                }
            }
            Err(e) => format!("{tenant} error {e:?}"),
        };
        log.push(entry);
    }
    log
}

fn main() {
    let catalog = Catalog { items: HashMap::from([("sku-1", 4), ("sku-2", 0), ("sku-3", 17)]) };
    let tiers = [
        TierSpec { name: "free", burst: 2.0, per_second: 10.0 },
        TierSpec { name: "pro", burst: 10.0, per_second: 100.0 },
        TierSpec { name: "internal", burst: 50.0, per_second: 1000.0 },
    ];
    let svc = Throttled { inner: catalog, tiers, buckets: RefCell::new(HashMap::new()), max_wait_ms: 150, waited_ms: Cell::new(0) };
    let traffic = "
        acme,free,/items/sku-1,1
        acme,free,/items/sku-2,1
        acme,free,/items/sku-3,1
        acme,free,/items/sku-3,2
        globex,pro,/items/sku-9,4
        globex,pro,/items/sku-1,8
        globex,pro,/items/sku-1,8
        initech,gold,/items/sku-1,1
        acme,free,/items/sku-1,5
        bad line
        ops,internal,/items/sku-3,40";
    let log = block_on(replay(&svc, traffic));
    for l in &log {
        println!("{l}");
    }
    let mut tenants: Vec<(String, f64)> = svc.buckets.borrow().iter().map(|(k, b)| (k.clone(), (b.tokens * 10.0).round() / 10.0)).collect();
    tenants.sort_by(|a, b| a.0.cmp(&b.0));
    println!("buckets={tenants:?} total_wait={}ms clock={}", svc.waited_ms.get(), now_ms());
}
