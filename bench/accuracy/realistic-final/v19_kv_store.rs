//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

const SHARDS: usize = 4;

#[derive(Debug, Clone)]
enum Op {
    Put(String, Vec<u8>),
    Delete(String),
}

trait Wal {
    async fn append(&self, op: &Op) -> std::io::Result<u64>;
    async fn replay(&self) -> Vec<Op>;
}

#[derive(Default)]
struct MemWal {
    entries: Mutex<Vec<Op>>,
}

impl Wal for MemWal {
    async fn append(&self, op: &Op) -> std::io::Result<u64> {
        let mut e = self.entries.lock().unwrap();
        e.push(op.clone());
        Ok(e.len() as u64)
    }
    async fn replay(&self) -> Vec<Op> {
        self.entries.lock().unwrap().clone()
    }
}

struct Store<W: Wal> {
    shards: [RwLock<HashMap<String, Vec<u8>>>; SHARDS],
    wal: W,
}

fn shard_of(key: &str) -> usize {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    (h.finish() as usize) % SHARDS
}

impl<W: Wal> Store<W> {
    fn new(wal: W) -> Self {
        Store { shards: std::array::from_fn(|_| RwLock::new(HashMap::new())), wal }
    }

    fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.shards[shard_of(key)].read().unwrap().get(key).cloned()
    }

    fn len(&self) -> usize {
        self.shards.iter().map(|s| s.read().unwrap().len()).sum()
    }

    fn shard_len(&self, i: usize) -> usize {
        self.shards[i].read().unwrap().len()
    }

    // 2024 RPIT: implicitly captures the lifetime of `self` and `prefix`
    fn keys_with_prefix(&self, prefix: &str) -> impl Iterator<Item = String> {
        let mut all: Vec<String> = Vec::new();
        for s in &self.shards {
            all.extend(s.read().unwrap().keys().filter(|k| k.starts_with(prefix)).cloned());
        }
        all.sort();
        all.into_iter()
    }

    fn apply(&self, op: &Op) {
        match op {
            Op::Put(k, v) => {
                self.shards[shard_of(k)].write().unwrap().insert(k.clone(), v.clone());
            }
            Op::Delete(k) => {
                self.shards[shard_of(k)].write().unwrap().remove(k);
            }
        }
    }

    async fn put(&self, key: &str, value: &[u8]) -> std::io::Result<u64> {
        let op = Op::Put(key.to_string(), value.to_vec());
        let seq = self.wal.append(&op).await?;
        self.apply(&op);
        Ok(seq)
    }

    async fn delete(&self, key: &str) -> std::io::Result<bool> {
        if self.shards[shard_of(key)].read().unwrap().contains_key(key) {
            let op = Op::Delete(key.to_string());
            self.wal.append(&op).await?;
            self.apply(&op);
            Ok(true)
        } else {
            Ok(false)
        }
    }

    async fn compare_and_swap(&self, key: &str, expect: Option<&[u8]>, new: &[u8]) -> std::io::Result<bool> {
        let current = self.get(key);
        if let Some(cur) = &current
            && Some(cur.as_slice()) != expect
        {
            return Ok(false);
        }
        if current.is_none() && expect.is_some() {
            return Ok(false);
        }
        self.put(key, new).await.map(|_| true)
    }
}

async fn recover<W: Wal>(from: &W, into: &Store<MemWal>) -> usize {
    let ops = from.replay().await;
    for op in &ops {
        into.apply(op);
        into.wal.append(op).await.ok();
    }
    ops.len()
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let store = Arc::new(Store::new(MemWal::default()));
    let s = store.clone();
    let writes = async move {
        for (i, name) in "alpha beta gamma delta epsilon user:1 user:2 user:3".split(' ').enumerate() {
            s.put(name, format!("v{}", i).as_bytes()).await?;
        }
        s.delete("beta").await?;
        let missing = s.delete("zeta").await?;
        let cas1 = s.compare_and_swap("alpha", Some(b"v0"), b"v0b").await?;
        let cas2 = s.compare_and_swap("alpha", Some(b"v0"), b"nope").await?;
        let cas3 = s.compare_and_swap("new", None, b"fresh").await?;
        Ok::<_, std::io::Error>((missing, cas1, cas2, cas3))
    };
    println!("{:?}", block_on(writes).unwrap());
    println!("len {} shards {:?}", store.len(), (0..SHARDS).map(|i| store.shard_len(i)).collect::<Vec<_>>());
    println!("users {:?}", store.keys_with_prefix("user:").collect::<Vec<_>>());
    println!("alpha={:?}", store.get("alpha").map(String::from_utf8));

    let replica = Store::new(MemWal::default());
    let n = block_on(recover(&store.wal, &replica));
    println!("replayed {} ops, replica len {}", n, replica.len());
    let verify = async || {
        let mut diffs = 0;
        for k in store.keys_with_prefix("") {
            if replica.get(&k) != store.get(&k) {
                diffs += 1;
            }
        }
        std::future::ready(diffs).await
    };
    println!("diffs {}", block_on(verify()));
}
