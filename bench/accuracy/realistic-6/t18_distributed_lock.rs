//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Distributed lock service with leases and fencing tokens; several clients contend on a round-robin task executor.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type Task<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

fn run_all(mut tasks: Vec<Task<'_>>, clock: &Cell<u64>) -> u64 {
    let mut cx = Context::from_waker(Waker::noop());
    let mut rounds = 0;
    while !tasks.is_empty() {
        rounds += 1;
        clock.set(clock.get() + 1); // one logical tick per scheduling round
        tasks.retain_mut(|t| t.as_mut().poll(&mut cx).is_pending());
    }
    rounds
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut f = std::pin::pin!(f);
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { break v; } }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone)]
struct Lease { owner: String, token: u64, expires: u64 }

#[derive(Debug, PartialEq)]
enum LockError { Held { by: String, until: u64 }, Fenced { token: u64, latest: u64 }, NotOwner }

struct LockService<'c> { leases: RefCell<HashMap<String, Lease>>, next_token: Cell<u64>, clock: &'c Cell<u64> }

impl<'c> LockService<'c> {
    async fn acquire(&self, key: &str, owner: &str, ttl: u64) -> Result<u64, LockError> {
        Yield(1).await;
        let now = self.clock.get();
        // Edition 2024: the `borrow()` in the scrutinee is released before the else arm borrows mutably.
        if let Some(l) = self.leases.borrow().get(key) && l.expires > now && l.owner != owner {
            return Err(LockError::Held { by: l.owner.clone(), until: l.expires });
        } else {
            let token = self.next_token.get() + 1;
            self.next_token.set(token);
            self.leases.borrow_mut().insert(key.to_string(), Lease { owner: owner.to_string(), token, expires: now + ttl });
            Ok(token)
        }
    }

    async fn release(&self, key: &str, owner: &str, token: u64) -> Result<(), LockError> {
        Yield(1).await;
        let mut leases = self.leases.borrow_mut();
        match leases.get(key) {
            Some(l) if l.owner == owner && l.token == token => { leases.remove(key); Ok(()) }
            _ => Err(LockError::NotOwner),
        }
    }
}

struct Storage { latest_token: Cell<u64>, writes: RefCell<Vec<(String, u64, String)>> }

impl Storage {
    async fn write(&self, who: &str, token: u64, value: String) -> Result<(), LockError> {
        Yield(2).await;
        let latest = self.latest_token.get();
        if token < latest { return Err(LockError::Fenced { token, latest }); }
        self.latest_token.set(token);
        self.writes.borrow_mut().push((who.to_string(), token, value));
        Ok(())
    }
}

async fn retrying<T>(max: u32, mut f: impl AsyncFnMut(u32) -> Result<T, LockError>) -> Result<T, LockError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match f(attempt).await {
            Err(LockError::Held { until, .. }) if attempt < max => Yield(2).await,
            other => break other,
        }
    }
}

async fn worker(name: &str, svc: &LockService<'_>, store: &Storage, pause_after_lock: u32, log: Rc<RefCell<Vec<String>>>) {
    let token = match retrying(12, async |n| svc.acquire("jobs/reindex", name, 6).await).await {
        Ok(t) => t,
        Err(e) => { log.borrow_mut().push(format!("{name}: gave up: {e:?}")); return; }
    };
    log.borrow_mut().push(format!("{name}: got token {token} at t={}", svc.clock.get()));
    Yield(pause_after_lock).await; // e.g. a GC pause longer than the lease
    let outcome = store.write(name, token, format!("index built by {name}")).await;
    let released = svc.release("jobs/reindex", name, token).await;
    log.borrow_mut().push(format!("{name}: write={outcome:?} release={released:?}"));
}

fn main() {
    let clock = Cell::new(0);
    let svc = LockService { leases: RefCell::new(HashMap::new()), next_token: Cell::new(0), clock: &clock };
    let store = Storage { latest_token: Cell::new(0), writes: RefCell::new(Vec::new()) };
    let log = Rc::new(RefCell::new(Vec::new()));
    let clients: [(&str, u32); 3] = [("alpha", 12), ("beta", 1), ("gamma", 0)];
    let tasks: Vec<Task<'_>> = clients.iter().map(|&(name, pause)| Box::pin(worker(name, &svc, &store, pause, log.clone())) as Task<'_>).collect();
    let rounds = run_all(tasks, &clock);
    for line in log.borrow().iter() { println!("{line}"); }
    let writes = store.writes.borrow();
    println!("rounds={rounds} writes={:?}", writes.iter().map(|(w, t, _)| (w.as_str(), *t)).collect::<Vec<_>>());
    assert!(writes.windows(2).all(|w| w[0].1 < w[1].1), "fencing tokens must increase");
    assert!(log.borrow().iter().any(|l| l.starts_with("alpha: write=Err(Fenced")));
    let late = block_on(async { svc.acquire("jobs/reindex", "delta", 5).await });
    assert!(late.is_ok());
}
