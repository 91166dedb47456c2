#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Web session management over pluggable backends (in-memory, signed cookie, redis-like).

use std::collections::HashMap;
use std::fmt::Debug;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::collections::HashMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Mutex;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }

    #[derive(Default)]
    pub struct Redis { pub kv: Mutex<HashMap<String, (String, u64)>>, pub round_trips: Mutex<u32> }
    impl Redis {
        pub async fn get(&self, key: &str) -> Result<Option<String>, String> {
            io().await;
            *self.round_trips.lock().unwrap() += 1;
            Ok(self.kv.lock().unwrap().get(key).map(|(v, _)| v.clone()))
        }
        pub async fn set_ex(&self, key: &str, value: String, ttl: u64) -> Result<(), String> {
            io().await;
            *self.round_trips.lock().unwrap() += 1;
            self.kv.lock().unwrap().insert(key.to_string(), (value, ttl));
            Ok(())
        }
        pub async fn del(&self, key: &str) -> Result<bool, String> {
            io().await;
            Ok(self.kv.lock().unwrap().remove(key).is_some())
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Session { user_id: Option<u64>, csrf: String, flash: Vec<String>, cart: Vec<(String, u32)> }

impl Session {
    fn encode(&self) -> String {
        let cart: Vec<String> = self.cart.iter().map(|(s, q)| format!("{s}*{q}")).collect();
        format!("{}|{}|{}|{}", self.user_id.map(|u| u.to_string()).unwrap_or_default(), self.csrf, self.flash.join("^"), cart.join("+"))
    }
    fn decode(s: &str) -> Option<Session> {
        let mut f = s.split('|');
        let user = f.next()?;
        let csrf = f.next()?.to_string();
        let flash = f.next()?.split('^').filter(|x| !x.is_empty()).map(String::from).collect();
        let cart = f.next()?.split('+').filter_map(|i| i.split_once('*')).map(|(s, q)| Some((s.to_string(), q.parse().ok()?))).collect::<Option<Vec<_>>>()?;
        Some(Session { user_id: if user.is_empty() { None } else { user.parse().ok() }, csrf, flash, cart })
    }
}

trait SessionBackend {
    type Handle: Clone + Debug;
    type Error: Debug;
    async fn load(&self, handle: &Self::Handle) -> Result<Option<Session>, Self::Error>;
    async fn save(&self, session: &Session, prev: Option<Self::Handle>) -> Result<Self::Handle, Self::Error>;
    async fn destroy(&self, handle: &Self::Handle) -> Result<(), Self::Error> {
        rt::io().await;
        Ok(())
    }
}

struct MemoryBackend { sessions: RwLock<HashMap<u64, Session>>, next: Mutex<u64> }

impl SessionBackend for MemoryBackend {
    type Handle = u64;
    type Error = std::convert::Infallible;
    async fn load(&self, handle: &u64) -> Result<Option<Session>, Self::Error> {
        Ok(self.sessions.read().unwrap().get(handle).cloned())
    }
    async fn save(&self, session: &Session, prev: Option<u64>) -> Result<u64, Self::Error> {
        let id = prev.unwrap_or_else(|| { let mut n = self.next.lock().unwrap(); *n += 1; *n });
        self.sessions.write().unwrap().insert(id, session.clone());
        Ok(id)
    }
    async fn destroy(&self, handle: &u64) -> Result<(), Self::Error> {
        self.sessions.write().unwrap().remove(handle);
        Ok(())
    }
}

struct CookieBackend { key: u64 }

impl CookieBackend {
    fn mac(&self, data: &str) -> u64 { data.bytes().fold(self.key, |h, b| h.rotate_left(5) ^ b as u64) }
}

impl SessionBackend for CookieBackend {
    type Handle = String;
    type Error = String;
    async fn load(&self, cookie: &String) -> Result<Option<Session>, String> {
        let Some((data, sig)) = cookie.rsplit_once('.') else { return Ok(None) };
        let sig = u64::from_str_radix(sig, 16).map_err(|e| e.to_string())?;
        if sig != self.mac(data) { return Err("bad signature".into()); }
        Ok(Session::decode(data))
    }
    async fn save(&self, session: &Session, _prev: Option<String>) -> Result<String, String> {
        let data = session.encode();
        if data.len() > 4096 { return Err("cookie too large".into()); }
        Ok(format!("{}.{:x}", data, self.mac(&data)))
    }
}

struct RedisBackend { redis: Arc<rt::Redis>, ttl: u64 }

impl SessionBackend for RedisBackend {
    type Handle = String;
    type Error = String;
    async fn load(&self, sid: &String) -> Result<Option<Session>, String> {
        Ok(self.redis.get(&format!("sess:{sid}")).await?.and_then(|raw| Session::decode(&raw)))
    }
    async fn save(&self, session: &Session, prev: Option<String>) -> Result<String, String> {
        let sid = prev.unwrap_or_else(|| format!("{:x}", session.csrf.len() as u64 * 0x9e37_79b9 + *self.redis.round_trips.lock().unwrap() as u64));
        self.redis.set_ex(&format!("sess:{sid}"), session.encode(), self.ttl).await?;
        Ok(sid)
    }
    async fn destroy(&self, sid: &String) -> Result<(), String> {
        self.redis.del(&format!("sess:{sid}")).await.map(|_| ())
    }
}

/// A shopping flow: anonymous cart, login, add items, checkout, logout.
async fn shopping_flow<B>(backend: &B, items: &[(&str, u32)]) -> Result<(usize, Option<Session>), B::Error>
where
    B: SessionBackend,
{
    let mut handle = backend.save(&Session { csrf: "tok-anon".into(), ..Default::default() }, None).await?;
    for (sku, qty) in items {
        let mut s = backend.load(&handle).await?.unwrap_or_default();
        match s.cart.iter_mut().find(|(k, _)| k == sku) {
            Some((_, q)) => *q += qty,
            None => s.cart.push((sku.to_string(), *qty)),
        }
        handle = backend.save(&s, Some(handle)).await?;
    }
    let mut s = backend.load(&handle).await?.unwrap_or_default();
    s.user_id = Some(4242);
    s.flash.push(format!("welcome back, {} items in cart", s.cart.len()));
    let handle = backend.save(&s, Some(handle)).await?;
    let before_logout = backend.load(&handle).await?;
    let lines = before_logout.as_ref().map_or(0, |s| s.cart.len());
    backend.destroy(&handle).await?;
    Ok((lines, before_logout))
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let items = [("sku-1", 2), ("sku-9", 1), ("sku-1", 1)];
    let mem = MemoryBackend { sessions: RwLock::new(HashMap::new()), next: Mutex::new(0) };
    let redis = Arc::new(rt::Redis::default());
    let (a, _) = block_on(shopping_flow(&mem, &items)).unwrap();
    let (b, s) = block_on(shopping_flow(&CookieBackend { key: 0xfeed }, &items)).unwrap();
    let (c, _) = block_on(shopping_flow(&RedisBackend { redis: Arc::clone(&redis), ttl: 1800 }, &items)).unwrap();
    let forged = block_on(CookieBackend { key: 0xfeed }.load(&"4242|x||sku-1*99.deadbeef".to_string()));
    println!("cart lines mem={a} cookie={b} redis={c} flash={:?}", s.map(|s| s.flash));
    println!("forged={:?} redis round trips={} left={}", forged, redis.round_trips.lock().unwrap(), redis.kv.lock().unwrap().len());
}
