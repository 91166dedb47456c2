//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Retry executor with exponential backoff, jitter and error classification for flaky RPC calls.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

thread_local! {
    static CLOCK: Cell<u64> = const { Cell::new(0) };
}

fn now() -> u64 {
    CLOCK.with(|c| c.get())
}

struct Delay {
    until: u64,
}

fn delay(ms: u64) -> Delay {
    Delay { until: now() + ms }
}

impl Future for Delay {
    type Output = u64;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        let t = now();
        if t >= self.until {
            return Poll::Ready(t);
        }
        CLOCK.with(|c| c.set((t + 25).min(self.until)));
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone)]
enum RpcError {
    Timeout { after_ms: u64 },
    Unavailable(String),
    BadRequest(String),
    Throttled { retry_after: u64 },
}

enum RetryHint {
    Never,
    Backoff,
    After(u64),
}

trait Classify {
    fn retry_hint(&self) -> RetryHint;
}

impl Classify for RpcError {
    fn retry_hint(&self) -> RetryHint {
        match self {
            RpcError::Timeout { .. } | RpcError::Unavailable(_) => RetryHint::Backoff,
            RpcError::Throttled { retry_after } => RetryHint::After(*retry_after),
            RpcError::BadRequest(_) => RetryHint::Never,
        }
    }
}

#[derive(Debug)]
enum RetryError<E> {
    Exhausted { attempts: u32, last: E },
    Permanent(E),
}

struct Backoff {
    base_ms: u64,
    max_ms: u64,
    factor: u64,
    seed: u64,
}

impl Backoff {
    fn delay_for(&mut self, attempt: u32) -> u64 {
        let exp = self.base_ms.saturating_mul(self.factor.saturating_pow(attempt - 1));
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        let jitter = self.seed % (self.base_ms / 2 + 1);
        exp.min(self.max_ms) + jitter
    }
}

struct RetryPolicy {
    max_attempts: u32,
    backoff: Backoff,
    log: Vec<String>,
}

async fn retry<T, E, F>(policy: &mut RetryPolicy, label: &str, mut op: F) -> Result<(T, u32), RetryError<E>>
where
    F: AsyncFnMut(u32) -> Result<T, E>,
    E: Classify + fmt::Debug,
{
    let mut attempt = 0;
    let mut last_err: Option<E> = None;
    while attempt < policy.max_attempts {
        attempt += 1;
        let started = now();
        match op(attempt).await {
            Ok(v) => return Ok((v, attempt)),
            Err(e) => {
                let wait = match e.retry_hint() {
                    RetryHint::Never => return Err(RetryError::Permanent(e)),
                    RetryHint::After(ms) => ms,
                    RetryHint::Backoff => policy.backoff.delay_for(attempt),
                };
                if attempt < policy.max_attempts && wait > 0 {
                    policy.log.push(format!("{label}: attempt {attempt} failed ({e:?}), sleeping {wait}ms"));
                    let woke = delay(wait).await;
                    if let Some(prev) = &last_err && woke - started > 500 {
                        policy.log.push(format!("{label}: slow recovery, previous {prev:?}"));
                    }
                }
                last_err = Some(e);
            }
        }
    }
    let Some(last) = last_err else {
        unreachable!("loop ran at least once");
    };
    Err(RetryError::Exhausted { attempts: attempt, last })
}

struct FlakyService {
    scripts: HashMap<&'static str, Vec<Option<RpcError>>>,
    calls: RefCell<HashMap<String, u32>>,
}

impl FlakyService {
    async fn call(&self, endpoint: &str, attempt: u32) -> Result<String, RpcError> {
        delay(10).await;
        *self.calls.borrow_mut().entry(endpoint.to_string()).or_default() += 1;
        let script = self.scripts.get(endpoint).ok_or_else(|| RpcError::BadRequest(endpoint.into()))?;
        match script.get(attempt as usize - 1).cloned().flatten() {
            Some(err) => Err(err),
            None => Ok(format!("{endpoint}:200 after {attempt}")),
        }
    }
}

fn with_budget<F: Future>(fut: F, budget_ms: u64) -> impl Future<Output = Option<F::Output>> {
    async move {
        let start = now();
        let out = fut.await;
        if now() - start > budget_ms { None } else { Some(out) }
    }
}

fn main() {
    let mut scripts = HashMap::new();
    scripts.insert("users", vec![Some(RpcError::Timeout { after_ms: 30 }), Some(RpcError::Unavailable("lb".into())), None]);
    scripts.insert("billing", vec![Some(RpcError::Throttled { retry_after: 120 }), None]);
    scripts.insert("search", vec![Some(RpcError::BadRequest("q too long".into()))]);
    scripts.insert("reports", vec![Some(RpcError::Unavailable("db".into())); 8]);
    let svc = FlakyService { scripts, calls: RefCell::new(HashMap::new()) };
    let mut policy = RetryPolicy {
        max_attempts: 4,
        backoff: Backoff { base_ms: 40, max_ms: 400, factor: 2, seed: 0x9E37_79B9 },
        log: Vec::new(),
    };

    let results = block_on(async {
        let mut out = Vec::new();
        for endpoint in ["users", "billing", "search", "reports"] {
            let res = retry(&mut policy, endpoint, async |attempt| svc.call(endpoint, attempt).await).await;
            out.push(match res {
                Ok((body, n)) => format!("{endpoint}: ok '{body}' in {n} attempts"),
                Err(RetryError::Permanent(RpcError::BadRequest(why))) => format!("{endpoint}: rejected ({why})"),
                Err(RetryError::Exhausted { attempts, last }) => format!("{endpoint}: gave up after {attempts}: {last:?}"),
                Err(other) => format!("{endpoint}: {other:?}"),
            });
        }
        let svc_ref = &svc;
        let budgeted = with_budget(
            retry(&mut policy, "users-again", move |a| async move { svc_ref.call("users", a).await }),
            300,
        )
        .await;
        out.push(format!("budgeted: {:?}", budgeted.map(|r| r.is_ok())));
        out
    });

    for line in policy.log.iter().chain(results.iter()) {
        println!("{line}");
    }
    let calls = svc.calls.borrow();
    let mut keys: Vec<_> = calls.iter().collect();
    keys.sort();
    println!("calls={keys:?} clock={}ms", now());
}
