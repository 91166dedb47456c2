#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Loyalty points program: earns points on purchases by tier, expires old lots FIFO, and handles redemptions.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

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

const LOT_LIFETIME_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Bronze,
    Silver,
    Gold,
}

impl Tier {
    fn multiplier(self) -> u32 {
        match self {
            Tier::Bronze => 10,
            Tier::Silver => 15,
            Tier::Gold => 20,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Account {
    member: String,
    lots: BTreeMap<u32, u32>,
    lifetime_spend_cents: u64,
}

#[derive(Debug)]
enum LoyaltyError {
    UnknownMember(String),
    Duplicate(String),
    InsufficientPoints { have: u32, want: u32 },
}

impl fmt::Display for LoyaltyError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}", self)
    }
}

trait AccountStore {
    async fn load(&self, member: &str) -> Option<Account>;
    async fn save(&self, acct: Account);
}

struct MemoryStore {
    rows: RefCell<HashMap<String, Account>>,
}

struct JournaledStore {
    rows: RefCell<HashMap<String, Account>>,
    journal: RefCell<Vec<String>>,
}

impl AccountStore for MemoryStore {
    async fn load(&self, member: &str) -> Option<Account> {
        Yield { left: 1 }.await;
        self.rows.borrow().get(member).cloned()
    }
    async fn save(&self, acct: Account) {
        Yield { left: 1 }.await;
        self.rows.borrow_mut().insert(acct.member.clone(), acct);
    }
}

impl AccountStore for JournaledStore {
    async fn load(&self, member: &str) -> Option<Account> {
        Yield { left: 2 }.await;
        self.rows.borrow().get(member).cloned()
    }
    async fn save(&self, acct: Account) {
        let entry = format!("{}={}", acct.member, acct.lots.values().sum::<u32>());
        self.journal.borrow_mut().push(entry);
        Yield { left: 2 }.await;
        self.rows.borrow_mut().insert(acct.member.clone(), acct);
    }
}

struct Program<S: AccountStore> {
    store: S,
    processed: RefCell<HashSet<String>>,
}

fn tier_for(spend_cents: u64) -> Tier {
    match spend_cents {
        0..=49_999 => Tier::Bronze,
        50_000..=199_999 => Tier::Silver,
        _ => Tier::Gold,
    }
}

impl<S: AccountStore> Program<S> {
    async fn expire(&self, acct: &mut Account, today: u32) -> u32 {
        let expired: Vec<u32> = acct.lots.range(..today.saturating_sub(LOT_LIFETIME_DAYS)).map(|(d, _)| *d).collect();
        let mut lost = 0;
        for day in expired {
            lost += acct.lots.remove(&day).unwrap_or(0);
            Yield { left: 1 }.await;
        }
        lost
    }

    async fn earn(&self, txn_id: &str, member: &str, amount_cents: u64, day: u32) -> Result<u32, LoyaltyError> {
        if !self.processed.borrow_mut().insert(txn_id.to_string()) {
            return Err(LoyaltyError::Duplicate(txn_id.to_string()));
        }
        let mut acct = match self.store.load(member).await {
            Some(a) => a,
            None => Account { member: member.to_string(), ..Default::default() },
        };
        let tier = tier_for(acct.lifetime_spend_cents);
        let points = (amount_cents / 100) as u32 * tier.multiplier() / 10;
        *acct.lots.entry(day).or_insert(0) += points;
        acct.lifetime_spend_cents += amount_cents;
        self.store.save(acct).await;
        Ok(points)
    }

    async fn redeem(&self, member: &str, want: u32, today: u32) -> Result<u32, LoyaltyError> {
        let mut acct = self.store.load(member).await.ok_or_else(|| LoyaltyError::UnknownMember(member.to_string()))?;
        let lost = self.expire(&mut acct, today).await;
        let have: u32 = acct.lots.values().sum();
        if have < want {
            self.store.save(acct).await;
            return Err(LoyaltyError::InsufficientPoints { have, want });
        }
        let mut remaining = want;
        let days: Vec<u32> = acct.lots.keys().copied().collect();
        for day in days.iter() {
            if remaining == 0 {
                break;
            }
            let lot = acct.lots.get_mut(day).unwrap();
            let take = (*lot).min(remaining);
            *lot -= take;
            remaining -= take;
            if *lot == 0 {
                acct.lots.remove(day);
            }
        }
        let left = have - want;
        self.store.save(acct).await;
        Ok(left)
    }
}

async fn replay<S: AccountStore>(prog: &Program<S>, txns: impl IntoIterator<Item = (&'static str, &'static str, u64, u32)>) -> Vec<String> {
    let mut log = Vec::new();
    for (id, member, cents, day) in txns {
        match prog.earn(id, member, cents, day).await {
            Ok(p) => log.push(format!("{id}: +{p}")),
            Err(e) => log.push(format!("{id}: {e}")),
        }
    }
    log
}

fn main() {
    let txns = vec![("t1", "zoe", 30_000u64, 10u32), ("t2", "zoe", 40_000, 200), ("t3", "zoe", 150_000, 390), ("t2", "zoe", 40_000, 200), ("t4", "max", 9_900, 400)];
    let mem = Program { store: MemoryStore { rows: RefCell::new(HashMap::new()) }, processed: RefCell::new(HashSet::new()) };
    println!("{:?}", block_on(replay(&mem, txns.clone())));
    println!("redeem zoe 2000: {:?}", block_on(mem.redeem("zoe", 2000, 400)));
    println!("redeem zoe 5000: {:?}", block_on(mem.redeem("zoe", 5000, 400)));
    println!("redeem ghost: {:?}", block_on(mem.redeem("ghost", 1, 400)).map_err(|e| e.to_string()));
    let jr = Program { store: JournaledStore { rows: RefCell::new(HashMap::new()), journal: RefCell::new(Vec::new()) }, processed: RefCell::new(HashSet::new()) };
    let log = block_on(replay(&jr, txns.into_iter().take(3)));
    println!("{:?} journal={:?}", log, jr.store.journal.borrow());
    let mut a = block_on(jr.store.load("zoe")).unwrap();
    println!("expired {} points at day 800", block_on(jr.expire(&mut a, 800)));
}
