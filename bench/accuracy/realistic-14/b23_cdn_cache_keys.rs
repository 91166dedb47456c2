//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! CDN edge cache: normalises request URLs into cache keys (host case, default ports,
//! dot segments, tracking parameters, Vary headers) and serves hits or fills from origin.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug)]
enum EdgeError {
    Scheme(String),
    NoHost,
    Origin { status: u16, path: String },
}

fn decode_unreserved(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                if v.is_ascii_alphanumeric() || b"-._~".contains(&v) {
                    out.push(v as char);
                } else {
                    out.push_str(&s[i..i + 3].to_ascii_uppercase());
                }
                i += 3;
                continue;
            }
        }
        out.push(bytes[i] as char);
        i += 1;
    }
    out
}

fn cache_key(url: &str, vary: &[&str], headers: &HashMap<&str, &str>) -> Result<String, EdgeError> {
    let (scheme, rest) = url.split_once("://").ok_or_else(|| EdgeError::Scheme(url.to_string()))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        other => return Err(EdgeError::Scheme(other.to_string())),
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (authority, path_q) = rest.find('/').map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    if authority.is_empty() {
        return Err(EdgeError::NoHost);
    }
    let host = authority.to_ascii_lowercase();
    let host = host.strip_suffix(default_port).unwrap_or(&host);
    let (path, query) = path_q.split_once('?').unwrap_or((path_q, ""));

    let mut segments: Vec<String> = Vec::new();
    for seg in path.split('/').skip(1) {
        match seg {
            "." => {}
            ".." => drop(segments.pop()),
            s => segments.push(decode_unreserved(s)),
        }
    }
    let mut params: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .filter(|(k, _)| !k.starts_with("utm_") && *k != "fbclid" && *k != "gclid")
        .collect();
    params.sort();
    let mut key = format!("{scheme}://{host}/{}", segments.join("/"));
    if !params.is_empty() {
        key.push('?');
        key.push_str(&params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"));
    }
    for h in vary {
        let v = headers.get(h).map(|v| v.split(',').next().unwrap_or("").trim().to_ascii_lowercase()).unwrap_or_default();
        key.push_str(&format!("|{h}={v}"));
    }
    Ok(key)
}

trait Origin {
    async fn get(&self, key: &str) -> Result<(Vec<u8>, u32), EdgeError>;
    async fn get_with_retry(&self, key: &str, tries: u32) -> Result<(Vec<u8>, u32), EdgeError> {
        let mut last = None;
        for _ in 0..tries {
            match self.get(key).await {
                Ok(v) => return Ok(v),
                Err(EdgeError::Origin { status, path }) if status >= 500 => last = Some(EdgeError::Origin { status, path }),
                Err(e) => return Err(e),
            }
            yield_now().await;
        }
        Err(last.unwrap_or(EdgeError::NoHost))
    }
}

struct StaticBucket { objects: BTreeMap<String, &'static str> }
struct AppServer { flaky: Cell<u32> }

impl Origin for StaticBucket {
    async fn get(&self, key: &str) -> Result<(Vec<u8>, u32), EdgeError> {
        yield_now().await;
        let path = key.split_once(".com").map_or(key, |(_, p)| p).split(['|', '?']).next().unwrap_or("");
        match self.objects.get(path) {
            Some(body) => Ok((body.as_bytes().to_vec(), 86_400)),
            None => Err(EdgeError::Origin { status: 404, path: path.to_string() }),
        }
    }
}

impl Origin for AppServer {
    async fn get(&self, key: &str) -> Result<(Vec<u8>, u32), EdgeError> {
        yield_now().await;
        if self.flaky.get() > 0 {
            self.flaky.set(self.flaky.get() - 1);
            return Err(EdgeError::Origin { status: 503, path: key.to_string() });
        }
        Ok((format!("rendered:{}", key.len()).into_bytes(), 60))
    }
}

struct Edge<O> {
    origin: O,
    store: RefCell<HashMap<String, Rc<Vec<u8>>>>,
    hits: Cell<u32>,
    misses: Cell<u32>,
}

impl<O> Edge<O>
where
    O: Origin,
{
    async fn serve(&self, url: &str, headers: &HashMap<&str, &str>) -> Result<Rc<Vec<u8>>, EdgeError> {
        let key = cache_key(url, &["accept-encoding"], headers)?;
        if let Some(body) = self.store.borrow().get(&key) {
            self.hits.set(self.hits.get() + 1);
            return Ok(Rc::clone(body));
        }
        self.misses.set(self.misses.get() + 1);
        let (body, ttl) = self.origin.get_with_retry(&key, 3).await?;
        let body = Rc::new(body);
        if ttl > 0 {
            self.store.borrow_mut().insert(key, Rc::clone(&body));
        }
        Ok(body)
    }
}

pub fn main() {
    let gzip: HashMap<&str, &str> = HashMap::from([("accept-encoding", "GZIP, br")]);
    let plain: HashMap<&str, &str> = HashMap::new();
    let assets = Edge {
        origin: StaticBucket { objects: BTreeMap::from([("/img/logo.png".to_string(), "PNG..."), ("/css/site.css".to_string(), "body{}")]) },
        store: RefCell::new(HashMap::new()),
        hits: Cell::new(0),
        misses: Cell::new(0),
    };
    let urls = [
        "https://CDN.Example.com:443/img/./logo.png?utm_source=x",
        "https://cdn.example.com/img/%6Cogo.png",
        "https://cdn.example.com/a/../img/logo.png#top",
        "https://cdn.example.com/css/site.css?v=2&b=1",
        "https://cdn.example.com/css/site.css?b=1&v=2&gclid=zz",
        "https://cdn.example.com/missing.js",
        "ftp://cdn.example.com/x",
        "https:///nohost",
    ];
    for u in urls {
        let r = block_on(assets.serve(u, &gzip)).map(|b| b.len());
        println!("{u:<58} {r:?}");
    }
    let app = Edge { origin: AppServer { flaky: Cell::new(2) }, store: RefCell::new(HashMap::new()), hits: Cell::new(0), misses: Cell::new(0) };
    println!("{:?}", block_on(app.serve("http://shop.example.com:80/p/42?ref=a", &plain)).map(|b| String::from_utf8_lossy(&b).into_owned()));
    println!("{:?}", block_on(app.serve("http://SHOP.example.com/p/42?ref=a", &plain)).map(|b| b.len()));
    app.origin.flaky.set(5);
    println!("{:?}", block_on(app.serve("http://shop.example.com/p/43", &plain)).err());
    println!("assets hits={} misses={}, app hits={} misses={}", assets.hits.get(), assets.misses.get(), app.hits.get(), app.misses.get());
}
