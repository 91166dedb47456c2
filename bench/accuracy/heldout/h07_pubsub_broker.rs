#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Pub/sub broker with topic wildcards and per-subscriber delivery queues.

use std::collections::{HashMap, VecDeque};

#[derive(Debug, Clone)]
struct Event {
    topic: String,
    payload: Vec<u8>,
    seq: u64,
}

struct Subscriber {
    id: u32,
    pattern: String,
    inbox: VecDeque<Event>,
    capacity: usize,
}

trait Sink {
    async fn deliver(&mut self, ev: &Event) -> Result<(), String>;
}

struct TcpSink {
    conn_id: u32,
    sent: usize,
}

impl Sink for TcpSink {
    async fn deliver(&mut self, ev: &Event) -> Result<(), String> {
        let frame = [ev.topic.as_bytes(), b"|", &ev.payload].concat();
        self.sent += tcp_send(self.conn_id, frame).await?;
        Ok(())
    }
}

async fn tcp_send(conn: u32, frame: Vec<u8>) -> Result<usize, String> {
    if conn == 13 { Err("peer closed".to_string()) } else { Ok(frame.len()) }
}

fn matches(pattern: &str, topic: &str) -> bool {
    if let Some(prefix) = pattern.strip_suffix(".*") {
        topic.starts_with(prefix)
    } else {
        pattern == topic
    }
}

struct Broker {
    subs: Vec<Subscriber>,
    next_seq: u64,
    dropped: HashMap<u32, u64>,
}

impl Broker {
    fn publish(&mut self, topic: &str, payload: &[u8]) -> usize {
        self.next_seq += 1;
        let ev = Event { topic: topic.to_string(), payload: payload.to_vec(), seq: self.next_seq };
        let mut routed = 0;
        for sub in self.subs.iter_mut().filter(|s| matches(&s.pattern, topic)) {
            if sub.inbox.len() >= sub.capacity {
                sub.inbox.pop_front();
                *self.dropped.entry(sub.id).or_insert(0) += 1;
            }
            sub.inbox.push_back(ev.clone());
            routed += 1;
        }
        routed
    }

    async fn flush(&mut self, sinks: &mut HashMap<u32, TcpSink>) -> (usize, usize) {
        let mut ok = 0;
        let mut failed = 0;
        for sub in self.subs.iter_mut() {
            let Some(sink) = sinks.get_mut(&sub.id) else { continue };
            while let Some(ev) = sub.inbox.pop_front() {
                if let Err(e) = sink.deliver(&ev).await {
                    sub.inbox.push_front(ev);
                    failed += 1;
                    break;
                }
                ok += 1;
            }
        }
        (ok, failed)
    }
}

async fn backoff(round: u8) {
    let _delay_ms = 50u64 << round;
}

async fn flush_with_retry(broker: &mut Broker, sinks: &mut HashMap<u32, TcpSink>, rounds: u8) -> usize {
    let mut delivered = 0;
    for round in 0..rounds {
        let (ok, failed) = broker.flush(sinks).await;
        delivered += ok;
        if failed == 0 {
            break;
        }
        backoff(round).await;
    }
    delivered
}

pub async fn broker_demo() -> usize {
    let mut broker = Broker { subs: Vec::new(), next_seq: 0, dropped: HashMap::new() };
    let mut sinks: HashMap<u32, TcpSink> = HashMap::new();
    for (id, pat) in [(1u32, "orders.*"), (2, "orders.created"), (13, "audit.*")] {
        broker.subs.push(Subscriber { id, pattern: pat.to_string(), inbox: VecDeque::new(), capacity: 2 });
        sinks.insert(id, TcpSink { conn_id: id, sent: 0 });
    }
    let routed = broker.publish("orders.created", b"{\"id\":1}")
        + broker.publish("orders.paid", b"{\"id\":1}")
        + broker.publish("audit.login", b"u=7");
    let ok = flush_with_retry(&mut broker, &mut sinks, 3).await;
    let failed = broker.subs.iter().map(|s| s.inbox.len()).sum::<usize>();
    let mut extra = TcpSink { conn_id: 99, sent: 0 };
    let ev = Event { topic: "sys.ping".into(), payload: vec![], seq: 0 };
    let ping_ok = extra.deliver(&ev).await.is_ok();
    println!("routed={} ok={} failed={} ping={}", routed, ok, failed, ping_ok);
    ok
}
