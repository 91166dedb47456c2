//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Pawnbroker loan ledger: appraises pledged items, writes loans at a loan-to-value
//! ratio, accrues monthly interest, handles renewals and redemptions, and forfeits lapsed pledges.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum LedgerError {
    Unappraisable(String),
    NoSuchTicket(u32),
    Insufficient { ticket: u32, owed: u64, offered: u64 },
    Forfeited(u32),
}

#[derive(Debug, Clone)]
struct Item {
    description: String,
    grams: u32,
    karat: u32,
    model: Option<String>,
}

#[derive(Debug)]
struct Loan {
    ticket: u32,
    customer: String,
    item: Item,
    principal: u64,
    month_opened: u32,
    renewals: u8,
}

trait Appraiser {
    async fn market_value(&self, item: &Item) -> Option<u64>;
    async fn offer(&self, item: &Item, ltv_pct: u64) -> Result<u64, LedgerError> {
        let v = self.market_value(item).await.ok_or_else(|| LedgerError::Unappraisable(item.description.clone()))?;
        Ok(v * ltv_pct / 100 / 500 * 500)
    }
}

struct GoldDesk {
    spot_per_gram_cents: Arc<RwLock<u64>>,
}

struct ElectronicsDesk {
    catalog: HashMap<&'static str, u64>,
}

impl Appraiser for GoldDesk {
    async fn market_value(&self, item: &Item) -> Option<u64> {
        if item.karat == 0 {
            return None;
        }
        yield_now().await;
        let spot = *self.spot_per_gram_cents.read().unwrap();
        Some(spot * item.grams as u64 * item.karat as u64 / 24)
    }
}

impl Appraiser for ElectronicsDesk {
    async fn market_value(&self, item: &Item) -> Option<u64> {
        let model = item.model.as_deref()?;
        yield_now().await;
        self.catalog.get(model).map(|new| new * 40 / 100)
    }
}

struct Ledger {
    next_ticket: u32,
    open: BTreeMap<u32, Loan>,
    forfeited: VecDeque<Item>,
    rate_bp_per_month: u64,
    journal: Mutex<Vec<String>>,
}

impl Ledger {
    fn owed(&self, loan: &Loan, month: u32) -> u64 {
        let months = (month - loan.month_opened).max(1) as u64;
        loan.principal + loan.principal * self.rate_bp_per_month * months / 10_000
    }

    async fn pledge<A: Appraiser>(&mut self, desk: &A, customer: &str, item: Item, month: u32) -> Result<u32, LedgerError> {
        let principal = desk.offer(&item, 60).await?;
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.journal.lock().unwrap().push(format!("m{month} #{ticket} lend {principal} on {}", item.description));
        self.open.insert(ticket, Loan { ticket, customer: customer.to_string(), item, principal, month_opened: month, renewals: 0 });
        Ok(ticket)
    }

    async fn pay(&mut self, ticket: u32, offered: u64, month: u32) -> Result<Option<Item>, LedgerError> {
        let loan = self.open.get(&ticket).ok_or(LedgerError::NoSuchTicket(ticket))?;
        let owed = self.owed(loan, month);
        let interest = owed - loan.principal;
        yield_now().await;
        match offered {
            o if o >= owed => {
                let Loan { item, customer, .. } = self.open.remove(&ticket).unwrap();
                self.journal.lock().unwrap().push(format!("m{month} #{ticket} redeemed by {customer} for {owed}"));
                Ok(Some(item))
            }
            o if o >= interest => {
                let loan = self.open.get_mut(&ticket).unwrap();
                loan.principal -= o - interest;
                loan.month_opened = month;
                loan.renewals += 1;
                self.journal.lock().unwrap().push(format!("m{month} #{ticket} renewed, principal now {}", loan.principal));
                Ok(None)
            }
            o => Err(LedgerError::Insufficient { ticket, owed, offered: o }),
        }
    }

    async fn sweep_lapsed(&mut self, month: u32, term: u32) -> usize {
        let lapsed: Vec<u32> = self.open.values().filter(|l| month > l.month_opened + term).map(|l| l.ticket).collect();
        for t in &lapsed {
            let loan = self.open.remove(t).unwrap();
            yield_now().await;
            self.journal.lock().unwrap().push(format!("m{month} #{t} forfeited ({})", loan.item.description));
            self.forfeited.push_back(loan.item);
        }
        lapsed.len()
    }
}

pub fn main() {
    let spot = Arc::new(RwLock::new(6_200u64));
    let gold = GoldDesk { spot_per_gram_cents: Arc::clone(&spot) };
    let tech = ElectronicsDesk { catalog: HashMap::from([("PX-9", 89_900), ("TAB-11", 64_900)]) };
    let mut ledger = Ledger { next_ticket: 1001, open: BTreeMap::new(), forfeited: VecDeque::new(), rate_bp_per_month: 300, journal: Mutex::new(vec![]) };

    let ring = Item { description: "18k ring".into(), grams: 9, karat: 18, model: None };
    let chain = Item { description: "14k chain".into(), grams: 22, karat: 14, ..ring.clone() };
    let phone = Item { description: "phone".into(), grams: 0, karat: 0, model: Some("PX-9".into()) };
    let odd = Item { description: "mystery console".into(), model: Some("ZZ".into()), ..phone.clone() };

    let t1 = block_on(ledger.pledge(&gold, "Mara", ring, 1));
    *spot.write().unwrap() = 6_500;
    let t2 = block_on(ledger.pledge(&gold, "Dev", chain, 1));
    let t3 = block_on(ledger.pledge(&tech, "Ike", phone, 2));
    let t4 = block_on(ledger.pledge(&tech, "Ike", odd, 2));
    println!("tickets: {t1:?} {t2:?} {t3:?} {t4:?}");

    println!("{:?}", block_on(ledger.pay(1001, 100, 3)));
    println!("{:?}", block_on(ledger.pay(1001, 5_000, 3)));
    println!("{:?}", block_on(ledger.pay(1002, 1_000_000, 4)).map(|i| i.map(|i| i.description)));
    println!("{:?}", block_on(ledger.pay(1002, 1, 4)));
    println!("forfeited {}", block_on(ledger.sweep_lapsed(7, 4)));
    for line in ledger.journal.lock().unwrap().iter() {
        println!("  {line}");
    }
    println!("shelf: {:?}", ledger.forfeited.iter().map(|i| &i.description).collect::<Vec<_>>());
}
