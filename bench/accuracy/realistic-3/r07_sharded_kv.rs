#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Sharded in-memory KV store with per-shard locks, TTLs and a write-ahead log.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Sleep { left: u32 }
    impl Future for Sleep {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.left == 0 { return Poll::Ready(()); }
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
    pub fn sleep(ms: u64) -> Sleep { Sleep { left: (ms / 10).min(3) as u32 + 1 } }

    pub struct Wal { pub bytes: Vec<u8>, pub fsyncs: u32 }
    impl Wal {
        pub async fn append(&mut self, rec: &[u8]) -> std::io::Result<u64> {
            self.bytes.extend_from_slice(rec);
            self.bytes.push(b'\n');
            Ok(self.bytes.len() as u64)
        }
        pub async fn fsync(&mut self) -> std::io::Result<()> {
            sleep(20).await;
            self.fsyncs += 1;
            Ok(())
        }
    }
}

#[derive(Clone, Debug)]
struct Entry<V> { value: V, expires_at: Option<u64> }

struct Shard<K, V> { map: RwLock<HashMap<K, Entry<V>>>, hits: Mutex<u64>, misses: Mutex<u64> }

struct Store<K, V, const N: usize> {
    shards: [Shard<K, V>; N],
    wal: Arc<Mutex<rt::Wal>>,
    clock: Mutex<u64>,
}

trait Encode {
    fn encode(&self) -> String;
}
impl Encode for String {
    fn encode(&self) -> String { format!("s:{}", self) }
}
impl Encode for u64 {
    fn encode(&self) -> String { format!("u:{}", self) }
}
impl Encode for Vec<u8> {
    fn encode(&self) -> String { self.iter().map(|b| format!("{b:02x}")).collect() }
}

impl<K, V, const N: usize> Store<K, V, N>
where
    K: Hash + Eq + Clone + Encode,
    V: Clone + Encode,
{
    fn new() -> Self {
        Store {
            shards: std::array::from_fn(|_| Shard { map: RwLock::new(HashMap::new()), hits: Mutex::new(0), misses: Mutex::new(0) }),
            wal: Arc::new(Mutex::new(rt::Wal { bytes: Vec::with_capacity(8192), fsyncs: 0 })),
            clock: Mutex::new(1_000),
        }
    }

    fn shard(&self, key: &K) -> &Shard<K, V> {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        &self.shards[(h.finish() as usize) % N]
    }

    fn now(&self) -> u64 { *self.clock.lock().unwrap() }

    async fn put(&self, key: K, value: V, ttl: Option<u64>) -> std::io::Result<()> {
        let record = format!("PUT {} {} {:?}", key.encode(), value.encode(), ttl);
        {
            // WAL first; the guard is held across the append because the log is single-writer.
            let mut wal = self.wal.lock().unwrap();
            wal.append(record.as_bytes()).await?;
            if wal.bytes.len() > 128 {
                wal.fsync().await?;
                wal.bytes.clear();
            }
        }
        let expires_at = ttl.map(|t| self.now() + t);
        self.shard(&key).map.write().unwrap().insert(key, Entry { value, expires_at });
        Ok(())
    }

    async fn get(&self, key: &K) -> Option<V> {
        rt::sleep(1).await;
        let shard = self.shard(key);
        let now = self.now();
        let found = match shard.map.read().unwrap().get(key) {
            Some(e) if e.expires_at.map_or(true, |t| t > now) => Some(e.value.clone()),
            _ => None,
        };
        match found {
            Some(_) => *shard.hits.lock().unwrap() += 1,
            None => *shard.misses.lock().unwrap() += 1,
        }
        found
    }

    async fn sweep(&self) -> usize {
        let mut removed = 0;
        for (i, shard) in self.shards.iter().enumerate() {
            let now = self.now();
            let mut map = shard.map.write().unwrap();
            let before = map.len();
            map.retain(|_, e| e.expires_at.map_or(true, |t| t > now));
            removed += before - map.len();
            drop(map);
            rt::sleep(5).await;
        }
        removed
    }

    fn stats(&self) -> (u64, u64, Vec<usize>) {
        let hits = self.shards.iter().map(|s| *s.hits.lock().unwrap()).sum();
        let misses = self.shards.iter().map(|s| *s.misses.lock().unwrap()).sum();
        let sizes = self.shards.iter().map(|s| s.map.read().unwrap().len()).collect();
        (hits, misses, sizes)
    }
}

async fn load_and_probe<K, V, const N: usize>(store: &Store<K, V, N>, items: Vec<(K, V, Option<u64>)>, probes: &[K]) -> usize
where
    K: Hash + Eq + Clone + Encode,
    V: Clone + Encode,
{
    for (k, v, ttl) in items {
        store.put(k, v, ttl).await.expect("wal");
    }
    *store.clock.lock().unwrap() += 50;
    let mut found = 0;
    for p in probes {
        if store.get(p).await.is_some() { found += 1; }
    }
    found + store.sweep().await
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let sessions: Store<String, u64, 4> = Store::new();
    let items = (0..10u64).map(|i| (format!("sess-{i}"), i * 7, if i % 3 == 0 { Some(10) } else { None })).collect();
    let probes: Vec<String> = (0..12).map(|i| format!("sess-{i}")).collect();
    let r1 = block_on(load_and_probe(&sessions, items, &probes));

    let blobs: Store<u64, Vec<u8>, 8> = Store::new();
    let items = vec![(1, vec![0xde, 0xad], None), (2, vec![0xbe, 0xef], Some(100)), (3, vec![], Some(1))];
    let r2 = block_on(load_and_probe(&blobs, items, &[1, 2, 3, 4]));

    let (h, m, sizes) = sessions.stats();
    println!("sessions: score={r1} hits={h} misses={m} shard_sizes={sizes:?} fsyncs={}", sessions.wal.lock().unwrap().fsyncs);
    let (h, m, sizes) = blobs.stats();
    println!("blobs: score={r2} hits={h} misses={m} shard_sizes={sizes:?}");
}
