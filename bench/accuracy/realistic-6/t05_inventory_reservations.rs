#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Inventory reservation service: holds stock across warehouses with expiring reservations and retrying allocation.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

static VTABLE: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VTABLE), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut boxed: Pin<Box<F>> = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = boxed.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield { n: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.n {
            0 => Poll::Ready(()),
            _ => { self.n -= 1; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
}
async fn pause(n: u32) { Yield { n }.await }

#[derive(Debug, Clone, PartialEq)]
enum ReserveError { OutOfStock { sku: String, wanted: u32, available: u32 }, UnknownSku(String), Contended }

#[derive(Debug)]
enum OrderError { Reserve(ReserveError), Empty }
impl From<ReserveError> for OrderError {
    fn from(e: ReserveError) -> Self { OrderError::Reserve(e) }
}

#[derive(Debug, Clone)]
struct Reservation { id: u64, warehouse: &'static str, sku: String, qty: u32, expires_at: u64 }

trait Warehouse {
    fn name(&self) -> &'static str;
    async fn available(&self, sku: &str) -> Result<u32, ReserveError>;
    async fn hold(&self, sku: &str, qty: u32, now: u64) -> Result<Reservation, ReserveError>;
    async fn release(&self, r: &Reservation);
}

struct Depot { name: &'static str, stock: Mutex<HashMap<String, u32>>, next_id: Mutex<u64>, latency: u32 }

impl Warehouse for Depot {
    fn name(&self) -> &'static str { self.name }
    async fn available(&self, sku: &str) -> Result<u32, ReserveError> {
        pause(self.latency).await;
        self.stock.lock().unwrap().get(sku).copied().ok_or_else(|| ReserveError::UnknownSku(sku.into()))
    }
    async fn hold(&self, sku: &str, qty: u32, now: u64) -> Result<Reservation, ReserveError> {
        // The guard is held across the simulated write latency: single-threaded executor, no Send bound.
        let mut stock = self.stock.lock().map_err(|_| ReserveError::Contended)?;
        let have = *stock.get(sku).ok_or_else(|| ReserveError::UnknownSku(sku.into()))?;
        pause(self.latency).await;
        if have < qty { return Err(ReserveError::OutOfStock { sku: sku.into(), wanted: qty, available: have }); }
        stock.insert(sku.to_string(), have - qty);
        drop(stock);
        let id = { let mut n = self.next_id.lock().unwrap(); *n += 1; *n };
        Ok(Reservation { id, warehouse: self.name, sku: sku.into(), qty, expires_at: now + 300 })
    }
    async fn release(&self, r: &Reservation) {
        pause(1).await;
        *self.stock.lock().unwrap().entry(r.sku.clone()).or_insert(0) += r.qty;
    }
}

async fn allocate<W: Warehouse>(depots: &[W], sku: &str, mut qty: u32, now: u64) -> Result<Vec<Reservation>, ReserveError> {
    let mut held = Vec::new();
    for d in depots {
        if qty == 0 { break; }
        let avail = match d.available(sku).await {
            Ok(a) if a > 0 => a,
            Ok(_) | Err(ReserveError::UnknownSku(_)) => continue,
            Err(e) => return Err(e),
        };
        let take = avail.min(qty);
        let r = d.hold(sku, take, now).await?;
        qty -= r.qty;
        held.push(r);
    }
    if qty > 0 {
        let got: u32 = held.iter().map(|r| r.qty).sum();
        for r in &held {
            if let Some(d) = depots.iter().find(|d| d.name() == r.warehouse) { d.release(r).await; }
        }
        return Err(ReserveError::OutOfStock { sku: sku.into(), wanted: got + qty, available: got });
    }
    Ok(held)
}

async fn with_retry<T>(attempts: u32, mut op: impl AsyncFnMut(u32) -> Result<T, ReserveError>) -> Result<T, ReserveError> {
    let mut last = ReserveError::Contended;
    for n in 1..=attempts {
        match op(n).await {
            Ok(v) => return Ok(v),
            Err(ReserveError::Contended) => { last = ReserveError::Contended; pause(n).await; }
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

async fn place_order(depots: &[Depot], lines: &[(&str, u32)], now: u64) -> Result<Vec<Reservation>, OrderError> {
    if lines.is_empty() { return Err(OrderError::Empty); }
    let mut all = Vec::new();
    for &(sku, qty) in lines {
        let mut tries = 0;
        let rs = with_retry(3, async |n| {
            tries = n;
            allocate(depots, sku, qty, now).await
        }).await?;
        all.extend(rs);
    }
    Ok(all)
}

fn depot(name: &'static str, items: &[(&str, u32)], latency: u32) -> Depot {
    Depot { name, stock: Mutex::new(items.iter().map(|&(s, q)| (s.to_string(), q)).collect()), next_id: Mutex::new(0), latency }
}

fn main() {
    let depots = Arc::new(vec![
        depot("ams", &[("kb-01", 4), ("mouse-7", 10)], 2),
        depot("fra", &[("kb-01", 3), ("cable-c", 50)], 1),
        depot("waw", &[("mouse-7", 1), ("kb-01", 2)], 3),
    ]);
    let orders: Vec<(u64, Vec<(&str, u32)>)> = vec![
        (100, vec![("kb-01", 6), ("mouse-7", 2)]),
        (110, vec![("kb-01", 5)]),
        (120, vec![("cable-c", 5), ("gpu-9", 1)]),
        (130, vec![]),
    ];
    let d = depots.clone();
    let outcomes = block_on(async move {
        let mut outcomes = Vec::new();
        for (now, lines) in &orders {
            let res = place_order(&d, lines, *now).await;
            let summary = match &res {
                Ok(rs) => rs.iter().map(|r| format!("{}:{}x{}", r.warehouse, r.sku, r.qty)).collect::<Vec<_>>().join(" "),
                Err(OrderError::Reserve(ReserveError::OutOfStock { sku, wanted, available })) => format!("short {sku}: {available}/{wanted}"),
                Err(e) => format!("{e:?}"),
            };
            println!("order@{now}: {summary}");
            outcomes.push(res.is_ok());
        }
        outcomes
    });
    let left: u32 = depots.iter().map(|d| d.stock.lock().unwrap().get("kb-01").copied().unwrap_or(0)).sum();
    println!("kb-01 remaining across depots: {left}");
    assert_eq!(outcomes, vec![true, false, false, false]);
    assert_eq!(left, 3);
}
