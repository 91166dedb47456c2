#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Stock {
    on_hand: i32,
    reserved: i32,
}

#[derive(Debug)]
enum Change {
    Received { sku: String, qty: i32 },
    Shipped { sku: String, qty: i32 },
    Adjusted { sku: String, delta: i32, reason: String },
}

async fn fetch_changes(since: u64) -> Result<Vec<Change>, String> {
    if since > 100 {
        return Ok(Vec::new());
    }
    Ok(vec![
        Change::Received { sku: "A1".into(), qty: 10 },
        Change::Shipped { sku: "A1".into(), qty: 3 },
        Change::Adjusted { sku: "B2".into(), delta: -1, reason: "damaged".into() },
    ])
}

async fn remote_stock(sku: &str) -> Option<Stock> {
    if sku == "B2" { Some(Stock { on_hand: 5, reserved: 0 }) } else { None }
}

async fn audit(sku: &str, msg: String) {}

struct Warehouse {
    stock: HashMap<String, Stock>,
    cursor: u64,
}

impl Warehouse {
    async fn ensure(&mut self, sku: &str) -> &mut Stock {
        if !self.stock.contains_key(sku) {
            let initial = remote_stock(sku).await.unwrap_or(Stock { on_hand: 0, reserved: 0 });
            self.stock.insert(sku.to_string(), initial);
        }
        self.stock.get_mut(sku).unwrap()
    }

    async fn apply(&mut self, change: Change) -> Result<(), String> {
        match change {
            Change::Received { sku, qty } => {
                let s = self.ensure(&sku).await;
                s.on_hand += qty;
            }
            Change::Shipped { sku, qty } => {
                let s = self.ensure(&sku).await;
                if s.on_hand < qty {
                    return Err(format!("oversold {}", sku));
                }
                s.on_hand -= qty;
            }
            Change::Adjusted { sku, delta, reason } => {
                let s = self.ensure(&sku).await;
                s.on_hand += delta;
                let after = s.on_hand;
                audit(&sku, format!("{} ({}) -> {}", delta, reason, after)).await;
            }
        }
        Ok(())
    }

    async fn sync(&mut self) -> Result<usize, String> {
        let changes = fetch_changes(self.cursor).await?;
        let n = changes.len();
        for c in changes {
            if let Err(e) = self.apply(c).await {
                audit("-", e.clone()).await;
                return Err(e);
            }
        }
        self.cursor += n as u64 * 50;
        Ok(n)
    }
}

async fn sync_until_idle() -> (usize, i32) {
    let mut w = Warehouse { stock: HashMap::new(), cursor: 0 };
    let mut total = 0;
    loop {
        match w.sync().await {
            Ok(0) => break,
            Ok(n) => total += n,
            Err(e) => {
                println!("sync failed: {}", e);
                break;
            }
        }
    }
    let on_hand: i32 = w.stock.values().map(|s| s.on_hand).sum();
    (total, on_hand)
}
