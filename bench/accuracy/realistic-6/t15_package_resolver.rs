//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Package dependency resolver: semver ranges, an async registry index and depth-limited backtracking resolution.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Version(u32, u32, u32);
impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}.{}.{}", self.0, self.1, self.2) }
}

#[derive(Debug)]
enum ResolveError { BadVersion(String), NoMatch { pkg: String, req: String }, TooDeep(usize), Unknown(String) }

fn parse_version(s: &str) -> Result<Version, ResolveError> {
    let parts: Vec<u32> = s.split('.').map(|p| p.parse::<u32>()).collect::<Result<_, _>>().map_err(|_| ResolveError::BadVersion(s.into()))?;
    let [a, b, c] = parts[..] else { return Err(ResolveError::BadVersion(s.into())) };
    Ok(Version(a, b, c))
}

fn matches(req: &str, v: Version) -> Result<bool, ResolveError> {
    Ok(match req.chars().next() {
        Some('^') => { let b = parse_version(&req[1..])?; v >= b && if b.0 > 0 { v.0 == b.0 } else { v.1 == b.1 } }
        Some('~') => { let b = parse_version(&req[1..])?; v >= b && v.0 == b.0 && v.1 == b.1 }
        Some('=') => v == parse_version(&req[1..])?,
        Some('*') => true,
        _ => v == parse_version(req)?,
    })
}

trait Registry {
    async fn versions(&self, pkg: &str) -> Result<Vec<(Version, Vec<(String, String)>)>, ResolveError>;
    async fn newest_matching(&self, pkg: &str, req: &str) -> Result<Vec<Version>, ResolveError> {
        let mut vs = Vec::new();
        for (v, _) in self.versions(pkg).await? { if matches(req, v)? { vs.push(v); } }
        vs.sort_by(|a, b| b.cmp(a));
        Ok(vs)
    }
}

struct StaticIndex { raw: &'static str, fetches: Cell<u32> }
impl Registry for StaticIndex {
    async fn versions(&self, pkg: &str) -> Result<Vec<(Version, Vec<(String, String)>)>, ResolveError> {
        Yield(2).await;
        self.fetches.set(self.fetches.get() + 1);
        let mut out = Vec::new();
        for line in self.raw.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (head, deps) = line.split_once(" -> ").unwrap_or((line, ""));
            if let Some((name, ver)) = head.split_once('@') && name == pkg {
                let deps = deps.split(',').filter_map(|d| d.trim().split_once(' ')).map(|(n, r)| (n.to_string(), r.to_string())).collect();
                out.push((parse_version(ver)?, deps));
            }
        }
        if out.is_empty() { Err(ResolveError::Unknown(pkg.into())) } else { Ok(out) }
    }
}

struct Resolver<'r, R: Registry, const MAX_DEPTH: usize> { reg: &'r R, attempts: Cell<u32> }

impl<'r, R: Registry, const MAX_DEPTH: usize> Resolver<'r, R, MAX_DEPTH> {
    fn solve<'a>(&'a self, pending: Vec<(String, String, usize)>, chosen: BTreeMap<String, Version>) -> Pin<Box<dyn Future<Output = Result<BTreeMap<String, Version>, ResolveError>> + 'a>> {
        Box::pin(async move {
            let mut pending = pending;
            let Some((pkg, req, depth)) = pending.pop() else { return Ok(chosen) };
            if depth > MAX_DEPTH { return Err(ResolveError::TooDeep(depth)); }
            if let Some(&v) = chosen.get(&pkg) {
                return if matches(&req, v)? { self.solve(pending, chosen).await } else { Err(ResolveError::NoMatch { pkg, req }) };
            }
            let candidates = self.reg.newest_matching(&pkg, &req).await?;
            let all = self.reg.versions(&pkg).await?;
            let mut last_err = ResolveError::NoMatch { pkg: pkg.clone(), req: req.clone() };
            for v in candidates {
                self.attempts.set(self.attempts.get() + 1);
                let deps = all.iter().find(|(x, _)| *x == v).map(|(_, d)| d.clone()).unwrap_or_default();
                let mut next = pending.clone();
                next.extend(deps.into_iter().map(|(n, r)| (n, r, depth + 1)));
                let mut picked = chosen.clone();
                picked.insert(pkg.clone(), v);
                match self.solve(next, picked).await {
                    Ok(done) => return Ok(done),
                    Err(e @ ResolveError::TooDeep(_)) => return Err(e),
                    Err(e) => last_err = e,
                }
            }
            Err(last_err)
        })
    }
}

