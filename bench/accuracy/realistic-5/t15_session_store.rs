//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! HTTP session store with sliding expiry, cookie parsing and pluggable async backends (memory / serialized KV).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
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
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Session {
    id: String,
    user: Option<String>,
    data: BTreeMap<String, String>,
    expires_at: u64,
}

#[derive(Debug)]
enum SessionError {
    NoCookie,
    Expired(String),
    Corrupt(String),
}

trait Backend {
    async fn load(&self, id: &str) -> Option<String>;
    async fn save(&self, id: &str, blob: String);
    async fn delete(&self, id: &str) -> bool;
}

#[derive(Default)]
struct MemoryBackend {
    rows: RefCell<HashMap<String, String>>,
}

impl Backend for MemoryBackend {
    async fn load(&self, id: &str) -> Option<String> {
        Yield(1).await;
        self.rows.borrow().get(id).cloned()
    }
    async fn save(&self, id: &str, blob: String) {
        self.rows.borrow_mut().insert(id.to_owned(), blob);
    }
    async fn delete(&self, id: &str) -> bool {
        self.rows.borrow_mut().remove(id).is_some()
    }
}

struct RemoteKv {
    inner: MemoryBackend,
    round_trips: Cell<u32>,
}

impl Backend for RemoteKv {
    async fn load(&self, id: &str) -> Option<String> {
        self.round_trips.set(self.round_trips.get() + 1);
        Yield(3).await;
        self.inner.load(id).await
    }
    async fn save(&self, id: &str, blob: String) {
        self.round_trips.set(self.round_trips.get() + 1);
        Yield(3).await;
        self.inner.save(id, blob).await
    }
    async fn delete(&self, id: &str) -> bool {
        self.round_trips.set(self.round_trips.get() + 1);
        self.inner.delete(id).await
    }
}

fn encode(s: &Session) -> String {
    let kv: Vec<String> = s.data.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{}|{}|{}", s.user.as_deref().unwrap_or("-"), s.expires_at, kv.join("&"))
}

fn decode(id: &str, blob: &str) -> Result<Session, SessionError> {
    let mut parts = blob.splitn(3, '|');
    let (Some(user), Some(exp), Some(kv)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(SessionError::Corrupt(id.into()));
    };
    let expires_at = exp.parse().map_err(|_| SessionError::Corrupt(id.into()))?;
    let data = kv.split('&').filter(|p| !p.is_empty()).filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Ok(Session { id: id.into(), user: (user != "-").then(|| user.to_string()), data, expires_at })
}

fn session_cookie(header: &str) -> Option<&str> {
    header.split(';').map(str::trim).find_map(|c| c.strip_prefix("sid="))
}

struct Store<B: Backend> {
    backend: B,
    ttl: u64,
    now: Rc<Cell<u64>>,
    local: RefCell<HashMap<String, Session>>,
}

impl<B: Backend> Store<B> {
    async fn fetch(&self, cookie_header: &str) -> Result<Session, SessionError> {
        let id = session_cookie(cookie_header).ok_or(SessionError::NoCookie)?;
        // 2024: the Ref from `self.local.borrow()` is dropped before the else-branch borrows mutably
        let mut session = if let Some(s) = self.local.borrow().get(id).cloned() {
            s
        } else {
            let blob = self.backend.load(id).await.ok_or(SessionError::Expired(id.into()))?;
            let s = decode(id, &blob)?;
            self.local.borrow_mut().insert(id.to_string(), s.clone());
            s
        };
        if session.expires_at <= self.now.get() {
            self.local.borrow_mut().remove(id);
            self.backend.delete(id).await;
            return Err(SessionError::Expired(id.into()));
        }
        session.expires_at = self.now.get() + self.ttl; // sliding expiry
        Ok(session)
    }

    async fn commit(&self, session: Session) {
        let blob = encode(&session);
        self.backend.save(&session.id, blob).await;
        self.local.borrow_mut().insert(session.id.clone(), session);
    }

    fn cached_users(&self) -> usize {
        let local = &self.local;
        local.borrow().values().filter(|s| s.user.is_some()).count()
    }
}

async fn handle_request<B: Backend>(store: &Store<B>, cookie: &str, path: &str) -> String {
    match store.fetch(cookie).await {
        Ok(mut s) => {
            if let Some(user) = path.strip_prefix("/login/") && s.user.is_none() {
                s.user = Some(user.to_string());
            }
            let hits = s.data.entry("hits".into()).or_insert_with(|| "0".into());
            *hits = (hits.parse::<u32>().unwrap_or(0) + 1).to_string();
            let summary = format!("{} user={:?} hits={}", s.id, s.user, s.data["hits"]);
            store.commit(s).await;
            summary
        }
        Err(e) => format!("error {e:?}"),
    }
}

fn main() {
    let now = Rc::new(Cell::new(1_000));
    let remote = Store { backend: RemoteKv { inner: MemoryBackend::default(), round_trips: Cell::new(0) }, ttl: 60, now: now.clone(), local: RefCell::default() };
    let memory = Store { backend: MemoryBackend::default(), ttl: 5, now: now.clone(), local: RefCell::default() };
    for store_rows in [&remote.backend.inner.rows, &memory.backend.rows] {
        store_rows.borrow_mut().insert("abc".into(), "-|1100|theme=dark".into());
        store_rows.borrow_mut().insert("old".into(), "bob|900|".into());
        store_rows.borrow_mut().insert("bad".into(), "garbage".into());
    }

    let requests = [("lang=en; sid=abc", "/login/alice"), ("sid=abc", "/cart"), ("sid=old", "/"), ("lang=en", "/"), ("sid=bad", "/"), ("sid=abc", "/checkout")];
    let out = block_on(async {
        let mut lines = Vec::new();
        for (i, (cookie, path)) in requests.iter().enumerate() {
            now.set(now.get() + 2);
            lines.push(("remote", handle_request(&remote, cookie, path).await));
            lines.push(("memory", handle_request(&memory, cookie, path).await));
        }
        lines
    });
    for (backend, line) in out {
        println!("{backend:>6}: {line}");
    }
    println!("remote round trips={} cached users remote={} memory={}", remote.backend.round_trips.get(), remote.cached_users(), memory.cached_users());
}
