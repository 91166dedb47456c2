//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::num::ParseIntError;
use std::sync::Mutex;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cents(pub i64);

#[derive(Debug)]
pub struct StoreError(pub String);

#[derive(Debug)]
pub enum LedgerError {
    Parse(String),
    Insufficient { account: AccountId, balance: Cents, needed: Cents },
    UnknownAccount(AccountId),
    Store(StoreError),
}

impl From<StoreError> for LedgerError {
    fn from(e: StoreError) -> Self { LedgerError::Store(e) }
}

impl From<ParseIntError> for LedgerError {
    fn from(e: ParseIntError) -> Self { LedgerError::Parse(e.to_string()) }
}

fn parse_amount(s: &str) -> Result<Cents, LedgerError> {
    let s = s.trim().trim_start_matches('$');
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |rest| (true, rest));
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    if frac.len() > 2 { return Err(LedgerError::Parse(format!("too many decimals in {s}"))); }
    let cents = whole.parse::<i64>()? * 100 + format!("{frac:0<2}").parse::<i64>()?;
    Ok(Cents(if neg { -cents } else { cents }))
}

#[derive(Debug, Clone)]
pub struct Posting { pub account: AccountId, pub amount: Cents }

#[derive(Debug, Clone)]
pub struct Entry { pub id: u64, pub memo: String, pub postings: Vec<Posting> }

fn parse_entry(line: &str) -> Result<Entry, LedgerError> {
    let mut fields = line.splitn(3, '|');
    let (Some(id), Some(memo), Some(rest)) = (fields.next(), fields.next(), fields.next()) else {
        return Err(LedgerError::Parse(format!("short line: {line}")));
    };
    let mut postings = Vec::new();
    for p in rest.split(',') {
        let (acct, amount) = p.split_once(':').ok_or_else(|| LedgerError::Parse(p.to_string()))?;
        postings.push(Posting { account: AccountId(acct.parse()?), amount: Cents(amount.parse()?) });
    }
    Ok(Entry { id: id.parse()?, memo: memo.to_string(), postings })
}

pub trait LedgerStore {
    async fn append(&self, entry: Entry) -> Result<u64, StoreError>;
    async fn entries(&self) -> Vec<Entry>;
}

#[derive(Default)]
pub struct MemStore { entries: Mutex<Vec<Entry>> }

impl LedgerStore for MemStore {
    async fn append(&self, mut entry: Entry) -> Result<u64, StoreError> {
        let mut entries = self.entries.lock().map_err(|_| StoreError("poisoned".into()))?;
        entry.id = entries.len() as u64 + 1;
        entries.push(entry);
        Ok(entries.len() as u64)
    }
    async fn entries(&self) -> Vec<Entry> {
        self.entries.lock().unwrap().clone()
    }
}

#[derive(Default)]
pub struct Journal { lines: RefCell<Vec<String>> }

impl LedgerStore for Journal {
    async fn append(&self, entry: Entry) -> Result<u64, StoreError> {
        rt::sleep(4).await;
        let id = self.lines.borrow().len() as u64 + 1;
        let Entry { memo, postings, .. } = entry;
        let legs: Vec<String> = postings.iter().map(|Posting { account, amount }| format!("{}:{}", account.0, amount.0)).collect();
        self.lines.borrow_mut().push(format!("{id}|{}|{}", memo.replace('|', "/"), legs.join(",")));
        Ok(id)
    }
    async fn entries(&self) -> Vec<Entry> {
        self.lines.borrow().iter().filter_map(|l| parse_entry(l).ok()).collect()
    }
}

pub struct Ledger<S> {
    store: S,
    balances: RefCell<BTreeMap<AccountId, Cents>>,
    idempotency: RefCell<HashMap<String, u64>>,
    overdraft: HashMap<AccountId, Cents>,
}

impl<S: LedgerStore> Ledger<S> {
    pub fn open(store: S, accounts: &[(u32, i64)]) -> Self {
        let balances = accounts.iter().map(|&(a, c)| (AccountId(a), Cents(c))).collect();
        Ledger { store, balances: RefCell::new(balances), idempotency: RefCell::default(), overdraft: HashMap::new() }
    }

    pub async fn transfer(&self, key: &str, from: AccountId, to: AccountId, amount: &str, memo: &str) -> Result<u64, LedgerError> {
        if let Some(&id) = self.idempotency.borrow().get(key) { return Ok(id); }
        let amount = parse_amount(amount)?;
        let balance = self.balances.borrow().get(&from).copied().ok_or(LedgerError::UnknownAccount(from))?;
        let limit = self.overdraft.get(&from).copied().unwrap_or_default();
        match balance.0 - amount.0 {
            rest if rest < -limit.0 => return Err(LedgerError::Insufficient { account: from, balance, needed: amount }),
            _ if !self.balances.borrow().contains_key(&to) => return Err(LedgerError::UnknownAccount(to)),
            _ => {}
        }
        let postings = vec![Posting { account: from, amount: Cents(-amount.0) }, Posting { account: to, amount }];
        let id = self.store.append(Entry { id: 0, memo: memo.to_string(), postings: postings.clone() }).await?;
        let mut balances = self.balances.borrow_mut();
        for Posting { account, amount } in &postings {
            balances.entry(*account).or_default().0 += amount.0;
        }
        self.idempotency.borrow_mut().insert(key.to_string(), id);
        Ok(id)
    }

    pub async fn verify(&self) -> Result<usize, LedgerError> {
        let entries = self.store.entries().await;
        for Entry { id, postings, .. } in &entries {
            let sum: i64 = postings.iter().map(|p| p.amount.0).sum();
            if sum != 0 {
                return Err(LedgerError::Parse(format!("entry {id} unbalanced by {sum}")));
            }
        }
        Ok(entries.len())
    }
}

pub async fn month_end() -> Result<(usize, usize), LedgerError> {
    let mem = Ledger::open(MemStore::default(), &[(1, 10_000), (2, 0)]);
    let journal = Ledger::open(Journal::default(), &[(1, 500), (2, 0), (3, 0)]);
    mem.transfer("inv-1", AccountId(1), AccountId(2), "$12.50", "invoice 1").await?;
    mem.transfer("inv-1", AccountId(1), AccountId(2), "$12.50", "invoice 1 (retry)").await?;
    journal.transfer("fee-7", AccountId(1), AccountId(3), "4.5", "monthly fee").await?;
    match journal.transfer("big", AccountId(1), AccountId(2), "900", "too much").await {
        Err(LedgerError::Insufficient { balance, .. }) if balance.0 > 0 => println!("declined, balance {}", balance.0),
        other => println!("unexpected: {other:?}"),
    }
    Ok((mem.verify().await?, journal.verify().await?))
}
