//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::num::ParseIntError;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug)]
pub struct ParseError {
    pub line: usize,
    pub msg: String,
}

#[derive(Debug)]
pub enum BackendError {
    Timeout(&'static str),
    UnknownReservation(u64),
}

#[derive(Debug)]
pub enum InventoryError {
    OutOfStock { sku: String, requested: u32, available: u32 },
    Parse(ParseError),
    Backend(BackendError),
}

impl From<ParseError> for InventoryError {
    fn from(e: ParseError) -> Self {
        InventoryError::Parse(e)
    }
}

impl From<BackendError> for InventoryError {
    fn from(e: BackendError) -> Self {
        InventoryError::Backend(e)
    }
}

pub struct OrderLine {
    pub sku: String,
    pub qty: u32,
}

fn parse_order(text: &str) -> Result<Vec<OrderLine>, ParseError> {
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let err = |msg: String| ParseError { line: i + 1, msg };
        let (sku, qty) = raw.split_once(" x ").or_else(|| raw.split_once(',')).ok_or_else(|| err(format!("expected 'SKU x QTY', got {raw:?}")))?;
        let qty: u32 = qty.trim().parse().map_err(|e: ParseIntError| err(e.to_string()))?;
        lines.push(OrderLine { sku: sku.trim().to_uppercase(), qty });
    }
    Ok(lines)
}

pub trait Warehouse {
    fn name(&self) -> &str;
    async fn available(&self, sku: &str) -> Result<u32, BackendError>;
    async fn reserve(&self, sku: &str, qty: u32) -> Result<u64, BackendError>;
    async fn release(&self, reservation: u64) -> Result<(), BackendError>;
}

#[derive(Default)]
pub struct LocalStock {
    stock: RefCell<HashMap<String, u32>>,
    held: RefCell<BTreeMap<u64, (String, u32)>>,
    next: Cell<u64>,
}

impl Warehouse for LocalStock {
    fn name(&self) -> &str {
        "local"
    }
    async fn available(&self, sku: &str) -> Result<u32, BackendError> {
        Ok(self.stock.borrow().get(sku).copied().unwrap_or(0))
    }
    async fn reserve(&self, sku: &str, qty: u32) -> Result<u64, BackendError> {
        let mut stock = self.stock.borrow_mut();
        let have = stock.entry(sku.to_string()).or_insert(0);
        *have = have.saturating_sub(qty);
        self.next.set(self.next.get() + 1);
        self.held.borrow_mut().insert(self.next.get(), (sku.to_string(), qty));
        Ok(self.next.get())
    }
    async fn release(&self, reservation: u64) -> Result<(), BackendError> {
        let (sku, qty) = self.held.borrow_mut().remove(&reservation).ok_or(BackendError::UnknownReservation(reservation))?;
        *self.stock.borrow_mut().entry(sku).or_insert(0) += qty;
        Ok(())
    }
}

pub struct RemoteDc {
    pub region: &'static str,
    inner: LocalStock,
}

impl Warehouse for RemoteDc {
    fn name(&self) -> &str {
        self.region
    }
    async fn available(&self, sku: &str) -> Result<u32, BackendError> {
        rt::sleep(40).await;
        self.inner.available(sku).await
    }
    async fn reserve(&self, sku: &str, qty: u32) -> Result<u64, BackendError> {
        rt::sleep(60).await;
        if qty > 100 {
            return Err(BackendError::Timeout(self.region));
        }
        self.inner.reserve(sku, qty).await
    }
    async fn release(&self, reservation: u64) -> Result<(), BackendError> {
        self.inner.release(reservation).await
    }
}

pub async fn place_order<W: Warehouse, V: Warehouse>(primary: &W, fallback: &V, text: &str) -> Result<Vec<(String, u64)>, InventoryError> {
    let lines = parse_order(text)?;
    let mut held: Vec<(String, u64, bool)> = Vec::new();
    let outcome = async {
        for OrderLine { sku, qty } in &lines {
            let here = primary.available(sku).await?;
            if here >= *qty {
                held.push((primary.name().to_string(), primary.reserve(sku, *qty).await?, true));
                continue;
            }
            let there = fallback.available(sku).await.unwrap_or(0);
            if there < *qty {
                return Err(InventoryError::OutOfStock { sku: sku.clone(), requested: *qty, available: here.max(there) });
            }
            held.push((fallback.name().to_string(), fallback.reserve(sku, *qty).await?, false));
        }
        Ok::<(), InventoryError>(())
    }
    .await;
    if let Err(e) = outcome {
        for (_, reservation, is_primary) in held.drain(..).rev() {
            let undo = if is_primary { primary.release(reservation).await } else { fallback.release(reservation).await };
            undo.ok();
        }
        return Err(e);
    }
    Ok(held.into_iter().map(|(name, r, _)| (name, r)).collect())
}

pub async fn checkout(local: &LocalStock, dc: &RemoteDc, cart: &str) -> String {
    match place_order(local, dc, cart).await {
        Ok(res) => res.iter().map(|(w, r)| format!("{w}#{r}")).collect::<Vec<_>>().join(" "),
        Err(InventoryError::OutOfStock { sku, available, .. }) if available > 0 => format!("only {available} of {sku} left"),
        Err(e) => format!("order failed: {e:?}"),
    }
}
