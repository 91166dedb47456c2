#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Webhook dispatcher: signs payloads, delivers with retries, records attempts.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct YieldNow(bool);
    impl Future for YieldNow {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub async fn sleep_ms(_ms: u64) { YieldNow(false).await }

    pub struct Response { pub status: u16, pub body: String }

    pub struct HttpClient { pub flaky_hosts: Vec<String>, pub calls: std::cell::Cell<u32> }
    impl HttpClient {
        pub async fn post(&self, url: &str, headers: &[(String, String)], body: &[u8]) -> Result<Response, String> {
            sleep_ms(20).await;
            self.calls.set(self.calls.get() + 1);
            let host = url.trim_start_matches("https://").split('/').next().unwrap_or("");
            if self.flaky_hosts.iter().any(|h| h == host) && self.calls.get() % 2 == 1 {
                return Ok(Response { status: 503, body: "unavailable".into() });
            }
            if host.is_empty() { return Err("connection refused".into()); }
            Ok(Response { status: 200, body: format!("ok {} bytes", body.len()) })
        }
    }
}

#[derive(Debug)]
enum DeliveryError { Transport(String), Status(u16), Exhausted { attempts: u32 } }

impl fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeliveryError::Transport(e) => write!(f, "transport: {e}"),
            DeliveryError::Status(s) => write!(f, "http {s}"),
            DeliveryError::Exhausted { attempts } => write!(f, "gave up after {attempts}"),
        }
    }
}

impl From<String> for DeliveryError {
    fn from(e: String) -> Self { DeliveryError::Transport(e) }
}

#[derive(Clone)]
struct Endpoint { id: u32, url: String, secret: String, events: Vec<String> }

struct Event { kind: String, payload: String }

#[derive(Default)]
struct AttemptLog { by_endpoint: HashMap<u32, Vec<(u32, Result<u16, String>)>> }

fn sign(secret: &str, body: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in secret.bytes().chain(body.iter().copied()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("sha=fnv{:016x}", h)
}

struct Dispatcher {
    client: rt::HttpClient,
    endpoints: Vec<Endpoint>,
    log: Arc<Mutex<AttemptLog>>,
    max_attempts: u32,
}

impl Dispatcher {
    async fn deliver_once(&self, ep: &Endpoint, body: &[u8], attempt: u32) -> Result<u16, DeliveryError> {
        let headers = vec![
            ("X-Signature".to_string(), sign(&ep.secret, body)),
            ("X-Attempt".to_string(), attempt.to_string()),
        ];
        let resp = self.client.post(&ep.url, &headers, body).await?;
        match resp.status {
            200..=299 => Ok(resp.status),
            s => Err(DeliveryError::Status(s)),
        }
    }

    async fn deliver(&self, ep: &Endpoint, event: &Event) -> Result<u32, DeliveryError> {
        let body = format!("{{\"type\":\"{}\",\"data\":{}}}", event.kind, event.payload).into_bytes();
        let mut backoff = 50;
        for attempt in 1..=self.max_attempts {
            let outcome = self.deliver_once(ep, &body, attempt).await;
            let entry = match &outcome {
                Ok(code) => Ok(*code),
                Err(e) => Err(e.to_string()),
            };
            self.log.lock().unwrap().by_endpoint.entry(ep.id).or_default().push((attempt, entry));
            match outcome {
                Ok(_) => return Ok(attempt),
                Err(DeliveryError::Transport(e)) => return Err(DeliveryError::Transport(e)),
                Err(_) => {
                    rt::sleep_ms(backoff).await;
                    backoff *= 2;
                }
            }
        }
        Err(DeliveryError::Exhausted { attempts: self.max_attempts })
    }

    fn fan_out<'a>(&'a self, event: &'a Event) -> Vec<Pin<Box<dyn Future<Output = (u32, Result<u32, DeliveryError>)> + 'a>>> {
        self.endpoints
            .iter()
            .filter(|ep| ep.events.iter().any(|k| k == &event.kind || k == "*"))
            .map(|ep| {
                let fut: Pin<Box<dyn Future<Output = _> + 'a>> = Box::pin(async move {
                    (ep.id, self.deliver(ep, event).await)
                });
                fut
            })
            .collect()
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) { return out; }
    }
}

fn main() {
    let dispatcher = Dispatcher {
        client: rt::HttpClient { flaky_hosts: vec!["hooks.flaky.io".into()], calls: std::cell::Cell::new(0) },
        endpoints: vec![
            Endpoint { id: 1, url: "https://hooks.acme.com/in".into(), secret: "s1".into(), events: vec!["order.created".into()] },
            Endpoint { id: 2, url: "https://hooks.flaky.io/cb".into(), secret: "s2".into(), events: vec!["*".into()] },
            Endpoint { id: 3, url: "https:///broken".into(), secret: "s3".into(), events: vec!["order.refunded".into()] },
        ],
        log: Arc::new(Mutex::new(AttemptLog::default())),
        max_attempts: 4,
    };
    let events = vec![
        Event { kind: "order.created".into(), payload: "{\"id\":17}".into() },
        Event { kind: "order.refunded".into(), payload: "{\"id\":9}".into() },
    ];
    let summary = block_on(async {
        let mut ok = 0;
        let mut failed = Vec::new();
        for ev in &events {
            for fut in dispatcher.fan_out(ev) {
                match fut.await {
                    (_, Ok(_)) => ok += 1,
                    (id, Err(e)) => failed.push(format!("{id}:{e}")),
                }
            }
        }
        (ok, failed)
    });
    let attempts: usize = dispatcher.log.lock().unwrap().by_endpoint.values().map(Vec::len).sum();
    println!("delivered={} failed={:?} attempts={}", summary.0, summary.1, attempts);
}
