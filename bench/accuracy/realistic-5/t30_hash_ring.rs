//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Consistent-hashing ring with virtual nodes; migrates keys between node stores on membership changes.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::ops::Bound::{Excluded, Unbounded};
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

fn hash64(s: &str) -> u64 {
    let mut h = 0xcbf29ce484222325u64;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // murmur3 fmix64 finalizer: FNV alone clusters badly on near-identical keys
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ceb9fe1a85ec53);
    h ^ (h >> 33)
}

#[derive(Debug)]
enum RingError {
    Empty,
    DuplicateNode(String),
    UnknownNode(String),
}

trait NodeStore {
    async fn put(&self, node: &str, key: String, val: String);
    async fn take(&self, node: &str, key: &str) -> Option<String>;
    fn keys_on(&self, node: &str) -> Vec<String>;
}

#[derive(Default)]
struct Cluster {
    data: RefCell<HashMap<String, BTreeMap<String, String>>>,
    moves: Cell<u32>,
}

impl NodeStore for Cluster {
    async fn put(&self, node: &str, key: String, val: String) {
        Yield(1).await;
        self.data.borrow_mut().entry(node.to_string()).or_default().insert(key, val);
    }
    async fn take(&self, node: &str, key: &str) -> Option<String> {
        Yield(1).await;
        self.data.borrow_mut().get_mut(node)?.remove(key)
    }
    fn keys_on(&self, node: &str) -> Vec<String> {
        let data = &self.data;
        data.borrow().get(node).map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }
}

struct Ring<S: NodeStore, const VNODES: usize> {
    points: BTreeMap<u64, String>,
    store: S,
}

impl<S: NodeStore, const VNODES: usize> Ring<S, VNODES> {
    fn owner(&self, key: &str) -> Result<&str, RingError> {
        let h = hash64(key);
        self.points
            .range(h..)
            .next()
            .or_else(|| self.points.iter().next())
            .map(|(_, n)| n.as_str())
            .ok_or(RingError::Empty)
    }

    fn nodes(&self) -> Vec<String> {
        let mut v: Vec<String> = self.points.values().cloned().collect();
        v.sort();
        v.dedup();
        v
    }

    async fn write(&self, key: &str, val: &str) -> Result<String, RingError> {
        let node = self.owner(key)?.to_string();
        self.store.put(&node, key.to_string(), val.to_string()).await;
        Ok(node)
    }

    async fn rebalance(&self, from_nodes: &[String]) -> u32 {
        let mut moved = 0;
        for node in from_nodes {
            for key in self.store.keys_on(node) {
                if let Ok(owner) = self.owner(&key)
                    && owner != node
                    && let Some(val) = self.store.take(node, &key).await
                {
                    self.store.put(owner, key, val).await;
                    moved += 1;
                }
            }
        }
        moved
    }

    async fn add_node(&mut self, name: &str) -> Result<u32, RingError> {
        if self.points.values().any(|n| n == name) {
            return Err(RingError::DuplicateNode(name.into()));
        }
        let before = self.nodes();
        for v in 0..VNODES {
            self.points.insert(hash64(&format!("{name}#{v}")), name.to_string());
        }
        Ok(self.rebalance(&before).await)
    }

    async fn remove_node(&mut self, name: &str) -> Result<u32, RingError> {
        let before = self.points.len();
        self.points.retain(|_, n| n != name);
        if self.points.len() == before {
            return Err(RingError::UnknownNode(name.into()));
        }
        if self.points.is_empty() {
            return Err(RingError::Empty);
        }
        Ok(self.rebalance(&[name.to_string()]).await)
    }
}

async fn scenario<const V: usize>(label: &str, keys: &[String]) -> Result<(String, Vec<u32>, Vec<usize>), RingError> {
    let mut ring: Ring<Cluster, V> = Ring { points: BTreeMap::new(), store: Cluster::default() };
    let mut moves = Vec::new();
    for n in ["cache-a", "cache-b", "cache-c"] {
        moves.push(ring.add_node(n).await?);
    }
    let load = async |ring: &Ring<Cluster, V>| ring.nodes().iter().map(|n| ring.store.keys_on(n).len()).collect::<Vec<_>>();
    for (i, k) in keys.iter().enumerate() {
        ring.write(k, &format!("v{i}")).await?;
    }
    moves.push(ring.add_node("cache-d").await?);
    moves.push(ring.remove_node("cache-b").await?);
    if let Err(e) = ring.add_node("cache-a").await {
        moves.push(0);
    }
    let dist = load(&ring).await;
    Ok((label.to_string(), moves, dist))
}

fn main() {
    let keys: Vec<String> = (0..200).map(|i| format!("user:{i}:profile")).collect();
    let results = block_on(async {
        let coarse = scenario::<1>("1 vnode", &keys).await;
        let fine = scenario::<64>("64 vnodes", &keys).await;
        [coarse, fine]
    });
    for r in &results {
        match r {
            Ok((label, moves, dist)) => {
                let spread = dist.iter().max().zip(dist.iter().min()).map(|(a, b)| a - b).unwrap_or(0);
                println!("{label:<10} moves(add d, remove b, dup)={:?} load={dist:?} spread={spread}", &moves[3..]);
            }
            Err(e) => println!("scenario failed: {e:?}"),
        }
    }
    let empty: Ring<Cluster, 4> = Ring { points: BTreeMap::new(), store: Cluster::default() };
    println!("owner on empty ring: {:?}", empty.owner("k").err());
}
