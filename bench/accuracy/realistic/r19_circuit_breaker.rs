//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum State {
    Closed,
    Open { since: Instant },
    HalfOpen,
}

#[derive(Debug)]
pub enum CallError<E> {
    Rejected(&'static str),
    Inner(E),
}

pub struct Breaker {
    pub name: &'static str,
    state: Cell<State>,
    failures: RefCell<VecDeque<Instant>>,
    threshold: usize,
    window: Duration,
    cooldown: Duration,
    probes: Cell<u32>,
}

impl Breaker {
    pub fn new(name: &'static str, threshold: usize, window: Duration, cooldown: Duration) -> Self {
        Breaker { name, state: Cell::new(State::Closed), failures: RefCell::default(), threshold, window, cooldown, probes: Cell::new(0) }
    }

    fn admit(&self) -> bool {
        match self.state.get() {
            State::Closed => true,
            State::Open { since } if since.elapsed() >= self.cooldown => {
                self.state.set(State::HalfOpen);
                self.probes.set(1);
                true
            }
            State::Open { .. } => false,
            State::HalfOpen => self.probes.replace(self.probes.get() + 1) == 0,
        }
    }

    fn on_success(&self) {
        if self.state.get() == State::HalfOpen {
            self.failures.borrow_mut().clear();
        }
        self.state.set(State::Closed);
    }

    fn on_failure(&self) {
        let now = Instant::now();
        let mut f = self.failures.borrow_mut();
        f.push_back(now);
        while let Some(&t) = f.front()
            && now.duration_since(t) > self.window
        {
            f.pop_front();
        }
        if self.state.get() == State::HalfOpen || f.len() >= self.threshold {
            self.state.set(State::Open { since: now });
        }
    }

    pub async fn call<F, Fut, T, E>(&self, op: F) -> Result<T, CallError<E>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        if !self.admit() {
            return Err(CallError::Rejected(self.name));
        }
        match op().await {
            Ok(v) => {
                self.on_success();
                Ok(v)
            }
            Err(e) => {
                self.on_failure();
                Err(CallError::Inner(e))
            }
        }
    }

    pub fn failure_ages(&self) -> impl Iterator<Item = Duration> + use<> {
        let now = Instant::now();
        let snapshot: Vec<Instant> = self.failures.borrow().iter().copied().collect();
        snapshot.into_iter().map(move |t| now - t)
    }
}

pub fn open_breakers(breakers: &[Breaker]) -> impl Iterator<Item = &'static str> {
    breakers.iter().filter(|b| matches!(b.state.get(), State::Open { .. })).map(|b| b.name)
}

#[derive(Debug)]
pub struct GatewayError(pub u16);

async fn charge(card: &str, cents: u64) -> Result<String, GatewayError> {
    rt::sleep(80).await;
    if card.ends_with("0000") { Err(GatewayError(502)) } else { Ok(format!("ch_{}_{}", &card[card.len() - 4..], cents)) }
}

async fn fx_rate(currency: &str) -> Result<f64, String> {
    rt::sleep(15).await;
    match currency {
        "EUR" => Ok(1.08),
        "GBP" => Ok(1.27),
        other => Err(format!("no rate for {other}")),
    }
}

pub async fn checkout(breakers: &[Breaker; 2], card: &str, lines: &[(&str, u64)]) -> Result<Vec<String>, String> {
    let [payments, fx] = breakers;
    let convert = async |currency: &str, amount: u64| -> Result<u64, String> {
        match fx.call(|| fx_rate(currency)).await {
            Ok(rate) => Ok((amount as f64 * rate).round() as u64),
            Err(CallError::Rejected(name)) => Err(format!("{name} unavailable")),
            Err(CallError::Inner(e)) => Err(e),
        }
    };
    let mut receipts = Vec::new();
    for &(currency, amount) in lines {
        let cents = if currency == "USD" { amount } else { convert(currency, amount).await? };
        match payments.call(|| charge(card, cents)).await {
            Ok(id) => receipts.push(id),
            Err(CallError::Inner(GatewayError(code))) if code >= 500 => {
                rt::sleep(100).await;
                receipts.push(format!("pending:{cents}"));
            }
            Err(e) => return Err(format!("{e:?}")),
        }
    }
    let ages: Vec<Duration> = payments.failure_ages().collect();
    println!("open: {:?}, recent failures {:?}", open_breakers(breakers).collect::<Vec<_>>(), ages);
    Ok(receipts)
}
