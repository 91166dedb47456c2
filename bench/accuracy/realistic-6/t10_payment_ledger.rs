#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Double-entry payment ledger with idempotency keys, holds/captures and balance invariants.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

const VTABLE: RawWakerVTable = RawWakerVTable::new(|d| RawWaker::new(d, &VTABLE), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(mut fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = unsafe { Pin::new_unchecked(&mut fut) };
    loop {
        if let Poll::Ready(r) = fut.as_mut().poll(&mut cx) { return r; }
    }
}

struct Yield { n: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.n == 0 { return Poll::Ready(()); }
        self.n -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn db_roundtrip() { Yield { n: 2 }.await }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cents(i64);
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}${}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

#[derive(Debug, PartialEq)]
enum LedgerError { Insufficient { account: String, balance: Cents, needed: Cents }, Duplicate(String), UnknownAccount(String), Parse(String) }

impl From<std::num::ParseIntError> for LedgerError {
    fn from(e: std::num::ParseIntError) -> Self { LedgerError::Parse(e.to_string()) }
}

#[derive(Debug, Clone)]
struct Posting { account: String, amount: Cents }

#[derive(Default)]
struct Ledger { balances: BTreeMap<String, i64>, journal: Vec<(String, Vec<Posting>)>, seen: HashSet<String>, overdraft_ok: HashSet<String> }

type Shared = Arc<Mutex<Ledger>>;

fn parse_amount(s: &str) -> Result<Cents, LedgerError> {
    let (whole, frac) = s.trim_start_matches('$').split_once('.').unwrap_or((s.trim_start_matches('$'), "0"));
    let frac = format!("{frac:0<2}");
    Ok(Cents(whole.parse::<i64>()? * 100 + frac[..2].parse::<i64>()?))
}

async fn post(ledger: &Shared, key: &str, postings: Vec<Posting>) -> Result<usize, LedgerError> {
    let sum: i64 = postings.iter().map(|p| p.amount.0).sum();
    assert_eq!(sum, 0, "unbalanced entry {key}");
    db_roundtrip().await;
    let mut l = ledger.lock().unwrap();
    if !l.seen.insert(key.to_string()) { return Err(LedgerError::Duplicate(key.into())); }
    for p in &postings {
        let bal = *l.balances.get(&p.account).ok_or_else(|| LedgerError::UnknownAccount(p.account.clone()))?;
        if bal + p.amount.0 < 0 && !l.overdraft_ok.contains(&p.account) {
            l.seen.remove(key);
            return Err(LedgerError::Insufficient { account: p.account.clone(), balance: Cents(bal), needed: Cents(-p.amount.0) });
        }
    }
    for p in &postings { *l.balances.get_mut(&p.account).unwrap() += p.amount.0; }
    l.journal.push((key.to_string(), postings));
    Ok(l.journal.len())
}

async fn transfer(ledger: &Shared, key: &str, from: &str, to: &str, amount: &str) -> Result<usize, LedgerError> {
    let amt = parse_amount(amount)?;
    post(ledger, key, vec![Posting { account: from.into(), amount: Cents(-amt.0) }, Posting { account: to.into(), amount: amt }]).await
}

async fn authorize_and_capture(ledger: &Shared, id: u32, card: &str, merchant: &str, auth: &str, capture: &str) -> Result<Cents, LedgerError> {
    let hold = format!("holds:{card}");
    transfer(ledger, &format!("auth-{id}"), card, &hold, auth).await?;
    db_roundtrip().await;
    let cap = parse_amount(capture)?;
    let auth_amt = parse_amount(auth)?;
    transfer(ledger, &format!("cap-{id}"), &hold, merchant, capture).await?;
    let leftover = Cents(auth_amt.0 - cap.0);
    if leftover.0 > 0 {
        transfer(ledger, &format!("void-{id}"), &hold, card, &format!("{}.{:02}", leftover.0 / 100, leftover.0 % 100)).await?;
    }
    Ok(cap)
}

async fn trial_balance(ledger: &Shared) -> (i64, Vec<String>) {
    db_roundtrip().await;
    let l = ledger.lock().unwrap();
    let lines = l.balances.iter().filter(|(_, v)| **v != 0).map(|(k, v)| format!("{k:>18} {}", Cents(*v))).collect();
    (l.balances.values().sum(), lines)
}

fn main() {
    let ledger: Shared = Arc::new(Mutex::new(Ledger::default()));
    {
        let mut l = ledger.lock().unwrap();
        for acct in ["cash", "alice", "bob", "merchant:coffee", "holds:alice", "holds:bob", "equity"] { l.balances.insert(acct.into(), 0); }
        l.overdraft_ok.insert("equity".into());
    }
    let results = block_on(async {
        let mut r = Vec::new();
        r.push(transfer(&ledger, "seed-a", "equity", "alice", "120.50").await);
        r.push(transfer(&ledger, "seed-b", "equity", "bob", "$15").await);
        r.push(transfer(&ledger, "seed-a", "equity", "alice", "120.50").await);
        r.push(transfer(&ledger, "p2p-1", "bob", "alice", "20.00").await);
        r.push(transfer(&ledger, "p2p-2", "alice", "carol", "1.00").await);
        r.push(transfer(&ledger, "bad", "alice", "bob", "12.x").await);
        let cap = authorize_and_capture(&ledger, 1, "alice", "merchant:coffee", "10.00", "4.75").await;
        println!("capture: {}", cap.as_ref().map(|c| c.to_string()).unwrap_or_else(|e| format!("{e:?}")));
        let (total, lines) = trial_balance(&ledger).await;
        (r, total, lines)
    });
    let (results, total, lines) = results;
    for (i, res) in results.iter().enumerate() { println!("op {i}: {res:?}"); }
    for l in &lines { println!("{l}"); }
    assert_eq!(total, 0, "ledger must balance");
    assert!(matches!(results[2], Err(LedgerError::Duplicate(_))));
    assert!(matches!(&results[3], Err(LedgerError::Insufficient { account, .. }) if account == "bob"));
    assert_eq!(ledger.lock().unwrap().balances["alice"], 12050 - 475);
}
