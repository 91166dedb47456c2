//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Email {
    priority: u8,
    seq: u64,
    to: String,
    subject: String,
    body: String,
}

impl Ord for Email {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority.cmp(&other.priority).then_with(|| other.seq.cmp(&self.seq))
    }
}
impl PartialOrd for Email {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug)]
enum SendError {
    Rejected { code: u16, reason: String },
    Throttled,
}

trait Transport {
    async fn send(&self, e: &Email) -> Result<String, SendError>;
}

struct Smtp {
    sent: RefCell<Vec<String>>,
    quota: RefCell<u32>,
}

struct Sandbox;

impl Transport for Smtp {
    async fn send(&self, e: &Email) -> Result<String, SendError> {
        let mut q = self.quota.borrow_mut();
        if *q == 0 {
            return Err(SendError::Throttled);
        }
        *q -= 1;
        drop(q);
        if !e.to.contains('@') || e.to.ends_with('@') {
            return Err(SendError::Rejected { code: 550, reason: format!("bad mailbox {}", e.to) });
        }
        let id = format!("<{}.{}@mx>", e.seq, e.to.len());
        self.sent.borrow_mut().push(id.clone());
        Ok(id)
    }
}

impl Transport for Sandbox {
    async fn send(&self, e: &Email) -> Result<String, SendError> {
        Ok(format!("sandbox:{}", e.seq))
    }
}

fn render(template: &str, vars: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        if let Some(end) = after.find("}}")
            && let Some(v) = vars.get(after[..end].trim())
        {
            out.push_str(v);
            rest = &after[end + 2..];
        } else {
            out.push_str("{{");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

struct Outbox {
    heap: RefCell<BinaryHeap<Email>>,
    seq: RefCell<u64>,
    failures: RefCell<Vec<(u64, String)>>,
}

impl Outbox {
    fn enqueue(&self, priority: u8, to: &str, subject: &str, body: String) {
        let mut s = self.seq.borrow_mut();
        *s += 1;
        self.heap.borrow_mut().push(Email { priority, seq: *s, to: to.into(), subject: subject.into(), body });
    }

    fn pending(&self) -> usize {
        self.heap.borrow().len()
    }

    async fn flush<T: Transport>(&self, t: &T, max: usize) -> Vec<String> {
        let mut ids = Vec::new();
        while ids.len() < max {
            let Some(e) = self.heap.borrow_mut().pop() else { break };
            match t.send(&e).await {
                Ok(id) => ids.push(id),
                Err(SendError::Throttled) => {
                    self.heap.borrow_mut().push(e);
                    break;
                }
                Err(SendError::Rejected { code, reason }) => self.failures.borrow_mut().push((e.seq, format!("{} {}", code, reason))),
            }
        }
        ids
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let outbox = Rc::new(Outbox { heap: RefCell::new(BinaryHeap::new()), seq: RefCell::new(0), failures: RefCell::new(Vec::new()) });
    let tpl = "Hi {{ name }}, your order {{order}} shipped. {{missing}} Bye.";
    let customers = [("ann@x.io", "Ann", 3u8), ("bob@", "Bob", 1), ("cy@y.org", "Cy", 5), ("dee@z.net", "Dee", 1)];
    for (i, (to, name, prio)) in customers.iter().enumerate() {
        let vars: HashMap<&str, String> = [("name", name.to_string()), ("order", format!("#{}", 1000 + i))].into_iter().collect();
        outbox.enqueue(*prio, to, "Shipped", render(tpl, &vars));
    }
    println!("first body: {}", outbox.heap.borrow().peek().map(|e| e.body.clone()).unwrap_or_default());

    let smtp = Smtp { sent: RefCell::new(Vec::new()), quota: RefCell::new(2) };
    let o = outbox.clone();
    let round1 = block_on(async move { o.flush(&smtp, 10).await });
    println!("round1 {:?}, pending {}", round1, outbox.pending());

    let drain_sandbox = async || {
        let mut all = Vec::new();
        while outbox.pending() > 0 {
            all.extend(outbox.flush(&Sandbox, 1).await);
        }
        all
    };
    println!("sandbox {:?}", block_on(drain_sandbox()));
    println!("failures {:?}", outbox.failures.borrow());
}
