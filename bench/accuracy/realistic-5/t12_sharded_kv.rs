//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Sharded key-value store with per-shard RwLocks, a write-ahead log trait and cross-shard range scans.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
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
            break v;
        }
    }
}

#[derive(Debug)]
enum KvError {
    KeyTooLarge(usize),
    WalFull { shard: usize },
    Parse(String),
}

trait Wal {
    async fn append(&self, shard: usize, record: &[u8]) -> Result<u64, KvError>;
}

struct MemWal<const CAP: usize> {
    segments: Mutex<Vec<Vec<u8>>>,
}

impl<const CAP: usize> Wal for MemWal<CAP> {
    async fn append(&self, shard: usize, record: &[u8]) -> Result<u64, KvError> {
        Yield(1).await;
        let mut segs = self.segments.lock().unwrap();
        let seg = &mut segs[shard];
        if seg.len() + record.len() > CAP {
            return Err(KvError::WalFull { shard });
        }
        seg.extend_from_slice(record);
        Ok(seg.len() as u64)
    }
}

struct ShardedKv<W: Wal, const N: usize> {
    shards: [RwLock<BTreeMap<String, Vec<u8>>>; N],
    wal: Arc<W>,
    ops: Mutex<[u64; N]>,
}

impl<W: Wal, const N: usize> ShardedKv<W, N> {
    fn new(wal: Arc<W>) -> Self {
        Self { shards: std::array::from_fn(|_| RwLock::new(BTreeMap::new())), wal, ops: Mutex::new([0; N]) }
    }

    fn shard_of(key: &str) -> usize {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        (h.finish() % N as u64) as usize
    }

    async fn put(&self, key: &str, value: impl Into<Vec<u8>>) -> Result<u64, KvError> {
        if key.len() > 64 {
            return Err(KvError::KeyTooLarge(key.len()));
        }
        let value = value.into();
        let idx = Self::shard_of(key);
        let mut record = Vec::with_capacity(key.len() + value.len() + 2);
        record.push(key.len() as u8);
        record.extend_from_slice(key.as_bytes());
        record.extend_from_slice(&value);
        let lsn = self.wal.append(idx, &record).await?;
        self.shards[idx].write().unwrap().insert(key.to_owned(), value);
        self.ops.lock().unwrap()[idx] += 1;
        Ok(lsn)
    }

    async fn get(&self, key: &str) -> Option<Vec<u8>> {
        Yield(1).await;
        self.shards[Self::shard_of(key)].read().unwrap().get(key).cloned()
    }

    async fn scan_prefix(&self, prefix: &str) -> Vec<(String, Vec<u8>)> {
        let mut merged = BTreeMap::new();
        for (i, shard) in self.shards.iter().enumerate() {
            let guard = shard.read().unwrap();
            merged.extend(guard.range(prefix.to_string()..).take_while(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k.clone(), v.clone())));
            drop(guard);
            Yield(1).await;
        }
        merged.into_iter().collect()
    }

    fn hottest_shard(&self) -> Option<(usize, u64)> {
        let ops = self.ops.lock().unwrap();
        ops.iter().copied().enumerate().max_by_key(|&(_, n)| n)
    }

    fn total_keys(&self) -> usize {
        let shards = &self.shards;
        shards.iter().map(|s| s.read().unwrap().len()).sum()
    }
}

async fn load_batch<W: Wal, const N: usize>(kv: &ShardedKv<W, N>, batch: &str) -> Result<usize, KvError> {
    let mut written = 0;
    for line in batch.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (k, v) = line.split_once('=').ok_or_else(|| KvError::Parse(line.into()))?;
        match kv.put(k, v).await {
            Ok(_) => written += 1,
            Err(KvError::WalFull { shard }) => {
                eprintln!("wal full on shard {shard}, stopping batch");
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

fn main() {
    let batch = "user:1001=ada\nuser:1002=grace\nuser:1003=edsger\norder:77=pending\norder:78=shipped\nsession:x9=exp=1700\nuser:1004=barbara\n";
    let small: ShardedKv<MemWal<4096>, 4> = ShardedKv::new(Arc::new(MemWal { segments: Mutex::new(vec![Vec::new(); 4]) }));
    let wide: ShardedKv<MemWal<24>, 16> = ShardedKv::new(Arc::new(MemWal { segments: Mutex::new(vec![Vec::new(); 16]) }));

    let (a, b) = block_on(async {
        let a = load_batch(&small, batch).await;
        let b = load_batch(&wide, batch).await;
        (a, b)
    });
    println!("small wrote {a:?}, wide wrote {b:?}");

    let report = block_on(async {
        let users = small.scan_prefix("user:").await;
        let probe = async |k: &str| small.get(k).await.map(|v| String::from_utf8_lossy(&v).into_owned());
        let session = probe("session:x9").await;
        let missing = probe("user:9999").await;
        (users, session, missing)
    });
    let (users, session, missing) = report;
    let names: Vec<String> = users.iter().map(|(k, v)| format!("{k}={}", String::from_utf8_lossy(v))).collect();
    println!("users: {}", names.join(", "));
    println!("session={session:?} missing={missing:?}");

    if let Some((idx, ops)) = small.hottest_shard()
        && ops > 1
    {
        println!("hottest shard {idx} with {ops} writes; total keys {}", small.total_keys());
    }
    if let Err(e) = block_on(small.put(&"k".repeat(80), "x")) {
        println!("rejected: {e:?}");
    }
}
