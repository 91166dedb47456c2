#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Parking garage controller: plate recognition at entry gates, spot assignment per level, tiered billing and exit payment.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
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
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const LEVELS: usize = 3;
const SPOTS_PER_LEVEL: usize = 4;
const GRACE: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone, Copy, PartialEq)]
enum VehicleClass { Car, Motorbike, Ev }

#[derive(Debug, Clone)]
struct Ticket { plate: String, level: usize, spot: usize, entered: Duration, class: VehicleClass }

#[derive(Debug)]
enum GateError { Unreadable(String), Full, NoTicket(String), PaymentFailed(u32) }

impl fmt::Display for GateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{:?}", self) }
}

fn normalize_plate(raw: &str) -> Result<String, GateError> {
    let cleaned: String = raw.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    if cleaned.len() < 4 || !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return Err(GateError::Unreadable(raw.to_string()));
    }
    Ok(cleaned)
}

fn fee_cents(stay: Duration, class: VehicleClass) -> u32 {
    if stay <= GRACE {
        return 0;
    }
    let hours = ((stay.as_secs() + 3599) / 3600) as u32;
    let base = match hours { 0..=1 => 300, 2..=3 => 300 + (hours - 1) * 250, _ => 800 + (hours - 3) * 150 };
    let capped = base.min(2400);
    match class { VehicleClass::Motorbike => capped / 2, VehicleClass::Ev => capped + 200, VehicleClass::Car => capped }
}

struct Garage {
    spots: Mutex<[[Option<String>; SPOTS_PER_LEVEL]; LEVELS]>,
    tickets: RefCell<HashMap<String, Ticket>>,
    clock: Cell<Duration>,
    revenue: Cell<u32>,
    journal: RefCell<BTreeMap<u64, String>>,
}

async fn read_plate(camera_frame: &str) -> Result<String, GateError> {
    Yield { left: 2 }.await;
    normalize_plate(camera_frame)
}

async fn charge(card: &str, cents: u32) -> Result<(), GateError> {
    Yield { left: 1 }.await;
    if card == "expired" { Err(GateError::PaymentFailed(cents)) } else { Ok(()) }
}

impl Garage {
    fn log(&self, msg: String) {
        let t = self.clock.get().as_secs();
        let mut journal = self.journal.borrow_mut();
        let seq = journal.len() as u64;
        journal.insert(t * 100 + seq, msg);
    }

    async fn enter(&self, frame: &str, class: VehicleClass) -> Result<Ticket, GateError> {
        let plate = read_plate(frame).await?;
        let preferred: Vec<usize> = if class == VehicleClass::Ev { vec![0] } else { (0..LEVELS).rev().collect() };
        let slot = {
            let mut spots = self.spots.lock().unwrap();
            let mut found = None;
            'outer: for lvl in preferred.iter().copied().chain(0..LEVELS) {
                for (i, s) in spots[lvl].iter_mut().enumerate() {
                    if s.is_none() {
                        *s = Some(plate.clone());
                        found = Some((lvl, i));
                        break 'outer;
                    }
                }
            }
            found
        };
        let (level, spot) = slot.ok_or(GateError::Full)?;
        Yield { left: 1 }.await;
        let ticket = Ticket { plate: plate.clone(), level, spot, entered: self.clock.get(), class };
        self.tickets.borrow_mut().insert(plate.clone(), ticket.clone());
        self.log(format!("IN  {} L{}S{}", plate, level, spot));
        Ok(ticket)
    }

    async fn exit(&self, frame: &str, card: &str) -> Result<u32, GateError> {
        let plate = read_plate(frame).await?;
        let ticket = self.tickets.borrow().get(&plate).cloned().ok_or_else(|| GateError::NoTicket(plate.clone()))?;
        let stay = self.clock.get() - ticket.entered;
        let fee = fee_cents(stay, ticket.class);
        if fee > 0 {
            charge(card, fee).await?;
        }
        self.tickets.borrow_mut().remove(&plate);
        self.spots.lock().unwrap()[ticket.level][ticket.spot] = None;
        self.revenue.set(self.revenue.get() + fee);
        self.log(format!("OUT {} {}min {}c", plate, stay.as_secs() / 60, fee));
        Ok(fee)
    }

    async fn occupancy_report(&self) -> String {
        Yield { left: 1 }.await;
        let spots = self.spots.lock().unwrap();
        let per_level: Vec<String> = spots.iter().enumerate().map(|(i, l)| format!("L{}:{}/{}", i, l.iter().filter(|s| s.is_some()).count(), SPOTS_PER_LEVEL)).collect();
        per_level.join(" ")
    }
}

fn main() {
    let garage = Garage { spots: Mutex::new(Default::default()), tickets: RefCell::default(), clock: Cell::new(Duration::ZERO), revenue: Cell::new(0), journal: RefCell::default() };
    let arrivals = [("b-ab 1234", VehicleClass::Car), ("M XY 99", VehicleClass::Motorbike), ("HH-EV-42e", VehicleClass::Ev), ("???", VehicleClass::Car), ("K LN 777", VehicleClass::Car)];
    for (frame, class) in arrivals.iter() {
        let r = block_on(garage.enter(frame, *class));
        if let Err(e) = r {
            println!("entry rejected: {}", e);
        }
        garage.clock.set(garage.clock.get() + Duration::from_secs(300));
    }
    garage.clock.set(Duration::from_secs(3 * 3600));
    let departures = [("BAB1234", "visa"), ("mxy99", "visa"), ("HHEV42E", "expired"), ("ZZ 0000", "visa")];
    for (frame, card) in departures.iter() {
        match block_on(garage.exit(frame, card)) {
            Ok(fee) => println!("exit {} paid {}c", frame, fee),
            Err(e) => println!("exit {} failed: {}", frame, e),
        }
    }
    let report = block_on(garage.occupancy_report());
    let p = block_on(read_plate("ab-12"));
    let c = block_on(charge("visa", 1));
    println!("{} revenue={}c plate={:?} charge={:?}", report, garage.revenue.get(), p.ok(), c.is_ok());
    for (k, v) in garage.journal.borrow().iter() {
        println!("  [{:>7}] {}", k, v);
    }
}
