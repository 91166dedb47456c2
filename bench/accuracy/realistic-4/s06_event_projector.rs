#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Event-sourcing projector: decodes a stored event log and catches up read models page by page.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut boxed: Pin<Box<F>> = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = boxed.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Event {
    Opened { owner: String },
    Deposited { amount: i64 },
    Withdrawn { amount: i64 },
    Closed { reason: Option<String> },
}

#[derive(Debug, Clone)]
struct Envelope {
    seq: u64,
    stream: String,
    event: Event,
}

#[derive(Debug)]
enum DecodeError {
    Fields(usize),
    Number(ParseIntError),
    UnknownKind(String),
}

impl From<ParseIntError> for DecodeError {
    fn from(e: ParseIntError) -> Self {
        DecodeError::Number(e)
    }
}

#[derive(Debug)]
enum ProjError {
    Invariant(String),
    Decode(DecodeError),
}

impl From<DecodeError> for ProjError {
    fn from(e: DecodeError) -> Self {
        ProjError::Decode(e)
    }
}

fn decode(line: &str) -> Result<Envelope, DecodeError> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    if parts.len() < 3 {
        return Err(DecodeError::Fields(parts.len()));
    }
    let seq: u64 = parts[0].parse()?;
    let arg = parts.get(3).copied().unwrap_or("");
    let event = match parts[2] {
        "opened" => Event::Opened { owner: arg.to_string() },
        "deposited" => Event::Deposited { amount: arg.parse()? },
        "withdrawn" => Event::Withdrawn { amount: arg.parse()? },
        "closed" => Event::Closed { reason: if arg.is_empty() { None } else { Some(arg.to_string()) } },
        other => return Err(DecodeError::UnknownKind(other.to_string())),
    };
    Ok(Envelope { seq, stream: parts[1].to_string(), event })
}

struct EventStore {
    lines: Vec<String>,
}

impl EventStore {
    async fn read_page(&self, from: u64, limit: usize) -> Vec<(u64, String)> {
        Yield(1).await;
        self.lines.iter().enumerate().skip(from as usize).take(limit).map(|(i, l)| (i as u64, l.clone())).collect()
    }
}

trait Projection {
    fn name(&self) -> &'static str;
    async fn apply(&mut self, env: &Envelope) -> Result<(), ProjError>;
}

#[derive(Default)]
struct Balances {
    balances: HashMap<String, i64>,
    closed: Vec<String>,
}

impl Projection for Balances {
    fn name(&self) -> &'static str {
        "balances"
    }
    async fn apply(&mut self, env: &Envelope) -> Result<(), ProjError> {
        Yield(1).await;
        let key = env.stream.clone();
        match &env.event {
            Event::Opened { .. } => {
                self.balances.insert(key, 0);
            }
            Event::Deposited { amount } => *self.balances.entry(key).or_insert(0) += amount,
            Event::Withdrawn { amount } => {
                let bal = self.balances.get_mut(&key).ok_or_else(|| ProjError::Invariant(format!("{} not open", key)))?;
                if *bal < *amount {
                    return Err(ProjError::Invariant(format!("{} overdrawn by {}", key, amount - *bal)));
                }
                *bal -= amount;
            }
            Event::Closed { reason: Some(r) } if r == "fraud" => {
                self.balances.remove(&key);
                self.closed.push(format!("{}!", key));
            }
            Event::Closed { .. } => self.closed.push(key),
        }
        Ok(())
    }
}

#[derive(Default)]
struct OwnerIndex {
    by_owner: BTreeMap<String, Vec<String>>,
}

impl Projection for OwnerIndex {
    fn name(&self) -> &'static str {
        "owners"
    }
    async fn apply(&mut self, env: &Envelope) -> Result<(), ProjError> {
        if let Event::Opened { owner } = &env.event {
            Yield(2).await;
            self.by_owner.entry(owner.to_lowercase()).or_default().push(env.stream.clone());
        }
        Ok(())
    }
}

struct Projector<P: Projection> {
    projection: P,
    checkpoint: u64,
    dead_letters: Vec<String>,
    store: Rc<EventStore>,
}

impl<P: Projection> Projector<P> {
    async fn catch_up(&mut self, page_size: usize) -> Result<u64, ProjError> {
        let mut applied = 0;
        loop {
            let page = self.store.read_page(self.checkpoint, page_size).await;
            if page.is_empty() {
                break;
            }
            for (pos, line) in page {
                let result = match decode(&line) {
                    Ok(env) => self.projection.apply(&env).await,
                    Err(e) => Err(ProjError::from(e)),
                };
                match result {
                    Ok(()) => applied += 1,
                    Err(ProjError::Invariant(msg)) => self.dead_letters.push(format!("#{} {}", pos, msg)),
                    Err(ProjError::Decode(DecodeError::UnknownKind(k))) => self.dead_letters.push(format!("#{} skip kind {}", pos, k)),
                    Err(fatal) => return Err(fatal),
                }
                self.checkpoint = pos + 1;
            }
        }
        Ok(applied)
    }
}

fn main() {
    let log = "0|acc-1|opened|Alice\n1|acc-1|deposited|500\n2|acc-2|opened|Bob\n3|acc-2|withdrawn|20\n\
               4|acc-1|withdrawn|120\n5|acc-3|opened|alice\n6|acc-3|renamed|x\n7|acc-3|deposited|75\n\
               8|acc-2|closed|\n9|acc-3|closed|fraud";
    let store = Rc::new(EventStore { lines: log.lines().map(|l| l.trim().to_string()).collect() });
    let mut balances = Projector { projection: Balances::default(), checkpoint: 0, dead_letters: vec![], store: store.clone() };
    let mut owners = Projector { projection: OwnerIndex::default(), checkpoint: 0, dead_letters: vec![], store: store.clone() };

    let (a, b) = block_on(async {
        let a = balances.catch_up(4).await;
        let b = owners.catch_up(3).await;
        (a, b)
    });
    let mut bal: Vec<_> = balances.projection.balances.iter().collect();
    bal.sort();
    println!("{} applied={:?} balances={:?} closed={:?}", balances.projection.name(), a, bal, balances.projection.closed);
    println!("{} applied={:?} index={:?}", owners.projection.name(), b, owners.projection.by_owner);
    println!("dead letters: {:?} / {:?}", balances.dead_letters, owners.dead_letters);

    let mut bad = Projector { projection: OwnerIndex::default(), checkpoint: 0, dead_letters: vec![], store: Rc::new(EventStore { lines: vec!["x|y|opened|z".into()] }) };
    match block_on(bad.catch_up(2)) {
        Err(ProjError::Decode(DecodeError::Number(e))) => println!("fatal decode at checkpoint {}: {}", bad.checkpoint, e),
        other => println!("unexpected: {:?}", other),
    }
}
