#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

type Delivery = Pin<Box<dyn Future<Output = (u64, Result<u16, String>)> + Send>>;

#[derive(Debug, Clone)]
struct Endpoint {
    url: String,
    secret: String,
    events: Vec<String>,
}

#[derive(Debug, Clone)]
struct Attempt {
    id: u64,
    endpoint: usize,
    payload: String,
    tries: u32,
}

mod http {
    pub async fn post(url: &str, body: &str, sig: &str) -> Result<u16, String> {
        if url.contains("down") {
            return Err(format!("connect {}: refused", url));
        }
        if url.contains("slow") && body.len() > 30 {
            return Ok(504);
        }
        Ok(if sig.len() == 16 { 200 } else { 401 })
    }
}

fn sign(secret: &str, body: &str) -> String {
    let mut acc: u64 = 0xcbf29ce484222325;
    for b in secret.bytes().chain(body.bytes()) {
        acc ^= b as u64;
        acc = acc.wrapping_mul(0x100000001b3);
    }
    format!("{:016x}", acc)
}

struct Dispatcher {
    endpoints: Vec<Endpoint>,
    retry: Mutex<VecDeque<Attempt>>,
    dead: Mutex<Vec<Attempt>>,
    next_id: Mutex<u64>,
    max_tries: u32,
}

impl Dispatcher {
    fn deliver(&self, a: &Attempt) -> Delivery {
        let ep = self.endpoints[a.endpoint].clone();
        let body = a.payload.clone();
        let id = a.id;
        Box::pin(async move {
            let sig = sign(&ep.secret, &body);
            let r = http::post(&ep.url, &body, &sig).await;
            (id, r)
        })
    }

    fn enqueue(&self, event: &str, data: &str) -> Vec<Attempt> {
        let payload = format!("{{\"event\":\"{}\",\"data\":{}}}", event, data);
        self.endpoints
            .iter()
            .enumerate()
            .filter(|(_, e)| e.events.iter().any(|x| x == event || x == "*"))
            .map(|(i, _)| {
                let mut n = self.next_id.lock().unwrap();
                *n += 1;
                Attempt { id: *n, endpoint: i, payload: payload.clone(), tries: 0 }
            })
            .collect()
    }

    async fn run_round(&self, attempts: Vec<Attempt>) -> HashMap<u16, usize> {
        let mut by_status = HashMap::new();
        let mut inflight: Vec<(Attempt, Delivery)> = attempts.into_iter().map(|a| { let d = self.deliver(&a); (a, d) }).collect();
        for (mut a, fut) in inflight.drain(..) {
            let (id, result) = fut.await;
            a.tries += 1;
            let status = match result {
                Ok(code) if (200..300).contains(&code) => code,
                Ok(code) => {
                    self.reschedule(a);
                    code
                }
                Err(e) => {
                    println!("delivery {} error: {}", id, e);
                    self.reschedule(a);
                    0
                }
            };
            *by_status.entry(status).or_insert(0) += 1;
        }
        by_status
    }

    fn reschedule(&self, a: Attempt) {
        if a.tries >= self.max_tries {
            self.dead.lock().unwrap().push(a);
        } else {
            self.retry.lock().unwrap().push_back(a);
        }
    }

    async fn drain_retries(&self) -> u32 {
        let mut rounds = 0;
        loop {
            let batch: Vec<Attempt> = self.retry.lock().unwrap().drain(..).collect();
            if batch.is_empty() {
                return rounds;
            }
            rounds += 1;
            let stats = self.run_round(batch).await;
            println!("retry round {}: {:?}", rounds, stats);
        }
    }
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(|d| RawWaker::new(d, &VTABLE), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = Box::pin(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let d = Arc::new(Dispatcher {
        endpoints: vec![
            Endpoint { url: "https://a.example/hook".into(), secret: "s1".into(), events: vec!["order.created".into()] },
            Endpoint { url: "https://down.example/hook".into(), secret: "s2".into(), events: vec!["*".into()] },
            Endpoint { url: "https://slow.example/hook".into(), secret: "s3".into(), events: vec!["order.created".into(), "user.deleted".into()] },
        ],
        retry: Mutex::new(VecDeque::new()),
        dead: Mutex::new(Vec::new()),
        next_id: Mutex::new(0),
        max_tries: 3,
    });
    let d2 = d.clone();
    let main_fut = async move {
        let a = d2.enqueue("order.created", "{\"id\":1001,\"total\":42}");
        let b = d2.enqueue("user.deleted", "{\"id\":7}");
        let s1 = d2.run_round(a).await;
        let s2 = d2.run_round(b).await;
        println!("first pass {:?} {:?}", s1, s2);
        d2.drain_retries().await
    };
    let rounds = block_on(main_fut);
    let dead = d.dead.lock().unwrap();
    println!("{} retry rounds, {} dead letters: {:?}", rounds, dead.len(), dead.iter().map(|a| (a.id, a.endpoint)).collect::<Vec<_>>());
}
