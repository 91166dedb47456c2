//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Double-entry ledger: validates balanced journal entries, persists to a WAL and reconciles bank statements.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

type SendFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

struct Flush(bool);

impl Future for Flush {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Currency {
    Eur,
    Usd,
}

#[derive(Debug, Clone)]
struct Posting {
    account: String,
    amount: i64,
    currency: Currency,
}

#[derive(Debug, Clone)]
struct JournalEntry {
    idempotency_key: String,
    memo: String,
    postings: Vec<Posting>,
}

#[derive(Debug)]
enum LedgerError {
    Unbalanced { currency: Currency, off_by: i64 },
    UnknownAccount(String),
    Overdraft { account: String, balance: i64, delta: i64 },
    Wal(String),
}

trait Wal: Send + Sync {
    fn append(&self, line: String) -> SendFuture<Result<u64, LedgerError>>;
}

struct FileWal {
    lines: Arc<Mutex<Vec<String>>>,
    fail_on: Option<&'static str>,
}

impl Wal for FileWal {
    fn append(&self, line: String) -> SendFuture<Result<u64, LedgerError>> {
        let lines = Arc::clone(&self.lines);
        let fail = self.fail_on.is_some_and(|f| line.contains(f));
        Box::pin(async move {
            Flush(false).await;
            if fail {
                return Err(LedgerError::Wal("disk full".into()));
            }
            let mut guard = lines.lock().unwrap();
            guard.push(line);
            Ok(guard.len() as u64)
        })
    }
}

struct Ledger {
    balances: Mutex<HashMap<String, i64>>,
    allow_negative: HashSet<String>,
    applied: Mutex<HashSet<String>>,
    wal: Box<dyn Wal>,
}

impl Ledger {
    fn validate(&self, entry: &JournalEntry) -> Result<(), LedgerError> {
        let mut sums: BTreeMap<Currency, i64> = BTreeMap::new();
        for p in &entry.postings {
            *sums.entry(p.currency).or_default() += p.amount;
        }
        if let Some((currency, off_by)) = sums.into_iter().find(|(_, s)| *s != 0) {
            return Err(LedgerError::Unbalanced { currency, off_by });
        }
        let balances = self.balances.lock().unwrap();
        for p in &entry.postings {
            let Some(bal) = balances.get(&p.account) else {
                return Err(LedgerError::UnknownAccount(p.account.clone()));
            };
            if bal + p.amount < 0 && !self.allow_negative.contains(&p.account) {
                return Err(LedgerError::Overdraft { account: p.account.clone(), balance: *bal, delta: p.amount });
            }
        }
        Ok(())
    }

    async fn post(&self, entry: JournalEntry) -> Result<Option<u64>, LedgerError> {
        if self.applied.lock().unwrap().contains(&entry.idempotency_key) {
            return Ok(None);
        }
        self.validate(&entry)?;
        let encoded = entry.postings.iter().map(|p| format!("{}:{}:{:?}", p.account, p.amount, p.currency)).collect::<Vec<_>>().join(",");
        let seq = self.wal.append(format!("{}|{}|{}", entry.idempotency_key, entry.memo, encoded)).await?;
        {
            let mut balances = self.balances.lock().unwrap();
            for p in &entry.postings {
                *balances.get_mut(&p.account).expect("validated") += p.amount;
            }
        }
        self.applied.lock().unwrap().insert(entry.idempotency_key);
        Ok(Some(seq))
    }

    fn balance(&self, account: &str) -> i64 {
        self.balances.lock().unwrap().get(account).copied().unwrap_or(0)
    }
}

fn transfer(key: &str, memo: &str, from: &str, to: &str, cents: i64) -> JournalEntry {
    JournalEntry {
        idempotency_key: key.into(),
        memo: memo.into(),
        postings: vec![
            Posting { account: from.into(), amount: -cents, currency: Currency::Eur },
            Posting { account: to.into(), amount: cents, currency: Currency::Eur },
        ],
    }
}

async fn reconcile(ledger: &Ledger, statement: &str, account: &str) -> Vec<String> {
    let mut findings = Vec::new();
    let mut running = 0i64;
    for (n, line) in statement.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let cols: Vec<&str> = line.split(';').collect();
        if let [date, desc, amount] = cols[..] && let Ok(value) = amount.replace('.', "").parse::<i64>() {
            running += value;
            let entry = transfer(&format!("stmt-{date}-{n}"), desc, "bank:clearing", account, value);
            match ledger.post(entry).await {
                Ok(Some(seq)) => findings.push(format!("{date} booked '{desc}' at wal#{seq}")),
                Ok(None) => findings.push(format!("{date} duplicate '{desc}'")),
                Err(LedgerError::Overdraft { account, .. }) => findings.push(format!("{date} would overdraw {account}")),
                Err(e) => findings.push(format!("{date} failed: {e:?}")),
            }
        } else {
            findings.push(format!("line {n}: cannot parse '{line}'"));
        }
    }
    let booked = ledger.balance(account);
    findings.push(format!("statement total {running}, ledger {account} = {booked}"));
    findings
}

fn main() {
    let wal_lines = Arc::new(Mutex::new(Vec::new()));
    let accounts = ["assets:cash", "assets:bank", "income:sales", "expenses:rent", "bank:clearing", "equity:owner"];
    let ledger = Ledger {
        balances: Mutex::new(accounts.iter().map(|a| (a.to_string(), 0)).collect()),
        allow_negative: HashSet::from(["income:sales".to_string(), "bank:clearing".to_string(), "equity:owner".to_string()]),
        applied: Mutex::new(HashSet::new()),
        wal: Box::new(FileWal { lines: Arc::clone(&wal_lines), fail_on: Some("rent-march") }),
    };
    let mut multi = transfer("fx-1", "usd invoice", "income:sales", "assets:bank", 10_000);
    multi.postings.push(Posting { account: "income:sales".into(), amount: -500, currency: Currency::Usd });
    let entries = vec![
        transfer("seed", "owner capital", "equity:owner", "assets:bank", 500_000),
        transfer("inv-1", "invoice 1", "income:sales", "assets:cash", 120_000),
        transfer("inv-1", "invoice 1 (retry)", "income:sales", "assets:cash", 120_000),
        transfer("rent-feb", "rent", "assets:cash", "expenses:rent", 200_000),
        transfer("rent-march", "rent", "assets:bank", "expenses:rent", 200_000),
        transfer("typo", "oops", "assets:cassh", "expenses:rent", 1),
        multi,
    ];
    let statement = "2024-03-01;card settlement;1250.00\n2024-03-02;fee;-3.50\nbroken line\n2024-03-02;card settlement;1250.00";
    let (posted, findings) = block_on(async {
        let mut posted = Vec::new();
        for e in entries {
            let key = e.idempotency_key.clone();
            posted.push(match ledger.post(e).await {
                Ok(Some(seq)) => format!("{key}: wal#{seq}"),
                Ok(None) => format!("{key}: already applied"),
                Err(LedgerError::Unbalanced { currency, off_by }) => format!("{key}: unbalanced {currency:?} by {off_by}"),
                Err(err) => format!("{key}: {err:?}"),
            });
        }
        (posted, reconcile(&ledger, statement, "assets:bank").await)
    });
    posted.iter().chain(findings.iter()).for_each(|l| println!("{l}"));
    println!("cash={} bank={} wal_len={}", ledger.balance("assets:cash"), ledger.balance("assets:bank"), wal_lines.lock().unwrap().len());
}
