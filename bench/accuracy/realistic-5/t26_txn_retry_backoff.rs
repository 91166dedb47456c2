#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Optimistic transactions over a versioned store, retried with capped exponential backoff and jitter.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum TxError {
    Conflict { key: String, read: u64, found: u64 },
    InsufficientFunds { account: String, balance: i64 },
    NoSuchAccount(String),
    RetriesExhausted(u32),
}

impl TxError {
    fn retryable(&self) -> bool {
        matches!(self, TxError::Conflict { .. })
    }
}

#[derive(Default)]
struct Store {
    rows: Mutex<HashMap<String, (u64, i64)>>,
    commits: Cell<u32>,
    aborts: Cell<u32>,
}

struct Tx<'s> {
    store: &'s Store,
    reads: BTreeMap<String, u64>,
    writes: BTreeMap<String, i64>,
}

impl<'s> Tx<'s> {
    fn begin(store: &'s Store) -> Self {
        Tx { store, reads: BTreeMap::new(), writes: BTreeMap::new() }
    }

    async fn read(&mut self, key: &str) -> Result<i64, TxError> {
        Yield(1).await;
        let rows = self.store.rows.lock().unwrap();
        let &(version, value) = rows.get(key).ok_or_else(|| TxError::NoSuchAccount(key.into()))?;
        self.reads.insert(key.to_string(), version);
        Ok(self.writes.get(key).copied().unwrap_or(value))
    }

    fn write(&mut self, key: &str, value: i64) {
        self.writes.insert(key.to_string(), value);
    }

    async fn commit(self) -> Result<(), TxError> {
        Yield(2).await;
        let mut rows = self.store.rows.lock().unwrap();
        for (key, &read_version) in &self.reads {
            let found = rows.get(key).map(|r| r.0).unwrap_or(0);
            if found != read_version {
                self.store.aborts.set(self.store.aborts.get() + 1);
                return Err(TxError::Conflict { key: key.clone(), read: read_version, found });
            }
        }
        for (key, value) in self.writes {
            let entry = rows.entry(key).or_insert((0, 0));
            *entry = (entry.0 + 1, value);
        }
        self.store.commits.set(self.store.commits.get() + 1);
        Ok(())
    }
}

struct Backoff {
    base: u8,
    cap: u8,
    max_attempts: u32,
    seed: Cell<u64>,
}

impl Backoff {
    fn jitter(&self) -> u8 {
        let next = self.seed.get().wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.seed.set(next);
        (next >> 61) as u8
    }
    fn delay(&self, attempt: u32) -> u8 {
        let exp = self.base.saturating_mul(1u8.checked_shl(attempt.min(7)).unwrap_or(u8::MAX));
        exp.min(self.cap) + self.jitter()
    }
}

async fn with_retry<T, F>(policy: &Backoff, mut body: F) -> (Result<T, TxError>, u32)
where
    F: AsyncFnMut(u32) -> Result<T, TxError>,
{
    let mut attempt = 0;
    let result = loop {
        match body(attempt).await {
            Err(e) if e.retryable() && attempt + 1 < policy.max_attempts => {
                Yield(policy.delay(attempt)).await;
                attempt += 1;
            }
            Err(e) if e.retryable() => break Err(TxError::RetriesExhausted(attempt + 1)),
            other => break other,
        }
    };
    (result, attempt + 1)
}

async fn transfer(store: &Store, policy: &Backoff, from: &str, to: &str, amount: i64) -> (Result<i64, TxError>, u32) {
    with_retry(policy, async |attempt: u32| {
        let mut tx = Tx::begin(store);
        let src = tx.read(from).await?;
        if src < amount {
            return Err(TxError::InsufficientFunds { account: from.to_string(), balance: src });
        }
        let dst = tx.read(to).await?;
        tx.write(from, src - amount);
        tx.write(to, dst + amount);
        tx.commit().await?;
        Ok(src - amount)
    })
    .await
}

fn main() {
    let store = Store::default();
    store.rows.lock().unwrap().extend([("alice", 500), ("bob", 100), ("carol", 0)].map(|(k, v)| (k.to_string(), (1u64, v))));
    let policy = Backoff { base: 1, cap: 8, max_attempts: 5, seed: Cell::new(0x5eed) };
    let stingy = Backoff { base: 1, cap: 1, max_attempts: 1, seed: Cell::new(1) };

    let plan = "alice->bob:50\nbob->carol:120\nalice->carol:200\ncarol->alice:10\nbob->dave:1\nalice->bob:400";
    let transfers: Vec<(&str, &str, i64)> = plan
        .lines()
        .filter_map(|l| {
            let (route, amt) = l.split_once(':')?;
            let (from, to) = route.split_once("->")?;
            Some((from, to, amt.parse().ok()?))
        })
        .collect();

    let outcomes = block_on(async {
        let mut futs: Vec<Pin<Box<dyn Future<Output = (Result<i64, TxError>, u32)> + '_>>> = transfers
            .iter()
            .enumerate()
            .map(|(i, &(f, t, a))| Box::pin(transfer(&store, if i == 2 { &stingy } else { &policy }, f, t, a)) as Pin<Box<dyn Future<Output = _>>>)
            .collect();
        let mut out: Vec<Option<(Result<i64, TxError>, u32)>> = futs.iter().map(|_| None).collect();
        poll_fn(|cx| {
            for (f, o) in futs.iter_mut().zip(out.iter_mut()).filter(|(_, o)| o.is_none()) {
                if let Poll::Ready(r) = f.as_mut().poll(cx) {
                    *o = Some(r);
                }
            }
            if out.iter().any(Option::is_none) { Poll::Pending } else { Poll::Ready(()) }
        })
        .await;
        out.into_iter().flatten().collect::<Vec<_>>()
    });

    for ((from, to, amt), (res, attempts)) in transfers.iter().zip(&outcomes) {
        println!("{from:>5} -> {to:<5} {amt:>4}: {res:?} after {attempts} attempt(s)");
    }
    let rows = store.rows.lock().unwrap();
    let total: i64 = rows.values().map(|&(_, v)| v).sum();
    println!("commits={} aborts={} total={total} (must stay 600)", store.commits.get(), store.aborts.get());
    assert_eq!(total, 600);
}
