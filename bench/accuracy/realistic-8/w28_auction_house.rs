#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Online auction house: proxy bidding with increment tables, anti-sniping extensions, and automated bidder agents.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

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

const INCREMENTS: [(u64, u64); 4] = [(1_000, 50), (5_000, 100), (25_000, 500), (u64::MAX, 1_000)];
const SNIPE_WINDOW: Duration = Duration::from_secs(120);
const EXTENSION: Duration = Duration::from_secs(120);

#[derive(Debug)]
enum BidError {
    Closed,
    TooLow { min: u64 },
    SelfOutbid,
}

impl fmt::Display for BidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BidError::Closed => write!(f, "auction closed"),
            BidError::TooLow { min } => write!(f, "bid too low, minimum {min}"),
            BidError::SelfOutbid => write!(f, "already leading"),
        }
    }
}

#[derive(Debug, Clone)]
struct Lot {
    title: String,
    reserve: u64,
    current: u64,
    leader: Option<String>,
    max_bids: HashMap<String, u64>,
    ends_at: Duration,
    history: Vec<(Duration, String, u64)>,
}

fn increment(price: u64) -> u64 {
    INCREMENTS.iter().find(|(upto, _)| price < *upto).map(|(_, inc)| *inc).unwrap_or(1_000)
}

async fn place_bid(lots: &Mutex<BTreeMap<u32, Lot>>, lot_id: u32, bidder: &str, max: u64, now: Duration) -> Result<u64, BidError> {
    Yield { left: 1 }.await;
    let mut guard = lots.lock().unwrap();
    let lot = guard.get_mut(&lot_id).ok_or(BidError::Closed)?;
    if now >= lot.ends_at {
        return Err(BidError::Closed);
    }
    let min = if lot.leader.is_none() { lot.current } else { lot.current + increment(lot.current) };
    if max < min {
        return Err(BidError::TooLow { min });
    }
    if lot.leader.as_deref() == Some(bidder) && lot.max_bids.get(bidder).copied().unwrap_or(0) >= max {
        return Err(BidError::SelfOutbid);
    }
    lot.max_bids.insert(bidder.to_string(), max);
    let mut ranked: Vec<(&String, &u64)> = lot.max_bids.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let (top, top_max) = (ranked[0].0.clone(), *ranked[0].1);
    let second = ranked.get(1).map(|(_, m)| **m).unwrap_or(lot.current);
    let price = if ranked.len() == 1 { lot.current.max(min.min(top_max)) } else { (second + increment(second)).min(top_max) };
    lot.current = price;
    lot.leader = Some(top.clone());
    lot.history.push((now, top, price));
    let extended = lot.ends_at - now < SNIPE_WINDOW;
    if extended {
        lot.ends_at = now + EXTENSION;
    }
    drop(guard);
    if extended {
        Yield { left: 2 }.await;
        println!("  lot {lot_id} extended after late bid by {bidder}");
    }
    Ok(price)
}

trait BidderAgent {
    fn name(&self) -> &str;
    async fn decide(&self, lot: &Lot, now: Duration) -> Option<u64>;
}

struct Incremental {
    name: String,
    budget: u64,
}

struct Sniper {
    name: String,
    budget: u64,
    lead_time: Duration,
}

impl BidderAgent for Incremental {
    fn name(&self) -> &str {
        &self.name
    }
    async fn decide(&self, lot: &Lot, _now: Duration) -> Option<u64> {
        Yield { left: 1 }.await;
        if lot.leader.as_deref() == Some(self.name.as_str()) {
            return None;
        }
        let next = lot.current + increment(lot.current);
        (next <= self.budget).then(|| next)
    }
}

impl BidderAgent for Sniper {
    fn name(&self) -> &str {
        &self.name
    }
    async fn decide(&self, lot: &Lot, now: Duration) -> Option<u64> {
        Yield { left: 1 }.await;
        if lot.ends_at.saturating_sub(now) > self.lead_time || lot.leader.as_deref() == Some(self.name.as_str()) {
            return None;
        }
        Yield { left: 1 }.await;
        Some(self.budget)
    }
}

async fn agent_tick<A>(agent: &A, lots: &Mutex<BTreeMap<u32, Lot>>, lot_id: u32, now: Duration) -> Option<Result<u64, BidError>>
where
    A: BidderAgent,
{
    let snapshot = lots.lock().unwrap().get(&lot_id).cloned()?;
    let amount = agent.decide(&snapshot, now).await?;
    Some(place_bid(lots, lot_id, agent.name(), amount, now).await)
}

async fn run_auction(lots: Arc<Mutex<BTreeMap<u32, Lot>>>, lot_id: u32) -> String {
    let alice = Incremental { name: "alice".into(), budget: 9_000 };
    let bob = Incremental { name: "bob".into(), budget: 7_500 };
    let sam = Sniper { name: "sam".into(), budget: 9_400, lead_time: Duration::from_secs(60) };
    let mut now = Duration::ZERO;
    loop {
        let ends = match lots.lock().unwrap().get(&lot_id) {
            Some(l) => l.ends_at,
            None => break,
        };
        if now >= ends {
            break;
        }
        for r in [agent_tick(&alice, &lots, lot_id, now).await, agent_tick(&bob, &lots, lot_id, now).await, agent_tick(&sam, &lots, lot_id, now).await] {
            if let Some(Err(e)) = r {
                println!("  t={}s rejected: {e}", now.as_secs());
            }
        }
        now += Duration::from_secs(30);
    }
    let guard = lots.lock().unwrap();
    let lot = &guard[&lot_id];
    match &lot.leader {
        Some(w) if lot.current >= lot.reserve => format!("{} sold to {} for {} after {} bids", lot.title, w, lot.current, lot.history.len()),
        _ => format!("{} not sold (high {} < reserve {})", lot.title, lot.current, lot.reserve),
    }
}

fn main() {
    let mut lots = BTreeMap::new();
    lots.insert(1, Lot { title: "1968 Omega Seamaster".into(), reserve: 8_000, current: 4_000, leader: None, max_bids: HashMap::new(), ends_at: Duration::from_secs(600), history: Vec::new() });
    let lots = Arc::new(Mutex::new(lots));
    println!("{}", block_on(run_auction(Arc::clone(&lots), 1)));
    println!("late: {:?}", block_on(place_bid(&lots, 1, "zed", 20_000, Duration::from_secs(5000))).map_err(|e| e.to_string()));
    println!("unknown lot: {:?}", block_on(place_bid(&lots, 9, "zed", 1, Duration::ZERO)).is_err());
}
