//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub id: u32,
    pub url: String,
    pub secret: String,
    pub events: Vec<String>,
    pub disabled: bool,
}

#[derive(Debug, Clone)]
pub struct Delivery {
    pub endpoint: u32,
    pub event: String,
    pub status: u16,
    pub attempt: u32,
    pub took: Duration,
}

fn sign(secret: &str, body: &str) -> String {
    let mut h = 0xcbf29ce484222325u64;
    for b in secret.bytes().chain(body.bytes()).chain(secret.bytes()) {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    format!("sha1={h:016x}")
}

async fn post(url: &str, headers: &[(&str, String)], body: &str) -> Result<u16, String> {
    rt::sleep(25).await;
    let host = url.split("://").nth(1).and_then(|r| r.split('/').next()).ok_or("bad url")?;
    Ok(match host {
        h if h.ends_with(".invalid") => return Err(format!("dns failure for {h}")),
        h if h.starts_with("flaky.") && headers.iter().any(|(k, v)| *k == "X-Attempt" && v == "1") => 503,
        "gone.example.com" => 410,
        _ => 204,
    })
}

pub struct Dispatcher {
    endpoints: Arc<Mutex<HashMap<u32, Endpoint>>>,
    log: Arc<Mutex<Vec<Delivery>>>,
    failures: Mutex<HashMap<u32, u32>>,
    max_attempts: u32,
}

impl Dispatcher {
    pub fn new(endpoints: Vec<Endpoint>) -> Self {
        let endpoints = endpoints.into_iter().map(|e| (e.id, e)).collect();
        Dispatcher { endpoints: Arc::new(Mutex::new(endpoints)), log: Arc::default(), failures: Mutex::default(), max_attempts: 4 }
    }

    pub async fn dispatch(&self, event: &str, payload: &str) -> usize {
        let targets: Vec<Endpoint> = self
            .endpoints
            .lock()
            .unwrap()
            .values()
            .filter(|e| !e.disabled && e.events.iter().any(|p| p == "*" || p == event))
            .cloned()
            .collect();
        let body = format!(r#"{{"type":"{event}","data":{payload}}}"#);
        let log = Arc::clone(&self.log);
        let max_attempts = self.max_attempts;
        let deliver = async move |ep: Endpoint| -> bool {
            let sig = sign(&ep.secret, &body);
            for attempt in 1..=max_attempts {
                let started = Instant::now();
                let headers = [("X-Signature", sig.clone()), ("X-Attempt", attempt.to_string())];
                let status = post(&ep.url, &headers, &body).await.unwrap_or(599);
                log.lock().unwrap().push(Delivery { endpoint: ep.id, event: event.to_string(), status, attempt, took: started.elapsed() });
                match status {
                    200..=299 => return true,
                    400..=499 if status != 429 => return false,
                    _ => rt::sleep(100 * 2u64.pow(attempt)).await,
                }
            }
            false
        };
        let mut ok = 0;
        for ep in targets {
            let id = ep.id;
            if deliver(ep).await {
                ok += 1;
                self.failures.lock().unwrap().remove(&id);
                continue;
            }
            let failures = {
                let mut f = self.failures.lock().unwrap();
                let n = f.entry(id).or_insert(0);
                *n += 1;
                *n
            };
            if failures >= 5
                && let Some(e) = self.endpoints.lock().unwrap().get_mut(&id)
            {
                e.disabled = true;
            }
        }
        ok
    }

    pub async fn replay(&self, endpoint: u32, since: usize) -> Result<usize, String> {
        let events: Vec<String> = self.log.lock().unwrap().iter().skip(since).filter(|d| d.endpoint == endpoint && d.status >= 500).map(|d| d.event.clone()).collect();
        let ep = if let Some(ep) = self.endpoints.lock().unwrap().get(&endpoint).cloned() {
            ep
        } else {
            rt::sleep(5).await;
            return Err(format!("endpoint {endpoint} deleted; {} events dropped, {} endpoints left", events.len(), self.endpoints.lock().unwrap().len()));
        };
        let mut n = 0;
        for event in events {
            n += self.dispatch(&event, "{}").await.min(1);
        }
        Ok(n)
    }
}

pub async fn on_order_paid(d: &Dispatcher, order_id: u64, total_cents: u64) -> usize {
    let payload = format!(r#"{{"order":{order_id},"total":{total_cents}}}"#);
    let delivered = d.dispatch("order.paid", &payload).await;
    let mark = d.log.lock().unwrap().len();
    let replayed = d.replay(2, mark.saturating_sub(10)).await.unwrap_or_default();
    delivered + replayed
}
