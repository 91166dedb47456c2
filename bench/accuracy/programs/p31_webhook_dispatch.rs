#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct Subscription {
    url: String,
    events: Vec<String>,
    secret: String,
    active: bool,
}

#[derive(Debug)]
struct Delivery {
    url: String,
    status: u16,
    attempts: u8,
}

async fn http_post(url: &str, body: &str, signature: u64) -> u16 {
    if url.contains("flaky") && body.len() % 2 == 0 { 503 } else { 200 }
}

async fn sleep_ms(ms: u64) {}

async fn load_subscriptions() -> Vec<Subscription> {
    vec![
        Subscription { url: "https://a.test/hook".into(), events: vec!["order.created".into()], secret: "k1".into(), active: true },
        Subscription { url: "https://flaky.test/hook".into(), events: vec!["order.created".into(), "order.paid".into()], secret: "k2".into(), active: true },
        Subscription { url: "https://off.test/hook".into(), events: vec![], secret: "k3".into(), active: false },
    ]
}

fn sign(secret: &str, body: &str) -> u64 {
    secret.bytes().chain(body.bytes()).fold(1469598103934665603u64, |h, b| (h ^ b as u64).wrapping_mul(1099511628211))
}

async fn deliver(sub: &Subscription, body: &str) -> Delivery {
    let mut attempts: u8 = 0;
    let status = loop {
        attempts += 1;
        let code = http_post(&sub.url, body, sign(&sub.secret, body)).await;
        if code < 500 || attempts >= 3 {
            break code;
        }
        sleep_ms(100 * attempts as u64).await;
    };
    Delivery { url: sub.url.clone(), status, attempts }
}

async fn dispatch(event: &str, payload: &str) -> Vec<Delivery> {
    let subs = load_subscriptions().await;
    let body = format!("{{\"event\":\"{}\",\"data\":{}}}", event, payload);
    let mut results = Vec::new();
    for sub in subs.iter() {
        if !sub.active || !sub.events.iter().any(|e| e == event) {
            continue;
        }
        results.push(deliver(sub, &body).await);
    }
    results
}

async fn dispatch_events(events: Vec<(&str, String)>) -> (usize, usize) {
    let mut ok = 0;
    let mut failed = 0;
    let count_ok = async |ds: Vec<Delivery>| -> (usize, usize) {
        let good = ds.iter().filter(|d| d.status == 200).count();
        if good < ds.len() {
            sleep_ms(1).await;
        }
        (good, ds.len() - good)
    };
    for (event, payload) in events {
        let deliveries = dispatch(event, &payload).await;
        let (g, b) = count_ok(deliveries).await;
        ok += g;
        failed += b;
    }
    (ok, failed)
}
