//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Bakery production planning: turns next-morning orders into dough batches and oven slots before the shift starts.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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

fn pause(n: u32) -> Yield {
    Yield { left: n }
}

const OVEN_RACKS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Product {
    Sourdough,
    Baguette,
    Croissant,
    Rye,
}

impl Product {
    fn bake_time(self) -> Duration {
        match self {
            Product::Sourdough => Duration::from_secs(45 * 60),
            Product::Baguette => Duration::from_secs(22 * 60),
            Product::Croissant => Duration::from_secs(18 * 60),
            Product::Rye => Duration::from_secs(55 * 60),
        }
    }
    fn per_rack(self) -> u32 {
        match self {
            Product::Croissant => 24,
            Product::Baguette => 12,
            _ => 8,
        }
    }
}

#[derive(Debug)]
struct Order {
    customer: String,
    items: Vec<(Product, u32)>,
}

async fn fetch_orders(raw: &str) -> Vec<Order> {
    let mut orders = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        pause(1).await;
        let (customer, rest) = line.split_once(':').unwrap_or((line, ""));
        let items = rest
            .split(',')
            .filter_map(|part| {
                let (qty, name) = part.trim().split_once(' ')?;
                let product = match name {
                    "sourdough" => Product::Sourdough,
                    "baguette" => Product::Baguette,
                    "croissant" => Product::Croissant,
                    "rye" => Product::Rye,
                    _ => return None,
                };
                Some((product, qty.parse().ok()?))
            })
            .collect();
        orders.push(Order { customer: customer.trim().to_string(), items });
    }
    orders
}

async fn aggregate(orders: &[Order]) -> BTreeMap<Product, u32> {
    let totals = RefCell::new(BTreeMap::new());
    for order in orders {
        for &(p, q) in order.items.iter() {
            *totals.borrow_mut().entry(p).or_insert(0) += q;
        }
        pause(1).await;
    }
    totals.borrow().iter().map(|(p, q)| (*p, *q + q / 10)).collect()
}

#[derive(Debug)]
struct OvenSlot {
    start: Duration,
    product: Product,
    racks: usize,
}

async fn schedule_ovens(totals: &BTreeMap<Product, u32>, shift_len: Duration) -> (Vec<OvenSlot>, Vec<Product>) {
    let clock = Cell::new(Duration::ZERO);
    let mut slots = Vec::new();
    let mut unmet = Vec::new();
    let mut pending: VecDeque<(Product, u32)> = totals.iter().map(|(p, q)| (*p, *q)).collect();
    let load = async |p: Product, racks: usize| {
        pause(racks as u32).await;
        let start = clock.get();
        clock.set(start + p.bake_time());
        start
    };
    while let Some((product, qty)) = pending.pop_front() {
        let racks_needed = qty.div_ceil(product.per_rack()) as usize;
        let racks = racks_needed.min(OVEN_RACKS);
        if clock.get() + product.bake_time() > shift_len {
            unmet.push(product);
            continue;
        }
        let start = load(product, racks).await;
        slots.push(OvenSlot { start, product, racks });
        let remaining = qty.saturating_sub(racks as u32 * product.per_rack());
        if remaining > 0 {
            pending.push_back((product, remaining));
        }
    }
    (slots, unmet)
}

async fn plan_shift(raw: &str, shift_hours: u64) -> String {
    let orders = fetch_orders(raw).await;
    let totals = aggregate(&orders).await;
    let (slots, unmet) = schedule_ovens(&totals, Duration::from_secs(shift_hours * 3600)).await;
    let mut out = String::new();
    writeln!(out, "{} orders, {} products", orders.len(), totals.len()).unwrap();
    for s in &slots {
        let mins = s.start.as_secs() / 60;
        writeln!(out, "{:02}:{:02} {:?} x{} racks", 4 + mins / 60, mins % 60, s.product, s.racks).unwrap();
    }
    if !unmet.is_empty() {
        write!(out, "UNMET: {:?}", unmet).unwrap();
    }
    out
}

fn main() {
    let raw = "Cafe Lune: 30 croissant, 10 baguette\nCorner Deli: 12 rye, 8 sourdough\n\nHotel Marais: 60 croissant, 20 baguette, 4 brioche\n";
    println!("{}", block_on(plan_shift(raw, 4)));
    let orders = block_on(fetch_orders("Solo: 5 rye"));
    let totals = block_on(aggregate(&orders));
    let (slots, unmet) = block_on(schedule_ovens(&totals, Duration::from_secs(3600)));
    println!("solo: {:?} unmet {:?}", slots, unmet);
}
