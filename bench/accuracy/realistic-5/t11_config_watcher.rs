#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Config watcher: polls a versioned source, parses INI sections, validates, diffs and notifies listeners.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0u64;
    loop {
        polls += 1;
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

type Config = BTreeMap<String, String>;

#[derive(Debug)]
enum ConfigError {
    Syntax { line: usize, content: String },
    Invalid { key: String, reason: String },
    SourceGone,
}

#[derive(Debug, PartialEq)]
enum Change {
    Added(String, String),
    Removed(String),
    Modified { key: String, old: String, new: String },
}

fn parse_ini(text: &str) -> Result<Config, ConfigError> {
    let mut section = String::from("global");
    let mut out = Config::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_lowercase();
            continue;
        }
        let (k, v) = line.split_once('=').ok_or_else(|| ConfigError::Syntax { line: i + 1, content: raw.to_string() })?;
        out.insert(format!("{section}.{}", k.trim()), v.trim().trim_matches('"').to_string());
    }
    Ok(out)
}

fn diff(old: &Config, new: &Config) -> Vec<Change> {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|k| match (old.get(k), new.get(k)) {
            (None, Some(v)) => Some(Change::Added(k.clone(), v.clone())),
            (Some(_), None) => Some(Change::Removed(k.clone())),
            (Some(a), Some(b)) if a != b => Some(Change::Modified { key: k.clone(), old: a.clone(), new: b.clone() }),
            _ => None,
        })
        .collect()
}

trait ConfigSource {
    async fn version(&self) -> Option<u32>;
    async fn read(&self) -> Result<String, ConfigError>;
}

struct Revisions {
    revs: Vec<&'static str>,
    cursor: Mutex<usize>,
}

impl ConfigSource for Revisions {
    async fn version(&self) -> Option<u32> {
        Yield(1).await;
        let mut c = self.cursor.lock().unwrap();
        *c += 1;
        (*c <= self.revs.len() * 2).then(|| (*c / 2).min(self.revs.len() - 1) as u32)
    }
    async fn read(&self) -> Result<String, ConfigError> {
        let c = *self.cursor.lock().unwrap();
        Yield(2).await;
        self.revs.get((c / 2).min(self.revs.len() - 1)).map(|s| s.to_string()).ok_or(ConfigError::SourceGone)
    }
}

struct Watcher<S: ConfigSource> {
    source: S,
    current: Arc<RwLock<Config>>,
    listeners: Vec<Box<dyn Fn(&[Change])>>,
    rejected: Mutex<Vec<String>>,
}

impl<S: ConfigSource> Watcher<S> {
    async fn apply<V>(&self, text: String, validate: &V) -> Result<usize, ConfigError>
    where
        V: AsyncFn(&str, &str) -> Result<(), String>,
    {
        let next = parse_ini(&text)?;
        for (k, v) in &next {
            validate(k, v).await.map_err(|reason| ConfigError::Invalid { key: k.clone(), reason })?;
        }
        let changes = {
            let mut cur = self.current.write().unwrap();
            let changes = diff(&cur, &next);
            *cur = next;
            changes
        };
        self.listeners.iter().for_each(|l| l(&changes));
        Ok(changes.len())
    }

    async fn run<V>(&self, validate: V) -> (u32, usize)
    where
        V: AsyncFn(&str, &str) -> Result<(), String>,
    {
        let mut last_seen = None;
        let mut applied = 0;
        let final_version = 'watch: loop {
            let Some(v) = self.source.version().await else { break 'watch last_seen.unwrap_or(0) };
            if last_seen == Some(v) {
                continue;
            }
            last_seen = Some(v);
            let text = match self.source.read().await {
                Ok(t) => t,
                Err(ConfigError::SourceGone) => break 'watch v,
                Err(e) => continue,
            };
            match self.apply(text, &validate).await {
                Ok(n) => applied += n,
                Err(e) => self.rejected.lock().unwrap().push(format!("v{v}: {e:?}")),
            }
        };
        (final_version, applied)
    }
}

fn main() {
    let source = Revisions {
        revs: vec![
            "[server]\nport = 8080\nworkers = 4\n[db]\nurl = \"postgres://db/main\"\n",
            "[server]\nport = 8080\nworkers = 16 # scale up\n[db]\nurl = \"postgres://db/main\"\npool = 20\n",
            "[server]\nport = 99999\n",
            "[server]\nport = 8443\nworkers = 16\n[db]\nurl = \"postgres://db-replica/main\"\n",
            "[server\nbroken line\n",
        ],
        cursor: Mutex::new(0),
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&log);
    let watcher = Watcher {
        source,
        current: Arc::new(RwLock::new(Config::new())),
        listeners: vec![Box::new(move |changes: &[Change]| {
            sink.lock().unwrap().extend(changes.iter().map(|c| format!("{c:?}")));
        })],
        rejected: Mutex::new(vec![]),
    };

    let validate = async |key: &str, value: &str| -> Result<(), String> {
        Yield(1).await;
        match key.rsplit('.').next() {
            Some("port") => value.parse::<u16>().map(|_| ()).map_err(|e| format!("port: {e}")),
            Some("workers" | "pool") if value.parse::<u32>().is_err() => Err("not a number".into()),
            _ => Ok(()),
        }
    };
    let (version, applied) = block_on(watcher.run(validate));
    println!("final version v{version}, {applied} changes applied");
    log.lock().unwrap().iter().for_each(|c| println!("  {c}"));
    watcher.rejected.lock().unwrap().iter().for_each(|r| println!("  rejected {r}"));
    println!("effective: {:?}", watcher.current.read().unwrap());
}
