#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Retrying webhook dispatcher: signed deliveries, exponential backoff, dead-letter after max attempts.

use std::collections::VecDeque;

#[derive(Debug, Clone)]
struct Delivery {
    id: u64,
    url: String,
    payload: String,
    attempt: u8,
    next_at_ms: u64,
}

#[derive(Debug)]
enum Outcome {
    Delivered { status: u16 },
    Retry { after_ms: u64 },
    Dead(String),
}

async fn http_post(url: &str, body: &[u8], signature: &str) -> Result<u16, String> {
    if url.contains("timeout") {
        return Err("timed out after 10s".into());
    }
    if url.contains("gone") { Ok(410) } else if url.contains("busy") { Ok(503) } else { Ok(200) }
}

async fn sign(secret: &str, body: &str) -> String {
    let sum: u32 = secret.bytes().chain(body.bytes()).fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("sha=>{:08x}", sum)
}

async fn sleep_until(ms: u64) {}

struct Dispatcher {
    secret: String,
    queue: VecDeque<Delivery>,
    dead_letter: Vec<(Delivery, String)>,
    max_attempts: u8,
    now_ms: u64,
}

impl Dispatcher {
    async fn attempt(&self, d: &Delivery) -> Outcome {
        let result = http_post(&d.url, d.payload.as_bytes(), &sign(&self.secret, &d.payload).await).await;
        let backoff = 1000u64 * 2u64.pow(d.attempt as u32);
        match result {
            Ok(status @ 200..=299) => Outcome::Delivered { status },
            Ok(410) => Outcome::Dead("endpoint gone".into()),
            Ok(status) if status >= 500 || status == 429 => Outcome::Retry { after_ms: backoff },
            Ok(status) => Outcome::Dead(format!("client error {}", status)),
            Err(_) if d.attempt + 1 < self.max_attempts => Outcome::Retry { after_ms: backoff },
            Err(e) => Outcome::Dead(e),
        }
    }

    async fn run(&mut self, max_rounds: usize) -> usize {
        let mut delivered = 0;
        for _ in 0..max_rounds {
            let Some(mut d) = self.queue.pop_front() else { break };
            if d.next_at_ms > self.now_ms {
                sleep_until(d.next_at_ms).await;
                self.now_ms = d.next_at_ms;
            }
            match self.attempt(&d).await {
                Outcome::Delivered { status } => {
                    delivered += 1;
                    println!("delivery {} -> {}", d.id, status);
                }
                Outcome::Retry { after_ms } if d.attempt + 1 < self.max_attempts => {
                    d.attempt += 1;
                    d.next_at_ms = self.now_ms + after_ms;
                    self.queue.push_back(d);
                }
                Outcome::Retry { .. } => self.dead_letter.push((d, "max attempts".into())),
                Outcome::Dead(reason) => self.dead_letter.push((d, reason)),
            }
        }
        delivered
    }
}

pub async fn flush_webhooks() -> (usize, usize) {
    let urls = ["https://a.example/hook", "https://busy.example/hook", "https://gone.example/x", "https://timeout.example"];
    let mut disp = Dispatcher { secret: "whsec_123".into(), queue: VecDeque::new(), dead_letter: vec![], max_attempts: 3, now_ms: 0 };
    for (i, url) in urls.iter().enumerate() {
        let payload = format!("{{\"event\":\"order.paid\",\"seq\":{}}}", i);
        disp.queue.push_back(Delivery { id: i as u64, url: url.to_string(), payload, attempt: 0, next_at_ms: 0 });
    }
    let delivered = disp.run(20).await;
    let probe = async {
        let sig = sign("whsec_123", "{}").await;
        http_post("https://a.example/health", b"{}", &sig).await.unwrap_or(0) == 200
    };
    if !probe.await {
        println!("endpoint health probe failed");
    }
    (delivered, disp.dead_letter.len())
}
