#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

struct Entry {
    value: String,
    last_used: u64,
}

struct Cache {
    entries: HashMap<String, Entry>,
    capacity: usize,
    clock: u64,
    hits: u32,
    misses: u32,
}

async fn load_from_db(key: &str) -> Option<String> {
    if key.len() % 3 == 0 {
        None
    } else {
        Some(key.to_uppercase())
    }
}

async fn log_event(msg: String) {}

impl Cache {
    fn new(capacity: usize) -> Self {
        Cache { entries: HashMap::new(), capacity, clock: 0, hits: 0, misses: 0 }
    }

    fn evict_oldest(&mut self) -> Option<String> {
        let oldest = self
            .entries
            .iter()
            .min_by_key(|(_, e)| e.last_used)
            .map(|(k, _)| k.clone())?;
        self.entries.remove(&oldest);
        Some(oldest)
    }

    async fn get(&mut self, key: &str) -> Option<String> {
        self.clock += 1;
        let now = self.clock;
        if let Some(entry) = self.entries.get_mut(key) {
            entry.last_used = now;
            self.hits += 1;
            return Some(entry.value.clone());
        }
        self.misses += 1;
        let loaded = load_from_db(key).await?;
        if self.entries.len() >= self.capacity {
            if let Some(evicted) = self.evict_oldest() {
                log_event(format!("evicted {}", evicted)).await;
            }
        }
        self.entries.insert(
            key.to_string(),
            Entry { value: loaded.clone(), last_used: now },
        );
        Some(loaded)
    }

    async fn warm(&mut self, keys: &[&str]) -> usize {
        let mut loaded = 0;
        for k in keys {
            if self.get(k).await.is_some() {
                loaded += 1;
            }
        }
        loaded
    }

    async fn report(&self) {
        let total = self.hits + self.misses;
        let ratio: f64 = if total == 0 { 0.0 } else { self.hits as f64 / total as f64 };
        log_event(format!("hits={} misses={} ratio={:.2}", self.hits, self.misses, ratio)).await;
    }
}

async fn run_cache_demo() -> u32 {
    let mut cache = Cache::new(2);
    let warmed = cache.warm(&["alpha", "beta", "gamma"]).await;
    let keys = vec!["alpha", "delta", "alpha", "beta"];
    for key in keys.iter() {
        let v = cache.get(key).await;
        match v {
            Some(ref s) if s.len() > 4 => println!("long {}", s),
            Some(s) => println!("short {}", s),
            None => println!("missing {}", key),
        }
    }
    cache.report().await;
    cache.hits
}
