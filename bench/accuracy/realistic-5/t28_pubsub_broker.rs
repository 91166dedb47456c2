#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Partitioned pub/sub broker with keyed producers, consumer groups, committed offsets and rebalancing.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
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

#[derive(Debug, Clone)]
struct Record {
    offset: u64,
    key: Option<String>,
    value: Vec<u8>,
}

#[derive(Debug)]
enum BrokerError {
    UnknownTopic(String),
    NoMembers(String),
    Handler { partition: usize, offset: u64, reason: String },
}

struct Topic<const P: usize> {
    partitions: [Vec<Record>; P],
}

struct Broker<const P: usize> {
    topics: RwLock<HashMap<String, Topic<P>>>,
    offsets: Mutex<BTreeMap<(String, String, usize), u64>>,
}

impl<const P: usize> Broker<P> {
    fn new(names: &[&str]) -> Self {
        let topics = names.iter().map(|n| (n.to_string(), Topic { partitions: std::array::from_fn(|_| Vec::new()) })).collect();
        Broker { topics: RwLock::new(topics), offsets: Mutex::new(BTreeMap::new()) }
    }

    fn partition_for(key: Option<&str>, round_robin: u64) -> usize {
        match key {
            Some(k) => (k.bytes().fold(7u64, |h, b| h.wrapping_mul(31) ^ b as u64) % P as u64) as usize,
            None => (round_robin % P as u64) as usize,
        }
    }

    async fn publish(&self, topic: &str, key: Option<&str>, value: &[u8]) -> Result<(usize, u64), BrokerError> {
        Yield(1).await;
        let mut topics = self.topics.write().unwrap();
        let t = topics.get_mut(topic).ok_or_else(|| BrokerError::UnknownTopic(topic.into()))?;
        let total: u64 = t.partitions.iter().map(|p| p.len() as u64).sum();
        let part = Self::partition_for(key, total);
        let offset = t.partitions[part].len() as u64;
        t.partitions[part].push(Record { offset, key: key.map(String::from), value: value.to_vec() });
        Ok((part, offset))
    }

    fn assign(members: &[&str]) -> Result<Vec<(String, Vec<usize>)>, BrokerError> {
        if members.is_empty() {
            return Err(BrokerError::NoMembers("empty group".into()));
        }
        let mut out: Vec<(String, Vec<usize>)> = members.iter().map(|m| (m.to_string(), Vec::new())).collect();
        for p in 0..P {
            out[p % members.len()].1.push(p);
        }
        Ok(out)
    }

    async fn poll_group<S: Subscriber>(&self, group: &str, topic: &str, members: &[&str], sub: &mut S, max_batch: usize) -> Result<usize, BrokerError> {
        let mut handled = 0;
        for (member, parts) in Self::assign(members)? {
            for part in parts {
                let key = (group.to_string(), topic.to_string(), part);
                let start = *self.offsets.lock().unwrap().get(&key).unwrap_or(&0);
                let batch: Vec<Record> = {
                    let topics = self.topics.read().unwrap();
                    let t = topics.get(topic).ok_or_else(|| BrokerError::UnknownTopic(topic.into()))?;
                    t.partitions[part].iter().skip(start as usize).take(max_batch).cloned().collect()
                };
                let mut committed = start;
                for rec in &batch {
                    match sub.on_message(&member, part, rec).await {
                        Ok(()) => committed = rec.offset + 1,
                        Err(reason) => {
                            self.offsets.lock().unwrap().insert(key, committed);
                            return Err(BrokerError::Handler { partition: part, offset: rec.offset, reason });
                        }
                    }
                    handled += 1;
                }
                self.offsets.lock().unwrap().insert(key, committed);
            }
        }
        Ok(handled)
    }
}

trait Subscriber {
    async fn on_message(&mut self, member: &str, partition: usize, rec: &Record) -> Result<(), String>;
}

#[derive(Default)]
struct OrderProjector {
    totals: BTreeMap<String, i64>,
    seen_by: BTreeMap<String, usize>,
}

impl Subscriber for OrderProjector {
    async fn on_message(&mut self, member: &str, partition: usize, rec: &Record) -> Result<(), String> {
        Yield(1).await;
        let text = std::str::from_utf8(&rec.value).map_err(|e| e.to_string())?;
        let amount: i64 = text.strip_prefix("amount=").and_then(|a| a.parse().ok()).ok_or_else(|| format!("bad payload {text:?}"))?;
        *self.totals.entry(rec.key.clone().unwrap_or_else(|| "anon".into())).or_default() += amount;
        *self.seen_by.entry(member.to_string()).or_default() += 1;
        Ok(())
    }
}

struct CountingSink(usize);

impl Subscriber for CountingSink {
    async fn on_message(&mut self, _member: &str, _p: usize, rec: &Record) -> Result<(), String> {
        self.0 += rec.value.len();
        Ok(())
    }
}

fn main() {
    let broker: Arc<Broker<4>> = Arc::new(Broker::new(&["orders", "clicks"]));
    let feed = "cust-1 amount=30\ncust-2 amount=12\ncust-1 amount=-5\ncust-3 amount=99\n- amount=1\ncust-2 amount=oops\ncust-3 amount=1";

    let published = block_on(async {
        let mut parts = Vec::new();
        for line in feed.lines() {
            let (key, val) = line.split_once(' ').unwrap_or((line, ""));
            let key = (key != "-").then_some(key);
            parts.push(broker.publish("orders", key, val.as_bytes()).await);
        }
        for i in 0..10u8 {
            let _ = broker.publish("clicks", None, &[i; 3]).await;
        }
        parts.push(broker.publish("payments", None, b"x").await);
        parts
    });
    let errs = published.iter().filter(|r| r.is_err()).count();
    println!("published {} records ({} errors)", published.len() - errs, errs);

    let mut projector = OrderProjector::default();
    let mut sink = CountingSink(0);
    let rounds = block_on(async {
        let first = broker.poll_group("billing", "orders", &["b-0", "b-1"], &mut projector, 10).await;
        let second = broker.poll_group("billing", "orders", &["b-0", "b-1", "b-2"], &mut projector, 10).await;
        let clicks = broker.poll_group("analytics", "clicks", &["a-0"], &mut sink, 2).await;
        let clicks2 = broker.poll_group("analytics", "clicks", &["a-0", "a-1"], &mut sink, 2).await;
        [first, second, clicks, clicks2]
    });
    for r in &rounds {
        println!("poll: {r:?}");
    }
    println!("totals={:?} seen_by={:?} click bytes={}", projector.totals, projector.seen_by, sink.0);
    println!("committed offsets: {:?}", broker.offsets.lock().unwrap());
}
