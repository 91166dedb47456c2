#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Plugin host: factories register trait-object plugins, dependencies are ordered, events are fanned out.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::{ready, Future};
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum PluginError {
    MissingDependency { plugin: String, needs: String },
    Cycle(Vec<String>),
    InitFailed(String),
    UnknownPlugin(String),
}

#[derive(Debug, Clone)]
enum Event {
    MessagePosted { channel: String, author: String, text: String },
    UserJoined(String),
    Shutdown,
}

#[derive(Default)]
struct Host {
    shared: RwLock<HashMap<String, String>>,
    audit: Mutex<Vec<String>>,
}

trait Plugin: Send + Sync {
    fn name(&self) -> &'static str;
    fn depends_on(&self) -> &'static [&'static str] {
        &[]
    }
    fn init(&self, host: Arc<Host>) -> BoxFuture<'_, Result<(), PluginError>>;
    fn on_event<'a>(&'a self, host: &'a Host, event: &'a Event) -> BoxFuture<'a, Option<String>>;
}

struct Tokenizer;
struct SpamFilter {
    threshold: usize,
}
struct Audit;

impl Plugin for Tokenizer {
    fn name(&self) -> &'static str {
        "tokenizer"
    }
    fn init(&self, host: Arc<Host>) -> BoxFuture<'_, Result<(), PluginError>> {
        Box::pin(async move {
            YieldOnce(false).await;
            host.shared.write().unwrap().insert("stopwords".into(), "the,a,an,and".into());
            Ok(())
        })
    }
    fn on_event<'a>(&'a self, host: &'a Host, event: &'a Event) -> BoxFuture<'a, Option<String>> {
        Box::pin(ready(None))
    }
}

impl Plugin for SpamFilter {
    fn name(&self) -> &'static str {
        "spam-filter"
    }
    fn depends_on(&self) -> &'static [&'static str] {
        &["tokenizer"]
    }
    fn init(&self, host: Arc<Host>) -> BoxFuture<'_, Result<(), PluginError>> {
        let ok = host.shared.read().unwrap().contains_key("stopwords");
        Box::pin(async move {
            if !ok {
                return Err(PluginError::InitFailed("stopwords not loaded".into()));
            }
            YieldOnce(false).await;
            Ok(())
        })
    }
    fn on_event<'a>(&'a self, host: &'a Host, event: &'a Event) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move {
            let Event::MessagePosted { author, text, .. } = event else {
                return None;
            };
            let stop: Vec<String> = {
                let shared = host.shared.read().unwrap();
                shared.get("stopwords").map(|s| s.split(',').map(String::from).collect()).unwrap_or_default()
            };
            YieldOnce(false).await;
            let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).filter(|w| !stop.contains(w)).collect();
            let shouting = text.chars().filter(|c| c.is_uppercase()).count();
            let links = words.iter().filter(|w| w.as_str() == "http" || w.as_str() == "https").count();
            (shouting + links * 5 > self.threshold).then(|| format!("flagged message from {} ({} words)", author, words.len()))
        })
    }
}

impl Plugin for Audit {
    fn name(&self) -> &'static str {
        "audit"
    }
    fn init(&self, host: Arc<Host>) -> BoxFuture<'_, Result<(), PluginError>> {
        host.audit.lock().unwrap().push("audit online".into());
        Box::pin(ready(Ok(())))
    }
    fn on_event<'a>(&'a self, host: &'a Host, event: &'a Event) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move {
            let line = match event {
                Event::UserJoined(u) => format!("join {}", u),
                Event::MessagePosted { channel, author, .. } => format!("post {}#{}", author, channel),
                Event::Shutdown => "shutdown".to_string(),
            };
            YieldOnce(false).await;
            host.audit.lock().unwrap().push(line);
            None
        })
    }
}

type Factory = Box<dyn Fn(&BTreeMap<String, String>) -> Arc<dyn Plugin> + Send + Sync>;

#[derive(Default)]
struct Registry {
    factories: BTreeMap<&'static str, Factory>,
    loaded: Vec<Arc<dyn Plugin>>,
}

impl Registry {
    fn register(&mut self, name: &'static str, f: impl Fn(&BTreeMap<String, String>) -> Arc<dyn Plugin> + Send + Sync + 'static) {
        self.factories.insert(name, Box::new(f));
    }

