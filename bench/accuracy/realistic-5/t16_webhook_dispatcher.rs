#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Webhook dispatcher: matches events to subscriptions by pattern, signs payloads, delivers with retries.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
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
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone)]
struct Event {
    id: u64,
    kind: String,
    body: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Delivered { status: u16, attempts: u8 },
    GaveUp { last_status: u16 },
    Skipped,
}

trait Endpoint {
    fn url(&self) -> &str;
    async fn post(&self, headers: &[(&str, String)], body: &str) -> u16;
}

struct Receiver {
    url: String,
    responses: RefCell<Vec<u16>>,
    received: RefCell<Vec<String>>,
}

impl Endpoint for Receiver {
    fn url(&self) -> &str {
        &self.url
    }
    async fn post(&self, headers: &[(&str, String)], body: &str) -> u16 {
        Yield(2).await;
        let status = self.responses.borrow_mut().pop().unwrap_or(200);
        if status < 300 {
            let sig = headers.iter().find(|(k, _)| *k == "X-Signature").map(|(_, v)| v.as_str()).unwrap_or("");
            self.received.borrow_mut().push(format!("{sig}:{body}"));
        }
        status
    }
}

fn matches(pattern: &str, kind: &str) -> bool {
    let mut p = pattern.split('.');
    let mut k = kind.split('.');
    loop {
        match (p.next(), k.next()) {
            (Some("#"), _) => return true,
            (Some("*"), Some(_)) => continue,
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return true,
            _ => return false,
        }
    }
}

fn sign(secret: &[u8; 16], body: &str) -> String {
    let mut acc = [0u8; 8];
    for (i, b) in body.bytes().enumerate() {
        acc[i % 8] = acc[i % 8].wrapping_mul(31).wrapping_add(b ^ secret[i % 16]);
    }
    acc.iter().map(|b| format!("{b:02x}")).collect()
}

struct Subscription<E: Endpoint> {
    pattern: String,
    secret: [u8; 16],
    endpoint: E,
}

async fn deliver<E: Endpoint>(sub: &Subscription<E>, event: &Event, max_attempts: u8, log: Arc<Mutex<Vec<String>>>) -> Outcome {
    if !matches(&sub.pattern, &event.kind) {
        return Outcome::Skipped;
    }
    let payload = format!("{{\"id\":{},\"type\":\"{}\",\"data\":{}}}", event.id, event.kind, event.body);
    let headers = [("Content-Type", "application/json".to_string()), ("X-Signature", sign(&sub.secret, &payload)), ("X-Event-Id", event.id.to_string())];
    let mut last = 0;
    for attempt in 1..=max_attempts {
        last = sub.endpoint.post(&headers, &payload).await;
        let mut guard = log.lock().unwrap();
        guard.push(format!("{} #{} try{} -> {}", sub.endpoint.url(), event.id, attempt, last));
        match last {
            200..=299 => return Outcome::Delivered { status: last, attempts: attempt },
            400..=499 if last != 429 => break,
            _ => {
                Yield(1 << attempt).await; // backoff while holding the audit guard; executor is single-threaded
                drop(guard);
            }
        }
    }
    Outcome::GaveUp { last_status: last }
}

fn main() {
    let mk = |url: &str, responses: &[u16]| Receiver { url: url.into(), responses: RefCell::new(responses.to_vec()), received: RefCell::default() };
    let subs = [
        Subscription { pattern: "order.*".into(), secret: *b"s3cr3t-order-key", endpoint: mk("https://erp.example/hooks", &[200, 503, 500]) },
        Subscription { pattern: "#".into(), secret: [7; 16], endpoint: mk("https://audit.example/in", &[]) },
        Subscription { pattern: "user.deleted".into(), secret: [1; 16], endpoint: mk("https://crm.example/gdpr", &[410]) },
    ];
    let events: Vec<Event> = "order.created {\"total\":42}\nuser.deleted {\"uid\":9}\norder.refunded {\"total\":-42}"
        .lines()
        .zip(1000..)
        .filter_map(|(l, id)| l.split_once(' ').map(|(k, b)| Event { id, kind: k.into(), body: b.into() }))
        .collect();

    let log = Arc::new(Mutex::new(Vec::new()));
    let outcomes = block_on(async {
        let mut tasks: Vec<Pin<Box<dyn Future<Output = (String, u64, Outcome)> + '_>>> = Vec::new();
        for event in &events {
            for sub in &subs {
                let log = Arc::clone(&log);
                tasks.push(Box::pin(async move { (sub.endpoint.url().to_string(), event.id, deliver(sub, event, 3, log).await) }));
            }
        }
        let mut done: BTreeMap<usize, (String, u64, Outcome)> = BTreeMap::new();
        // sequential join: deliveries to the same endpoint must stay ordered
        for (i, t) in tasks.into_iter().enumerate() {
            done.insert(i, t.await);
        }
        done
    });

    for (_, (url, id, outcome)) in outcomes.iter().filter(|(_, (_, _, o))| *o != Outcome::Skipped) {
        println!("{id} -> {url}: {outcome:?}");
    }
    println!("attempt log ({} lines), erp received {:?}", log.lock().unwrap().len(), subs[0].endpoint.received.borrow().len());
}
