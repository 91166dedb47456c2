#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Read-through LRU cache in front of a product catalog, with a startup warmer and stats.

use std::collections::{HashMap, VecDeque};
use std::fmt::Debug;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }
}

struct Lru<K, V> { cap: usize, map: HashMap<K, V>, order: VecDeque<K> }

impl<K: Hash + Eq + Clone, V: Clone> Lru<K, V> {
    fn new(cap: usize) -> Self { Lru { cap, map: HashMap::new(), order: VecDeque::new() } }
    fn get(&mut self, k: &K) -> Option<V> {
        let v = self.map.get(k)?.clone();
        if let Some(pos) = self.order.iter().position(|x| x == k) {
            let key = self.order.remove(pos).unwrap();
            self.order.push_back(key);
        }
        Some(v)
    }
    fn put(&mut self, k: K, v: V) -> Option<K> {
        let mut evicted = None;
        if !self.map.contains_key(&k) && self.map.len() >= self.cap {
            if let Some(old) = self.order.pop_front() {
                self.map.remove(&old);
                evicted = Some(old);
            }
        }
        if self.map.insert(k.clone(), v).is_none() { self.order.push_back(k); }
        evicted
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Stats { hits: u64, misses: u64, loads: u64, evictions: u64 }

trait Loader<K, V> {
    async fn load(&self, key: &K) -> Result<Option<V>, String>;
}

struct CatalogDb { rows: HashMap<u32, (&'static str, u32)> }
impl Loader<u32, (String, u32)> for CatalogDb {
    async fn load(&self, key: &u32) -> Result<Option<(String, u32)>, String> {
        rt::io().await;
        Ok(self.rows.get(key).map(|(n, p)| (n.to_string(), *p)))
    }
}

struct SlugService;
impl Loader<String, u32> for SlugService {
    async fn load(&self, slug: &String) -> Result<Option<u32>, String> {
        rt::io().await;
        if slug.contains(' ') { return Err(format!("invalid slug {slug:?}")); }
        Ok(slug.rsplit('-').next().and_then(|s| s.parse().ok()))
    }
}

struct ReadThrough<K, V, L> { lru: Mutex<Lru<K, V>>, loader: L, stats: Arc<Mutex<Stats>> }

impl<K, V, L> ReadThrough<K, V, L>
where
    K: Hash + Eq + Clone + Debug,
    V: Clone,
    L: Loader<K, V>,
{
    fn new(cap: usize, loader: L) -> Self { ReadThrough { lru: Mutex::new(Lru::new(cap)), loader, stats: Arc::new(Mutex::new(Stats::default())) } }

    async fn get(&self, key: K) -> Result<Option<V>, String> {
        let cached = self.lru.lock().unwrap().get(&key);
        if let Some(v) = cached {
            self.stats.lock().unwrap().hits += 1;
            return Ok(Some(v));
        }
        self.stats.lock().unwrap().misses += 1;
        let loaded = self.loader.load(&key).await?;
        self.stats.lock().unwrap().loads += 1;
        if let Some(v) = &loaded {
            if self.lru.lock().unwrap().put(key, v.clone()).is_some() {
                self.stats.lock().unwrap().evictions += 1;
            }
        }
        Ok(loaded)
    }

    async fn warm(&self, keys: impl IntoIterator<Item = K>) -> (usize, Vec<String>) {
        let mut warmed = 0;
        let mut errors = Vec::new();
        for k in keys {
            match self.get(k.clone()).await {
                Ok(Some(_)) => warmed += 1,
                Ok(None) => errors.push(format!("{k:?}: not found")),
                Err(e) => errors.push(e),
            }
        }
        (warmed, errors)
    }
}

async fn replay_traffic<K, V, L>(cache: &ReadThrough<K, V, L>, keys: impl Iterator<Item = K>) -> usize
where
    K: Hash + Eq + Clone + Debug,
    V: Clone,
    L: Loader<K, V>,
{
    let mut found = 0;
    for k in keys {
        if let Ok(Some(_)) = cache.get(k).await { found += 1; }
    }
    found
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let db = CatalogDb { rows: (1..=20).map(|i| (i, (["mug", "shirt", "poster", "sticker"][i as usize % 4], 500 + i * 25))).collect() };
    let products = ReadThrough::new(8, db);
    let slugs = ReadThrough::new(4, SlugService);
    let popular = "3,5,8,13,21,1,2";
    let (warm_products, warm_slugs, found_p, found_s) = block_on(async {
        let wp = products.warm(popular.split(',').filter_map(|s| s.parse::<u32>().ok())).await;
        let ws = slugs.warm(vec!["blue-mug-3".to_string(), "bad slug".to_string(), "poster".to_string()]).await;
        let traffic = [3u32, 5, 9, 3, 11, 12, 13, 14, 15, 3, 5, 8];
        let fp = replay_traffic(&products, traffic.iter().copied()).await;
        let fs = replay_traffic(&slugs, ["blue-mug-3", "tee-7", "blue-mug-3"].iter().map(|s| s.to_string())).await;
        (wp, ws, fp, fs)
    });
    println!("warm products={:?} slugs={:?}", warm_products, warm_slugs);
    println!("found p={found_p} s={found_s} stats p={:?} s={:?}", *products.stats.lock().unwrap(), *slugs.stats.lock().unwrap());
}
