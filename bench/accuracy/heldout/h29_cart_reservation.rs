#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Shopping cart with inventory reservation: reserve stock on add, release on remove/expiry, commit on checkout.

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct CartLine {
    sku: String,
    qty: u32,
    unit_price_cents: u64,
    reservation_id: Option<u64>,
}

#[derive(Debug, Default)]
struct Cart {
    owner: String,
    lines: Vec<CartLine>,
}

struct Inventory {
    stock: HashMap<String, u32>,
    reservations: HashMap<u64, (String, u32)>,
    next_id: u64,
}

async fn price_lookup(sku: &str) -> Option<u64> {
    match sku {
        "tee-m" => Some(1999),
        "mug" => Some(1250),
        "poster" => Some(800),
        _ => None,
    }
}

impl Inventory {
    async fn reserve(&mut self, sku: &str, qty: u32) -> Result<u64, String> {
        let available = self.stock.get_mut(sku).ok_or(format!("unknown sku {}", sku))?;
        if *available < qty {
            return Err(format!("only {} of {} left", available, sku));
        }
        *available -= qty;
        self.next_id += 1;
        self.reservations.insert(self.next_id, (sku.to_string(), qty));
        Ok(self.next_id)
    }

    async fn release(&mut self, reservation: u64) -> bool {
        match self.reservations.remove(&reservation) {
            Some((sku, qty)) => {
                *self.stock.entry(sku).or_insert(0) += qty;
                true
            }
            None => false,
        }
    }
}

impl Cart {
    async fn add(&mut self, inv: &mut Inventory, sku: &str, qty: u32) -> Result<u64, String> {
        let price = price_lookup(sku).await.ok_or("no price")?;
        if let Some(line) = self.lines.iter_mut().find(|l| l.sku == sku) {
            let extra = inv.reserve(sku, qty).await?;
            if let Some(old) = line.reservation_id.replace(extra) {
                let (_, old_qty) = inv.reservations.remove(&old).unwrap_or_default();
                inv.reservations.insert(extra, (sku.to_string(), old_qty + qty));
            }
            line.qty += qty;
            return Ok(line.qty as u64 * price);
        }
        let reservation_id = Some(inv.reserve(sku, qty).await?);
        self.lines.push(CartLine { sku: sku.to_string(), qty, unit_price_cents: price, reservation_id });
        Ok(qty as u64 * price)
    }

    async fn remove(&mut self, inv: &mut Inventory, sku: &str) -> bool {
        let Some(pos) = self.lines.iter().position(|l| l.sku == sku) else { return false };
        let line = self.lines.remove(pos);
        let reservation = line.reservation_id;
        drop(line);
        match reservation {
            Some(r) => inv.release(r).await,
            None => true,
        }
    }

    fn total(&self) -> u64 {
        self.lines.iter().map(|l| l.qty as u64 * l.unit_price_cents).sum()
    }
}

pub async fn shopping_session() -> Result<u64, String> {
    let mut inv = Inventory {
        stock: HashMap::from([("tee-m".to_string(), 3), ("mug".to_string(), 10), ("poster".to_string(), 1)]),
        reservations: HashMap::new(),
        next_id: 0,
    };
    let mut cart = Cart { owner: "u-55".into(), ..Default::default() };
    cart.add(&mut inv, "tee-m", 2).await?;
    cart.add(&mut inv, "mug", 1).await?;
    cart.add(&mut inv, "mug", 2).await?;
    if let Err(e) = cart.add(&mut inv, "poster", 2).await {
        println!("cannot add poster: {}", e);
    }
    assert!(cart.remove(&mut inv, "tee-m").await);
    assert_eq!(inv.stock["tee-m"], 3);
    let checkout = async move {
        let total = cart.total();
        for line in &cart.lines {
            let r = line.reservation_id.ok_or("line without reservation")?;
            inv.reservations.remove(&r);
        }
        Ok::<u64, String>(total)
    };
    checkout.await
}
