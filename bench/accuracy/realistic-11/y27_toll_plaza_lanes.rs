//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a highway toll plaza controller that classifies vehicles by axle count, debits transponder accounts and falls back to plate billing.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Gate {
    polls: u8,
}

impl Future for Gate {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polls == 0 {
            Poll::Ready(())
        } else {
            self.polls -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn barrier_cycle() {
    Gate { polls: 2 }.await
}

async fn reader_poll() {
    Gate { polls: 1 }.await
}

const CLASS_RATES_CENTS: [i64; 6] = [0, 250, 250, 640, 890, 1270];

#[derive(Debug, Clone)]
struct Vehicle {
    plate: String,
    axles: u8,
    tag: Option<u32>,
    towing: bool,
}

#[derive(Debug, PartialEq)]
enum Outcome {
    TagDebited { tag: u32, cents: i64 },
    LowBalance { tag: u32, balance: i64 },
    PlateInvoice { plate: String, cents: i64 },
    Cash { cents: i64, change: i64 },
    Violation(String),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::TagDebited { tag, cents } => write!(f, "tag {tag} -{cents}c"),
            Outcome::LowBalance { tag, balance } => write!(f, "tag {tag} low balance {balance}c"),
            Outcome::PlateInvoice { plate, cents } => write!(f, "invoice {plate} {cents}c"),
            Outcome::Cash { cents, change } => write!(f, "cash {cents}c change {change}c"),
            Outcome::Violation(p) => write!(f, "VIOLATION {p}"),
        }
    }
}

fn class_of(v: &Vehicle) -> usize {
    let axles = v.axles as usize + if v.towing { 1 } else { 0 };
    axles.clamp(2, 5)
}

trait Lane {
    fn id(&self) -> u8;
    async fn collect(&self, v: &Vehicle, cents: i64) -> Outcome;
}

struct ExpressLane {
    lane: u8,
    accounts: Arc<Mutex<HashMap<u32, i64>>>,
    plate_owners: HashSet<&'static str>,
}

struct CashLane {
    lane: u8,
    float_cents: Mutex<i64>,
    tendered: Mutex<VecDeque<i64>>,
}

impl Lane for ExpressLane {
    fn id(&self) -> u8 {
        self.lane
    }
    async fn collect(&self, v: &Vehicle, cents: i64) -> Outcome {
        reader_poll().await;
        if let Some(tag) = v.tag {
            match self.accounts.lock().unwrap().get_mut(&tag) {
                Some(bal) if *bal >= cents => {
                    *bal -= cents;
                    return Outcome::TagDebited { tag, cents };
                }
                Some(bal) => return Outcome::LowBalance { tag, balance: *bal },
                None => {}
            }
        }
        barrier_cycle().await;
        let plate = v.plate.replace(' ', "").to_uppercase();
        if self.plate_owners.contains(plate.as_str()) {
            Outcome::PlateInvoice { plate, cents: cents + 150 }
        } else {
            Outcome::Violation(plate)
        }
    }
}

impl Lane for CashLane {
    fn id(&self) -> u8 {
        self.lane
    }
    async fn collect(&self, v: &Vehicle, cents: i64) -> Outcome {
        let mut float = self.float_cents.lock().unwrap();
        let given = self.tendered.lock().unwrap().pop_front().unwrap_or(0);
        barrier_cycle().await;
        let change = given - cents;
        if change < 0 || change > *float {
            return Outcome::Violation(format!("{} short-paid {given}", v.plate));
        }
        *float += cents;
        *float -= change;
        Outcome::Cash { cents, change }
    }
}

async fn run_lane<L>(lane: &L, queue: &mut VecDeque<Vehicle>, max: usize, night: bool) -> Vec<(String, Outcome)>
where
    L: Lane,
{
    let mut log = Vec::new();
    let mut served = 0;
    'traffic: while let Some(v) = queue.pop_front() {
        let class = class_of(&v);
        let cents = match (class, night) {
            (c @ 4..=5, true) => CLASS_RATES_CENTS[c] * 3 / 4,
            (c, _) => CLASS_RATES_CENTS[c],
        };
        let outcome = lane.collect(&v, cents).await;
        served += 1;
        log.push((v.plate, outcome));
        if served == max {
            break 'traffic;
        }
    }
    log
}

pub fn main() {
    let accounts = Arc::new(Mutex::new(HashMap::from([(7001u32, 5_000i64), (7002, 300), (7003, 12_000)])));
    let express = ExpressLane { lane: 1, accounts: Arc::clone(&accounts), plate_owners: ["KDX442", "TRK9001"].into_iter().collect() };
    let cash = CashLane { lane: 4, float_cents: Mutex::new(2_000), tendered: Mutex::new(VecDeque::from(vec![500, 1_000, 200, 5_000])) };

    let mut etc_queue: VecDeque<Vehicle> = [
        ("ab 12 cde", 2, Some(7001), false),
        ("kdx 442", 2, None, true),
        ("TRK 9001", 5, Some(7003), false),
        ("ZZ 000", 3, Some(9999), false),
        ("small", 2, Some(7002), true),
    ]
    .into_iter()
    .map(|(p, axles, tag, towing)| Vehicle { plate: p.to_string(), axles, tag, towing })
    .collect();
    let mut cash_queue: VecDeque<Vehicle> = etc_queue.iter().cloned().map(|v| Vehicle { tag: None, ..v }).collect();

    let day = block_on(run_lane(&express, &mut etc_queue, 3, false));
    let night = block_on(run_lane(&express, &mut etc_queue, 10, true));
    let cash_log = block_on(run_lane(&cash, &mut cash_queue, 4, false));
    for (lane, log) in [(express.id(), &day), (express.id(), &night), (cash.id(), &cash_log)] {
        for (plate, o) in log {
            println!("lane {lane} {plate:<10} {o}");
        }
    }
    let violations: Vec<&String> = day.iter().chain(&night).chain(&cash_log).filter_map(|(p, o)| matches!(o, Outcome::Violation(_)).then_some(p)).collect();
    println!("violations to enforcement: {violations:?}; cash queue left {}", cash_queue.len());

    let top_up = async |tag: u32, cents: i64| -> Option<i64> {
        reader_poll().await;
        let mut acc = accounts.lock().unwrap();
        let bal = acc.get_mut(&tag)?;
        *bal += cents;
        Some(*bal)
    };
    println!("top-ups: {:?} {:?}", block_on(top_up(7002, 2_000)), block_on(top_up(4242, 100)));
    println!("cash float now {}c", cash.float_cents.lock().unwrap());
}
