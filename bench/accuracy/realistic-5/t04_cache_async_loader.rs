#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Read-through LRU cache parameterised over an async `Loader` trait with associated key/value types.

use std::collections::{HashMap, VecDeque};
use std::fmt::Debug;
use std::future::Future;
use std::hash::Hash;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 > 0 {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum LoadError {
    NotFound(String),
    Backend { code: u16, msg: String },
}

trait Loader {
    type Key: Hash + Eq + Clone + Debug;
    type Value: Clone + Debug;
    async fn load(&self, key: &Self::Key) -> Result<Self::Value, LoadError>;
}

#[derive(Debug, Clone)]
struct User {
    id: u64,
    handle: String,
    roles: Vec<String>,
}

struct UserDb {
    rows: &'static str,
}

impl Loader for UserDb {
    type Key = u64;
    type Value = User;
    async fn load(&self, key: &u64) -> Result<User, LoadError> {
        Yield(3).await;
        let line = self
            .rows
            .lines()
            .find(|l| l.split(',').next().and_then(|id| id.parse::<u64>().ok()) == Some(*key))
            .ok_or_else(|| LoadError::NotFound(format!("user {key}")))?;
        let mut cols = line.split(',').skip(1);
        let handle = cols.next().unwrap_or_default().to_string();
        let roles = cols.map(str::to_owned).collect();
        Ok(User { id: *key, handle, roles })
    }
}

struct TemplateStore;

impl Loader for TemplateStore {
    type Key = String;
    type Value = Arc<str>;
    async fn load(&self, key: &String) -> Result<Arc<str>, LoadError> {
        Yield(1).await;
        match key.as_str() {
            "welcome" => Ok("Hello {{name}}, welcome aboard".into()),
            "reset" => Ok("Click to reset: {{link}}".into()),
            k if k.starts_with("legacy/") => Err(LoadError::Backend { code: 503, msg: "legacy store offline".into() }),
            k => Err(LoadError::NotFound(k.to_owned())),
        }
    }
}

#[derive(Default, Debug)]
struct Stats {
    hits: u64,
    misses: u64,
    evictions: u64,
    errors: u64,
}

struct Cache<L: Loader, const CAP: usize> {
    loader: L,
    entries: RwLock<HashMap<L::Key, L::Value>>,
    order: Mutex<VecDeque<L::Key>>,
    stats: Arc<Mutex<Stats>>,
}

impl<L: Loader, const CAP: usize> Cache<L, CAP> {
    fn new(loader: L, stats: Arc<Mutex<Stats>>) -> Self {
        Cache { loader, entries: RwLock::new(HashMap::new()), order: Mutex::new(VecDeque::new()), stats }
    }

    fn touch(&self, key: &L::Key) {
        let mut order = self.order.lock().unwrap();
        order.retain(|k| k != key);
        order.push_back(key.clone());
    }

    async fn get(&self, key: L::Key) -> Result<L::Value, LoadError> {
        let cached = self.entries.read().unwrap().get(&key).cloned();
        if let Some(v) = cached {
            self.stats.lock().unwrap().hits += 1;
            self.touch(&key);
            return Ok(v);
        }
        let loaded = self.loader.load(&key).await;
        let mut stats = self.stats.lock().unwrap();
        let value = match loaded {
            Ok(v) => v,
            Err(e) => {
                stats.errors += 1;
                return Err(e);
            }
        };
        stats.misses += 1;
        Yield(1).await; // simulated metrics flush while still holding the stats guard
        drop(stats);

        let mut entries = self.entries.write().unwrap();
        entries.insert(key.clone(), value.clone());
        if entries.len() > CAP {
            let victim = self.order.lock().unwrap().pop_front();
            if let Some(ref old) = victim {
                entries.remove(old);
                self.stats.lock().unwrap().evictions += 1;
            }
        }
        drop(entries);
        self.touch(&key);
        Ok(value)
    }
}

async fn warm<L, const CAP: usize>(cache: &Cache<L, CAP>, keys: impl IntoIterator<Item = L::Key>) -> Vec<Result<L::Value, LoadError>>
where
    L: Loader,
{
    let mut out = Vec::new();
    for k in keys {
        out.push(cache.get(k).await);
    }
    out
}

async fn render<F>(lookup: F, name: &str, template: &str) -> Option<String>
where
    F: AsyncFn(String) -> Result<Arc<str>, LoadError>,
{
    let body = lookup(template.to_string()).await.ok()?;
    Some(body.replace("{{name}}", name))
}

fn main() {
    let stats = Arc::new(Mutex::new(Stats::default()));
    let users: Cache<UserDb, 2> = Cache::new(UserDb { rows: "1,ada,admin,ops\n2,grace,dev\n3,linus\n" }, Arc::clone(&stats));
    let templates: Cache<TemplateStore, 8> = Cache::new(TemplateStore, Arc::clone(&stats));

    let user_results = block_on(warm(&users, [1, 2, 1, 3, 1, 9]));
    let tpl_results = block_on(warm(&templates, ["welcome", "reset", "legacy/old", "welcome"].map(String::from)));

    for r in &user_results {
        match r {
            Ok(User { handle, roles, .. }) => println!("user {handle} roles={roles:?}"),
            Err(e) => println!("user err {e:?}"),
        }
    }
    let failures = tpl_results.iter().filter(|r| r.is_err()).count();

    let greeting = block_on(render(async |k: String| templates.get(k).await, "ada", "welcome"));
    println!("greeting={greeting:?} template failures={failures}");
    println!("stats={:?}", stats.lock().unwrap());
}
