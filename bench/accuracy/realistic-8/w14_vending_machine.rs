#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Vending machine controller: accepts coins, vends from slots, makes change, and reports telemetry to the operator.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Yield {
    left: u32,
}

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

const DENOMS: [u32; 5] = [200, 100, 50, 20, 10];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Input {
    Coin(u32),
    Select(char, u8),
    Cancel,
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Vended { item: String, change: Vec<u32> },
    Refunded(Vec<u32>),
    SoldOut(String),
    NeedMore(u32),
    ExactChangeOnly,
}

struct Slot {
    item: String,
    price: u32,
    count: u8,
}

struct Machine {
    slots: Mutex<HashMap<(char, u8), Slot>>,
    coin_tubes: Mutex<[u32; 5]>,
    sales: Mutex<BTreeMap<String, u32>>,
}

async fn motor_spin(slot: (char, u8)) -> bool {
    Yield { left: 3 }.await;
    !(slot.0 == 'C' && slot.1 == 9)
}

async fn make_change(machine: &Machine, mut amount: u32) -> Option<Vec<u32>> {
    let mut tubes = machine.coin_tubes.lock().unwrap();
    let mut plan = [0u32; 5];
    for (i, d) in DENOMS.iter().enumerate() {
        let use_n = (amount / d).min(tubes[i]);
        plan[i] = use_n;
        amount -= use_n * d;
    }
    if amount != 0 {
        return None;
    }
    for i in 0..DENOMS.len() {
        tubes[i] -= plan[i];
    }
    drop(tubes);
    let mut coins = Vec::new();
    for (i, n) in plan.iter().enumerate() {
        for _ in 0..*n {
            Yield { left: 1 }.await;
            coins.push(DENOMS[i]);
        }
    }
    Some(coins)
}

async fn accept_coin(machine: &Machine, coin: u32) -> bool {
    Yield { left: 1 }.await;
    match DENOMS.iter().position(|d| *d == coin) {
        Some(i) => {
            machine.coin_tubes.lock().unwrap()[i] += 1;
            true
        }
        None => false,
    }
}

async fn session(machine: &Machine, inputs: &[Input], timeout: Duration) -> Outcome {
    let started = Instant::now();
    let mut credit = 0u32;
    let mut inserted: Vec<u32> = Vec::new();
    for input in inputs.iter() {
        if started.elapsed() > timeout {
            break;
        }
        match *input {
            Input::Coin(c) => {
                if accept_coin(machine, c).await {
                    credit += c;
                    inserted.push(c);
                }
            }
            Input::Cancel => {
                let refund = make_change(machine, credit).await.unwrap_or(inserted);
                return Outcome::Refunded(refund);
            }
            Input::Select(row, col) => {
                let (item, price) = {
                    let slots = machine.slots.lock().unwrap();
                    match slots.get(&(row, col)) {
                        Some(s) if s.count == 0 => return Outcome::SoldOut(s.item.clone()),
                        Some(s) => (s.item.clone(), s.price),
                        None => continue,
                    }
                };
                if credit < price {
                    Yield { left: 1 }.await;
                    return Outcome::NeedMore(price - credit);
                }
                let change = match make_change(machine, credit - price).await {
                    Some(c) => c,
                    None => return Outcome::ExactChangeOnly,
                };
                if !motor_spin((row, col)).await {
                    let refund = make_change(machine, credit).await.unwrap_or_default();
                    return Outcome::Refunded(refund);
                }
                machine.slots.lock().unwrap().get_mut(&(row, col)).unwrap().count -= 1;
                *machine.sales.lock().unwrap().entry(item.clone()).or_insert(0) += price;
                return Outcome::Vended { item, change };
            }
        }
    }
    let refund = make_change(machine, credit).await.unwrap_or(inserted);
    Outcome::Refunded(refund)
}

async fn telemetry(machine: Arc<Machine>) -> String {
    Yield { left: 2 }.await;
    let low: Vec<String> = machine
        .slots
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, s)| s.count <= 1)
        .map(|((r, c), s)| format!("{r}{c}:{}", s.item))
        .collect();
    Yield { left: 1 }.await;
    let revenue: u32 = machine.sales.lock().unwrap().values().sum();
    let tubes = *machine.coin_tubes.lock().unwrap();
    format!("revenue={} low={:?} tubes={:?}", revenue, low, tubes)
}

fn main() {
    let mut slots = HashMap::new();
    slots.insert(('A', 1), Slot { item: "Cola".into(), price: 150, count: 2 });
    slots.insert(('B', 3), Slot { item: "Crisps".into(), price: 120, count: 0 });
    slots.insert(('C', 9), Slot { item: "Gum".into(), price: 60, count: 5 });
    slots.insert(('A', 2), Slot { item: "Water".into(), price: 90, count: 1 });
    let m = Arc::new(Machine { slots: Mutex::new(slots), coin_tubes: Mutex::new([1, 2, 3, 1, 4]), sales: Mutex::new(BTreeMap::new()) });
    let t = Duration::from_secs(30);
    let scripts: Vec<Vec<Input>> = vec![
        vec![Input::Coin(200), Input::Select('A', 1)],
        vec![Input::Coin(100), Input::Select('B', 3)],
        vec![Input::Coin(50), Input::Coin(5), Input::Select('A', 1)],
        vec![Input::Coin(100), Input::Coin(50), Input::Cancel],
        vec![Input::Coin(100), Input::Select('C', 9)],
        vec![Input::Coin(200), Input::Coin(200), Input::Select('A', 2)],
    ];
    for (i, s) in scripts.iter().enumerate() {
        println!("session {}: {:?}", i + 1, block_on(session(&m, s, t)));
    }
    println!("{}", block_on(telemetry(Arc::clone(&m))));
}
