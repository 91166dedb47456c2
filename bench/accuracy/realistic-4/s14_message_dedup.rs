//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! At-least-once consumer with an idempotency window that drops redelivered and duplicate messages.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Backoff(u32);

impl Future for Backoff {
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
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    let mut spins = 0u32;
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => spins += 1,
        }
    }
}

#[derive(Debug, Clone)]
struct Message {
    partition: u8,
    offset: u64,
    headers: Vec<(String, String)>,
    body: String,
}

impl Message {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn dedup_key(&self) -> u64 {
        let mut h = DefaultHasher::new();
        match self.header("idempotency-key") {
            Some(k) => k.hash(&mut h),
            None => {
                let normalized: String = self.body.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ");
                normalized.hash(&mut h);
            }
        }
        h.finish()
    }
}

struct DedupWindow<const CAP: usize> {
    order: VecDeque<u64>,
    seen: HashSet<u64>,
    evictions: u32,
}

impl<const CAP: usize> DedupWindow<CAP> {
    fn new() -> Self {
        DedupWindow { order: VecDeque::with_capacity(CAP), seen: HashSet::new(), evictions: 0 }
    }

    fn first_time(&mut self, key: u64) -> bool {
        if !self.seen.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > CAP && let Some(old) = self.order.pop_front() {
            self.seen.remove(&old);
            self.evictions += 1;
        }
        true
    }
}

struct Broker {
    log: Vec<Message>,
    cursor: usize,
    redeliver_at: Vec<usize>,
    committed: BTreeMap<u8, u64>,
}

impl Broker {
    async fn poll_batch(&mut self, max: usize) -> Vec<Message> {
        Backoff(1).await;
        let mut batch = Vec::new();
        while batch.len() < max && self.cursor < self.log.len() {
            batch.push(self.log[self.cursor].clone());
            if let Some(pos) = self.redeliver_at.iter().position(|&i| i == self.cursor) {
                self.redeliver_at.swap_remove(pos);
                continue;
            }
            self.cursor += 1;
        }
        batch
    }

    async fn commit(&mut self, partition: u8, offset: u64) {
        Backoff(1).await;
        let slot = self.committed.entry(partition).or_insert(0);
        *slot = (*slot).max(offset + 1);
    }
}

#[derive(Debug)]
enum HandlerError {
    Retryable(String),
    Poison(String),
}

#[derive(Debug, Default)]
struct ConsumeReport {
    handled: u32,
    duplicates: u32,
    retries: u32,
    dead_letters: Vec<String>,
}

async fn consume<H, const CAP: usize>(broker: &mut Broker, window: &mut DedupWindow<CAP>, mut handler: H) -> ConsumeReport
where
    H: AsyncFnMut(&Message) -> Result<(), HandlerError>,
{
    let mut report = ConsumeReport::default();
    loop {
        let batch = broker.poll_batch(3).await;
        if batch.is_empty() {
            break;
        }
        for msg in batch {
            let key = msg.dedup_key();
            if !window.first_time(key) {
                report.duplicates += 1;
                broker.commit(msg.partition, msg.offset).await;
                continue;
            }
            let mut attempts = 0;
            let outcome = loop {
                attempts += 1;
                match handler(&msg).await {
                    Err(HandlerError::Retryable(why)) if attempts < 3 => {
                        report.retries += 1;
                        Backoff(attempts).await;
                    }
                    other => break other,
                }
            };
            match outcome {
                Ok(()) => report.handled += 1,
                Err(HandlerError::Poison(why)) | Err(HandlerError::Retryable(why)) => {
                    report.dead_letters.push(format!("p{}@{}: {why}", msg.partition, msg.offset));
                }
            }
            broker.commit(msg.partition, msg.offset).await;
        }
    }
    report
}

fn main() {
    let raw = [
        (0, "idempotency-key=pay-1", "charge  alice 10"),
        (1, "", "charge bob 5"),
        (0, "idempotency-key=pay-1", "charge alice 10 (resent)"),
        (1, "", "CHARGE   Bob 5"),
        (0, "", "charge carol -3"),
        (1, "x-trace=abc", "charge dave 7"),
        (0, "idempotency-key=pay-9", "charge erin 12"),
        (1, "", "charge bob 5"),
    ];
    let mut offsets = [0u64; 2];
    let log: Vec<Message> = raw
        .iter()
        .map(|&(p, hdr, body)| {
            let headers = hdr.split(';').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let offset = offsets[p as usize];
            offsets[p as usize] += 1;
            Message { partition: p, offset, headers, body: body.to_string() }
        })
        .collect();
    let mut broker = Broker { log, cursor: 0, redeliver_at: vec![1, 5], committed: BTreeMap::new() };
    let mut window: DedupWindow<4> = DedupWindow::new();
    let mut ledger: BTreeMap<String, i64> = BTreeMap::new();
    let mut flaky_budget = 2;

    let report = block_on(consume(&mut broker, &mut window, async |msg: &Message| {
        Backoff(1).await;
        let parts: Vec<&str> = msg.body.split_whitespace().collect();
        let [_, who, amount, ..] = parts[..] else {
            return Err(HandlerError::Poison(format!("unparseable '{}'", msg.body)));
        };
        let amount: i64 = amount.parse().map_err(|e| HandlerError::Poison(format!("{e}")))?;
        if amount <= 0 {
            return Err(HandlerError::Poison(format!("non-positive amount {amount}")));
        }
        if msg.header("x-trace").is_some() && flaky_budget > 0 {
            flaky_budget -= 1;
            return Err(HandlerError::Retryable("downstream timeout".into()));
        }
        *ledger.entry(who.to_lowercase()).or_insert(0) += amount;
        Ok(())
    }));
    println!("{report:?}");
    println!("ledger={ledger:?} committed={:?} evictions={}", broker.committed, window.evictions);
}
