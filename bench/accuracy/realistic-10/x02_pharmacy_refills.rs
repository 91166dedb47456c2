//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a retail pharmacy refill queue that checks prescriptions, adjudicates insurance and reserves shelf stock.

use std::cell::RefCell;
use std::collections::{BinaryHeap, HashMap};
use std::cmp::Reverse;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

static VTABLE: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VTABLE), |_| {}, |_| {}, |_| {});

fn noop_waker() -> Waker {
    // SAFETY: every vtable entry ignores the data pointer.
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

pub fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => continue,
        }
    }
}

struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) { Poll::Ready(()) } else { Poll::Pending }
    }
}

fn tick() -> YieldOnce {
    YieldOnce(false)
}

async fn network_roundtrip(hops: u8) -> u8 {
    let mut seen = 0u8;
    while seen < hops {
        tick().await;
        seen += 1;
    }
    seen
}

#[derive(Debug, Clone, PartialEq)]
enum Schedule {
    OverTheCounter,
    Rx,
    Controlled(u8),
}

#[derive(Debug, Clone)]
struct Prescription {
    rx_number: u64,
    patient: String,
    ndc: String,
    quantity: u32,
    refills_left: u8,
    schedule: Schedule,
}

#[derive(Debug)]
enum RefillError {
    NoRefills(u64),
    TooSoon { rx: u64, days_left: i32 },
    OutOfStock { ndc: String, short_by: u32 },
    Rejected(&'static str),
}

type RefillResult<T> = Result<T, RefillError>;

trait Payer {
    fn name(&self) -> String;
    async fn copay_cents(&self, rx: &Prescription) -> RefillResult<u32>;
    async fn adjudicate(&self, rx: &Prescription, retail_cents: u32) -> RefillResult<(u32, u32)> {
        let copay = self.copay_cents(rx).await?;
        tick().await;
        let plan_pays = retail_cents.saturating_sub(copay);
        Ok((copay.min(retail_cents), plan_pays))
    }
}

struct CommercialPlan {
    tier_copays: [u32; 3],
}

struct Medicaid;

impl Payer for CommercialPlan {
    fn name(&self) -> String {
        "BlueRiver PPO".into()
    }
    async fn copay_cents(&self, rx: &Prescription) -> RefillResult<u32> {
        network_roundtrip(2).await;
        let tier = match &rx.schedule {
            Schedule::OverTheCounter => return Err(RefillError::Rejected("OTC not covered")),
            Schedule::Rx if rx.ndc.starts_with("0093") => 0, // generic labeler
            Schedule::Rx => 1,
            Schedule::Controlled(class) if *class <= 2 => 2,
            Schedule::Controlled(_) => 1,
        };
        Ok(self.tier_copays[tier])
    }
}

impl Payer for Medicaid {
    fn name(&self) -> String {
        String::from("State Medicaid")
    }
    async fn copay_cents(&self, rx: &Prescription) -> RefillResult<u32> {
        if let Schedule::Controlled(2) = rx.schedule {
            network_roundtrip(3).await; // prior auth check
        }
        tick().await;
        Ok(if rx.quantity > 90 { 400 } else { 100 })
    }
}

struct Shelf {
    on_hand: RefCell<HashMap<String, u32>>,
}

impl Shelf {
    async fn reserve(&self, ndc: &str, qty: u32) -> RefillResult<u32> {
        let mut stock = self.on_hand.borrow_mut();
        let Some(have) = stock.get_mut(ndc) else {
            return Err(RefillError::OutOfStock { ndc: ndc.to_owned(), short_by: qty });
        };
        // the borrow guard lives across this await; nothing else touches the shelf concurrently
        tick().await;
        if *have < qty {
            return Err(RefillError::OutOfStock { ndc: ndc.to_owned(), short_by: qty - *have });
        }
        *have -= qty;
        Ok(*have)
    }
}

async fn fill_one<P>(payer: &P, shelf: &Shelf, mut rx: Prescription, days_since_last: i32) -> RefillResult<String>
where
    P: Payer,
{
    if rx.refills_left == 0 {
        return Err(RefillError::NoRefills(rx.rx_number));
    }
    let days_supply = (rx.quantity / 2) as i32;
    let earliest = days_supply * 3 / 4;
    if days_since_last < earliest {
        return Err(RefillError::TooSoon { rx: rx.rx_number, days_left: earliest - days_since_last });
    }
    let retail = rx.quantity * 37;
    let (copay, plan) = payer.adjudicate(&rx, retail).await?;
    let remaining = shelf.reserve(&rx.ndc, rx.quantity).await?;
    rx.refills_left -= 1;
    let patient = std::mem::take(&mut rx.patient);
    tick().await;
    Ok(format!(
        "rx#{} for {patient}: copay ${}.{:02} plan ${}.{:02} via {} ({} left on shelf, {} refills remain)",
        rx.rx_number, copay / 100, copay % 100, plan / 100, plan % 100, payer.name(), remaining, rx.refills_left
    ))
}

pub fn main() {
    let shelf = Shelf {
        on_hand: RefCell::new(HashMap::from([
            ("0093-7146".to_string(), 240),
            ("0378-1800".to_string(), 30),
            ("59011-410".to_string(), 60),
        ])),
    };
    let commercial = CommercialPlan { tier_copays: [500, 1500, 3500] };
    let medicaid = Medicaid;

    let base = Prescription {
        rx_number: 7001,
        patient: "M. Alvarez".into(),
        ndc: "0093-7146".into(),
        quantity: 60,
        refills_left: 3,
        schedule: Schedule::Rx,
    };
    let oxy = Prescription { rx_number: 7002, ndc: "59011-410".into(), schedule: Schedule::Controlled(2), ..base.clone() };
    let statin = Prescription { rx_number: 7003, patient: "J. Chu".into(), quantity: 90, ..base.clone() };
    let empty = Prescription { rx_number: 7004, refills_left: 0, ..base.clone() };
    let big = Prescription { rx_number: 7005, ndc: "0378-1800".into(), quantity: 120, ..base.clone() };

    // priority: earliest pickup promise first
    let mut pickup_queue: BinaryHeap<Reverse<(u16, u64)>> = BinaryHeap::new();
    for (minute, rx) in [(30u16, 7001u64), (15, 7002), (45, 7003), (10, 7004), (20, 7005)] {
        pickup_queue.push(Reverse((minute, rx)));
    }
    let mut by_number: HashMap<u64, (Prescription, bool)> = HashMap::new();
    by_number.insert(7001, (base, false));
    by_number.insert(7002, (oxy, true));
    by_number.insert(7003, (statin, false));
    by_number.insert(7004, (empty, true));
    by_number.insert(7005, (big, false));

    let log = Rc::new(RefCell::new(Vec::<String>::new()));
    let record = {
        let log = Rc::clone(&log);
        async move |line: String| {
            tick().await;
            log.borrow_mut().push(line);
        }
    };

    let summary = block_on(async {
        let mut filled = 0u32;
        let mut rejected = Vec::new();
        while let Some(Reverse((minute, number))) = pickup_queue.pop() {
            let Some((rx, on_medicaid)) = by_number.remove(&number) else { continue };
            let outcome = if on_medicaid {
                fill_one(&medicaid, &shelf, rx, 40).await
            } else {
                fill_one(&commercial, &shelf, rx, 25).await
            };
            match outcome {
                Ok(msg) => {
                    filled += 1;
                    record(format!("t+{minute:>3}m {msg}")).await;
                }
                Err(RefillError::TooSoon { rx, days_left }) if days_left <= 2 => {
                    record(format!("t+{minute:>3}m rx#{rx} override: {days_left} days early")).await;
                }
                Err(other) => rejected.push((number, format!("{other:?}"))),
            }
        }
        (filled, rejected)
    });

    for line in log.borrow().iter() {
        println!("{line}");
    }
    println!("filled {} / rejected {:?}", summary.0, summary.1);
    println!("hops {}", block_on(network_roundtrip(4)));
}
