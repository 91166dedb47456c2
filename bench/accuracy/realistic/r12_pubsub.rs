//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::{Rc, Weak};

mod rt {
    pub async fn yield_now() {}
}

#[derive(Debug, Clone)]
pub struct Message {
    pub topic: String,
    pub payload: Rc<str>,
    pub seq: u64,
}

type Mailbox = Rc<RefCell<VecDeque<Message>>>;

struct Subscription {
    pattern: Vec<String>,
    mailbox: Weak<RefCell<VecDeque<Message>>>,
    max_pending: usize,
}

fn topic_matches(pattern: &[String], topic: &str) -> bool {
    let mut parts = topic.split('.');
    for p in pattern {
        match p.as_str() {
            "#" => return true,
            "*" if parts.next().is_none() => return false,
            "*" => {}
            lit if parts.next() != Some(lit) => return false,
            _ => {}
        }
    }
    parts.next().is_none()
}

pub struct Subscriber {
    pub id: u64,
    mailbox: Mailbox,
}

impl Subscriber {
    pub async fn recv(&self) -> Option<Message> {
        for _ in 0..3 {
            if let Some(m) = self.mailbox.borrow_mut().pop_front() {
                return Some(m);
            }
            rt::yield_now().await;
        }
        None
    }
}

#[derive(Default)]
pub struct Broker {
    subs: RefCell<HashMap<u64, Subscription>>,
    next_id: Cell<u64>,
    seq: Cell<u64>,
    retained: RefCell<HashMap<String, Message>>,
}

impl Broker {
    pub fn subscribe(&self, pattern: &str, max_pending: usize) -> Subscriber {
        let id = self.next_id.replace(self.next_id.get() + 1);
        let pattern: Vec<String> = pattern.split('.').map(str::to_owned).collect();
        let mailbox: Mailbox = Rc::default();
        for (topic, msg) in self.retained.borrow().iter() {
            if topic_matches(&pattern, topic) {
                mailbox.borrow_mut().push_back(msg.clone());
            }
        }
        let sub = Subscription { pattern, mailbox: Rc::downgrade(&mailbox), max_pending };
        self.subs.borrow_mut().insert(id, sub);
        Subscriber { id, mailbox }
    }

    pub async fn publish(&self, topic: &str, payload: &str, retain: bool) -> usize {
        self.seq.set(self.seq.get() + 1);
        let msg = Message { topic: topic.to_string(), payload: Rc::from(payload), seq: self.seq.get() };
        if retain {
            self.retained.borrow_mut().insert(topic.to_string(), msg.clone());
        }
        let ids: Vec<u64> = self.subs.borrow().keys().copied().collect();
        let mut delivered = 0;
        for id in ids {
            if let Some(sub) = self.subs.borrow().get(&id)
                && topic_matches(&sub.pattern, topic)
                && let Some(mb) = sub.mailbox.upgrade()
            {
                let mut q = mb.borrow_mut();
                if q.len() >= sub.max_pending {
                    q.pop_front();
                }
                q.push_back(msg.clone());
                delivered += 1;
            } else if self.subs.borrow().get(&id).is_some_and(|s| s.mailbox.strong_count() == 0) {
                self.subs.borrow_mut().remove(&id);
            }
            rt::yield_now().await;
        }
        delivered
    }
}

pub async fn pump(sub: &Subscriber, handler: impl AsyncFn(&Message) -> bool) -> usize {
    let mut handled = 0;
    while let Some(msg) = sub.recv().await {
        if !handler(&msg).await {
            break;
        }
        handled += 1;
    }
    handled
}

pub async fn demo() -> (usize, usize) {
    let broker = Broker::default();
    let orders = broker.subscribe("orders.*.created", 16);
    let audit = broker.subscribe("#", 4);
    broker.publish("orders.eu.created", r#"{"id":1}"#, true).await;
    broker.publish("orders.us.shipped", r#"{"id":2}"#, false).await;
    let late = broker.subscribe("orders.eu.*", 8);
    let seen = RefCell::new(Vec::new());
    let n = pump(&orders, async |m: &Message| {
        seen.borrow_mut().push(m.seq);
        !m.payload.is_empty()
    })
    .await;
    drop(audit);
    let after = broker.publish("orders.eu.created", "{}", false).await;
    let m = pump(&late, async |m: &Message| m.topic.starts_with("orders.")).await;
    (n + m, after)
}
