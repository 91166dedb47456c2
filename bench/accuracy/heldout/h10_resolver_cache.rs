#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// DNS-like resolver with a TTL cache, CNAME chasing and negative caching.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Record {
    A([u8; 4]),
    Cname(String),
    NxDomain,
}

#[derive(Debug, Clone)]
struct CacheEntry {
    record: Record,
    expires_at: u64,
}

struct Resolver {
    cache: HashMap<String, CacheEntry>,
    upstream: String,
    hits: u32,
    misses: u32,
}

async fn query_upstream(server: &str, name: &str) -> Result<(Record, u32), String> {
    match name {
        "www.example.com" => Ok((Record::Cname("example.com".into()), 300)),
        "example.com" => Ok((Record::A([93, 184, 216, 34]), 3600)),
        n if n.ends_with(".invalid") => Ok((Record::NxDomain, 60)),
        _ => Err(format!("SERVFAIL from {}", server)),
    }
}

async fn current_time() -> u64 {
    10_000
}

impl Resolver {
    async fn lookup_one(&mut self, name: &str) -> Result<Record, String> {
        let now = current_time().await;
        if let Some(entry) = self.cache.get(name) {
            if entry.expires_at > now {
                self.hits += 1;
                return Ok(entry.record.clone());
            }
        }
        self.misses += 1;
        let (record, ttl) = query_upstream(&self.upstream, name).await?;
        let entry = CacheEntry { record: record.clone(), expires_at: now + ttl as u64 };
        self.cache.insert(name.to_string(), entry);
        Ok(record)
    }

    async fn resolve(&mut self, name: &str) -> Result<[u8; 4], String> {
        let mut current = name.to_string();
        for hop in 0..8 {
            match self.lookup_one(&current).await? {
                Record::A(ip) => return Ok(ip),
                Record::Cname(target) => {
                    println!("hop {}: {} -> {}", hop, current, target);
                    current = target;
                }
                Record::NxDomain => return Err(format!("NXDOMAIN {}", current)),
            }
        }
        Err("CNAME chain too long".to_string())
    }

    fn evict_expired(&mut self, now: u64) -> usize {
        let before = self.cache.len();
        self.cache.retain(|_, e| e.expires_at > now);
        before - self.cache.len()
    }
}

pub async fn warm_and_resolve() -> Vec<String> {
    let mut r = Resolver { cache: HashMap::new(), upstream: "9.9.9.9".into(), hits: 0, misses: 0 };
    let names = vec!["www.example.com", "example.com", "nothing.invalid", "down.test"];
    let mut out = Vec::new();
    for name in &names {
        let line = match r.resolve(name).await {
            Ok([a, b, c, d]) => format!("{} = {}.{}.{}.{}", name, a, b, c, d),
            Err(e) => format!("{} failed: {}", name, e),
        };
        out.push(line);
    }
    let again = r.resolve("www.example.com").await.is_ok();
    let prefetch = async |res: &mut Resolver, host: &str| -> bool { res.lookup_one(host).await.is_ok() };
    let mut warmed = 0;
    for host in ["example.com", "cdn.example.com"] {
        if prefetch(&mut r, host).await {
            warmed += 1;
        }
    }
    let evicted = r.evict_expired(current_time().await + 400);
    assert!(again);
    println!("hits={} misses={} evicted={}", r.hits, r.misses, evicted);
    out
}