    fn resolve_order(&self, wanted: &[&str], cfg: &BTreeMap<String, String>) -> Result<Vec<Arc<dyn Plugin>>, PluginError> {
        let mut instances: HashMap<&str, Arc<dyn Plugin>> = HashMap::new();
        for w in wanted {
            let factory = self.factories.get(w).ok_or_else(|| PluginError::UnknownPlugin(w.to_string()))?;
            let p = factory(cfg);
            instances.insert(p.name(), p);
        }
        let mut indegree: HashMap<&str, usize> = instances.keys().map(|k| (*k, 0)).collect();
        for p in instances.values() {
            for dep in p.depends_on() {
                if !instances.contains_key(dep) {
                    return Err(PluginError::MissingDependency { plugin: p.name().into(), needs: dep.to_string() });
                }
                *indegree.get_mut(p.name()).unwrap() += 1;
            }
        }
        let mut roots: Vec<&str> = indegree.iter().filter(|(_, d)| **d == 0).map(|(k, _)| *k).collect();
        roots.sort_unstable();
        let mut queue: VecDeque<&str> = roots.into();
        let mut order = Vec::new();
        while let Some(name) = queue.pop_front() {
            order.push(Arc::clone(&instances[name]));
            for p in instances.values().filter(|p| p.depends_on().contains(&name)) {
                let d = indegree.get_mut(p.name()).unwrap();
                *d -= 1;
                if *d == 0 {
                    queue.push_back(p.name());
                }
            }
        }
        if order.len() != instances.len() {
            return Err(PluginError::Cycle(indegree.into_iter().filter(|(_, d)| *d > 0).map(|(k, _)| k.to_string()).collect()));
        }
        Ok(order)
    }

    async fn load(&mut self, host: Arc<Host>, wanted: &[&str], cfg: &BTreeMap<String, String>) -> Result<usize, PluginError> {
        let order = self.resolve_order(wanted, cfg)?;
        for plugin in order {
            plugin.init(Arc::clone(&host)).await?;
            self.loaded.push(plugin);
        }
        Ok(self.loaded.len())
    }

    async fn dispatch(&self, host: &Host, event: Event) -> Vec<String> {
        let mut notes = Vec::new();
        for p in &self.loaded {
            if let Some(note) = p.on_event(host, &event).await {
                notes.push(format!("[{}] {}", p.name(), note));
            }
        }
        notes
    }
}

fn main() {
    let mut registry = Registry::default();
    registry.register("tokenizer", |_| Arc::new(Tokenizer));
    registry.register("spam-filter", |cfg| Arc::new(SpamFilter { threshold: cfg.get("spam.threshold").and_then(|v| v.parse().ok()).unwrap_or(8) }));
    registry.register("audit", |_| Arc::new(Audit));
    let cfg: BTreeMap<String, String> = "spam.threshold=6\naudit.level=info".lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.into(), v.into())).collect();
    let host = Arc::new(Host::default());

    let missing = Registry::default().resolve_order(&["spam-filter"], &cfg).err();
    println!("empty registry: {:?}", missing);
    let mut partial = Registry::default();
    partial.register("spam-filter", |_| Arc::new(SpamFilter { threshold: 1 }));
    println!("missing dep: {:?}", block_on(partial.load(Arc::clone(&host), &["spam-filter"], &cfg)).err());

    let loaded = block_on(registry.load(Arc::clone(&host), &["spam-filter", "audit", "tokenizer"], &cfg));
    println!("loaded: {:?} order={:?}", loaded, registry.loaded.iter().map(|p| p.name()).collect::<Vec<_>>());
    let events = vec![
        Event::UserJoined("mia".into()),
        Event::MessagePosted { channel: "general".into(), author: "mia".into(), text: "Hello and welcome".into() },
        Event::MessagePosted { channel: "general".into(), author: "bot9".into(), text: "FREE CRYPTO at https://x.io".into() },
        Event::Shutdown,
    ];
    let notes = block_on(async {
        let mut all = Vec::new();
        for ev in events {
            all.extend(registry.dispatch(&host, ev).await);
        }
        all
    });
    println!("notes: {:?}", notes);
    println!("audit: {:?}", host.audit.lock().unwrap());
}
