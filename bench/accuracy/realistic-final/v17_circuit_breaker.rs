#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Closed { failures: u32 },
    Open { since: u64 },
    HalfOpen { trial_in_flight: bool },
}

#[derive(Debug)]
enum CallError<E> {
    Rejected,
    Inner(E),
}

struct Breaker {
    name: String,
    state: Mutex<State>,
    threshold: u32,
    cooldown: u64,
    now: Arc<Mutex<u64>>,
}

impl Breaker {
    fn new(name: &str, threshold: u32, cooldown: u64, now: Arc<Mutex<u64>>) -> Self {
        Breaker { name: name.into(), state: Mutex::new(State::Closed { failures: 0 }), threshold, cooldown, now }
    }

    fn admit(&self) -> bool {
        let now = *self.now.lock().unwrap();
        let mut st = self.state.lock().unwrap();
        match *st {
            State::Closed { .. } => true,
            State::Open { since } if now - since >= self.cooldown => {
                *st = State::HalfOpen { trial_in_flight: true };
                true
            }
            State::Open { .. } => false,
            State::HalfOpen { trial_in_flight } => {
                if trial_in_flight {
                    false
                } else {
                    *st = State::HalfOpen { trial_in_flight: true };
                    true
                }
            }
        }
    }

    fn record(&self, ok: bool) {
        let now = *self.now.lock().unwrap();
        let mut st = self.state.lock().unwrap();
        *st = match (*st, ok) {
            (_, true) => State::Closed { failures: 0 },
            (State::Closed { failures }, false) if failures + 1 >= self.threshold => State::Open { since: now },
            (State::Closed { failures }, false) => State::Closed { failures: failures + 1 },
            (State::HalfOpen { .. }, false) | (State::Open { .. }, false) => State::Open { since: now },
        };
    }

    async fn call<T, E, F, Fut>(&self, f: F) -> Result<T, CallError<E>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        if !self.admit() {
            return Err(CallError::Rejected);
        }
        let r = f().await;
        self.record(r.is_ok());
        r.map_err(CallError::Inner)
    }
}

type Svc = Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send>> + Send + Sync>;

fn flaky_service(fail_when: fn(u32) -> bool) -> Svc {
    Box::new(move |req| {
        Box::pin(async move {
            std::future::ready(()).await;
            if fail_when(req) {
                Err(format!("req {} failed", req))
            } else {
                Ok(format!("resp {}", req))
            }
        })
    })
}

async fn run_traffic(br: &Breaker, svc: &Svc, clock: &Mutex<u64>, reqs: std::ops::Range<u32>) -> HashMap<&'static str, u32> {
    let mut tally = HashMap::new();
    for r in reqs {
        *clock.lock().unwrap() += 10;
        let outcome = br.call(|| svc(r)).await;
        let key = match outcome {
            Ok(_) => "ok",
            Err(CallError::Rejected) => "rejected",
            Err(CallError::Inner(_)) => "failed",
        };
        *tally.entry(key).or_insert(0) += 1;
    }
    tally
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let clock = Arc::new(Mutex::new(0u64));
    let br = Breaker::new("payments", 3, 50, clock.clone());
    let svc = flaky_service(|r| (5..12).contains(&r));
    let tally = block_on(run_traffic(&br, &svc, &clock, 0..20));
    let mut keys: Vec<_> = tally.iter().collect();
    keys.sort();
    println!("{} {:?} final={:?}", br.name, keys, *br.state.lock().unwrap());

    let typed: Result<u64, CallError<std::num::ParseIntError>> = block_on(br.call(|| async { "42".parse::<u64>() }));
    let typed_err = block_on(br.call(|| async { "x".parse::<i32>() }));
    println!("{:?} {:?}", typed.ok(), typed_err.is_err());

    let all: Vec<Svc> = vec![flaky_service(|_| false), flaky_service(|r| r % 2 == 0)];
    let fanout = async {
        let mut out = Vec::new();
        for (i, s) in all.iter().enumerate() {
            let b = Breaker::new(&format!("svc{}", i), 2, 20, clock.clone());
            out.push(run_traffic(&b, s, &clock, 0..6).await.get("ok").copied().unwrap_or(0));
        }
        out
    };
    println!("fanout ok counts {:?}", block_on(fanout));
}
