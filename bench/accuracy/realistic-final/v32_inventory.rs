#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Sku(u32);

#[derive(Debug, Clone, Default)]
struct Stock {
    on_hand: u32,
    reserved: u32,
}

impl Stock {
    fn available(&self) -> u32 {
        self.on_hand.saturating_sub(self.reserved)
    }
}

#[derive(Debug)]
enum OrderError {
    UnknownSku(Sku),
    Short { sku: Sku, want: u32, have: u32 },
    PaymentDeclined(String),
}

impl fmt::Display for OrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderError::UnknownSku(s) => write!(f, "unknown sku {}", s.0),
            OrderError::Short { sku, want, have } => write!(f, "sku {} short: want {} have {}", sku.0, want, have),
            OrderError::PaymentDeclined(r) => write!(f, "payment declined: {}", r),
        }
    }
}

mod payments {
    pub async fn charge(customer: &str, cents: u64) -> Result<String, String> {
        if customer.ends_with("!") {
            Err("card expired".into())
        } else if cents > 100_000 {
            Err("limit exceeded".into())
        } else {
            Ok(format!("txn-{}-{}", customer.len(), cents))
        }
    }
}

struct Warehouse {
    stock: RwLock<BTreeMap<Sku, Stock>>,
    prices: BTreeMap<Sku, u64>,
    ledger: Mutex<Vec<String>>,
}

impl Warehouse {
    fn reserve(&self, lines: &[(Sku, u32)]) -> Result<(), OrderError> {
        let mut stock = self.stock.write().unwrap();
        for (sku, qty) in lines {
            let s = stock.get(sku).ok_or(OrderError::UnknownSku(*sku))?;
            if s.available() < *qty {
                return Err(OrderError::Short { sku: *sku, want: *qty, have: s.available() });
            }
        }
        for (sku, qty) in lines {
            stock.get_mut(sku).unwrap().reserved += qty;
        }
        Ok(())
    }

    fn release(&self, lines: &[(Sku, u32)], commit: bool) {
        let mut stock = self.stock.write().unwrap();
        for (sku, qty) in lines {
            if let Some(s) = stock.get_mut(sku) {
                s.reserved -= qty;
                if commit {
                    s.on_hand -= qty;
                }
            }
        }
    }

    async fn place_order(&self, customer: &str, lines: Vec<(Sku, u32)>) -> Result<String, OrderError> {
        let lines: Vec<(Sku, u32)> = lines.into_iter().filter(|(_, q)| *q > 0).collect();
        self.reserve(&lines)?;
        let total: u64 = lines.iter().map(|(s, q)| self.prices.get(s).copied().unwrap_or(0) * *q as u64).sum();
        let txn = match payments::charge(customer, total).await {
            Ok(t) => t,
            Err(reason) => {
                self.release(&lines, false);
                return Err(OrderError::PaymentDeclined(reason));
            }
        };
        self.release(&lines, true);
        let entry = format!("{} paid {} via {}", customer, total, txn);
        self.ledger.lock().unwrap().push(entry.clone());
        Ok(entry)
    }

    async fn restock(&self, deliveries: &str) -> usize {
        let mut n = 0;
        for line in deliveries.lines() {
            let mut parts = line.split(':');
            let parsed = parts.next().and_then(|s| s.trim().parse().ok()).zip(parts.next().and_then(|q| q.trim().parse::<u32>().ok()));
            let Some((sku, qty)) = parsed else { continue };
            std::future::ready(()).await;
            self.stock.write().unwrap().entry(Sku(sku)).or_default().on_hand += qty;
            n += 1;
        }
        n
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let wh = Arc::new(Warehouse {
        stock: RwLock::new(BTreeMap::new()),
        prices: [(Sku(1), 1_999), (Sku(2), 45_000), (Sku(3), 250)].into_iter().collect(),
        ledger: Mutex::new(Vec::new()),
    });
    let restocked = block_on(wh.restock("1: 10\n2: 3\nbad line\n3:100\n1: 5"));
    println!("restocked {} lines", restocked);

    let w = wh.clone();
    let orders = async move {
        let attempts = vec![
            ("alice", vec![(Sku(1), 2), (Sku(3), 10)]),
            ("bob!", vec![(Sku(2), 1)]),
            ("carol", vec![(Sku(2), 3)]),
            ("dave", vec![(Sku(2), 1), (Sku(9), 1)]),
            ("erin", vec![(Sku(1), 20)]),
        ];
        let mut results = Vec::new();
        for (who, lines) in attempts {
            let r = w.place_order(who, lines).await;
            results.push((who, r.map_err(|e| e.to_string())));
        }
        results
    };
    for (who, r) in block_on(orders) {
        println!("{:6} {:?}", who, r);
    }
    for (sku, s) in wh.stock.read().unwrap().iter() {
        println!("sku {} on_hand {} reserved {} avail {}", sku.0, s.on_hand, s.reserved, s.available());
    }
    let audit = async { wh.ledger.lock().unwrap().iter().map(|l| l.len()).sum::<usize>() };
    println!("ledger bytes {}", block_on(audit));
}
