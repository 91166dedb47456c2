#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Payment gateway client: idempotent charges, 3DS challenges, refunds, processor failover.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Net(bool);
    impl Future for Net {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn net() -> Net { Net(false) }
}

#[derive(Debug, Clone, PartialEq)]
enum ChargeStatus { Succeeded, RequiresAction(String), Declined(String) }

#[derive(Debug, Clone)]
struct Charge { id: String, amount: u64, currency: String, status: ChargeStatus, processor: &'static str, refunded: u64 }

#[derive(Debug)]
enum PayError { Network(&'static str), Processor { code: u16, message: String }, InvalidRequest(String), NotFound(String) }

impl fmt::Display for PayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{self:?}") }
}
impl From<std::num::ParseIntError> for PayError {
    fn from(e: std::num::ParseIntError) -> Self { PayError::InvalidRequest(e.to_string()) }
}

struct Processor { name: &'static str, down: bool, counter: Mutex<u32> }

impl Processor {
    async fn authorize(&self, card: &str, amount: u64, currency: &str) -> Result<ChargeStatus, PayError> {
        rt::net().await;
        if self.down { return Err(PayError::Network(self.name)); }
        *self.counter.lock().unwrap() += 1;
        let last4 = &card[card.len().saturating_sub(4)..];
        Ok(match last4 {
            "0002" => ChargeStatus::Declined("card_declined".into()),
            "3155" if amount > 10_000 => ChargeStatus::RequiresAction(format!("https://3ds.{}/challenge", self.name)),
            _ => ChargeStatus::Succeeded,
        })
    }
}

struct Gateway {
    processors: Vec<Processor>,
    idempotency: Mutex<HashMap<String, String>>,
    charges: Mutex<HashMap<String, Charge>>,
    seq: Mutex<u64>,
}

impl Gateway {
    async fn charge(&self, key: &str, card: &str, amount: &str, currency: &str) -> Result<Charge, PayError> {
        if let Some(existing) = self.idempotency.lock().unwrap().get(key).cloned() {
            return self.lookup(&existing).await?.ok_or(PayError::NotFound(existing));
        }
        let amount: u64 = amount.replace('.', "").parse()?;
        if amount == 0 { return Err(PayError::InvalidRequest("amount must be positive".into())); }
        if card.chars().filter(|c| c.is_ascii_digit()).count() != 16 {
            return Err(PayError::InvalidRequest("card number must have 16 digits".into()));
        }
        let mut last_err = None;
        for p in &self.processors {
            let status = match p.authorize(card, amount, currency).await {
                Ok(s) => s,
                Err(e @ PayError::Network(_)) => { last_err = Some(e); continue; }
                Err(e) => return Err(e),
            };
            *self.seq.lock().unwrap() += 1;
            let id = format!("ch_{:06}", *self.seq.lock().unwrap());
            let charge = Charge { id: id.clone(), amount, currency: currency.to_uppercase(), status, processor: p.name, refunded: 0 };
            self.charges.lock().unwrap().insert(id.clone(), charge.clone());
            self.idempotency.lock().unwrap().insert(key.to_string(), id);
            return Ok(charge);
        }
        Err(last_err.unwrap_or(PayError::Network("no processors")))
    }

    async fn lookup(&self, id: &str) -> Result<Option<Charge>, PayError> {
        rt::net().await;
        Ok(self.charges.lock().unwrap().get(id).cloned())
    }

    async fn refund(&self, id: &str, amount: Option<u64>) -> Result<u64, PayError> {
        let Some(charge) = self.lookup(id).await? else { return Err(PayError::NotFound(id.to_string())) };
        if charge.status != ChargeStatus::Succeeded {
            return Err(PayError::InvalidRequest(format!("{id} is not captured")));
        }
        let want = amount.unwrap_or(charge.amount - charge.refunded);
        if charge.refunded + want > charge.amount {
            return Err(PayError::Processor { code: 402, message: "refund exceeds charge".into() });
        }
        rt::net().await;
        let mut charges = self.charges.lock().unwrap();
        let c = charges.get_mut(id).ok_or_else(|| PayError::NotFound(id.to_string()))?;
        c.refunded += want;
        Ok(c.amount - c.refunded)
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    fn raw() -> RawWaker { RawWaker::new(std::ptr::null(), &VT) }
    static VT: RawWakerVTable = RawWakerVTable::new(|_| raw(), |_| {}, |_| {}, |_| {});
    let waker = unsafe { Waker::from_raw(raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let gw = Arc::new(Gateway {
        processors: vec![
            Processor { name: "adyen", down: true, counter: Mutex::new(0) },
            Processor { name: "stripe", down: false, counter: Mutex::new(0) },
        ],
        idempotency: Mutex::new(HashMap::new()),
        charges: Mutex::new(HashMap::new()),
        seq: Mutex::new(0),
    });
    let requests = [
        ("order-1", "4242424242424242", "49.99", "usd"),
        ("order-1", "4242424242424242", "49.99", "usd"),
        ("order-2", "4000000000000002", "10.00", "eur"),
        ("order-3", "4000002500003155", "250.00", "gbp"),
        ("order-4", "4242", "1.00", "usd"),
        ("order-5", "4242424242424242", "ten", "usd"),
    ];
    let g = Arc::clone(&gw);
    let log = block_on(async move {
        let mut log = Vec::new();
        let mut first_id = None;
        let mut checkout = async |key: &str, card: &str, amount: &str, cur: &str| {
            match g.charge(key, card, amount, cur).await {
                Ok(c) => {
                    first_id.get_or_insert(c.id.clone());
                    log.push(format!("{key}: {} {:?} via {}", c.id, c.status, c.processor));
                }
                Err(e) => log.push(format!("{key}: error {e}")),
            }
        };
        for (key, card, amount, cur) in requests {
            checkout(key, card, amount, cur).await;
        }
        let id = first_id.take().unwrap_or_default();
        log.push(format!("partial refund -> remaining {:?}", g.refund(&id, Some(999)).await));
        log.push(format!("full refund -> remaining {:?}", g.refund(&id, None).await));
        log.push(format!("over refund -> {}", g.refund(&id, Some(1)).await.map_err(|e| e.to_string()).unwrap_err()));
        log
    });
    for l in &log { println!("{l}"); }
    println!("authorizations={:?}", gw.processors.iter().map(|p| (p.name, *p.counter.lock().unwrap())).collect::<Vec<_>>());
}
