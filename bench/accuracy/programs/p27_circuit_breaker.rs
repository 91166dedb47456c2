#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, Copy, PartialEq)]
enum BreakerState {
    Closed { failures: u32 },
    Open { since: u64 },
    HalfOpen,
}

struct CircuitBreaker {
    state: BreakerState,
    threshold: u32,
    cooldown: u64,
}

#[derive(Debug)]
enum CallError {
    Rejected,
    Upstream(String),
}

async fn monotonic_ms() -> u64 {
    5_000
}

async fn call_inventory(item: u32) -> Result<u32, String> {
    if item % 3 == 0 { Err(format!("500 for item {}", item)) } else { Ok(item * 2) }
}

impl CircuitBreaker {
    async fn allow(&mut self) -> bool {
        match self.state {
            BreakerState::Closed { .. } | BreakerState::HalfOpen => true,
            BreakerState::Open { since } => {
                let now = monotonic_ms().await;
                if now - since >= self.cooldown {
                    self.state = BreakerState::HalfOpen;
                    true
                } else {
                    false
                }
            }
        }
    }

    async fn record(&mut self, ok: bool) {
        self.state = match (self.state, ok) {
            (_, true) => BreakerState::Closed { failures: 0 },
            (BreakerState::Closed { failures }, false) if failures + 1 < self.threshold => {
                BreakerState::Closed { failures: failures + 1 }
            }
            (_, false) => BreakerState::Open { since: monotonic_ms().await },
        };
    }

    async fn call(&mut self, item: u32) -> Result<u32, CallError> {
        if !self.allow().await {
            return Err(CallError::Rejected);
        }
        let result = call_inventory(item).await;
        self.record(result.is_ok()).await;
        result.map_err(CallError::Upstream)
    }
}

async fn stock_report(items: Vec<u32>) -> (u32, u32, u32) {
    let mut breaker = CircuitBreaker { state: BreakerState::Closed { failures: 0 }, threshold: 2, cooldown: 1_000 };
    let (mut ok, mut rejected, mut failed) = (0, 0, 0);
    for item in items.iter().copied() {
        match breaker.call(item).await {
            Ok(n) => ok += n,
            Err(CallError::Rejected) => rejected += 1,
            Err(CallError::Upstream(msg)) => {
                failed += 1;
                println!("upstream failure: {}", msg);
            }
        }
    }
    (ok, rejected, failed)
}

async fn guarded_lookup(breaker: &mut CircuitBreaker, primary: u32, fallback: u32) -> Option<u32> {
    let first = breaker.call(primary).await;
    if let Ok(v) = first {
        return Some(v);
    }
    let fallback_fut = async {
        let v = call_inventory(fallback).await.ok()?;
        Some(v + 1)
    };
    fallback_fut.await
}
