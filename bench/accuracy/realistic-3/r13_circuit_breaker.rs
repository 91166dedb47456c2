#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Retry policy + circuit breaker wrapping flaky downstream calls.

use std::cell::{Cell, RefCell};
use std::fmt::Debug;
use std::future::Future;
use std::rc::Rc;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Sleep(u64, bool);
    impl Future for Sleep {
        type Output = u64;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
            if self.1 { Poll::Ready(self.0) } else { self.1 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn sleep(ms: u64) -> Sleep { Sleep(ms, false) }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State { Closed { failures: u32 }, Open { until: u64 }, HalfOpen }

#[derive(Debug)]
enum CallError<E> { Rejected, Inner(E) }

struct Breaker { state: Mutex<State>, threshold: u32, cooldown: u64, clock: Rc<Cell<u64>>, trips: Mutex<u32> }

impl Breaker {
    fn new(threshold: u32, cooldown: u64, clock: Rc<Cell<u64>>) -> Self {
        Breaker { state: Mutex::new(State::Closed { failures: 0 }), threshold, cooldown, clock, trips: Mutex::new(0) }
    }

    async fn call<T, E, F>(&self, op: F) -> Result<T, CallError<E>>
    where
        F: AsyncFnOnce() -> Result<T, E>,
    {
        let now = self.clock.get();
        {
            let mut st = self.state.lock().unwrap();
            match *st {
                State::Open { until } if now < until => return Err(CallError::Rejected),
                State::Open { .. } => *st = State::HalfOpen,
                _ => {}
            }
        }
        let result = op().await;
        let mut st = self.state.lock().unwrap();
        match (&result, *st) {
            (Ok(_), _) => *st = State::Closed { failures: 0 },
            (Err(_), State::HalfOpen) => {
                *st = State::Open { until: now + self.cooldown };
                *self.trips.lock().unwrap() += 1;
            }
            (Err(_), State::Closed { failures }) if failures + 1 >= self.threshold => {
                *st = State::Open { until: now + self.cooldown };
                *self.trips.lock().unwrap() += 1;
            }
            (Err(_), State::Closed { failures }) => *st = State::Closed { failures: failures + 1 },
            (Err(_), State::Open { .. }) => {}
        }
        result.map_err(CallError::Inner)
    }
}

struct RetryPolicy { max_attempts: u32, base_ms: u64, factor: u64 }

impl RetryPolicy {
    async fn run<T, E: Debug, F>(&self, mut op: F) -> (Result<T, E>, u32)
    where
        F: AsyncFnMut(u32) -> Result<T, E>,
    {
        let mut delay = self.base_ms;
        let mut attempt = 0;
        loop {
            attempt += 1;
            match op(attempt).await {
                Ok(v) => return (Ok(v), attempt),
                Err(e) if attempt >= self.max_attempts => return (Err(e), attempt),
                Err(_) => {
                    rt::sleep(delay).await;
                    delay *= self.factor;
                }
            }
        }
    }
}

struct Inventory { script: RefCell<Vec<bool>>, calls: Cell<u32> }

impl Inventory {
    async fn reserve(&self, sku: &str, qty: u32) -> Result<u32, String> {
        rt::sleep(5).await;
        self.calls.set(self.calls.get() + 1);
        let ok = self.script.borrow_mut().pop().unwrap_or(true);
        if ok { Ok(qty) } else { Err(format!("inventory 502 for {sku}")) }
    }
}

struct Pricing;
impl Pricing {
    async fn quote(&self, sku: &str) -> Result<u64, &'static str> {
        rt::sleep(2).await;
        if sku.starts_with("X") { Err("unknown sku") } else { Ok(sku.len() as u64 * 250) }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let clock = Rc::new(Cell::new(0u64));
    let inv_breaker = Breaker::new(3, 50, Rc::clone(&clock));
    let price_breaker = Breaker::new(2, 20, Rc::clone(&clock));
    let inventory = Inventory { script: RefCell::new(vec![true, true, false, false, false, false, false, true, false, true]), calls: Cell::new(0) };
    let pricing = Pricing;
    let policy = RetryPolicy { max_attempts: 3, base_ms: 10, factor: 2 };
    let orders = [("SKU-1", 2), ("SKU-22", 1), ("XSKU", 4), ("SKU-3", 1), ("SKU-4", 5), ("SKU-5", 1)];

    let outcome = block_on(async {
        let mut lines = Vec::new();
        for (sku, qty) in orders {
            clock.set(clock.get() + 15);
            let (reserved, attempts) = policy
                .run(async |attempt| match inv_breaker.call(async || inventory.reserve(sku, qty).await).await {
                    Ok(q) => Ok(q),
                    Err(CallError::Rejected) => Err(format!("breaker open (attempt {attempt})")),
                    Err(CallError::Inner(e)) => Err(e),
                })
                .await;
            let price = price_breaker.call(async || pricing.quote(sku).await).await;
            lines.push(format!("{sku}: reserved={:?} attempts={} price={:?}", reserved.is_ok(), attempts, price.map_err(|e| matches!(e, CallError::Rejected))));
        }
        lines
    });
    for l in &outcome { println!("{l}"); }
    println!("inventory calls={} inv trips={} price trips={} state={:?}", inventory.calls.get(), inv_breaker.trips.lock().unwrap(), price_breaker.trips.lock().unwrap(), *inv_breaker.state.lock().unwrap());
}
