//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone)]
enum Message {
    Text(String),
    Binary(Vec<u8>),
    Close { code: u16 },
}

struct Mailbox {
    queue: RefCell<VecDeque<Message>>,
    closed: RefCell<bool>,
}

struct Recv<'a> {
    mb: &'a Mailbox,
}

impl<'a> Future for Recv<'a> {
    type Output = Option<Message>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(m) = self.mb.queue.borrow_mut().pop_front() {
            return Poll::Ready(Some(m));
        }
        if *self.mb.closed.borrow() {
            Poll::Ready(None)
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Mailbox {
    fn recv(&self) -> Recv<'_> {
        Recv { mb: self }
    }
}

#[derive(Default)]
struct Broker {
    topics: RefCell<HashMap<String, Vec<Weak<Mailbox>>>>,
    published: RefCell<u64>,
}

impl Broker {
    fn subscribe(&self, topic: &str) -> Rc<Mailbox> {
        let mb = Rc::new(Mailbox { queue: RefCell::new(VecDeque::new()), closed: RefCell::new(false) });
        self.topics.borrow_mut().entry(topic.into()).or_default().push(Rc::downgrade(&mb));
        mb
    }

    fn subscriber_count(&self, topic: &str) -> usize {
        self.topics.borrow().get(topic).map(|v| v.iter().filter(|w| w.strong_count() > 0).count()).unwrap_or(0)
    }

    async fn publish(&self, topic: &str, msg: Message) -> usize {
        // 2024: the RefMut temporary in the if-let scrutinee is dropped before the else branch
        let subs: Vec<Rc<Mailbox>> = if let Some(list) = self.topics.borrow_mut().get_mut(topic) {
            list.retain(|w| w.strong_count() > 0);
            list.iter().filter_map(Weak::upgrade).collect()
        } else {
            self.topics.borrow_mut().insert(topic.to_string(), Vec::new());
            Vec::new()
        };
        *self.published.borrow_mut() += 1;
        for s in &subs {
            s.queue.borrow_mut().push_back(msg.clone());
            std::future::ready(()).await;
        }
        subs.len()
    }

    async fn close_topic(&self, topic: &str) {
        let n = self.publish(topic, Message::Close { code: 1000 }).await;
        if let Some(list) = self.topics.borrow().get(topic) {
            for w in list {
                if let Some(mb) = w.upgrade() {
                    *mb.closed.borrow_mut() = true;
                }
            }
        }
    }
}

async fn consume(name: &str, mb: Rc<Mailbox>) -> Vec<String> {
    let mut seen = Vec::new();
    while let Some(msg) = mb.recv().await {
        match msg {
            Message::Text(t) if t.starts_with('!') => seen.push(format!("{} cmd {}", name, &t[1..])),
            Message::Text(t) => seen.push(format!("{} text {}", name, t)),
            Message::Binary(b) => seen.push(format!("{} {} bytes", name, b.len())),
            Message::Close { code } => {
                seen.push(format!("{} close {}", name, code));
                break;
            }
        }
    }
    seen
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            break v;
        }
    }
}

fn main() {
    let broker = Broker::default();
    let a = broker.subscribe("orders");
    let b = broker.subscribe("orders");
    let c = broker.subscribe("audit");
    {
        let temp = broker.subscribe("orders");
    }
    println!("orders subs {}", broker.subscriber_count("orders"));

    let producer = async {
        broker.publish("orders", Message::Text("created #1".into())).await;
        broker.publish("orders", Message::Binary(vec![0u8; 12])).await;
        broker.publish("audit", Message::Text("!rotate".into())).await;
        broker.publish("nobody", Message::Text("lost".into())).await;
        broker.close_topic("orders").await;
        broker.close_topic("audit").await;
    };
    block_on(producer);

    let consumers = async {
        let x = consume("a", a.clone()).await;
        let y = consume("b", b).await;
        let z = consume("c", c).await;
        [x, y, z].concat()
    };
    for line in block_on(consumers) {
        println!("{}", line);
    }
    if let Some(list) = broker.topics.borrow().get("nobody")
        && list.is_empty()
    {
        println!("topic 'nobody' registered with no subscribers");
    }
    println!("published {}", broker.published.borrow());
}
