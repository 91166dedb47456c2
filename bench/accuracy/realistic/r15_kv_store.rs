//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::HashMap;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, PartialEq)]
pub enum StoreError {
    NotANumber(String),
    Unavailable(&'static str),
}

pub trait Store {
    async fn get(&self, key: &str) -> Option<String>;
    async fn put(&self, key: &str, value: String) -> Result<(), StoreError>;

    async fn get_or(&self, key: &str, default: &str) -> String {
        self.get(key).await.unwrap_or_else(|| default.to_string())
    }

    async fn incr(&self, key: &str, by: i64) -> Result<i64, StoreError> {
        let cur = match self.get(key).await {
            Some(v) => v.trim().parse::<i64>().map_err(|_| StoreError::NotANumber(v))?,
            None => 0,
        };
        let next = cur + by;
        self.put(key, next.to_string()).await?;
        Ok(next)
    }

    async fn get_many(&self, keys: &[&str]) -> Vec<Option<String>> {
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.push(self.get(k).await);
        }
        out
    }
}

#[derive(Default)]
pub struct MemStore {
    map: RefCell<HashMap<String, String>>,
}

impl Store for MemStore {
    async fn get(&self, key: &str) -> Option<String> {
        let map = self.map.borrow();
        rt::sleep(0).await;
        map.get(key).cloned()
    }

    async fn put(&self, key: &str, value: String) -> Result<(), StoreError> {
        self.map.borrow_mut().insert(key.to_owned(), value);
        Ok(())
    }
}

pub struct ShardedStore {
    shards: Vec<MemStore>,
    read_only: bool,
}

impl ShardedStore {
    pub fn new(n: usize) -> Self {
        ShardedStore { shards: (0..n.max(1)).map(|_| MemStore::default()).collect(), read_only: false }
    }

    fn shard(&self, key: &str) -> &MemStore {
        let h = key.bytes().fold(5381u32, |h, b| h.wrapping_mul(33) ^ b as u32);
        &self.shards[h as usize % self.shards.len()]
    }
}

impl Store for ShardedStore {
    async fn get(&self, key: &str) -> Option<String> {
        self.shard(key).get(key).await
    }

    async fn put(&self, key: &str, value: String) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::Unavailable("cluster is read-only"));
        }
        self.shard(key).put(key, value).await
    }
}

pub struct Logged<S> {
    inner: S,
    log: RefCell<Vec<String>>,
}

impl<S: Store> Store for Logged<S> {
    async fn get(&self, key: &str) -> Option<String> {
        let v = self.inner.get(key).await;
        self.log.borrow_mut().push(format!("GET {key} -> {}", v.as_deref().unwrap_or("nil")));
        v
    }

    async fn put(&self, key: &str, value: String) -> Result<(), StoreError> {
        let line = format!("PUT {key} {value}");
        let res = self.inner.put(key, value).await;
        self.log.borrow_mut().push(if res.is_ok() { line } else { format!("{line} (failed)") });
        res
    }

    async fn incr(&self, key: &str, by: i64) -> Result<i64, StoreError> {
        let res = self.inner.incr(key, by).await;
        self.log.borrow_mut().push(format!("INCR {key} {by} -> {res:?}"));
        res
    }
}

pub async fn bump_all<S>(store: &S, keys: &[&str]) -> Result<i64, StoreError>
where
    S: Store,
{
    let mut total = 0;
    for k in keys {
        total += store.incr(k, 1).await?;
    }
    Ok(total)
}

pub async fn exercise() -> Result<(i64, String, usize), StoreError> {
    let mem = MemStore::default();
    let sharded = ShardedStore::new(4);
    let logged = Logged { inner: MemStore::default(), log: RefCell::new(Vec::new()) };
    let a = bump_all(&mem, &["hits", "hits", "misses"]).await?;
    let b = bump_all(&sharded, &["user:1", "user:2", "user:1"]).await?;
    let c = bump_all(&logged, &["jobs"]).await?;
    let greeting = logged.get_or("greeting", "hello").await;
    let many = sharded.get_many(&["user:1", "user:9"]).await;
    let found = many.iter().flatten().count();
    let log_len = logged.log.borrow().len();
    Ok((a + b + c, greeting, found + log_len))
}
