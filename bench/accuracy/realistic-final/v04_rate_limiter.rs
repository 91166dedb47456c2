#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

trait Clock {
    fn now_ms(&self) -> u64;
    async fn sleep_until(&self, deadline: u64);
}

struct FakeClock {
    t: Mutex<u64>,
}

impl Clock for FakeClock {
    fn now_ms(&self) -> u64 {
        *self.t.lock().unwrap()
    }
    async fn sleep_until(&self, deadline: u64) {
        let mut t = self.t.lock().unwrap();
        if *t < deadline {
            *t = deadline;
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: u64,
}

struct RateLimiter<C: Clock> {
    clock: C,
    rate_per_sec: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, PartialEq)]
enum Decision {
    Allow { remaining: u32 },
    Deny { retry_after_ms: u64 },
}

impl<C: Clock> RateLimiter<C> {
    fn new(clock: C, rate_per_sec: f64, burst: f64) -> Self {
        RateLimiter { clock, rate_per_sec, burst, buckets: Mutex::new(HashMap::new()) }
    }

    fn check(&self, key: &str) -> Decision {
        let now = self.clock.now_ms();
        let mut map = self.buckets.lock().unwrap();
        let b = map.entry(key.to_owned()).or_insert(Bucket { tokens: self.burst, last: now });
        let elapsed = (now - b.last) as f64 / 1000.0;
        b.tokens = (b.tokens + elapsed * self.rate_per_sec).min(self.burst);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Decision::Allow { remaining: b.tokens as u32 }
        } else {
            let need = (1.0 - b.tokens) / self.rate_per_sec;
            Decision::Deny { retry_after_ms: (need * 1000.0).ceil() as u64 }
        }
    }

    async fn acquire(&self, key: &str) -> u32 {
        let mut waited = 0;
        loop {
            match self.check(key) {
                Decision::Allow { remaining } => return remaining,
                Decision::Deny { retry_after_ms } => {
                    waited += 1;
                    let deadline = self.clock.now_ms() + retry_after_ms;
                    self.clock.sleep_until(deadline).await;
                }
            }
        }
    }

    async fn acquire_many(&self, keys: &[&str]) -> Vec<(String, u32)> {
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let r = self.acquire(k).await;
            out.push((k.to_string(), r));
        }
        out
    }
}

async fn throttled<C, T, F, Fut>(limiter: &RateLimiter<C>, key: &str, work: F) -> T
where
    C: Clock,
    F: FnOnce() -> Fut,
    Fut: Future<Output = T>,
{
    let _ = limiter.acquire(key).await;
    work().await
}

struct CountingWaker(Mutex<u32>);
impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        *self.0.lock().unwrap() += 1;
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let cw = Arc::new(CountingWaker(Mutex::new(0)));
    let waker = Waker::from(cw.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let limiter = RateLimiter::new(FakeClock { t: Mutex::new(0) }, 2.0, 3.0);
    let got = block_on(limiter.acquire_many(&["u1", "u1", "u1", "u1", "u2", "u1"]));
    for (k, r) in &got {
        println!("{} remaining={}", k, r);
    }
    println!("clock now {}", limiter.clock.now_ms());

    let s = block_on(throttled(&limiter, "u3", || async { String::from("payload") }));
    let n = block_on(throttled(&limiter, "u3", || async { 7u64 * 6 }));
    println!("{} {}", s, n);

    let fetch = async |path: &str| -> usize {
        limiter.acquire("fetch").await;
        path.split('/').filter(|p| !p.is_empty()).count()
    };
    let depth = block_on(async { fetch("/a/b/c").await + fetch("/x").await });
    println!("depth sum {}", depth);
}
