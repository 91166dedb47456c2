//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a laundromat controller that takes card payments, starts washer and dryer cycles and tracks machine faults.

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

const VTABLE: RawWakerVTable = RawWakerVTable::new(clone_raw, noop_raw, noop_raw, noop_raw);
fn clone_raw(p: *const ()) -> RawWaker {
    RawWaker::new(p, &VTABLE)
}
fn noop_raw(_: *const ()) {}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    done: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.done {
            Poll::Ready(())
        } else {
            self.done = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn tick() {
    Yield { done: false }.await
}

async fn minutes(n: u16) {
    for _ in 0..(n / 10).max(1) {
        tick().await;
    }
}

const MACHINES: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    TopLoader,
    FrontLoader { kg: u8 },
    Dryer,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Idle,
    Running { customer: u32, remaining_min: u16 },
    DoorLocked { customer: u32 },
    OutOfOrder(String),
}

#[derive(Debug, Clone)]
struct Machine {
    number: u8,
    kind: Kind,
    state: State,
    cycles: u32,
    revenue_cents: u32,
}

#[derive(Debug)]
enum LaundryError {
    CardDeclined { customer: u32, price: u32 },
    NoMachine(&'static str),
    Fault { machine: u8, code: u16 },
}

#[derive(Debug, Clone)]
struct Customer {
    id: u32,
    card_balance: u32,
    loads: Vec<(&'static str, u8)>, // cycle name, kg of laundry
    wants_dryer: bool,
}

fn price(kind: Kind, cycle: &str) -> (u32, u16) {
    match (kind, cycle) {
        (Kind::TopLoader, "hot") => (350, 32),
        (Kind::TopLoader, _) => (300, 28),
        (Kind::FrontLoader { kg }, "bulky") if kg >= 18 => (750, 45),
        (Kind::FrontLoader { kg }, _) => (400 + kg as u32 * 10, 35),
        (Kind::Dryer, _) => (25 * 4, 40),
    }
}

async fn charge(customer: &mut Customer, amount: u32) -> Result<(), LaundryError> {
    tick().await;
    if customer.card_balance < amount {
        return Err(LaundryError::CardDeclined { customer: customer.id, price: amount });
    }
    customer.card_balance -= amount;
    tick().await;
    Ok(())
}

async fn start_cycle(bank: &mut [Machine; MACHINES], customer: &mut Customer, cycle: &'static str, kg: u8, dryer: bool) -> Result<u8, LaundryError> {
    let pick = bank.iter().position(|m| {
        m.state == State::Idle
            && match m.kind {
                Kind::Dryer => dryer,
                Kind::FrontLoader { kg: cap } => !dryer && cap >= kg,
                Kind::TopLoader => !dryer && kg <= 8,
            }
    });
    let Some(idx) = pick else {
        return Err(LaundryError::NoMachine(if dryer { "dryer" } else { "washer" }));
    };
    let (cents, mins) = price(bank[idx].kind, cycle);
    charge(customer, cents).await?;
    let machine = &mut bank[idx];
    if machine.cycles > 0 && machine.cycles % 5 == 0 {
        // every fifth cycle the old pump trips; money is refunded
        customer.card_balance += cents;
        let code = 400 + machine.number as u16;
        machine.state = State::OutOfOrder(format!("E{code}"));
        return Err(LaundryError::Fault { machine: machine.number, code });
    }
    machine.state = State::Running { customer: customer.id, remaining_min: mins };
    machine.cycles += 1;
    machine.revenue_cents += cents;
    minutes(mins).await;
    Ok(machine.number)
}

async fn finish_all(bank: &mut [Machine; MACHINES]) -> Vec<(u8, u32)> {
    let mut ready = Vec::new();
    for m in bank.iter_mut() {
        let prev = std::mem::replace(&mut m.state, State::Idle);
        m.state = match prev {
            State::Running { customer, .. } => {
                tick().await;
                ready.push((m.number, customer));
                State::DoorLocked { customer }
            }
            State::DoorLocked { customer } => {
                tick().await;
                State::Idle
            }
            other => other,
        };
    }
    ready
}

pub fn main() {
    let mut bank: [Machine; MACHINES] = [
        Machine { number: 1, kind: Kind::TopLoader, state: State::Idle, cycles: 4, revenue_cents: 0 },
        Machine { number: 2, kind: Kind::FrontLoader { kg: 12 }, state: State::Idle, cycles: 0, revenue_cents: 0 },
        Machine { number: 3, kind: Kind::FrontLoader { kg: 20 }, state: State::Idle, cycles: 11, revenue_cents: 0 },
        Machine { number: 4, kind: Kind::Dryer, state: State::Idle, cycles: 0, revenue_cents: 0 },
        Machine { number: 5, kind: Kind::Dryer, state: State::OutOfOrder("lint sensor".into()), cycles: 0, revenue_cents: 0 },
        Machine { number: 6, kind: Kind::TopLoader, state: State::Idle, cycles: 5, revenue_cents: 0 },
    ];
    let mut line: VecDeque<Customer> = VecDeque::from(vec![
        Customer { id: 71, card_balance: 2000, loads: vec![("hot", 6), ("bulky", 16)], wants_dryer: true },
        Customer { id: 72, card_balance: 300, loads: vec![("cold", 5)], wants_dryer: true },
        Customer { id: 73, card_balance: 5000, loads: vec![("normal", 7), ("normal", 7)], wants_dryer: false },
    ]);
    let faults = Cell::new(0u8);

    let log_fault = async |e: &LaundryError| {
        tick().await;
        if let LaundryError::Fault { .. } = e {
            faults.set(faults.get() + 1);
        }
        format!("{e:?}")
    };

    let events = block_on(async {
        let mut events: Vec<String> = Vec::new();
        while let Some(mut customer) = line.pop_front() {
            let loads = std::mem::take(&mut customer.loads);
            let mut washed = 0;
            for (cycle, kg) in loads {
                match start_cycle(&mut bank, &mut customer, cycle, kg, false).await {
                    Ok(n) => {
                        washed += 1;
                        events.push(format!("cust {} washing {cycle} in #{n}", customer.id));
                    }
                    Err(e @ LaundryError::CardDeclined { .. }) => {
                        events.push(log_fault(&e).await);
                        break;
                    }
                    Err(e) => events.push(log_fault(&e).await),
                }
            }
            for (num, cust) in finish_all(&mut bank).await {
                events.push(format!("#{num} done, door unlocked for {cust}"));
            }
            if customer.wants_dryer && washed > 0 {
                match start_cycle(&mut bank, &mut customer, "dry", 0, true).await {
                    Ok(n) => events.push(format!("cust {} drying in #{n}", customer.id)),
                    Err(e) => events.push(log_fault(&e).await),
                }
            }
            finish_all(&mut bank).await;
        }
        events
    });

    events.iter().for_each(|e| println!("{e}"));
    let revenue: u32 = bank.iter().map(|m| m.revenue_cents).sum();
    let down: HashMap<u8, String> = bank.iter().filter_map(|m| if let State::OutOfOrder(why) = &m.state { Some((m.number, why.clone())) } else { None }).collect();
    println!("revenue ${}.{:02}; faults {}; out of order {:?}", revenue / 100, revenue % 100, faults.get(), down.len());
}
