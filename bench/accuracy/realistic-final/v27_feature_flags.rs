#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone)]
enum Rule {
    On,
    Off,
    Percent(u8),
    Allow(HashSet<String>),
    Attr { key: String, equals: String },
}

#[derive(Debug, Clone, Default)]
struct Snapshot {
    version: u32,
    flags: BTreeMap<String, Vec<Rule>>,
}

struct User<'a> {
    id: &'a str,
    attrs: &'a [(&'a str, &'a str)],
}

trait FlagSource {
    async fn fetch(&self, since: u32) -> Result<Option<String>, String>;
}

struct RemoteSource {
    versions: Vec<&'static str>,
    calls: Mutex<u32>,
}

impl FlagSource for RemoteSource {
    async fn fetch(&self, since: u32) -> Result<Option<String>, String> {
        *self.calls.lock().unwrap() += 1;
        if since as usize >= self.versions.len() {
            return Ok(None);
        }
        let body = self.versions[since as usize];
        if body.is_empty() { Err("503 from flag server".to_string()) } else { Ok(Some(body.to_string())) }
    }
}

fn bucket(flag: &str, user: &str) -> u8 {
    let h = flag.bytes().chain(user.bytes()).fold(0u32, |h, b| h.rotate_left(5) ^ b as u32);
    (h % 100) as u8
}

fn parse_rule(s: &str) -> Option<Rule> {
    let s = s.trim();
    if s == "on" {
        return Some(Rule::On);
    }
    if s == "off" {
        return Some(Rule::Off);
    }
    if let Some(p) = s.strip_suffix('%') {
        return p.parse().ok().filter(|n: &u8| *n <= 100).map(Rule::Percent);
    }
    if let Some(list) = s.strip_prefix("allow:") {
        return Some(Rule::Allow(list.split('|').map(String::from).collect()));
    }
    let (k, v) = s.split_once('=')?;
    Some(Rule::Attr { key: k.to_string(), equals: v.to_string() })
}

fn parse_snapshot(version: u32, body: &str) -> Snapshot {
    let flags = body
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(name, rules)| (name.trim().to_string(), rules.split(',').filter_map(parse_rule).collect()))
        .collect();
    Snapshot { version, flags }
}

struct Flags<S: FlagSource> {
    source: S,
    current: RwLock<Arc<Snapshot>>,
}

impl<S: FlagSource> Flags<S> {
    fn enabled(&self, flag: &str, user: &User) -> bool {
        let snap = self.current.read().unwrap().clone();
        let Some(rules) = snap.flags.get(flag) else { return false };
        rules.iter().any(|r| match r {
            Rule::On => true,
            Rule::Off => false,
            Rule::Percent(p) => bucket(flag, user.id) < *p,
            Rule::Allow(set) => set.contains(user.id),
            Rule::Attr { key, equals } => user.attrs.iter().any(|(k, v)| k == key && v == equals),
        })
    }

    async fn refresh(&self) -> Result<bool, String> {
        let since = self.current.read().unwrap().version;
        let Some(body) = self.source.fetch(since).await? else {
            return Ok(false);
        };
        let snap = parse_snapshot(since + 1, &body);
        *self.current.write().unwrap() = Arc::new(snap);
        Ok(true)
    }

    async fn refresh_until_current(&self, max: u32) -> u32 {
        let mut updates = 0;
        for _ in 0..max {
            match self.refresh().await {
                Ok(true) => updates += 1,
                Ok(false) => break,
                Err(e) => {
                    println!("refresh failed: {}", e);
                    break;
                }
            }
        }
        updates
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let src = RemoteSource {
        versions: vec!["new_ui: 50%\nbeta_api: allow:u1|u3\nlegacy: on", "new_ui: 50%, plan=pro\nbeta_api: allow:u1|u3|u7\nlegacy: off", ""],
        calls: Mutex::new(0),
    };
    let flags = Arc::new(Flags { source: src, current: RwLock::new(Arc::new(Snapshot::default())) });
    let f2 = flags.clone();
    let n = block_on(async move { f2.refresh_until_current(5).await });
    println!("applied {} updates, version {}", n, flags.current.read().unwrap().version);

    let users = [("u1", [("plan", "free")]), ("u7", [("plan", "pro")]), ("u9", [("plan", "free")])];
    for (id, attrs) in &users {
        let u = User { id, attrs };
        let on: Vec<&str> = ["new_ui", "beta_api", "legacy", "missing"].into_iter().filter(|f| flags.enabled(f, &u)).collect();
        println!("{} -> {:?}", id, on);
    }
    let rollout: usize = (0..200).map(|i| format!("user{}", i)).filter(|id| flags.enabled("new_ui", &User { id, attrs: &[] })).count();
    println!("new_ui rollout {}/200", rollout);
    let again = block_on(async { flags.refresh().await });
    println!("again {:?}, calls {}", again, flags.source.calls.lock().unwrap());
}
