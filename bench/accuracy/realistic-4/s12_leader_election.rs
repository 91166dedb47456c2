#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Lease-based leader election: nodes campaign against a shared CAS lease store, renew, crash and fail over.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

thread_local! {
    static CLOCK: Cell<u64> = Cell::new(0);
}

fn now() -> u64 {
    CLOCK.with(|c| c.get())
}

struct SleepUntil(u64);

impl Future for SleepUntil {
    type Output = u64;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if now() >= self.0 {
            Poll::Ready(now())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn sleep(ticks: u64) -> SleepUntil {
    SleepUntil(now() + ticks)
}

type Task = Pin<Box<dyn Future<Output = String>>>;

fn run_all(mut tasks: Vec<Task>, max_ticks: u64) -> Vec<String> {
    let mut cx = Context::from_waker(Waker::noop());
    let mut done = Vec::new();
    while !tasks.is_empty() && now() < max_ticks {
        let mut i = 0;
        while i < tasks.len() {
            match tasks[i].as_mut().poll(&mut cx) {
                Poll::Ready(summary) => {
                    done.push(summary);
                    drop(tasks.swap_remove(i));
                }
                Poll::Pending => i += 1,
            }
        }
        CLOCK.with(|c| c.set(c.get() + 1));
    }
    done
}

#[derive(Debug, Clone, PartialEq)]
struct Lease {
    holder: String,
    term: u64,
    expires_at: u64,
}

#[derive(Debug)]
enum LeaseError {
    Held { by: String, until: u64 },
    Stale { expected_term: u64, actual_term: u64 },
    Partitioned(String),
}

#[derive(Default)]
struct LeaseStore {
    lease: Option<Lease>,
    revisions: u64,
    partitioned: Vec<String>,
    history: BTreeMap<u64, String>,
}

impl LeaseStore {
    fn check_partition(&self, node: &str) -> Result<(), LeaseError> {
        if self.partitioned.iter().any(|p| p == node) {
            return Err(LeaseError::Partitioned(node.to_string()));
        }
        Ok(())
    }
}

struct Client {
    store: Rc<RefCell<LeaseStore>>,
}

impl Client {
    async fn acquire(&self, node: &str, ttl: u64) -> Result<Lease, LeaseError> {
        sleep(1).await;
        let mut s = self.store.borrow_mut();
        s.check_partition(node)?;
        let t = now();
        let next_term = match &s.lease {
            Some(l) if l.expires_at > t && l.holder != node => return Err(LeaseError::Held { by: l.holder.clone(), until: l.expires_at }),
            Some(l) => l.term + 1,
            None => 1,
        };
        let lease = Lease { holder: node.to_string(), term: next_term, expires_at: t + ttl };
        s.revisions += 1;
        s.history.insert(t, format!("{}@term{}", node, next_term));
        s.lease = Some(lease.clone());
        Ok(lease)
    }

    async fn renew(&self, current: &Lease, ttl: u64) -> Result<Lease, LeaseError> {
        sleep(1).await;
        let mut s = self.store.borrow_mut();
        s.check_partition(&current.holder)?;
        let actual = s.lease.clone();
        match actual {
            Some(l) if l.term == current.term && l.holder == current.holder => {
                let renewed = Lease { expires_at: now() + ttl, ..l };
                s.revisions += 1;
                s.lease = Some(renewed.clone());
                Ok(renewed)
            }
            Some(l) => Err(LeaseError::Stale { expected_term: current.term, actual_term: l.term }),
            None => Err(LeaseError::Stale { expected_term: current.term, actual_term: 0 }),
        }
    }
}

enum Role {
    Follower,
    Leader(Lease),
}

async fn campaign(name: String, client: Client, ttl: u64, crash_at: Option<u64>, stop_at: u64) -> String {
    let mut role = Role::Follower;
    let mut terms_led = Vec::new();
    let mut rejections = 0u32;
    loop {
        if now() >= stop_at {
            break;
        }
        if crash_at.map_or(false, |t| now() >= t) {
            return format!("{} crashed at t={} after leading terms {:?}", name, now(), terms_led);
        }
        role = match role {
            Role::Follower => match client.acquire(&name, ttl).await {
                Ok(lease) => {
                    terms_led.push(lease.term);
                    Role::Leader(lease)
                }
                Err(LeaseError::Held { until, .. }) => {
                    rejections += 1;
                    let wait = until.saturating_sub(now()).max(1);
                    sleep(wait).await;
                    Role::Follower
                }
                Err(_) => {
                    sleep(2).await;
                    Role::Follower
                }
            },
            Role::Leader(lease) => {
                sleep(ttl / 3).await;
                match client.renew(&lease, ttl).await {
                    Ok(renewed) => Role::Leader(renewed),
                    Err(LeaseError::Stale { actual_term, .. }) => {
                        rejections += 1;
                        Role::Follower
                    }
                    Err(e) => {
                        sleep(1).await;
                        Role::Follower
                    }
                }
            }
        };
    }
    let status = if let Role::Leader(l) = &role { format!("leader(term {})", l.term) } else { "follower".to_string() };
    format!("{} finished as {} terms={:?} rejections={}", name, status, terms_led, rejections)
}

fn main() {
    let store = Rc::new(RefCell::new(LeaseStore::default()));
    let plan = [("node-a", Some(25)), ("node-b", None), ("node-c", None)];
    let mut tasks: Vec<Task> = Vec::new();
    for (name, crash_at) in plan {
        let client = Client { store: Rc::clone(&store) };
        tasks.push(Box::pin(campaign(name.to_string(), client, 9, crash_at, 80)));
    }
    let partitioner = {
        let store = Rc::clone(&store);
        async move {
            sleep(45).await;
            let victim = store.borrow().lease.as_ref().map(|l| l.holder.clone()).unwrap_or_default();
            store.borrow_mut().partitioned.push(victim.clone());
            sleep(20).await;
            store.borrow_mut().partitioned.clear();
            format!("partitioned {} between t=45 and t=65", victim)
        }
    };
    tasks.push(Box::pin(partitioner));
    let mut summaries = run_all(tasks, 200);
    summaries.sort();
    for s in &summaries {
        println!("{}", s);
    }
    let s = store.borrow();
    let transitions: Vec<String> = s.history.iter().map(|(t, who)| format!("t{}:{}", t, who)).collect();
    println!("revisions={} transitions={}", s.revisions, transitions.join(" "));
}
