#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Chat room fan-out: broadcasts messages to member mailboxes, evicts slow consumers, moderates content.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
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
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone)]
struct Message {
    seq: u64,
    from: String,
    body: Rc<str>,
}

#[derive(Debug)]
enum DeliveryError {
    MailboxFull { member: String, depth: usize },
    Offline(String),
}

trait Delivery {
    async fn deliver(&self, member: &Member, msg: &Message) -> Result<(), DeliveryError>;
}

struct Member {
    name: String,
    online: Cell<bool>,
    mailbox: RefCell<VecDeque<Message>>,
}

struct WebSocket<const DEPTH: usize>;

impl<const DEPTH: usize> Delivery for WebSocket<DEPTH> {
    async fn deliver(&self, member: &Member, msg: &Message) -> Result<(), DeliveryError> {
        if !member.online.get() {
            return Err(DeliveryError::Offline(member.name.clone()));
        }
        let mut mb = member.mailbox.borrow_mut();
        if mb.len() >= DEPTH {
            return Err(DeliveryError::MailboxFull { member: member.name.clone(), depth: mb.len() });
        }
        mb.push_back(msg.clone());
        Ok(())
    }
}

struct Room<D: Delivery> {
    topic: String,
    transport: D,
    members: RefCell<BTreeMap<String, Rc<Member>>>,
    seq: Cell<u64>,
    evicted: RefCell<Vec<String>>,
}

impl<D: Delivery> Room<D> {
    fn join(&self, name: &str) -> Rc<Member> {
        let m = Rc::new(Member { name: name.into(), online: Cell::new(true), mailbox: RefCell::default() });
        self.members.borrow_mut().insert(name.into(), Rc::clone(&m));
        m
    }

    async fn broadcast<M>(&self, from: &str, body: &str, mut moderate: M) -> usize
    where
        M: AsyncFnMut(&str) -> Option<String>,
    {
        let Some(clean) = moderate(body).await else { return 0 };
        let seq = self.seq.get() + 1;
        self.seq.set(seq);
        let msg = Message { seq, from: from.into(), body: clean.into() };
        let recipients: Vec<Rc<Member>> = self.members.borrow().values().filter(|m| m.name != from).cloned().collect();
        let mut delivered = 0;
        for member in recipients {
            match self.transport.deliver(&member, &msg).await {
                Ok(()) => delivered += 1,
                Err(DeliveryError::MailboxFull { member: name, .. }) => {
                    self.members.borrow_mut().remove(&name);
                    self.evicted.borrow_mut().push(name);
                }
                Err(DeliveryError::Offline(_)) => {}
            }
            Yield(1).await;
        }
        delivered
    }
}

async fn drain(member: Rc<Member>, budget: usize) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..budget {
        let next = member.mailbox.borrow_mut().pop_front();
        match next {
            Some(Message { seq, ref from, ref body }) => seen.push(format!("#{seq} <{from}> {body}")),
            None => Yield(1).await,
        }
    }
    seen
}

fn main() {
    let room = Room { topic: "#incident-4512".to_string(), transport: WebSocket::<3>, members: RefCell::default(), seq: Cell::new(0), evicted: RefCell::default() };
    let alice = room.join("alice");
    let bob = room.join("bob");
    let carol = room.join("carol");
    let dave = room.join("dave");
    dave.online.set(false);

    let banned = ["password", "token"];
    let mut flagged = 0u32;
    let script = "alice: db primary failing over\nbob: ack, looking\nalice: here is the token abc123\ncarol: replicas healthy\nbob: lag 3s\nalice: promoting replica-2\n";

    let sent = block_on(async {
        let mut total = 0;
        for line in script.lines() {
            let Some((who, text)) = line.split_once(": ") else { continue };
            total += room
                .broadcast(who, text, async |body: &str| {
                    Yield(1).await;
                    if banned.iter().any(|w| body.contains(w)) {
                        flagged += 1;
                        None
                    } else {
                        Some(body.trim().to_string())
                    }
                })
                .await;
            if who == "bob" {
                // bob reads his mailbox eagerly; carol never does and gets evicted
                let got = drain(Rc::clone(&bob), 2).await;
            }
        }
        total
    });

    let readers: Vec<Pin<Box<dyn Future<Output = Vec<String>>>>> = vec![Box::pin(drain(alice.clone(), 4)), Box::pin(drain(carol.clone(), 4)), Box::pin(drain(dave.clone(), 2))];
    let transcripts = block_on(async move {
        let mut out = Vec::new();
        for r in readers {
            out.push(r.await);
        }
        out
    });

    println!("{}: deliveries={sent} flagged={flagged} evicted={:?}", room.topic, room.evicted.borrow());
    for (name, lines) in ["alice", "carol", "dave"].iter().zip(&transcripts) {
        println!("  {name}: {} msgs, last={:?}", lines.len(), lines.last());
    }
}
