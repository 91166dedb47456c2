#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! State-based CRDT replication: G-counters and an LWW map converging via async gossip rounds.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.0 == 0 {
            return Poll::Ready(());
        }
        this.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = Waker::noop();
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            break out;
        }
    }
}

trait Crdt: Clone + Debug + PartialEq {
    fn merge(&mut self, other: &Self);
    fn digest(&self) -> u64;
}

#[derive(Clone, Debug, PartialEq)]
struct GCounter<const N: usize> {
    slots: [u64; N],
}

impl<const N: usize> GCounter<N> {
    fn incr(&mut self, node: usize, by: u64) {
        self.slots[node % N] += by;
    }
    fn value(&self) -> u64 {
        self.slots.iter().sum()
    }
}

impl<const N: usize> Crdt for GCounter<N> {
    fn merge(&mut self, other: &Self) {
        for (mine, theirs) in self.slots.iter_mut().zip(other.slots.iter()) {
            *mine = (*mine).max(*theirs);
        }
    }
    fn digest(&self) -> u64 {
        self.slots.iter().enumerate().fold(17, |acc, (i, v)| acc.wrapping_mul(31).wrapping_add(v ^ i as u64))
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
struct LwwMap {
    entries: BTreeMap<String, (u64, u8, String)>,
}

impl LwwMap {
    fn set(&mut self, key: &str, ts: u64, node: u8, val: &str) {
        let incoming = (ts, node, val.to_string());
        match self.entries.get(key) {
            Some(cur) if (cur.0, cur.1) >= (ts, node) => {}
            _ => {
                self.entries.insert(key.to_string(), incoming);
            }
        }
    }
}

impl Crdt for LwwMap {
    fn merge(&mut self, other: &Self) {
        for (k, (ts, node, v)) in &other.entries {
            self.set(k, *ts, *node, v);
        }
    }
    fn digest(&self) -> u64 {
        self.entries.iter().map(|(k, (ts, n, v))| k.len() as u64 * 7 + ts * 13 + *n as u64 + v.len() as u64).sum()
    }
}

struct Replica<C: Crdt> {
    id: u8,
    state: RefCell<C>,
    merges: Cell<u32>,
}

impl<C: Crdt> Replica<C> {
    async fn snapshot(&self) -> C {
        Yield(1).await;
        self.state.borrow().clone()
    }

    async fn pull_from(&self, peer: &Replica<C>) -> bool {
        let remote = peer.snapshot().await;
        let mut local = self.state.borrow_mut();
        let before = local.digest();
        local.merge(&remote);
        Yield(1).await; // persist merged state to WAL while holding the borrow
        self.merges.set(self.merges.get() + 1);
        local.digest() != before
    }
}

async fn anti_entropy<C: Crdt>(replicas: &[Replica<C>], max_rounds: usize) -> Result<usize, String> {
    let converged_at = 'rounds: loop {
        for round in 1..=max_rounds {
            let mut changed = false;
            for (i, r) in replicas.iter().enumerate() {
                let peer = &replicas[(i + round) % replicas.len()];
                if peer.id != r.id {
                    changed |= r.pull_from(peer).await;
                }
            }
            let first = replicas[0].state.borrow().digest();
            if !changed && replicas.iter().all(|r| r.state.borrow().digest() == first) {
                break 'rounds round;
            }
        }
        return Err(format!("no convergence after {max_rounds} rounds"));
    };
    Ok(converged_at)
}

fn replicas<C: Crdt>(n: u8, init: C) -> Vec<Replica<C>> {
    (0..n).map(|id| Replica { id, state: RefCell::new(init.clone()), merges: Cell::new(0) }).collect()
}

fn main() {
    let counters = replicas(4, GCounter::<4> { slots: [0; 4] });
    let maps = replicas(3, LwwMap::default());
    let ops = "0 page_views 5\n1 page_views 2\n3 page_views 9\n2 signups 1\n1 signups 4";

    block_on(async {
        let mut writers: Vec<Pin<Box<dyn Future<Output = ()> + '_>>> = Vec::new();
        for (ts, line) in ops.lines().enumerate() {
            let counters = &counters;
            let maps = &maps;
            writers.push(Box::pin(async move {
                let fields: Vec<&str> = line.split(' ').collect();
                let [node, metric, amount] = fields[..] else { return };
                let node: usize = node.parse().unwrap_or(0);
                Yield(node as u8).await;
                counters[node].state.borrow_mut().incr(node, amount.parse().unwrap_or(0));
                maps[node % 3].state.borrow_mut().set(metric, ts as u64, node as u8, amount);
            }));
        }
        for w in writers {
            w.await;
        }
    });

    let c_round = block_on(anti_entropy(&counters, 6));
    let m_round = block_on(anti_entropy(&maps, 6));
    let total = counters[2].state.borrow().value();
    println!("counters converged {c_round:?}, total={total}");
    println!("maps converged {m_round:?}: {:?}", maps[0].state.borrow().entries);
    let merges: u32 = counters.iter().chain(std::iter::empty()).map(|r| r.merges.get()).sum();
    println!("merges performed: {merges}");
}
