#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Token-bucket rate limiter for an API gateway, keyed by client id, with a manual clock.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

trait Clock {
    async fn now(&self) -> u64;
    async fn sleep(&self, ms: u64);
}

#[derive(Clone, Default)]
struct ManualClock {
    now_ms: Rc<Cell<u64>>,
}

impl Clock for ManualClock {
    async fn now(&self) -> u64 {
        Yield(1).await;
        self.now_ms.get()
    }
    async fn sleep(&self, ms: u64) {
        Yield(2).await;
        self.now_ms.set(self.now_ms.get() + ms);
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last_refill: u64,
}

#[derive(Debug, PartialEq)]
enum Decision {
    Allowed { remaining: u32 },
    Throttled { retry_after_ms: u64 },
}

#[derive(Debug)]
enum LimitError {
    CostExceedsBurst { cost: u32, burst: u32 },
    WaitExceeded { key: String, needed_ms: u64 },
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitError::CostExceedsBurst { cost, burst } => write!(f, "cost {cost} > burst {burst}"),
            LimitError::WaitExceeded { key, needed_ms } => write!(f, "{key}: would wait {needed_ms}ms"),
        }
    }
}

struct Limiter<C: Clock, const BURST: u32> {
    clock: C,
    refill_per_sec: f64,
    buckets: RefCell<HashMap<String, Bucket>>,
    audit: RefCell<Vec<String>>,
}

impl<C: Clock, const BURST: u32> Limiter<C, BURST> {
    fn new(clock: C, refill_per_sec: f64) -> Self {
        Self { clock, refill_per_sec, buckets: RefCell::new(HashMap::new()), audit: RefCell::new(Vec::new()) }
    }

    async fn try_acquire(&self, key: &str, cost: u32) -> Decision {
        let now = self.clock.now().await;
        let mut buckets = self.buckets.borrow_mut();
        let bucket = buckets
            .entry(key.to_string())
            .or_insert(Bucket { tokens: BURST as f64, last_refill: now });
        let elapsed = now.saturating_sub(bucket.last_refill) as f64 / 1000.0;
        bucket.tokens = (bucket.tokens + elapsed * self.refill_per_sec).min(BURST as f64);
        bucket.last_refill = now;
        if bucket.tokens >= cost as f64 {
            bucket.tokens -= cost as f64;
            Decision::Allowed { remaining: bucket.tokens as u32 }
        } else {
            let deficit = cost as f64 - bucket.tokens;
            Decision::Throttled { retry_after_ms: ((deficit / self.refill_per_sec) * 1000.0).ceil() as u64 }
        }
    }

    async fn acquire(&self, key: &str, cost: u32, max_wait_ms: u64) -> Result<u32, LimitError> {
        if cost > BURST {
            return Err(LimitError::CostExceedsBurst { cost, burst: BURST });
        }
        let mut waited = 0u64;
        let remaining = loop {
            match self.try_acquire(key, cost).await {
                Decision::Allowed { remaining } => break remaining,
                Decision::Throttled { retry_after_ms } if waited + retry_after_ms <= max_wait_ms => {
                    self.clock.sleep(retry_after_ms).await;
                    waited += retry_after_ms;
                }
                Decision::Throttled { retry_after_ms } => {
                    return Err(LimitError::WaitExceeded { key: key.to_string(), needed_ms: waited + retry_after_ms })
                }
            }
        };
        let mut audit = self.audit.borrow_mut();
        audit.push(format!("{key} cost={cost} waited={waited}ms left={remaining}"));
        Yield(1).await; // audit sink flush; single-threaded so the borrow is fine
        Ok(remaining)
    }
}

fn parse_requests(raw: &str) -> Vec<(&str, u32)> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let key = parts.next()?;
            let cost = parts.next().and_then(|c| c.parse().ok()).unwrap_or(1);
            Some((key, cost))
        })
        .collect()
}

async fn drive<C: Clock, const B: u32>(limiter: &Limiter<C, B>, reqs: &[(&str, u32)], max_wait: u64) -> (usize, usize) {
    let mut ok = 0;
    let mut rejected = 0;
    for &(key, cost) in reqs {
        match limiter.acquire(key, cost, max_wait).await {
            Ok(_) => ok += 1,
            Err(e) => {
                rejected += 1;
                println!("  reject: {e}");
            }
        }
    }
    (ok, rejected)
}

fn main() {
    let raw = "# client cost\nalpha 2\nalpha 3\nbeta 1\nalpha 4\n\nbeta 9\ngamma 20\nalpha 1\n";
    let reqs = parse_requests(raw);
    let clock = ManualClock::default();

    let strict: Limiter<ManualClock, 5> = Limiter::new(clock.clone(), 2.0);
    let loose: Limiter<ManualClock, 16> = Limiter::new(clock.clone(), 10.0);

    let (s_ok, s_rej) = block_on(drive(&strict, &reqs, 1500));
    let (l_ok, l_rej) = block_on(drive(&loose, &reqs, 0));
    println!("strict ok={s_ok} rej={s_rej}; loose ok={l_ok} rej={l_rej}");

    let probe = async |key: &str| -> Decision { strict.try_acquire(key, 1).await };
    let d = block_on(async {
        let a = probe("alpha").await;
        let b = probe("delta").await;
        (a, b)
    });
    println!("probe {:?} clock={}ms", d, clock.now_ms.get());
    for line in strict.audit.borrow().iter().take(3) {
        println!("  audit {line}");
    }
}
