//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Lease manager: TTL-based leader leases with fencing tokens, renewal loops and expiry-driven failover.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
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
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Lease {
    holder: String,
    token: u64,
    expires_at: u64,
}

#[derive(Debug, PartialEq)]
enum LeaseError {
    Held { by: String, until: u64 },
    Stale { presented: u64, current: u64 },
    NotFound(String),
}

trait LeaseStore {
    async fn compare_and_set(&self, name: &str, expected: Option<u64>, lease: Lease) -> Result<Lease, LeaseError>;
    async fn get(&self, name: &str) -> Option<Lease>;
}

struct MemLeases {
    leases: RefCell<HashMap<String, Lease>>,
    clock: Rc<Cell<u64>>,
}

impl LeaseStore for MemLeases {
    async fn compare_and_set(&self, name: &str, expected: Option<u64>, lease: Lease) -> Result<Lease, LeaseError> {
        Yield(1).await;
        let mut map = self.leases.borrow_mut();
        let current = map.get(name).map(|l| l.token);
        if current != expected {
            return Err(LeaseError::Stale { presented: expected.unwrap_or(0), current: current.unwrap_or(0) });
        }
        map.insert(name.to_string(), lease.clone());
        Ok(lease)
    }
    async fn get(&self, name: &str) -> Option<Lease> {
        self.leases.borrow().get(name).cloned()
    }
}

struct Manager<S: LeaseStore> {
    store: S,
    clock: Rc<Cell<u64>>,
    ttl: u64,
    history: RefCell<Vec<String>>,
}

impl<S: LeaseStore> Manager<S> {
    async fn acquire(&self, name: &str, who: &str) -> Result<Lease, LeaseError> {
        let now = self.clock.get();
        let existing = self.store.get(name).await;
        if let Some(l) = &existing
            && l.expires_at > now
            && l.holder != who
        {
            return Err(LeaseError::Held { by: l.holder.clone(), until: l.expires_at });
        }
        let expected = existing.as_ref().map(|l| l.token);
        let token = expected.map_or(1, |t| t + 1);
        let lease = self.store.compare_and_set(name, expected, Lease { holder: who.into(), token, expires_at: now + self.ttl }).await?;
        self.history.borrow_mut().push(format!("t={now} {who} acquired {name} token={token}"));
        Ok(lease)
    }

    async fn renew(&self, name: &str, lease: &Lease) -> Result<Lease, LeaseError> {
        let now = self.clock.get();
        let Some(current) = self.store.get(name).await else { return Err(LeaseError::NotFound(name.into())) };
        if current.token != lease.token || current.expires_at <= now {
            return Err(LeaseError::Stale { presented: lease.token, current: current.token });
        }
        let renewed = Lease { expires_at: now + self.ttl, ..current };
        self.store.compare_and_set(name, Some(lease.token), renewed).await
    }

    fn holder_count(&self) -> usize {
        let hist = &self.history;
        hist.borrow().iter().filter(|h| h.contains("acquired")).count()
    }
}

async fn worker<S: LeaseStore>(mgr: &Manager<S>, name: &'static str, who: &'static str, stall_at: Option<u64>, until: u64, writes: &RefCell<BTreeMap<u64, (String, u64)>>) -> u32 {
    let mut lease: Option<Lease> = None;
    let mut writes_done = 0;
    while mgr.clock.get() < until {
        let now = mgr.clock.get();
        if let Some(stall) = stall_at
            && (stall..stall + 8).contains(&now)
        {
            Yield(1).await; // GC pause: miss renewals
            continue;
        }
        lease = match lease.take() {
            Some(l) => mgr.renew(name, &l).await.ok(),
            None => mgr.acquire(name, who).await.ok(),
        };
        // fencing: storage rejects writes carrying an older token than it has seen
        if let Some(l) = &lease {
            let mut w = writes.borrow_mut();
            let max_seen = w.values().map(|(_, t)| *t).max().unwrap_or(0);
            if l.token >= max_seen {
                w.insert(now, (who.to_string(), l.token));
                writes_done += 1;
            }
        }
        Yield(2).await;
    }
    writes_done
}

fn main() {
    let clock = Rc::new(Cell::new(0u64));
    let mgr = Manager { store: MemLeases { leases: RefCell::default(), clock: clock.clone() }, clock: clock.clone(), ttl: 5, history: RefCell::default() };
    let writes = RefCell::new(BTreeMap::new());

    let (a, b) = block_on(async {
        let mut fa = pin!(worker(&mgr, "scheduler-leader", "node-a", Some(6), 30, &writes));
        let mut fb = pin!(worker(&mgr, "scheduler-leader", "node-b", None, 30, &writes));
        let (mut ra, mut rb) = (None, None);
        poll_fn(|cx| {
            clock.set(clock.get() + 1); // one tick per executor round
            if ra.is_none() && let Poll::Ready(v) = fa.as_mut().poll(cx) {
                ra = Some(v);
            }
            if rb.is_none() && let Poll::Ready(v) = fb.as_mut().poll(cx) {
                rb = Some(v);
            }
            if ra.is_some() && rb.is_some() { Poll::Ready(()) } else { Poll::Pending }
        })
        .await;
        (ra.unwrap(), rb.unwrap())
    });

    println!("writes: node-a={a} node-b={b}, leadership changes={}", mgr.holder_count());
    for h in mgr.history.borrow().iter() {
        println!("  {h}");
    }
    let tokens: Vec<u64> = writes.borrow().values().map(|(_, t)| *t).collect();
    assert!(tokens.windows(2).all(|w| w[0] <= w[1]), "fencing tokens must be monotonic");
    if let Some(l) = block_on(mgr.store.get("scheduler-leader")) {
        println!("final lease: {} token={} expires_at={}", l.holder, l.token, l.expires_at);
    }
}
