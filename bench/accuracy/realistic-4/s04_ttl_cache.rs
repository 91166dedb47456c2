#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Read-through cache with per-entry TTL, negative caching and an expiry index, backed by async loaders.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::future::Future;
use std::hash::Hash;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

thread_local! {
    static TICKS: Cell<u64> = Cell::new(0);
}

fn now() -> u64 {
    TICKS.with(|t| t.get())
}

struct Sleep(u64);

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        TICKS.with(|t| t.set(t.get() + 1));
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => continue,
        }
    }
}

#[derive(Debug)]
enum LoadError {
    Backend(String),
    Timeout,
}

#[derive(Debug)]
enum CacheError {
    Load { key: String, source: LoadError },
    Poisoned,
}

trait Loader<K, V> {
    async fn load(&self, key: &K) -> Result<Option<V>, LoadError>;
}

struct Entry<V> {
    value: Option<V>,
    expires_at: u64,
}

struct TtlCache<K, V, L> {
    loader: L,
    ttl: u64,
    negative_ttl: u64,
    entries: RefCell<HashMap<K, Entry<V>>>,
    expiry: RefCell<BTreeMap<u64, Vec<K>>>,
    hits: Cell<u32>,
    misses: Cell<u32>,
}

impl<K, V, L> TtlCache<K, V, L>
where
    K: Eq + Hash + Clone + Debug,
    V: Clone,
    L: Loader<K, V>,
{
    fn new(loader: L, ttl: u64, negative_ttl: u64) -> Self {
        TtlCache {
            loader,
            ttl,
            negative_ttl,
            entries: RefCell::new(HashMap::new()),
            expiry: RefCell::new(BTreeMap::new()),
            hits: Cell::new(0),
            misses: Cell::new(0),
        }
    }

    async fn get(&self, key: &K) -> Result<Option<V>, CacheError> {
        let t = now();
        if let Some(e) = self.entries.borrow().get(key) {
            if e.expires_at > t {
                self.hits.set(self.hits.get() + 1);
                return Ok(e.value.clone());
            }
        }
        self.misses.set(self.misses.get() + 1);
        let loaded = match self.loader.load(key).await {
            Ok(v) => v,
            Err(source) => return Err(CacheError::Load { key: format!("{:?}", key), source }),
        };
        let ttl = if loaded.is_some() { self.ttl } else { self.negative_ttl };
        let expires_at = now() + ttl;
        self.expiry.borrow_mut().entry(expires_at).or_default().push(key.clone());
        self.entries.borrow_mut().insert(key.clone(), Entry { value: loaded.clone(), expires_at });
        Ok(loaded)
    }

    async fn get_many(&self, keys: &[K]) -> Vec<Result<Option<V>, CacheError>> {
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.push(self.get(k).await);
        }
        out
    }

    fn evict_expired(&self) -> usize {
        let t = now();
        let mut expiry = self.expiry.borrow_mut();
        let still_live = expiry.split_off(&(t + 1));
        let due = std::mem::replace(&mut *expiry, still_live);
        let mut entries = self.entries.borrow_mut();
        let mut removed = 0;
        for (_, keys) in due {
            for k in keys {
                if entries.get(&k).map_or(false, |e| e.expires_at <= t) {
                    entries.remove(&k);
                    removed += 1;
                }
            }
        }
        removed
    }
}

#[derive(Clone, Debug)]
struct Profile {
    name: String,
    tier: &'static str,
}

struct ProfileService {
    rows: HashMap<u32, Profile>,
    calls: Cell<u32>,
    broken_ids: Vec<u32>,
}

impl Loader<u32, Profile> for ProfileService {
    async fn load(&self, key: &u32) -> Result<Option<Profile>, LoadError> {
        self.calls.set(self.calls.get() + 1);
        Sleep(3).await;
        if self.broken_ids.contains(key) {
            return Err(LoadError::Backend(format!("shard for {} offline", key)));
        }
        Ok(self.rows.get(key).cloned())
    }
}

struct FnLoader<F>(F);

impl<K, V, F, Fut> Loader<K, V> for FnLoader<F>
where
    K: Clone,
    F: Fn(K) -> Fut,
    Fut: Future<Output = Result<Option<V>, LoadError>>,
{
    async fn load(&self, key: &K) -> Result<Option<V>, LoadError> {
        (self.0)(key.clone()).await
    }
}

fn main() {
    let mut rows = HashMap::new();
    rows.insert(1, Profile { name: "alice".into(), tier: "gold" });
    rows.insert(2, Profile { name: "bob".into(), tier: "free" });
    let svc = ProfileService { rows, calls: Cell::new(0), broken_ids: vec![7] };
    let cache = TtlCache::new(svc, 10, 4);

    let summary = block_on(async {
        let mut lines: Vec<String> = Vec::new();
        let first = cache.get_many(&[1, 2, 3, 1, 7]).await;
        for (k, r) in [1, 2, 3, 1, 7].iter().zip(first) {
            let desc = match r {
                Ok(Some(p)) => format!("{}={}({})", k, p.name, p.tier),
                Ok(None) => format!("{}=<absent>", k),
                Err(CacheError::Load { source: LoadError::Backend(msg), .. }) => format!("{}=ERR {}", k, msg),
                Err(e) => format!("{}={:?}", k, e),
            };
            lines.push(desc);
        }
        Sleep(6).await;
        let evicted = cache.evict_expired();
        let again = cache.get(&3).await.map(|p| p.is_some());
        Sleep(8).await;
        lines.push(format!("evicted={} again3={:?} evicted_later={}", evicted, again.ok(), cache.evict_expired()));
        lines
    });
    println!("{}", summary.join("; "));

    let slug_cache = TtlCache::new(
        FnLoader(|id: String| async move {
            Sleep(1).await;
            let slug: String = id.chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect::<String>().to_lowercase().replace(' ', "-");
            if slug.is_empty() { Ok(None) } else { Ok(Some(slug)) }
        }),
        5,
        1,
    );
    let slugs = block_on(async {
        let titles = ["Hello, World!".to_string(), "Async Rust 101".to_string(), "!!!".to_string(), "Hello, World!".to_string()];
        let res = slug_cache.get_many(&titles).await;
        res.into_iter().map(|r| format!("{:?}", r.ok().flatten())).collect::<Vec<_>>()
    });
    println!("slugs: {}", slugs.join(", "));
    println!(
        "profile hits={} misses={} | slug hits={} misses={} | clock={}",
        cache.hits.get(),
        cache.misses.get(),
        slug_cache.hits.get(),
        slug_cache.misses.get(),
        now()
    );
}
