#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Package dependency resolver: fetches index metadata, matches version requirements, resolves transitively.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Net(u8);

impl Future for Net {
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
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Version([u32; 3]);

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0[0], self.0[1], self.0[2])
    }
}

#[derive(Debug)]
enum ResolveError {
    NotFound(String),
    NoMatch { name: String, req: String },
    Cycle(Vec<String>),
    BadVersion(ParseIntError),
}

impl From<ParseIntError> for ResolveError {
    fn from(e: ParseIntError) -> Self {
        ResolveError::BadVersion(e)
    }
}

fn parse_version(s: &str) -> Result<Version, ResolveError> {
    let mut parts = [0u32; 3];
    for (slot, piece) in parts.iter_mut().zip(s.trim().split('.')) {
        *slot = piece.parse()?;
    }
    Ok(Version(parts))
}

#[derive(Debug, Clone)]
enum Req {
    Any,
    Caret(Version),
    AtLeast(Version),
    Exact(Version),
}

impl Req {
    fn parse(s: &str) -> Result<Req, ResolveError> {
        let s = s.trim();
        Ok(match s.chars().next() {
            Some('*') | None => Req::Any,
            Some('^') => Req::Caret(parse_version(&s[1..])?),
            Some('=') => Req::Exact(parse_version(&s[1..])?),
            Some('>') => Req::AtLeast(parse_version(s.trim_start_matches(">="))?),
            _ => Req::Caret(parse_version(s)?),
        })
    }

    fn matches(&self, v: &Version) -> bool {
        match self {
            Req::Any => true,
            Req::Exact(e) => e == v,
            Req::AtLeast(min) => v >= min,
            Req::Caret(base) if base.0[0] == 0 => v.0[0] == 0 && v.0[1] == base.0[1] && v >= base,
            Req::Caret(base) => v.0[0] == base.0[0] && v >= base,
        }
    }
}

struct Registry {
    raw: &'static str,
    requests: Cell<u32>,
}

type Releases = Vec<(Version, Vec<(String, String)>)>;

impl Registry {
    async fn releases(&self, name: &str) -> Result<Releases, ResolveError> {
        Net(2).await;
        self.requests.set(self.requests.get() + 1);
        let mut out = Vec::new();
        for line in self.raw.lines().map(str::trim).filter(|l| l.starts_with(name) && l[name.len()..].starts_with(' ')) {
            let mut cols = line.split_whitespace();
            let _ = cols.next();
            let version = parse_version(cols.next().unwrap_or("0"))?;
            let deps = cols.filter_map(|d| d.split_once('@')).map(|(n, r)| (n.to_string(), r.to_string())).collect();
            out.push((version, deps));
        }
        if out.is_empty() {
            return Err(ResolveError::NotFound(name.to_string()));
        }
        Ok(out)
    }
}

struct Resolver<'r> {
    registry: &'r Registry,
    cache: HashMap<String, Releases>,
    chosen: BTreeMap<String, Version>,
    stack: Vec<String>,
}

impl<'r> Resolver<'r> {
    fn resolve<'a>(&'a mut self, name: String, req: String) -> Pin<Box<dyn Future<Output = Result<Version, ResolveError>> + 'a>> {
        Box::pin(async move {
            if self.stack.contains(&name) {
                let mut cycle = self.stack.clone();
                cycle.push(name);
                return Err(ResolveError::Cycle(cycle));
            }
            let parsed = Req::parse(&req)?;
            if let Some(v) = self.chosen.get(&name) {
                if parsed.matches(v) {
                    return Ok(*v);
                }
            }
            if !self.cache.contains_key(&name) {
                let rel = self.registry.releases(&name).await?;
                self.cache.insert(name.clone(), rel);
            }
            let mut best: Option<(Version, Vec<(String, String)>)> = None;
            for (v, deps) in &self.cache[&name] {
                if parsed.matches(v) && best.as_ref().map_or(true, |(b, _)| v > b) {
                    best = Some((*v, deps.clone()));
                }
            }
            let Some((version, deps)) = best else {
                return Err(ResolveError::NoMatch { name, req });
            };
            self.chosen.insert(name.clone(), version);
            self.stack.push(name);
            for (dep, dep_req) in deps {
                self.resolve(dep, dep_req).await?;
            }
            self.stack.pop();
            Ok(version)
        })
    }
}

async fn lock(registry: &Registry, manifest: &str) -> Result<BTreeMap<String, Version>, ResolveError> {
    let mut resolver = Resolver { registry, cache: HashMap::new(), chosen: BTreeMap::new(), stack: vec!["<root>".into()] };
    for line in manifest.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, req) = line.split_once('=').map(|(n, r)| (n.trim(), r.trim().trim_matches('"'))).unwrap_or((line, "*"));
        resolver.resolve(name.to_string(), req.to_string()).await?;
    }
    Ok(resolver.chosen)
}

fn main() {
    let registry = Registry {
        raw: "
            http 0.2.9 bytes@^1.0 itoa@^1
            http 1.1.0 bytes@^1.5 itoa@^1 fnv@^1.0.7
            bytes 1.4.0
            bytes 1.6.1
            itoa 1.0.11
            fnv 1.0.7
            hyper 1.3.1 http@^1 bytes@^1.2 tokio-lite@^0.3
            tokio-lite 0.3.4 bytes@^1
            tokio-lite 0.4.0 bytes@^1
            loopy 1.0.0 cyclic@*
            cyclic 2.0.0 loopy@>=1.0",
        requests: Cell::new(0),
    };
    let manifests = [
        ("web", "# app deps\nhyper = \"^1.0\"\nhttp = \"^0.2\"\n"),
        ("edge", "hyper = \"1.3\"\nfnv = \"=1.0.7\""),
        ("bad", "bytes = \"^2\""),
        ("cycle", "loopy"),
        ("typo", "serde = \"1\""),
    ];
    for (label, manifest) in manifests {
        match block_on(lock(&registry, manifest)) {
            Ok(lockfile) => {
                let pins: Vec<String> = lockfile.iter().map(|(n, v)| format!("{}@{}", n, v)).collect();
                println!("{}: {}", label, pins.join(" "));
            }
            Err(ResolveError::Cycle(path)) => println!("{}: cycle {}", label, path.join(" -> ")),
            Err(e) => println!("{}: {:?}", label, e),
        }
    }
    println!("registry requests: {}", registry.requests.get());
}
