//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Circuit breaker guarding flaky downstream calls, with closed/open/half-open states and a tick clock.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::fmt::Debug;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(n) = self.0.checked_sub(1) {
            self.0 = n;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Closed { failures: u32 },
    Open { until: u64 },
    HalfOpen { probes: u32 },
}

#[derive(Debug)]
enum BreakerError<E> {
    Rejected { retry_at: u64 },
    Inner(E),
}

struct Breaker {
    name: &'static str,
    state: Mutex<State>,
    clock: Rc<Cell<u64>>,
    threshold: u32,
    cooldown: u64,
    transitions: RefCell<Vec<(u64, State)>>,
}

impl Breaker {
    fn transition(&self, to: State) {
        let mut st = self.state.lock().unwrap();
        if *st != to {
            self.transitions.borrow_mut().push((self.clock.get(), to));
        }
        *st = to;
    }

    async fn call<T, E, F>(&self, op: F) -> Result<T, BreakerError<E>>
    where
        F: AsyncFnOnce() -> Result<T, E>,
        E: Debug,
    {
        let now = self.clock.get();
        let current = *self.state.lock().unwrap();
        match current {
            State::Open { until } if now < until => return Err(BreakerError::Rejected { retry_at: until }),
            State::Open { .. } => self.transition(State::HalfOpen { probes: 0 }),
            _ => {}
        }
        let result = op().await;
        let state_now = *self.state.lock().unwrap();
        match (&result, state_now) {
            (Ok(_), State::HalfOpen { probes }) if probes + 1 >= 2 => self.transition(State::Closed { failures: 0 }),
            (Ok(_), State::HalfOpen { probes }) => self.transition(State::HalfOpen { probes: probes + 1 }),
            (Ok(_), _) => self.transition(State::Closed { failures: 0 }),
            (Err(_), State::HalfOpen { .. }) => self.transition(State::Open { until: now + self.cooldown }),
            (Err(_), State::Closed { failures }) if failures + 1 >= self.threshold => {
                self.transition(State::Open { until: now + self.cooldown })
            }
            (Err(_), State::Closed { failures }) => self.transition(State::Closed { failures: failures + 1 }),
            (Err(_), State::Open { .. }) => {}
        }
        result.map_err(BreakerError::Inner)
    }
}

trait Downstream {
    type Reply: Debug;
    async fn request(&self, path: &str) -> Result<Self::Reply, String>;
}

struct PaymentsApi {
    outage: std::ops::Range<u64>,
    clock: Rc<Cell<u64>>,
}

impl Downstream for PaymentsApi {
    type Reply = u16;
    async fn request(&self, path: &str) -> Result<u16, String> {
        Yield(2).await;
        if self.outage.contains(&self.clock.get()) {
            return Err(format!("503 from {path}"));
        }
        Ok(200)
    }
}

struct InventoryApi {
    stock: RefCell<HashMap<String, i32>>,
}

impl Downstream for InventoryApi {
    type Reply = i32;
    async fn request(&self, path: &str) -> Result<i32, String> {
        let sku = path.rsplit('/').next().unwrap_or_default();
        Yield(1).await;
        // 2024 edition: the Ref temporary in the scrutinee is released before `else` runs
        if let Some(qty) = self.stock.borrow().get(sku).copied() {
            Ok(qty)
        } else {
            self.stock.borrow_mut().insert(sku.to_string(), 0);
            Err(format!("unknown sku {sku}"))
        }
    }
}

async fn hammer<D: Downstream>(breaker: &Breaker, api: &D, paths: &[&str], ticks: u64) -> (u32, u32, u32) {
    let (mut ok, mut failed, mut rejected) = (0, 0, 0);
    for t in 0..ticks {
        breaker.clock.set(t);
        let path = paths[t as usize % paths.len()];
        match breaker.call(async || api.request(path).await).await {
            Ok(reply) => ok += 1,
            Err(BreakerError::Inner(msg)) => failed += 1,
            Err(BreakerError::Rejected { retry_at }) if retry_at > t => rejected += 1,
            Err(BreakerError::Rejected { .. }) => unreachable!(),
        }
    }
    (ok, failed, rejected)
}

fn main() {
    let clock = Rc::new(Cell::new(0));
    let mk = |name| Breaker { name, state: Mutex::new(State::Closed { failures: 0 }), clock: clock.clone(), threshold: 3, cooldown: 4, transitions: RefCell::default() };
    let pay_breaker = mk("payments");
    let inv_breaker = mk("inventory");

    let payments = PaymentsApi { outage: 5..12, clock: clock.clone() };
    let inventory = InventoryApi { stock: RefCell::new(HashMap::from([("sku-1".into(), 40), ("sku-2".into(), 0)])) };

    let (pay, inv) = block_on(async {
        let pay = hammer(&pay_breaker, &payments, &["/v1/charge", "/v1/refund"], 24).await;
        let inv = hammer(&inv_breaker, &inventory, &["/stock/sku-1", "/stock/sku-9", "/stock/sku-7", "/stock/sku-8", "/stock/sku-2"], 15).await;
        (pay, inv)
    });

    for (b, stats) in [(&pay_breaker, pay), (&inv_breaker, inv)] {
        let (ok, failed, rejected) = stats;
        println!("{:<10} ok={ok:>2} failed={failed:>2} rejected={rejected:>2}", b.name);
        if let Some(&(t, last)) = b.transitions.borrow().last()
            && matches!(last, State::Closed { .. })
        {
            println!("           recovered at t={t}");
        }
        let trail: Vec<String> = b.transitions.borrow().iter().map(|(t, s)| format!("{t}:{s:?}")).collect();
        println!("           {}", trail.join(" -> "));
    }
}
