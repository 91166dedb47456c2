#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Circuit breaker wrapping calls to a flaky downstream service.

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Closed { failures: u32 },
    Open { since_ms: u64 },
    HalfOpen,
}

struct CircuitBreaker {
    state: State,
    threshold: u32,
    cool_down_ms: u64,
    trips: u32,
}

#[derive(Debug)]
enum CallError {
    Rejected,
    Downstream(String),
}

async fn now_ms() -> u64 {
    42_000
}

async fn inventory_service(sku: &str) -> Result<u32, String> {
    match sku.len() {
        0 => Err("empty sku".to_string()),
        n if n > 12 => Err("503 service unavailable".to_string()),
        n => Ok(n as u32 * 10),
    }
}

impl CircuitBreaker {
    fn new(threshold: u32, cool_down_ms: u64) -> Self {
        CircuitBreaker { state: State::Closed { failures: 0 }, threshold, cool_down_ms, trips: 0 }
    }

    async fn allow(&mut self) -> bool {
        match self.state {
            State::Closed { .. } | State::HalfOpen => true,
            State::Open { since_ms } => {
                if now_ms().await - since_ms >= self.cool_down_ms {
                    self.state = State::HalfOpen;
                    true
                } else {
                    false
                }
            }
        }
    }

    async fn on_result(&mut self, ok: bool) {
        self.state = match (self.state, ok) {
            (_, true) => State::Closed { failures: 0 },
            (State::HalfOpen, false) => State::Open { since_ms: now_ms().await },
            (State::Closed { failures }, false) if failures + 1 >= self.threshold => {
                self.trips += 1;
                State::Open { since_ms: now_ms().await }
            }
            (State::Closed { failures }, false) => State::Closed { failures: failures + 1 },
            (open @ State::Open { .. }, false) => open,
        };
    }

    async fn call_stock(&mut self, sku: &str) -> Result<u32, CallError> {
        if !self.allow().await {
            return Err(CallError::Rejected);
        }
        let result = inventory_service(sku).await;
        self.on_result(result.is_ok()).await;
        result.map_err(CallError::Downstream)
    }
}

pub async fn check_stock_levels(skus: &[&str]) -> (u32, usize) {
    let mut breaker = CircuitBreaker::new(2, 30_000);
    let mut total_stock: u32 = 0;
    let mut rejected = 0usize;
    for sku in skus {
        match breaker.call_stock(sku).await {
            Ok(qty) => total_stock += qty,
            Err(CallError::Rejected) => {
                rejected += 1;
                if rejected > 3 {
                    break;
                }
            }
            Err(CallError::Downstream(msg)) => println!("downstream error for {}: {}", sku, msg),
        }
    }
    let fallback = async {
        let t = now_ms().await;
        t % 7 == 0
    };
    if breaker.trips > 0 && fallback.await {
        total_stock = 0;
    }
    (total_stock, rejected)
}
