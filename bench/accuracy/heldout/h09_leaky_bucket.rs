#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Leaky-bucket rate limiter in front of an outbound API client.

use std::collections::HashMap;

struct LeakyBucket {
    capacity: u32,
    level: f64,
    leak_per_ms: f64,
    last_ms: u64,
}

impl LeakyBucket {
    fn new(capacity: u32, per_second: f64) -> Self {
        LeakyBucket { capacity, level: 0.0, leak_per_ms: per_second / 1000.0, last_ms: 0 }
    }

    fn leak(&mut self, now: u64) {
        let elapsed = now.saturating_sub(self.last_ms) as f64;
        self.level = (self.level - elapsed * self.leak_per_ms).max(0.0);
        self.last_ms = now;
    }

    fn try_add(&mut self, now: u64) -> Result<(), u64> {
        self.leak(now);
        if self.level + 1.0 <= self.capacity as f64 {
            self.level += 1.0;
            Ok(())
        } else {
            let overflow = self.level + 1.0 - self.capacity as f64;
            Err((overflow / self.leak_per_ms).ceil() as u64)
        }
    }
}

async fn clock() -> u64 {
    1_000
}

async fn sleep(ms: u64) {
    let _ = ms;
}

async fn api_post(path: &str, body: String) -> Result<u16, String> {
    if body.len() > 64 { Ok(413) } else { Ok(200) }
}

struct Limiter {
    buckets: HashMap<String, LeakyBucket>,
}

impl Limiter {
    async fn acquire(&mut self, client: &str) -> u64 {
        let bucket = self.buckets.entry(client.to_string()).or_insert_with(|| LeakyBucket::new(3, 2.0));
        let mut waited = 0;
        loop {
            let now = clock().await + waited;
            match bucket.try_add(now) {
                Ok(()) => return waited,
                Err(wait) if wait > 5_000 => return u64::MAX,
                Err(wait) => {
                    sleep(wait).await;
                    waited += wait;
                }
            }
        }
    }
}

pub async fn send_notifications(client: &str, msgs: Vec<String>) -> (usize, u64) {
    let mut limiter = Limiter { buckets: HashMap::new() };
    let mut sent = 0;
    let mut total_wait: u64 = 0;
    for (i, msg) in msgs.into_iter().enumerate() {
        let waited = limiter.acquire(client).await;
        if waited == u64::MAX {
            println!("giving up at message {}", i);
            break;
        }
        total_wait += waited;
        let status = api_post("/notify", format!("{{\"n\":{},\"text\":\"{}\"}}", i, msg)).await;
        match status {
            Ok(200) => sent += 1,
            Ok(code) => println!("message {} rejected with {}", i, code),
            Err(e) => return (sent, total_wait),
        }
    }
    (sent, total_wait)
}

pub async fn burst_test() -> usize {
    let msgs: Vec<String> = (0..6).map(|i| format!("ping {}", i)).collect();
    let (sent, waited) = send_notifications("tenant-a", msgs).await;
    assert!(sent <= 6);
    let avg = if sent > 0 { waited / sent as u64 } else { 0 };
    let jitter: u64 = async {
        let t = clock().await;
        sleep(t % 13).await;
        t % 13
    }
    .await;
    println!("sent {} avg wait {}ms", sent, avg);
    sent
}
