//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Clone, Debug)]
struct Entry {
    value: String,
    inserted: Instant,
}

#[derive(Debug)]
pub enum OriginError {
    NotFound,
    Timeout,
}

pub trait Origin {
    async fn fetch(&self, key: &str) -> Result<String, OriginError>;
}

pub struct LruCache {
    cap: usize,
    ttl: Duration,
    map: Mutex<HashMap<String, Entry>>,
    order: Mutex<VecDeque<String>>,
    misses: Cell<u64>,
}

impl LruCache {
    pub fn new(cap: usize, ttl: Duration) -> Self {
        LruCache {
            cap,
            ttl,
            map: Mutex::new(HashMap::with_capacity(cap)),
            order: Mutex::new(VecDeque::with_capacity(cap)),
            misses: Cell::new(0),
        }
    }

    fn touch(&self, key: &str) {
        let mut order = self.order.lock().unwrap();
        if let Some(pos) = order.iter().position(|k| k == key) {
            order.remove(pos);
        }
        order.push_back(key.to_string());
    }

    fn evict_if_needed(&self) {
        let victim = {
            let mut order = self.order.lock().unwrap();
            if order.len() <= self.cap {
                return;
            }
            order.pop_front()
        };
        if let Some(k) = victim {
            self.map.lock().unwrap().remove(&k);
        }
    }

    pub async fn get_or_fetch<O: Origin>(&self, key: &str, origin: &O) -> Result<String, OriginError> {
        if let Some(e) = self.map.lock().unwrap().get(key).cloned()
            && e.inserted.elapsed() < self.ttl
        {
            self.touch(key);
            Ok(e.value)
        } else {
            self.misses.set(self.misses.get() + 1);
            let value = origin.fetch(key).await?;
            let entry = Entry { value: value.clone(), inserted: Instant::now() };
            self.map.lock().unwrap().insert(key.to_string(), entry);
            self.touch(key);
            self.evict_if_needed();
            Ok(value)
        }
    }

    pub async fn refresh(&self, keys: &[&str], origin: &impl Origin) -> usize {
        let mut refreshed = 0;
        for key in keys {
            match origin.fetch(key).await {
                Ok(v) => {
                    let mut map = self.map.lock().unwrap();
                    map.insert(key.to_string(), Entry { value: v, inserted: Instant::now() });
                    refreshed += 1;
                }
                Err(OriginError::NotFound) => {
                    self.map.lock().unwrap().remove(*key);
                }
                Err(OriginError::Timeout) => rt::sleep(50).await,
            }
        }
        refreshed
    }

    pub async fn stale_keys(&self) -> Vec<String> {
        let snapshot = Mutex::new(self.map.lock().unwrap().clone());
        rt::sleep(1).await;
        snapshot
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, e)| e.inserted.elapsed() >= self.ttl)
            .map(|(k, _)| k.clone())
            .collect()
    }
}

pub struct HttpOrigin {
    pub base: String,
}

impl Origin for HttpOrigin {
    async fn fetch(&self, key: &str) -> Result<String, OriginError> {
        rt::sleep(20).await;
        if key.starts_with('_') {
            return Err(OriginError::NotFound);
        }
        Ok(format!("{}/{}", self.base.trim_end_matches('/'), key))
    }
}

pub struct FixtureOrigin(pub HashMap<&'static str, &'static str>);

impl Origin for FixtureOrigin {
    async fn fetch(&self, key: &str) -> Result<String, OriginError> {
        self.0.get(key).map(|v| v.to_string()).ok_or(OriginError::NotFound)
    }
}

pub async fn warm(cache: &LruCache) -> Result<usize, OriginError> {
    let http = HttpOrigin { base: "https://cdn.example.com/".into() };
    let fixtures = FixtureOrigin(HashMap::from([("logo", "<svg/>"), ("motd", "hello")]));
    let a = cache.get_or_fetch("index.html", &http).await?;
    let b = cache.get_or_fetch("logo", &fixtures).await?;
    let n = cache.refresh(&["motd", "_private"], &fixtures).await + cache.refresh(&["app.js"], &http).await;
    let stale = cache.stale_keys().await;
    Ok(a.len() + b.len() + n + stale.len())
}
