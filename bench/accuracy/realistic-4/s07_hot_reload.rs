#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Configuration hot-reloader: polls a file for changes, validates, swaps atomically and notifies subscribers.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

static VTABLE: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VTABLE), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            break v;
        }
    }
}

struct Sleep {
    left: u32,
}

fn sleep(ticks: u32) -> Sleep {
    Sleep { left: ticks }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug)]
enum ReloadError {
    Missing(String),
    Parse { line: usize, msg: String },
    Invalid(String),
}

#[derive(Debug, Clone, Default)]
struct Config {
    generation: u32,
    values: BTreeMap<String, String>,
}

impl Config {
    fn get_u64(&self, key: &str) -> Option<u64> {
        self.values.get(key).and_then(|v| v.parse().ok())
    }
}

fn parse_config(text: &str) -> Result<BTreeMap<String, String>, ReloadError> {
    let mut section = String::new();
    let mut values = BTreeMap::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let (k, v) = line.split_once('=').ok_or_else(|| ReloadError::Parse { line: idx + 1, msg: format!("expected key = value, got '{}'", line) })?;
        let key = if section.is_empty() { k.trim().to_string() } else { format!("{}.{}", section, k.trim()) };
        values.insert(key, v.trim().trim_matches('"').to_string());
    }
    Ok(values)
}

fn validate(values: &BTreeMap<String, String>) -> Result<(), ReloadError> {
    for required in ["server.port", "pool.size"] {
        if !values.contains_key(required) {
            return Err(ReloadError::Invalid(format!("missing {}", required)));
        }
    }
    match values.get("pool.size").map(|s| s.parse::<u32>()) {
        Some(Ok(n)) if n > 0 && n <= 64 => Ok(()),
        Some(Ok(n)) => Err(ReloadError::Invalid(format!("pool.size {} out of range", n))),
        _ => Err(ReloadError::Invalid("pool.size not a number".into())),
    }
}

fn diff(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<String> {
    let mut changes: Vec<String> = new
        .iter()
        .filter_map(|(k, v)| match old.get(k) {
            None => Some(format!("+{}", k)),
            Some(prev) if prev != v => Some(format!("~{}", k)),
            _ => None,
        })
        .collect();
    changes.extend(old.keys().filter(|k| !new.contains_key(*k)).map(|k| format!("-{}", k)));
    changes
}

struct FakeFs {
    clock: Cell<u64>,
    revisions: Vec<(u64, Option<&'static str>)>,
}

impl FakeFs {
    async fn stat_and_read(&self, path: &str) -> Result<(u64, String), ReloadError> {
        sleep(1).await;
        let t = self.clock.get();
        let current = self.revisions.iter().rev().find(|(at, _)| *at <= t);
        match current {
            Some((mtime, Some(body))) => Ok((*mtime, body.to_string())),
            _ => Err(ReloadError::Missing(path.to_string())),
        }
    }
}

type Subscriber = Box<dyn Fn(Arc<Config>, Vec<String>) -> Pin<Box<dyn Future<Output = Result<(), String>>>>>;

struct Reloader {
    path: String,
    current: RwLock<Arc<Config>>,
    last_mtime: Cell<u64>,
    subscribers: Vec<(String, Subscriber)>,
    history: RefCell<Vec<String>>,
}

impl Reloader {
    fn snapshot(&self) -> Arc<Config> {
        Arc::clone(&self.current.read().unwrap())
    }

    async fn check_once(&self, fs: &FakeFs) -> Result<bool, ReloadError> {
        let (mtime, body) = fs.stat_and_read(&self.path).await?;
        if mtime == self.last_mtime.get() {
            return Ok(false);
        }
        self.last_mtime.set(mtime);
        let values = parse_config(&body)?;
        validate(&values)?;
        let old = self.snapshot();
        let changes = diff(&old.values, &values);
        if changes.is_empty() {
            return Ok(false);
        }
        let next = Arc::new(Config { generation: old.generation + 1, values });
        *self.current.write().unwrap() = Arc::clone(&next);
        for (name, sub) in &self.subscribers {
            if let Err(e) = sub(Arc::clone(&next), changes.clone()).await {
                self.history.borrow_mut().push(format!("subscriber {} failed: {}", name, e));
            }
        }
        Ok(true)
    }

    async fn watch(&self, fs: &FakeFs, rounds: u64) -> u32 {
        let mut reloads = 0;
        for round in 0..rounds {
            fs.clock.set(round);
            match self.check_once(fs).await {
                Ok(true) => reloads += 1,
                Ok(false) => {}
                Err(ReloadError::Parse { line, msg }) => self.history.borrow_mut().push(format!("t{} parse error line {}: {}", round, line, msg)),
                Err(e) => self.history.borrow_mut().push(format!("t{} rejected: {:?}", round, e)),
            }
            sleep(2).await;
        }
        reloads
    }
}

fn main() {
    let fs = FakeFs {
        clock: Cell::new(0),
        revisions: vec![
            (0, Some("[server]\nport = 8080\n[pool]\nsize = 8 # default\n")),
            (2, Some("[server]\nport = 8080\nhost = \"0.0.0.0\"\n[pool]\nsize = 16\n")),
            (4, Some("[server]\nport 9090\n[pool]\nsize = 16\n")),
            (5, Some("[server]\nport = 9090\n[pool]\nsize = 500\n")),
            (7, None),
            (8, Some("[server]\nport = 9091\n[pool]\nsize = 4\ntimeout_ms = 250\n")),
        ],
    };
    let pool_sizes = Rc::new(RefCell::new(Vec::new()));
    let sizes = Rc::clone(&pool_sizes);
    let subscribers: Vec<(String, Subscriber)> = vec![
        (
            "pool".to_string(),
            Box::new(move |cfg: Arc<Config>, changes: Vec<String>| {
                let sizes = Rc::clone(&sizes);
                Box::pin(async move {
                    sleep(1).await;
                    if changes.iter().any(|c| c.ends_with("pool.size")) {
                        sizes.borrow_mut().push(cfg.get_u64("pool.size").unwrap_or(0));
                    }
                    Ok(())
                })
            }),
        ),
        (
            "listener".to_string(),
            Box::new(|cfg: Arc<Config>, changes: Vec<String>| {
                Box::pin(async move {
                    let port = cfg.get_u64("server.port").ok_or("no port")?;
                    sleep(1).await;
                    if port == 9091 { Err(format!("port {} busy (gen {})", port, cfg.generation)) } else { Ok(()) }
                })
            }),
        ),
    ];
    let reloader = Reloader {
        path: "/etc/app/app.ini".into(),
        current: RwLock::new(Arc::new(Config::default())),
        last_mtime: Cell::new(u64::MAX),
        subscribers,
        history: RefCell::new(Vec::new()),
    };
    let reloads = block_on(reloader.watch(&fs, 10));
    let snap = reloader.snapshot();
    println!("reloads={} generation={} values={:?}", reloads, snap.generation, snap.values);
    println!("pool sizes seen: {:?}", pool_sizes.borrow());
    for h in reloader.history.borrow().iter() {
        println!("  {}", h);
    }
}
