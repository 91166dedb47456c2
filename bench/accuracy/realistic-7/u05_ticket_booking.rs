//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Ticket booking box office: seat holds with expiry, card payment, release on failure and availability queries.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn waker() -> Waker {
    fn clone(p: *const ()) -> RawWaker { RawWaker::new(p, &VTABLE) }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let w = waker();
    let mut cx = Context::from_waker(&w);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

type SeatId = (char, u8);
const HOLD_FOR: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, Copy, PartialEq)]
enum SeatState {
    Free,
    Held { by: u32, until: Instant },
    Sold(u32),
}

#[derive(Debug)]
struct PaymentError {
    code: u16,
    reason: String,
}

#[derive(Debug)]
enum BookingError {
    SeatTaken(SeatId),
    HoldExpired,
    PaymentDeclined(String),
    UnknownEvent(String),
}

impl From<PaymentError> for BookingError {
    fn from(e: PaymentError) -> Self {
        BookingError::PaymentDeclined(format!("{} ({})", e.reason, e.code))
    }
}

struct Venue {
    name: String,
    seats: Mutex<BTreeMap<SeatId, SeatState>>,
    price_cents: HashMap<char, u32>,
}

struct BoxOffice {
    venues: HashMap<String, Arc<Venue>>,
    orders: RefCell<Vec<(u32, u32, Vec<SeatId>, String)>>,
    next_order: Cell<u32>,
}

async fn charge_card(card: &str, amount: u32) -> Result<String, PaymentError> {
    Yield { left: 2 }.await;
    if card.ends_with("0000") {
        return Err(PaymentError { code: 402, reason: "insufficient funds".to_string() });
    }
    Yield { left: 1 }.await;
    Ok(format!("ch_{}_{}", &card[card.len() - 4..], amount))
}

impl BoxOffice {
    fn venue(&self, event: &str) -> Result<Arc<Venue>, BookingError> {
        self.venues.get(event).cloned().ok_or_else(|| BookingError::UnknownEvent(event.to_string()))
    }

    async fn hold(&self, event: &str, customer: u32, seats: &[SeatId]) -> Result<Instant, BookingError> {
        let venue = self.venue(event)?;
        Yield { left: 1 }.await;
        let until = Instant::now() + HOLD_FOR;
        {
            let mut map = venue.seats.lock().unwrap();
            for s in seats {
                match map.get(s) {
                    Some(SeatState::Free) => {}
                    Some(SeatState::Held { by, .. }) if *by == customer => {}
                    Some(SeatState::Held { until, .. }) if *until < Instant::now() => {}
                    _ => return Err(BookingError::SeatTaken(*s)),
                }
            }
            for s in seats {
                map.insert(*s, SeatState::Held { by: customer, until });
            }
        }
        Yield { left: 1 }.await;
        Ok(until)
    }

    async fn quote(&self, event: &str, seats: &[SeatId]) -> Result<u32, BookingError> {
        let venue = self.venue(event)?;
        Yield { left: 1 }.await;
        let subtotal: u32 = seats.iter().map(|(row, _)| venue.price_cents.get(row).copied().unwrap_or(2500)).sum();
        let fee = seats.len() as u32 * 350;
        Ok(subtotal + fee)
    }

    async fn release(&self, event: &str, customer: u32, seats: &[SeatId]) -> usize {
        let Ok(venue) = self.venue(event) else { return 0 };
        Yield { left: 1 }.await;
        let mut map = venue.seats.lock().unwrap();
        let mut released = 0;
        for s in seats {
            if let Some(SeatState::Held { by, .. }) = map.get(s)
                && *by == customer
            {
                map.insert(*s, SeatState::Free);
                released += 1;
            }
        }
        released
    }

    async fn purchase(&self, event: &str, customer: u32, seats: &[SeatId], card: &str) -> Result<u32, BookingError> {
        let until = self.hold(event, customer, seats).await?;
        let total = self.quote(event, seats).await?;
        let receipt = match charge_card(card, total).await {
            Ok(r) => r,
            Err(e) => {
                self.release(event, customer, seats).await;
                return Err(e.into());
            }
        };
        if Instant::now() > until {
            return Err(BookingError::HoldExpired);
        }
        let venue = self.venue(event)?;
        for s in seats {
            venue.seats.lock().unwrap().insert(*s, SeatState::Sold(customer));
        }
        let id = self.next_order.get();
        self.next_order.set(id + 1);
        self.orders.borrow_mut().push((id, total, seats.to_vec(), receipt));
        Ok(id)
    }

    async fn available(&self, event: &str) -> usize {
        let venue = match self.venue(event) {
            Ok(v) => v,
            Err(_) => return 0,
        };
        Yield { left: 1 }.await;
        venue.seats.lock().unwrap().values().filter(|s| matches!(s, SeatState::Free)).count()
    }
}

fn build_office() -> BoxOffice {
    let mut seats = BTreeMap::new();
    for row in ['A', 'B', 'C'] {
        for n in 1..=6u8 {
            seats.insert((row, n), SeatState::Free);
        }
    }
    let price_cents: HashMap<char, u32> = [('A', 12000), ('B', 8500), ('C', 6000)].into_iter().collect();
    let opera = Venue { name: "Opera House".into(), seats: Mutex::new(seats), price_cents };
    let mut venues = HashMap::new();
    venues.insert("tosca".to_string(), Arc::new(opera));
    BoxOffice { venues, orders: RefCell::new(Vec::new()), next_order: Cell::new(1000) }
}

fn main() {
    let office = build_office();
    let before = block_on(office.available("tosca"));
    let q = block_on(office.quote("tosca", &[('A', 1), ('C', 2)])).unwrap();
    let held = block_on(office.hold("tosca", 9, &[('B', 3)])).is_ok();
    let released = block_on(office.release("tosca", 9, &[('B', 3)]));
    let receipt = block_on(charge_card("4242424242424242", 100)).unwrap();

    let try_book = async |customer: u32, seats: Vec<SeatId>, card: &str| {
        let r = office.purchase("tosca", customer, &seats, card).await;
        Yield { left: 1 }.await;
        match r {
            Ok(id) => format!("customer {customer}: order {id}"),
            Err(e) => format!("customer {customer}: {e:?}"),
        }
    };
    let lines = block_on(async {
        let mut out = Vec::new();
        out.push(try_book(1, vec![('A', 1), ('A', 2)], "4111111111111111").await);
        out.push(try_book(2, vec![('A', 2)], "4111111111111111").await);
        out.push(try_book(3, vec![('B', 1)], "4000000000000000").await);
        out.push(try_book(4, vec![('Z', 1)], "4111111111111111").await);
        out
    });
    let missing = block_on(office.purchase("hamlet", 5, &[('A', 1)], "4242"));
    let after = block_on(office.available("tosca"));
    println!("before={before} after={after} quote={q} held={held} released={released} receipt={receipt}");
    for l in &lines {
        println!("  {l}");
    }
    println!("missing event: {:?}; orders={}", missing.err(), office.orders.borrow().len());
}
