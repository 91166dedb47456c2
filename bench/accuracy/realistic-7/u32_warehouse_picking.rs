#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Warehouse picking: batches customer orders into pick lists, routes pickers through bin locations and dispatches robots.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
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

const BATCH: usize = 2;
const AISLE_WIDTH: u32 = 3;
const SECS_PER_STEP: u64 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Bin { aisle: char, bay: u8, level: u8 }

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}-{:02}-{}", self.aisle, self.bay, self.level) }
}

#[derive(Debug)]
enum PickError { BadLocation(String), OutOfStock { sku: String, short: u32 }, RobotFault(u8) }

impl From<std::num::ParseIntError> for PickError {
    fn from(e: std::num::ParseIntError) -> Self { PickError::BadLocation(e.to_string()) }
}

fn parse_bin(s: &str) -> Result<Bin, PickError> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 1 {
        return Err(PickError::BadLocation(s.to_string()));
    }
    Ok(Bin { aisle: parts[0].chars().next().unwrap(), bay: parts[1].parse()?, level: parts[2].parse()? })
}

fn distance(a: &Bin, b: &Bin) -> u32 {
    let aisle_gap = (a.aisle as i32 - b.aisle as i32).unsigned_abs() * AISLE_WIDTH;
    if aisle_gap == 0 { (a.bay as i32 - b.bay as i32).unsigned_abs() } else { aisle_gap + a.bay as u32 + b.bay as u32 }
}

struct Inventory { slots: Mutex<HashMap<String, (Bin, u32)>> }

impl Inventory {
    async fn reserve(&self, sku: &str, qty: u32) -> Result<Bin, PickError> {
        Yield { left: 1 }.await;
        let mut slots = self.slots.lock().unwrap();
        let (bin, on_hand) = slots.get_mut(sku).ok_or_else(|| PickError::OutOfStock { sku: sku.to_string(), short: qty })?;
        if *on_hand < qty {
            return Err(PickError::OutOfStock { sku: sku.to_string(), short: qty - *on_hand });
        }
        *on_hand -= qty;
        Ok(*bin)
    }
}

async fn build_pick_list(inv: &Inventory, orders: &[(u32, Vec<(&str, u32)>)]) -> (Vec<(Bin, String, u32, u32)>, Vec<String>) {
    let mut picks = Vec::new();
    let mut problems = Vec::new();
    for (order_id, lines) in orders.iter() {
        for (sku, qty) in lines.iter() {
            match inv.reserve(sku, *qty).await {
                Ok(bin) => picks.push((bin, sku.to_string(), *qty, *order_id)),
                Err(e) => problems.push(format!("order {}: {:?}", order_id, e)),
            }
        }
    }
    (picks, problems)
}

fn route(start: Bin, mut stops: Vec<(Bin, String, u32, u32)>) -> (Vec<(Bin, String, u32, u32)>, u32) {
    let mut here = start;
    let mut total = 0;
    let mut ordered = Vec::with_capacity(stops.len());
    while !stops.is_empty() {
        let (idx, d) = stops.iter().enumerate().map(|(i, s)| (i, distance(&here, &s.0))).min_by_key(|(_, d)| *d).unwrap();
        total += d;
        here = stops[idx].0;
        ordered.push(stops.swap_remove(idx));
    }
    (ordered, total)
}

struct Robot { id: u8, battery: Mutex<u32>, log: Arc<Mutex<Vec<String>>> }

impl Robot {
    async fn run(&self, stops: &[(Bin, String, u32, u32)], steps: u32) -> Result<Duration, PickError> {
        let need = steps / 2 + stops.len() as u32;
        let mut battery = self.battery.lock().unwrap();
        if *battery < need {
            return Err(PickError::RobotFault(self.id));
        }
        *battery -= need;
        drop(battery);
        let mut elapsed = Duration::ZERO;
        let mut prev: Option<Bin> = None;
        for ((bin, sku, qty, order), next) in stops.iter().zip(stops.iter().skip(1).map(Some).chain(std::iter::once(None))) {
            let hop = prev.map_or(0, |p| distance(&p, bin));
            Yield { left: 1 + hop / 4 }.await;
            elapsed += Duration::from_secs(hop as u64 * SECS_PER_STEP + 10);
            let tail = if next.is_none() { " (last)" } else { "" };
            self.log.lock().unwrap().push(format!("robot {} picked {}x{} at {} for #{}{}", self.id, qty, sku, bin, order, tail));
            prev = Some(*bin);
        }
        Ok(elapsed)
    }
}

async fn wave(inv: &Inventory, robots: &[Robot], orders: Vec<(u32, Vec<(&str, u32)>)>) -> BTreeMap<u8, String> {
    let dock = Bin { aisle: 'A', bay: 0, level: 0 };
    let mut queue: VecDeque<Robot> = VecDeque::new();
    let mut results = BTreeMap::new();
    for (batch_no, batch) in orders.chunks(BATCH).enumerate() {
        let (picks, problems) = build_pick_list(inv, batch).await;
        let (ordered, steps) = route(dock, picks);
        let robot = &robots[batch_no % robots.len()];
        let outcome = match robot.run(&ordered, steps).await {
            Ok(t) => format!("batch {}: {} stops, {} steps, {:?}, issues={}", batch_no, ordered.len(), steps, t, problems.len()),
            Err(e) => format!("batch {}: {:?}", batch_no, e),
        };
        results.insert(batch_no as u8, outcome);
    }
    results
}

fn main() {
    let stock = [("SKU-MUG", "A-04-1", 10), ("SKU-TEE", "C-12-2", 3), ("SKU-PEN", "A-01-3", 200), ("SKU-LAMP", "D-07-1", 1), ("SKU-BAD", "Z9-1", 5)];
    let mut slots = HashMap::new();
    for (sku, loc, qty) in stock.iter() {
        match parse_bin(loc) {
            Ok(bin) => {
                slots.insert(sku.to_string(), (bin, *qty));
            }
            Err(e) => println!("skipping {}: {:?}", sku, e),
        }
    }
    let inv = Inventory { slots: Mutex::new(slots) };
    let log = Arc::new(Mutex::new(Vec::new()));
    let robots = [Robot { id: 1, battery: Mutex::new(100), log: Arc::clone(&log) }, Robot { id: 2, battery: Mutex::new(5), log: Arc::clone(&log) }];
    let orders = vec![(5001, vec![("SKU-MUG", 2), ("SKU-PEN", 10)]), (5002, vec![("SKU-TEE", 4)]), (5003, vec![("SKU-LAMP", 1), ("SKU-MUG", 1)]), (5004, vec![("SKU-PEN", 5), ("SKU-TEE", 2)]), (5005, vec![("SKU-BAD", 1)])];
    let results = block_on(wave(&inv, &robots, orders));
    let r = block_on(inv.reserve("SKU-PEN", 1));
    let (pl, pr) = block_on(build_pick_list(&inv, &[(1, vec![("SKU-LAMP", 1)])]));
    let t = block_on(robots[0].run(&[], 0));
    for (k, v) in &results {
        println!("{}", v);
    }
    for l in log.lock().unwrap().iter() {
        println!("  {}", l);
    }
    println!("reserve={:?} extra picks={} problems={:?} empty run={:?}", r.map(|b| b.to_string()), pl.len(), pr, t);
}
