#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    pub async fn sleep(_ms: u64) {}
    pub async fn fetch_origin(key: &str) -> Option<Vec<u8>> {
        if key.starts_with("missing") {
            None
        } else {
            Some(key.bytes().rev().collect())
        }
    }
}

#[derive(Debug)]
enum CacheError {
    NotFound(String),
    TooLarge { key: String, size: usize },
}

impl std::fmt::Display for CacheError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CacheError::NotFound(k) => write!(f, "not found: {}", k),
            CacheError::TooLarge { key, size } => write!(f, "{} too large ({} bytes)", key, size),
        }
    }
}

#[derive(Clone)]
struct Entry {
    data: Arc<Vec<u8>>,
    hits: u32,
    inserted_at: u64,
}

struct ReadThroughCache {
    inner: Mutex<HashMap<String, Entry>>,
    max_entry: usize,
    clock: Mutex<u64>,
}

impl ReadThroughCache {
    fn new(max_entry: usize) -> Self {
        ReadThroughCache {
            inner: Mutex::new(HashMap::new()),
            max_entry,
            clock: Mutex::new(0),
        }
    }

    fn tick(&self) -> u64 {
        let mut c = self.clock.lock().unwrap();
        *c += 1;
        *c
    }

    fn lookup(&self, key: &str) -> Option<Arc<Vec<u8>>> {
        let mut map = self.inner.lock().unwrap();
        let entry = map.get_mut(key)?;
        entry.hits += 1;
        Some(entry.data.clone())
    }

    async fn get(&self, key: &str) -> Result<Arc<Vec<u8>>, CacheError> {
        if let Some(hit) = self.lookup(key) {
            return Ok(hit);
        }
        rt::sleep(5).await;
        let fetched = rt::fetch_origin(key)
            .await
            .ok_or_else(|| CacheError::NotFound(key.to_string()))?;
        if fetched.len() > self.max_entry {
            return Err(CacheError::TooLarge { key: key.to_string(), size: fetched.len() });
        }
        let data = Arc::new(fetched);
        let now = self.tick();
        let mut map = self.inner.lock().unwrap();
        map.insert(key.to_string(), Entry { data: data.clone(), hits: 0, inserted_at: now });
        drop(map);
        Ok(data)
    }

    async fn warm(&self, keys: &[&str]) -> usize {
        let mut ok = 0;
        for k in keys {
            match self.get(k).await {
                Ok(_) => ok += 1,
                Err(e) => println!("warm failed: {}", e),
            }
            rt::sleep(1).await;
        }
        ok
    }

    async fn evict_older_than(&self, cutoff: u64) -> Vec<String> {
        rt::sleep(2).await;
        let mut map = self.inner.lock().unwrap();
        let stale: Vec<String> = map
            .iter()
            .filter(|(_, e)| e.inserted_at < cutoff && e.hits == 0)
            .map(|(k, _)| k.clone())
            .collect();
        for k in &stale {
            map.remove(k);
        }
        stale
    }
}

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let cache = Arc::new(ReadThroughCache::new(16));
    let c2 = cache.clone();
    let warmed = block_on(async move { c2.warm(&["alpha", "beta", "missing-1", "a-very-long-key-name-here"]).await });
    println!("warmed {}", warmed);

    let hit = block_on(cache.get("alpha"));
    println!("alpha -> {:?}", hit.map(|d| d.len()));

    let evicted = block_on(cache.evict_older_than(10));
    println!("evicted {:?}", evicted);

    let boxed: Pin<Box<dyn Future<Output = usize> + '_>> = Box::pin(async {
        let a = cache.get("gamma").await.map(|v| v.len()).unwrap_or(0);
        let b = cache.get("delta").await.map(|v| v.len()).unwrap_or(0);
        a + b
    });
    println!("total {}", block_on(boxed));
}
