#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Caching stub resolver: TTL cache, negative caching, CNAME chasing, upstream failover.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::net::Ipv4Addr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Timer(u8);
    impl Future for Timer {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 { return Poll::Ready(()); }
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
    pub fn sleep(_ms: u64) -> Timer { Timer(1) }
}

#[derive(Debug, Clone, PartialEq)]
enum Record { A(Ipv4Addr), Cname(String) }

#[derive(Debug)]
enum ResolveError { Timeout(String), ServFail, TooManyHops(usize) }

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Timeout(s) => write!(f, "timeout talking to {s}"),
            ResolveError::ServFail => f.write_str("SERVFAIL"),
            ResolveError::TooManyHops(n) => write!(f, "cname chain longer than {n}"),
        }
    }
}

struct Upstream { addr: &'static str, zone: &'static str, healthy: bool, queries: Mutex<u32> }

impl Upstream {
    async fn query(&self, name: &str) -> Result<Option<(Record, u32)>, ResolveError> {
        rt::sleep(15).await;
        *self.queries.lock().unwrap() += 1;
        if !self.healthy {
            return Err(ResolveError::Timeout(self.addr.to_string()));
        }
        for line in self.zone.lines() {
            let mut it = line.split_whitespace();
            let (Some(owner), Some(ttl), Some(kind), Some(data)) = (it.next(), it.next(), it.next(), it.next()) else { continue };
            if !owner.eq_ignore_ascii_case(name) { continue; }
            let ttl: u32 = ttl.parse().map_err(|_| ResolveError::ServFail)?;
            let rec = match kind {
                "A" => Record::A(data.parse().map_err(|_| ResolveError::ServFail)?),
                "CNAME" => Record::Cname(data.trim_end_matches('.').to_string()),
                _ => continue,
            };
            return Ok(Some((rec, ttl)));
        }
        Ok(None)
    }
}

#[derive(Clone)]
struct CacheEntry { record: Option<Record>, expires: u64 }

struct Resolver { upstreams: Vec<Upstream>, cache: Arc<Mutex<HashMap<String, CacheEntry>>>, now: Arc<Mutex<u64>>, negative_ttl: u32 }

impl Resolver {
    async fn lookup_one(&self, name: &str) -> Result<Option<Record>, ResolveError> {
        let now = *self.now.lock().unwrap();
        match self.cache.lock().unwrap().get(name) {
            Some(e) if e.expires > now => return Ok(e.record.clone()),
            _ => {}
        }
        let mut last_err = None;
        for up in &self.upstreams {
            match up.query(name).await {
                Ok(answer) => {
                    let (record, ttl) = match answer {
                        Some((r, ttl)) => (Some(r), ttl),
                        None => (None, self.negative_ttl),
                    };
                    self.cache.lock().unwrap().insert(name.to_string(), CacheEntry { record: record.clone(), expires: now + ttl as u64 });
                    return Ok(record);
                }
                Err(e) => last_err = Some(e),
            }
        }
        Err(last_err.unwrap_or(ResolveError::ServFail))
    }

    async fn resolve(&self, name: &str) -> Result<Option<Ipv4Addr>, ResolveError> {
        let mut current = name.trim_end_matches('.').to_ascii_lowercase();
        for hop in 0..8 {
            match self.lookup_one(&current).await? {
                Some(Record::A(ip)) => return Ok(Some(ip)),
                Some(Record::Cname(target)) => current = target,
                None => return Ok(None),
            }
        }
        Err(ResolveError::TooManyHops(8))
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    unsafe fn clone(p: *const ()) -> RawWaker { RawWaker::new(p, &VTABLE) }
    unsafe fn nop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, nop, nop, nop);
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let zone = "www.shop.test 300 CNAME edge.cdn.test.\nedge.cdn.test 60 A 203.0.113.7\napi.shop.test 30 A 198.51.100.4\nloop.test 10 CNAME loop.test.\nbad.test 10 A 999.1.1.1\n";
    let resolver = Resolver {
        upstreams: vec![
            Upstream { addr: "10.0.0.53", zone, healthy: false, queries: Mutex::new(0) },
            Upstream { addr: "10.0.1.53", zone, healthy: true, queries: Mutex::new(0) },
        ],
        cache: Arc::new(Mutex::new(HashMap::new())),
        now: Arc::new(Mutex::new(0)),
        negative_ttl: 5,
    };
    let names = ["www.shop.test", "api.shop.test", "WWW.shop.test.", "nx.shop.test", "loop.test", "bad.test"];
    let results = block_on(async {
        let mut out = Vec::new();
        for (i, n) in names.iter().enumerate() {
            *resolver.now.lock().unwrap() += 20;
            let line = match resolver.resolve(n).await {
                Ok(Some(ip)) => format!("{n} -> {ip}"),
                Ok(None) => format!("{n} -> NXDOMAIN"),
                Err(e) => format!("{n} -> error: {e}"),
            };
            out.push(line);
        }
        out
    });
    for r in &results { println!("{r}"); }
    let q: Vec<u32> = resolver.upstreams.iter().map(|u| *u.queries.lock().unwrap()).collect();
    println!("upstream queries={:?} cached={}", q, resolver.cache.lock().unwrap().len());
}