async fn checksum<R: Registry>(reg: &R, pkg: &str, v: Version) -> Result<String, ResolveError> {
    let all = reg.versions(pkg).await?;
    let deps = all.iter().find(|(x, _)| *x == v).map(|(_, d)| d.iter().map(|(n, r)| format!("{n}{r}")).collect::<String>()).unwrap_or_default();
    let h = format!("{pkg}@{v}:{deps}").bytes().fold(0x811c9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x01000193));
    Ok(format!("{h:08x}"))
}

async fn lockfile<R: Registry>(reg: &R, solution: &BTreeMap<String, Version>) -> Result<String, ResolveError> {
    let mut out = String::from("# generated lockfile\n");
    for (name, v) in solution {
        out += &format!("{name} = \"{v}\" # sha:{}\n", checksum(reg, name, *v).await?);
    }
    Ok(out)
}

async fn audit(solution: &BTreeMap<String, Version>, advisories: &[(&str, &str, &str)]) -> Vec<String> {
    Yield(1).await;
    let mut hits = Vec::new();
    for (pkg, req, id) in advisories {
        if let Some(v) = solution.get(*pkg) && matches(req, *v).unwrap_or(false) {
            hits.push(format!("{id}: {pkg}@{v} matches {req}"));
        }
    }
    hits
}

const INDEX: &str = "
    # name@version -> dep req, dep req
    web@2.1.0 -> http ^1.2.0, json ~0.9.0
    web@2.0.0 -> http ^1.0.0, json ^0.8.0
    http@1.4.0 -> tls ^3.0.0
    http@1.2.5 -> tls ^2.1.0
    http@1.0.0
    tls@3.0.1 -> crypto =1.1.0
    tls@2.2.0 -> crypto ^1.0.0
    crypto@1.0.4
    crypto@1.1.0
    json@0.9.3 -> crypto ~1.0.0
    json@0.8.1
    cyclic@1.0.0 -> cyclic2 *
    cyclic2@1.0.0 -> cyclic ^1.0.0
    deep@1.0.0 -> deep1 *
    deep1@1.0.0 -> deep2 *
    deep2@1.0.0 -> deep3 *
    deep3@1.0.0
";

fn main() {
    let idx = StaticIndex { raw: INDEX, fetches: Cell::new(0) };
    let shallow: Resolver<'_, StaticIndex, 2> = Resolver { reg: &idx, attempts: Cell::new(0) };
    let roomy: Resolver<'_, StaticIndex, 8> = Resolver { reg: &idx, attempts: Cell::new(0) };
    let roots = [("web", "^2.0.0"), ("cyclic", "*"), ("deep", "^1.0.0"), ("ghost", "*"), ("web", "^3.0.0")];
    let results = block_on(async {
        let mut out = Vec::new();
        for (name, req) in roots {
            let root = vec![(name.to_string(), req.to_string(), 0)];
            let a = shallow.solve(root.clone(), BTreeMap::new()).await;
            let b = roomy.solve(root, BTreeMap::new()).await;
            let fmt = |r: &Result<BTreeMap<String, Version>, ResolveError>| match r {
                Ok(m) => m.iter().map(|(k, v)| format!("{k}@{v}")).collect::<Vec<_>>().join(" "),
                Err(e) => format!("error: {e:?}"),
            };
            println!("{name} {req}\n  depth<=2: {}\n  depth<=8: {}", fmt(&a), fmt(&b));
            if let Ok(sol) = &b && sol.len() > 2 {
                print!("{}", lockfile(&idx, sol).await.expect("lockfile"));
                let advisories = [("tls", "^2.0.0", "RUSTSEC-0001"), ("crypto", "=1.1.0", "RUSTSEC-0002"), ("json", "~0.9.0", "RUSTSEC-0003")];
                let found = audit(sol, &advisories).await;
                println!("  audit: {found:?}");
                assert!(found.len() == 2 || name == "deep");
            }
            out.push((a.is_ok(), b.is_ok()));
        }
        out
    });
    println!("registry fetches: {}, candidate attempts: {}/{}", idx.fetches.get(), shallow.attempts.get(), roomy.attempts.get());
    assert_eq!(results, vec![(false, true), (true, true), (false, true), (false, false), (false, false)]);
}
