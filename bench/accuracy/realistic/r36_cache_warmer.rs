//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Default, Clone, Copy)]
pub struct WarmStats {
    pub hits: u32,
    pub loaded: u32,
    pub failed: u32,
    pub skipped: u32,
}

pub struct Cache {
    data: RwLock<HashMap<String, (String, Instant)>>,
    ttl: Duration,
}

impl Cache {
    pub fn new(ttl: Duration) -> Self {
        Cache { data: RwLock::new(HashMap::new()), ttl }
    }

    pub fn fresh_keys(&self, prefix: &str) -> impl Iterator<Item = String> {
        let now = Instant::now();
        let keys: Vec<String> = self
            .data
            .read()
            .unwrap()
            .iter()
            .filter(|(_, (_, at))| now.duration_since(*at) < self.ttl)
            .map(|(k, _)| k.clone())
            .collect();
        keys.into_iter().filter(move |k| k.starts_with(prefix))
    }

    pub async fn get_or_load<F>(&self, key: &str, load: &F) -> Option<String>
    where
        F: AsyncFn(&str) -> Option<String>,
    {
        if let Some((v, at)) = self.data.read().unwrap().get(key).cloned()
            && at.elapsed() < self.ttl
        {
            Some(v)
        } else {
            let v = load(key).await?;
            self.data.write().unwrap().insert(key.to_string(), (v.clone(), Instant::now()));
            Some(v)
        }
    }
}

pub async fn warm_all<F>(cache: &Cache, keys: &[String], budget: Duration, load: F) -> WarmStats
where
    F: AsyncFn(&str) -> Option<String>,
{
    let started = Instant::now();
    let mut stats = WarmStats::default();
    for (i, key) in keys.iter().enumerate() {
        if started.elapsed() > budget {
            stats.skipped = (keys.len() - i) as u32;
            break;
        }
        let before = cache.data.read().unwrap().contains_key(key);
        match cache.get_or_load(key, &load).await {
            Some(_) if before => stats.hits += 1,
            Some(_) => stats.loaded += 1,
            None => stats.failed += 1,
        }
    }
    stats
}

fn hot_keys(access_log: &str, min_hits: usize) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for line in access_log.lines() {
        if let Some(path) = line.split_whitespace().nth(1)
            && let Some(key) = path.strip_prefix("/api/")
        {
            *counts.entry(key.trim_end_matches('/')).or_default() += 1;
        }
    }
    let mut hot: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, n)| n >= min_hits).collect();
    hot.sort_by(|a, b| b.1.cmp(&a.1));
    hot.into_iter().map(|(k, _)| k.replace('/', ":")).collect()
}

pub async fn warm_on_deploy(cache: &Cache, db: &Arc<Mutex<BTreeMap<String, String>>>, access_log: &str) -> (WarmStats, WarmStats) {
    let mut hot = hot_keys(access_log, 3);
    hot.extend(db.lock().unwrap().keys().filter(|k| k.starts_with("product:")).take(100).cloned());
    let from_db = async |key: &str| -> Option<String> {
        rt::sleep(2).await;
        db.lock().unwrap().get(key).cloned()
    };
    let a = warm_all(cache, &hot, Duration::from_secs(30), from_db).await;

    let region = String::from("eu-west-1");
    let from_cdn = async move |key: &str| -> Option<String> {
        rt::sleep(10).await;
        if key.ends_with(":draft") { None } else { Some(format!("cdn://{region}/{key}")) }
    };
    let pages: Vec<String> = ["home", "pricing", "docs:draft"].iter().map(|p| format!("page:{p}")).collect();
    let b = warm_all(cache, &pages, Duration::from_secs(5), from_cdn).await;

    let fresh: Vec<String> = cache.fresh_keys("page:").collect();
    println!("warmed {} pages: {}", fresh.len(), fresh.join(", "));
    (a, b)
}
