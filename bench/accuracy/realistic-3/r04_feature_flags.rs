#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Feature-flag service: layered sources, percentage rollouts, cached evaluation.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Sleep(pub bool);
    impl Future for Sleep {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn sleep(_ms: u64) -> Sleep { Sleep(false) }
}

#[derive(Debug, Clone, PartialEq)]
enum Rule { On, Off, Percent(u8), Allow(Vec<String>) }

#[derive(Debug, Clone)]
struct Flag { key: String, rule: Rule, version: u32 }

trait FlagSource {
    fn name(&self) -> &str;
    async fn fetch(&self, key: &str) -> Option<Flag>;

    async fn fetch_many(&self, keys: &[&str]) -> Vec<Flag> {
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            if let Some(f) = self.fetch(k).await {
                out.push(f);
            }
        }
        out
    }
}

struct StaticDefaults(HashMap<String, Rule>);

impl FlagSource for StaticDefaults {
    fn name(&self) -> &str { "defaults" }
    async fn fetch(&self, key: &str) -> Option<Flag> {
        self.0.get(key).map(|r| Flag { key: key.to_string(), rule: r.clone(), version: 0 })
    }
}

struct RemoteConfig { body: String, requests: RwLock<u32> }

impl FlagSource for RemoteConfig {
    fn name(&self) -> &str { "remote" }
    async fn fetch(&self, key: &str) -> Option<Flag> {
        rt::sleep(30).await;
        *self.requests.write().unwrap() += 1;
        // body format: key=rule@version
        self.body.lines().find_map(|line| {
            let (k, rest) = line.split_once('=')?;
            if k.trim() != key { return None; }
            let (rule, ver) = rest.split_once('@')?;
            let rule = match rule.trim() {
                "on" => Rule::On,
                "off" => Rule::Off,
                r if r.ends_with('%') => Rule::Percent(r.trim_end_matches('%').parse().ok()?),
                r => Rule::Allow(r.split(',').map(|s| s.trim().to_string()).collect()),
            };
            Some(Flag { key: key.to_string(), rule, version: ver.trim().parse().ok()? })
        })
    }
    async fn fetch_many(&self, keys: &[&str]) -> Vec<Flag> {
        // one round trip for the whole set, then local lookups
        rt::sleep(30).await;
        let mut out = Vec::new();
        for k in keys {
            if let Some(f) = self.fetch(k).await { out.push(f); }
        }
        out
    }
}

fn bucket(user: &str, key: &str) -> u8 {
    let h = user.bytes().chain(key.bytes()).fold(7u32, |acc, b| acc.wrapping_mul(31).wrapping_add(b as u32));
    (h % 100) as u8
}

struct FlagService<P: FlagSource, F: FlagSource> {
    primary: P,
    fallback: F,
    cache: Arc<RwLock<HashMap<String, Flag>>>,
}

impl<P: FlagSource, F: FlagSource> FlagService<P, F> {
    async fn resolve(&self, key: &str) -> Option<Flag> {
        if let Some(f) = self.cache.read().unwrap().get(key) {
            return Some(f.clone());
        }
        let flag = match self.primary.fetch(key).await {
            Some(f) => f,
            None => self.fallback.fetch(key).await?,
        };
        self.cache.write().unwrap().insert(key.to_string(), flag.clone());
        Some(flag)
    }

    async fn is_enabled(&self, key: &str, user: &str) -> bool {
        let Some(flag) = self.resolve(key).await else { return false };
        match &flag.rule {
            Rule::On => true,
            Rule::Off => false,
            Rule::Percent(p) => bucket(user, key) < *p,
            Rule::Allow(list) => list.iter().any(|u| u == user),
        }
    }

    async fn warm(&self, keys: &[&str]) -> usize {
        let flags = self.primary.fetch_many(keys).await;
        let mut cache = self.cache.write().unwrap();
        for f in flags {
            cache.insert(f.key.clone(), f);
        }
        cache.len()
    }
}

async fn evaluate_all<S>(svc: &S, users: &[&str], keys: &[&str]) -> HashMap<String, usize>
where
    S: Evaluator,
{
    let mut counts = HashMap::new();
    for key in keys {
        for user in users {
            if svc.check(key, user).await {
                *counts.entry(key.to_string()).or_insert(0) += 1;
            }
        }
    }
    counts
}

trait Evaluator {
    async fn check(&self, key: &str, user: &str) -> bool;
}

impl<P: FlagSource, F: FlagSource> Evaluator for FlagService<P, F> {
    async fn check(&self, key: &str, user: &str) -> bool { self.is_enabled(key, user).await }
}

struct Kill; // emergency kill switch: everything off
impl Evaluator for Kill {
    async fn check(&self, _key: &str, _user: &str) -> bool { rt::sleep(1).await; false }
}

fn block_on<F: Future>(f: F) -> F::Output {
    const VT: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VT), |_| {}, |_| {}, |_| {});
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = Box::pin(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let remote = RemoteConfig {
        body: "new_checkout = 30% @ 4\ndark_mode = on @ 2\nbeta_api = alice, bob @ 9\n".into(),
        requests: RwLock::new(0),
    };
    let defaults = StaticDefaults(HashMap::from([("legacy_export".to_string(), Rule::On), ("dark_mode".to_string(), Rule::Off)]));
    let svc = FlagService { primary: remote, fallback: defaults, cache: Arc::new(RwLock::new(HashMap::new())) };
    let keys = ["new_checkout", "dark_mode", "beta_api", "legacy_export", "missing"];
    let users = ["alice", "bob", "carol", "dan", "erin", "frank"];
    let warmed = block_on(svc.warm(&keys[..2]));
    let counts = block_on(evaluate_all(&svc, &users, &keys));
    let killed = block_on(evaluate_all(&Kill, &users, &keys));
    let from_defaults = block_on(svc.fallback.fetch_many(&keys));
    let mut sorted: Vec<_> = counts.into_iter().collect();
    sorted.sort();
    println!("warmed={} enabled={:?} killed={} defaults={}", warmed, sorted, killed.len(), from_defaults.len());
    println!("remote requests={}", *svc.primary.requests.read().unwrap());
}
