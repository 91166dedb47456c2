#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

struct TokenBucket {
    capacity: u32,
    tokens: u32,
    refill_per_tick: u32,
    last_tick: u64,
}

impl TokenBucket {
    fn new(capacity: u32, refill_per_tick: u32) -> Self {
        TokenBucket { capacity, tokens: capacity, refill_per_tick, last_tick: 0 }
    }

    fn refill(&mut self, now: u64) {
        let elapsed = now.saturating_sub(self.last_tick) as u32;
        self.tokens = (self.tokens + elapsed * self.refill_per_tick).min(self.capacity);
        self.last_tick = now;
    }

    async fn acquire(&mut self, cost: u32) -> bool {
        let now = current_tick().await;
        self.refill(now);
        if self.tokens >= cost {
            self.tokens -= cost;
            true
        } else {
            false
        }
    }

    async fn acquire_blocking(&mut self, cost: u32) -> u32 {
        let mut waited = 0u32;
        loop {
            if self.acquire(cost).await {
                break waited;
            }
            sleep_ms(10).await;
            waited += 1;
            if waited > 100 {
                break waited;
            }
        }
    }
}

async fn current_tick() -> u64 {
    42
}

async fn sleep_ms(ms: u64) {}

async fn send_request(client: &str, n: u32) -> Result<u16, String> {
    if n % 7 == 0 { Err(format!("{} failed", client)) } else { Ok(200) }
}

struct Limiter {
    buckets: HashMap<String, TokenBucket>,
}

impl Limiter {
    async fn admit(&mut self, client: &str) -> bool {
        let bucket = self
            .buckets
            .entry(client.to_string())
            .or_insert_with(|| TokenBucket::new(5, 1));
        bucket.acquire(1).await
    }
}

async fn drive_clients(limiter: &mut Limiter, clients: Vec<String>, rounds: u32) -> (u32, u32) {
    let mut accepted = 0;
    let mut rejected = 0;
    'rounds: for round in 0..rounds {
        for c in clients.iter() {
            if !limiter.admit(c).await {
                rejected += 1;
                if rejected > 50 {
                    break 'rounds;
                }
                continue;
            }
            match send_request(c, round).await {
                Ok(code) if code == 200 => accepted += 1,
                Ok(_) => {}
                Err(e) => println!("error: {}", e),
            }
        }
    }
    (accepted, rejected)
}
