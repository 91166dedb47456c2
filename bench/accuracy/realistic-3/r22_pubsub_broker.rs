#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! In-process pub/sub broker: topic wildcards, per-subscriber queues, async handlers, acks.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn yield_now() -> Yield { Yield(false) }
}

#[derive(Debug, Clone)]
struct Message { topic: String, seq: u64, body: String }

type Handler = Box<dyn Fn(Message) -> Pin<Box<dyn Future<Output = Result<(), String>>>>>;

struct Subscription { id: u32, pattern: String, queue: VecDeque<Message>, handler: Handler, acked: u64, failed: Vec<u64> }

fn topic_matches(pattern: &str, topic: &str) -> bool {
    let mut p = pattern.split('.');
    let mut t = topic.split('.');
    loop {
        match (p.next(), t.next()) {
            (Some("#"), _) => return true,
            (Some("*"), Some(_)) => continue,
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return true,
            _ => return false,
        }
    }
}

#[derive(Default)]
struct Broker { subs: RefCell<BTreeMap<u32, Subscription>>, seq: RefCell<u64>, retained: RefCell<BTreeMap<String, Message>> }

impl Broker {
    fn subscribe(&self, pattern: &str, handler: Handler) -> u32 {
        let mut subs = self.subs.borrow_mut();
        let id = subs.keys().next_back().map_or(1, |k| k + 1);
        let mut queue = VecDeque::new();
        for (topic, msg) in self.retained.borrow().iter() {
            if topic_matches(pattern, topic) { queue.push_back(msg.clone()); }
        }
        subs.insert(id, Subscription { id, pattern: pattern.to_string(), queue, handler, acked: 0, failed: vec![] });
        id
    }

    async fn publish(&self, topic: &str, body: impl Into<String>, retain: bool) -> usize {
        *self.seq.borrow_mut() += 1;
        let msg = Message { topic: topic.to_string(), seq: *self.seq.borrow(), body: body.into() };
        if retain { self.retained.borrow_mut().insert(topic.to_string(), msg.clone()); }
        let mut delivered = 0;
        for sub in self.subs.borrow_mut().values_mut().filter(|s| topic_matches(&s.pattern, topic)) {
            sub.queue.push_back(msg.clone());
            delivered += 1;
        }
        rt::yield_now().await;
        delivered
    }

    /// Drains every subscriber queue, running handlers one message at a time.
    async fn pump(&self) -> usize {
        let mut handled = 0;
        let ids: Vec<u32> = self.subs.borrow().keys().copied().collect();
        for id in ids {
            loop {
                let (msg, fut) = {
                    let mut subs = self.subs.borrow_mut();
                    let Some(sub) = subs.get_mut(&id) else { break };
                    let Some(msg) = sub.queue.pop_front() else { break };
                    let fut = (sub.handler)(msg.clone());
                    (msg, fut)
                };
                let result = fut.await;
                let mut subs = self.subs.borrow_mut();
                let sub = subs.get_mut(&id).unwrap();
                match result {
                    Ok(()) => sub.acked = msg.seq,
                    Err(_) => sub.failed.push(msg.seq),
                }
                handled += 1;
            }
        }
        handled
    }
}

fn waker() -> Waker {
    const VT: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VT), |_| {}, |_| {}, |_| {});
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let w = waker();
    let mut cx = Context::from_waker(&w);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let broker = Rc::new(Broker::default());
    let audit: Rc<RefCell<Vec<String>>> = Rc::new(RefCell::new(Vec::new()));
    let totals: Rc<RefCell<BTreeMap<String, f64>>> = Rc::new(RefCell::new(BTreeMap::new()));

    let setup = async {
        broker.publish("config.pricing", "vat=0.2", true).await;
    };
    block_on(setup);

    let a = Rc::clone(&audit);
    broker.subscribe("#", Box::new(move |m: Message| {
        let a = Rc::clone(&a);
        Box::pin(async move {
            rt::yield_now().await;
            a.borrow_mut().push(format!("{}#{}", m.topic, m.seq));
            Ok(())
        })
    }));
    let t = Rc::clone(&totals);
    broker.subscribe("orders.*.paid", Box::new(move |m: Message| {
        let t = Rc::clone(&t);
        Box::pin(async move {
            let region = m.topic.split('.').nth(1).unwrap_or("?").to_string();
            let amount: f64 = m.body.parse().map_err(|e| format!("seq {}: {e}", m.seq))?;
            rt::yield_now().await;
            *t.borrow_mut().entry(region).or_insert(0.0) += amount;
            Ok(())
        })
    }));

    let events = [("orders.eu.paid", "19.90"), ("orders.us.paid", "5.00"), ("orders.eu.created", "{}"), ("orders.eu.paid", "oops"), ("orders.apac.paid", "120")];
    let (published, handled) = block_on(async {
        let mut published = 0;
        for (topic, body) in events {
            published += broker.publish(topic, body, false).await;
        }
        (published, broker.pump().await)
    });
    let failed: Vec<u64> = broker.subs.borrow().values().flat_map(|s| s.failed.clone()).collect();
    println!("deliveries={} handled={} failed_seqs={:?}", published, handled, failed);
    println!("totals={:?} audit_len={}", totals.borrow(), audit.borrow().len());
}
