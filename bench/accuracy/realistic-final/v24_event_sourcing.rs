#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

trait Aggregate: Default + Debug {
    type Event: Clone + Debug;
    const KIND: &'static str;
    fn apply(&mut self, ev: &Self::Event);
}

#[derive(Debug, Clone)]
enum AccountEvent {
    Opened { owner: String },
    Deposited(u64),
    Withdrawn(u64),
    Frozen,
}

#[derive(Debug, Default)]
struct Account {
    owner: String,
    balance: i64,
    frozen: bool,
    version: u32,
}

impl Aggregate for Account {
    type Event = AccountEvent;
    const KIND: &'static str = "account";
    fn apply(&mut self, ev: &AccountEvent) {
        match ev {
            AccountEvent::Opened { owner } => self.owner = owner.clone(),
            AccountEvent::Deposited(n) => self.balance += *n as i64,
            AccountEvent::Withdrawn(n) => self.balance -= *n as i64,
            AccountEvent::Frozen => self.frozen = true,
        }
        self.version += 1;
    }
}

#[derive(Debug, Clone)]
enum CartEvent {
    Added(String, u32),
    Removed(String),
    CheckedOut,
}

#[derive(Debug, Default)]
struct Cart {
    items: BTreeMap<String, u32>,
    done: bool,
}

impl Aggregate for Cart {
    type Event = CartEvent;
    const KIND: &'static str = "cart";
    fn apply(&mut self, ev: &CartEvent) {
        match ev {
            CartEvent::Added(sku, q) => *self.items.entry(sku.clone()).or_insert(0) += q,
            CartEvent::Removed(sku) => {
                self.items.remove(sku);
            }
            CartEvent::CheckedOut => self.done = true,
        }
    }
}

struct EventStore<E> {
    streams: RefCell<BTreeMap<String, Vec<E>>>,
}

impl<E: Clone> EventStore<E> {
    fn new() -> Self {
        EventStore { streams: RefCell::new(BTreeMap::new()) }
    }

    async fn append(&self, stream: &str, expected: usize, events: Vec<E>) -> Result<usize, String> {
        let mut s = self.streams.borrow_mut();
        let v = s.entry(stream.to_string()).or_default();
        if v.len() != expected {
            return Err(format!("conflict on {}: expected {}, at {}", stream, expected, v.len()));
        }
        v.extend(events);
        Ok(v.len())
    }

    async fn read(&self, stream: &str, from: usize) -> Vec<E> {
        self.streams.borrow().get(stream).map(|v| v[from.min(v.len())..].to_vec()).unwrap_or_default()
    }
}

async fn load<A>(store: &EventStore<A::Event>, id: &str) -> (A, usize)
where
    A: Aggregate,
{
    let events = store.read(&format!("{}-{}", A::KIND, id), 0).await;
    let mut agg = A::default();
    for e in &events {
        agg.apply(e);
    }
    (agg, events.len())
}

async fn withdraw(store: &EventStore<AccountEvent>, id: &str, amount: u64) -> Result<i64, String> {
    let (acct, version) = load::<Account>(store, id).await;
    if acct.frozen {
        return Err(format!("{} is frozen", id));
    }
    if acct.balance < amount as i64 {
        return Err(format!("insufficient funds: {} < {}", acct.balance, amount));
    }
    store.append(&format!("account-{}", id), version, vec![AccountEvent::Withdrawn(amount)]).await?;
    Ok(acct.balance - amount as i64)
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
    let accounts: EventStore<AccountEvent> = EventStore::new();
    let carts: EventStore<CartEvent> = EventStore::new();
    let setup = async {
        accounts.append("account-7", 0, vec![AccountEvent::Opened { owner: "ann".into() }, AccountEvent::Deposited(100)]).await?;
        accounts.append("account-8", 0, vec![AccountEvent::Opened { owner: "ben".into() }, AccountEvent::Deposited(5), AccountEvent::Frozen]).await?;
        let stale = accounts.append("account-7", 1, vec![AccountEvent::Deposited(1)]).await;
        println!("stale write: {:?}", stale);
        carts.append("cart-1", 0, vec![CartEvent::Added("apple".into(), 3), CartEvent::Added("pear".into(), 1)]).await?;
        carts.append("cart-1", 2, vec![CartEvent::Removed("pear".into()), CartEvent::Added("apple".into(), 2), CartEvent::CheckedOut]).await?;
        Ok::<(), String>(())
    };
    block_on(setup).unwrap();

    for (id, amt) in [("7", 30u64), ("7", 80), ("8", 1)] {
        println!("withdraw {} from {}: {:?}", amt, id, block_on(withdraw(&accounts, id, amt)));
    }
    let (acct, v) = block_on(load::<Account>(&accounts, "7"));
    let (cart, cv) = block_on(load::<Cart>(&carts, "1"));
    println!("{:?} @{}\n{:?} @{}", acct, v, cart, cv);

    let projection = async {
        let mut totals = BTreeMap::new();
        let names: Vec<String> = accounts.streams.borrow().keys().cloned().collect();
        for name in names {
            let evs = accounts.read(&name, 0).await;
            let net: i64 = evs.iter().map(|e| match e { AccountEvent::Deposited(n) => *n as i64, AccountEvent::Withdrawn(n) => -(*n as i64), _ => 0 }).sum();
            totals.insert(name, net);
        }
        totals
    };
    println!("projection {:?}", block_on(projection));
}
