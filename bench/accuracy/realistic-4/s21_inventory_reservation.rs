#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Multi-warehouse inventory reservations with expiring holds, split allocation and a background sweeper.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

static TICK: AtomicU64 = AtomicU64::new(0);

fn now() -> u64 {
    TICK.load(Ordering::SeqCst)
}

struct Sleep {
    until: u64,
}

fn sleep(d: u64) -> Sleep {
    Sleep { until: now() + d }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if now() >= self.until {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn run_tasks(mut tasks: Vec<Pin<Box<dyn Future<Output = ()> + Send>>>) {
    let mut cx = Context::from_waker(Waker::noop());
    while !tasks.is_empty() {
        tasks.retain_mut(|t| t.as_mut().poll(&mut cx).is_pending());
        TICK.fetch_add(1, Ordering::SeqCst);
    }
}

#[derive(Debug, Clone)]
struct Hold {
    order: String,
    sku: String,
    lines: Vec<(String, u32)>,
    expires_at: u64,
}

#[derive(Debug)]
enum ReserveError {
    UnknownSku(String),
    Insufficient { sku: String, wanted: u32, available: u32 },
    HoldExpired(u64),
}

#[derive(Default)]
struct Inventory {
    stock: BTreeMap<(String, String), u32>,
    distance: HashMap<(String, String), u32>,
    holds: BTreeMap<u64, Hold>,
    next_hold: u64,
    shipped: Vec<String>,
}

impl Inventory {
    fn allocate(&mut self, sku: &str, qty: u32, region: &str) -> Result<Vec<(String, u32)>, ReserveError> {
        let mut candidates: Vec<(u32, String, u32)> = self
            .stock
            .iter()
            .filter(|((wh, s), avail)| s == sku && **avail > 0)
            .map(|((wh, _), avail)| (self.distance.get(&(region.to_string(), wh.clone())).copied().unwrap_or(999), wh.clone(), *avail))
            .collect();
        if candidates.is_empty() && !self.stock.keys().any(|(_, s)| s == sku) {
            return Err(ReserveError::UnknownSku(sku.to_string()));
        }
        candidates.sort();
        let available: u32 = candidates.iter().map(|c| c.2).sum();
        if available < qty {
            return Err(ReserveError::Insufficient { sku: sku.to_string(), wanted: qty, available });
        }
        let mut remaining = qty;
        let mut lines = Vec::new();
        for (_, wh, avail) in candidates {
            if remaining == 0 {
                break;
            }
            let take = avail.min(remaining);
            *self.stock.get_mut(&(wh.clone(), sku.to_string())).unwrap() -= take;
            lines.push((wh, take));
            remaining -= take;
        }
        Ok(lines)
    }

    fn release(&mut self, hold: &Hold) {
        for (wh, qty) in &hold.lines {
            *self.stock.entry((wh.clone(), hold.sku.clone())).or_insert(0) += qty;
        }
    }
}

#[derive(Clone)]
struct Service {
    inv: Arc<Mutex<Inventory>>,
    hold_ttl: u64,
}

impl Service {
    async fn reserve(&self, order: &str, sku: &str, qty: u32, region: &str) -> Result<u64, ReserveError> {
        sleep(1).await;
        let mut inv = self.inv.lock().unwrap();
        let lines = inv.allocate(sku, qty, region)?;
        inv.next_hold += 1;
        let id = inv.next_hold;
        let hold = Hold { order: order.to_string(), sku: sku.to_string(), lines, expires_at: now() + self.hold_ttl };
        inv.holds.insert(id, hold);
        Ok(id)
    }

    async fn confirm(&self, hold_id: u64) -> Result<Vec<(String, u32)>, ReserveError> {
        sleep(1).await;
        let mut inv = self.inv.lock().unwrap();
        let hold = inv.holds.remove(&hold_id).ok_or(ReserveError::HoldExpired(hold_id))?;
        inv.shipped.push(format!("{}:{}x{}", hold.order, hold.sku, hold.lines.iter().map(|l| l.1).sum::<u32>()));
        Ok(hold.lines)
    }

    async fn sweep_forever(self, rounds: u32) -> u32 {
        let mut expired = 0;
        for _ in 0..rounds {
            sleep(3).await;
            let t = now();
            let mut inv = self.inv.lock().unwrap();
            let due: Vec<u64> = inv.holds.iter().filter(|(_, h)| h.expires_at <= t).map(|(id, _)| *id).collect();
            for id in due {
                if let Some(h) = inv.holds.remove(&id) {
                    inv.release(&h);
                    expired += 1;
                }
            }
        }
        expired
    }
}

async fn checkout(svc: Service, order: String, sku: &'static str, qty: u32, region: &'static str, think_time: u64, log: Arc<Mutex<Vec<String>>>) {
    let outcome = match svc.reserve(&order, sku, qty, region).await {
        Ok(hold) => {
            sleep(think_time).await;
            match svc.confirm(hold).await {
                Ok(lines) => {
                    let parts: Vec<String> = lines.iter().map(|(wh, q)| format!("{}x{}", wh, q)).collect();
                    format!("{} shipped from {}", order, parts.join("+"))
                }
                Err(ReserveError::HoldExpired(id)) => format!("{} hold {} expired before payment", order, id),
                Err(e) => format!("{} confirm failed {:?}", order, e),
            }
        }
        Err(ReserveError::Insufficient { sku, wanted, available }) => format!("{} backordered {} ({} of {})", order, sku, available, wanted),
        Err(e) => format!("{} rejected {:?}", order, e),
    };
    log.lock().unwrap().push(format!("t{:02} {}", now(), outcome));
}

fn main() {
    let mut inv = Inventory::default();
    let stock = "ams,widget,5\nfra,widget,3\nfra,gizmo,2\nmad,gizmo,4";
    for row in stock.lines() {
        let cols: Vec<&str> = row.split(',').collect();
        inv.stock.insert((cols[0].to_string(), cols[1].to_string()), cols[2].parse().unwrap());
    }
    for (region, dists) in [("nl", [("ams", 1), ("fra", 4), ("mad", 9)]), ("es", [("ams", 8), ("fra", 6), ("mad", 1)])] {
        for (wh, d) in dists {
            inv.distance.insert((region.to_string(), wh.to_string()), d);
        }
    }
    let svc = Service { inv: Arc::new(Mutex::new(inv)), hold_ttl: 5 };
    let log = Arc::new(Mutex::new(Vec::new()));
    let orders = [("o-1", "widget", 6, "nl", 1), ("o-2", "gizmo", 3, "es", 9), ("o-3", "widget", 3, "es", 2), ("o-4", "gizmo", 4, "nl", 1), ("o-5", "sprocket", 1, "nl", 0)];
    let mut tasks: Vec<Pin<Box<dyn Future<Output = ()> + Send>>> = orders
        .iter()
        .map(|&(o, sku, qty, region, think)| Box::pin(checkout(svc.clone(), o.to_string(), sku, qty, region, think, log.clone())) as Pin<Box<dyn Future<Output = ()> + Send>>)
        .collect();
    let sweeper_log = log.clone();
    let sweeper = svc.clone();
    tasks.push(Box::pin(async move {
        let expired = sweeper.sweep_forever(5).await;
        sweeper_log.lock().unwrap().push(format!("t{:02} sweeper expired {} holds", now(), expired));
    }));
    run_tasks(tasks);
    for line in log.lock().unwrap().iter() {
        println!("{}", line);
    }
    let inv = svc.inv.lock().unwrap();
    println!("remaining stock: {:?}", inv.stock.iter().map(|((w, s), q)| format!("{}/{}={}", w, s, q)).collect::<Vec<_>>());
}
