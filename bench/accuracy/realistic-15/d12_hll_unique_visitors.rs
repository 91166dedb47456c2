//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Web analytics unique-visitor estimation: edge nodes stream access logs, each page
//! keeps a HyperLogLog sketch of visitor fingerprints, and sketches merge per day.

use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
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

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // finaliser (splitmix) so low bits are well mixed
    h ^= h >> 31;
    h = h.wrapping_mul(0x7fb5d329728ea185);
    h ^ (h >> 27)
}

#[derive(Clone, Copy)]
struct Hll<const M: usize> { regs: [u8; M] }

impl<const M: usize> Hll<M> {
    const BITS: u32 = M.trailing_zeros();
    fn new() -> Self { assert!(M.is_power_of_two() && M >= 16); Hll { regs: [0; M] } }
    fn add_hash(&mut self, h: u64) {
        let idx = (h & (M as u64 - 1)) as usize;
        let rest = h >> Self::BITS;
        let rank = (rest.trailing_zeros() + 1).min(64 - Self::BITS) as u8;
        self.regs[idx] = self.regs[idx].max(rank);
    }
    fn merge(&mut self, other: &Self) {
        for (a, b) in self.regs.iter_mut().zip(other.regs.iter()) { *a = (*a).max(*b); }
    }
    fn estimate(&self) -> f64 {
        let m = M as f64;
        let alpha = match M { 16 => 0.673, 32 => 0.697, 64 => 0.709, _ => 0.7213 / (1.0 + 1.079 / m) };
        let z: f64 = self.regs.iter().map(|&r| 2f64.powi(-(r as i32))).sum::<f64>();
        let raw = alpha * m * m / z;
        let zeros = self.regs.iter().filter(|&&r| r == 0).count();
        if raw <= 2.5 * m && zeros > 0 { m * (m / zeros as f64).ln() } else { raw }
    }
}

#[derive(Debug)]
enum LogError { Malformed(usize), Bot(String) }

#[derive(Debug)]
struct Hit<'a> { path: &'a str, ip: &'a str, ua: &'a str, status: u16 }

fn parse_hit(n: usize, line: &str) -> Result<Hit<'_>, LogError> {
    let mut it = line.splitn(5, ' ');
    let (Some(ip), Some(_method), Some(path), Some(status), Some(ua)) = (it.next(), it.next(), it.next(), it.next(), it.next()) else {
        return Err(LogError::Malformed(n));
    };
    let status = status.parse().map_err(|_| LogError::Malformed(n))?;
    if ua.to_ascii_lowercase().contains("bot") { return Err(LogError::Bot(ua.to_string())); }
    Ok(Hit { path: path.split('?').next().unwrap_or(path), ip, ua, status })
}

trait EdgeLogs {
    async fn next_batch(&mut self) -> Option<Vec<String>>;
}

struct SyntheticEdge { visitors: u32, pages: &'static [&'static str], batches_left: u32, seed: u32 }
struct ReplayEdge { lines: Vec<&'static str> }

impl EdgeLogs for SyntheticEdge {
    async fn next_batch(&mut self) -> Option<Vec<String>> {
        if self.batches_left == 0 { return None; }
        self.batches_left -= 1;
        yield_now().await;
        Some((0..500).map(|i| {
            self.seed = self.seed.wrapping_mul(1103515245).wrapping_add(12345);
            let v = (self.seed >> 8) % self.visitors;
            let page = self.pages[(self.seed >> 20) as usize % self.pages.len()];
            format!("10.{}.{}.{} GET {page}?ref=x 200 Mozilla/5.0 (v{})", v >> 16, (v >> 8) & 255, v & 255, v % 7)
        }).collect())
    }
}

impl EdgeLogs for ReplayEdge {
    async fn next_batch(&mut self) -> Option<Vec<String>> {
        yield_now().await;
        if self.lines.is_empty() { None } else { Some(self.lines.drain(..).map(String::from).collect()) }
    }
}

async fn ingest<E: EdgeLogs, const M: usize>(edge: &mut E, daily: Arc<Mutex<BTreeMap<String, Hll<M>>>>) -> (usize, usize, HashSet<String>) {
    let mut local: BTreeMap<String, Hll<M>> = BTreeMap::new();
    let (mut hits, mut rejected) = (0, 0);
    let mut exact = HashSet::new();
    while let Some(batch) = edge.next_batch().await {
        for (n, line) in batch.iter().enumerate() {
            match parse_hit(n, line) {
                Ok(h) if h.status < 400 => {
                    let fp = format!("{}|{}", h.ip, h.ua);
                    local.entry(h.path.to_string()).or_insert_with(Hll::new).add_hash(fnv1a64(fp.as_bytes()));
                    if h.path == "/" { exact.insert(fp); }
                    hits += 1;
                }
                Ok(_) | Err(LogError::Bot(_)) => rejected += 1,
                Err(LogError::Malformed(_)) => rejected += 1,
            }
        }
        yield_now().await;
    }
    let mut shared = daily.lock().unwrap();
    for (path, sk) in local {
        shared.entry(path).or_insert_with(Hll::new).merge(&sk);
    }
    (hits, rejected, exact)
}

fn main() {
    let pages: &'static [&'static str] = &["/", "/pricing", "/docs/start", "/blog/launch"];
    let fine: Arc<Mutex<BTreeMap<String, Hll<256>>>> = Arc::new(Mutex::new(BTreeMap::new()));
    let coarse: Arc<Mutex<BTreeMap<String, Hll<64>>>> = Arc::new(Mutex::new(BTreeMap::new()));

    let mut eu = SyntheticEdge { visitors: 3000, pages, batches_left: 12, seed: 7 };
    let mut us = SyntheticEdge { visitors: 3000, pages, batches_left: 8, seed: 99 };
    let (h1, r1, mut exact) = block_on(ingest(&mut eu, fine.clone()));
    let (h2, r2, exact2) = block_on(ingest(&mut us, fine.clone()));
    exact.extend(exact2);
    let mut replay = ReplayEdge { lines: vec!["1.2.3.4 GET / 200 curl/8", "5.6.7.8 GET /pricing 500 curl/8", "9.9.9.9 GET / 200 Googlebot/2.1", "junk"] };
    let (h3, r3, _) = block_on(ingest(&mut replay, coarse.clone()));
    let mut eu2 = SyntheticEdge { visitors: 3000, pages, batches_left: 12, seed: 7 };
    let (h4, _, _) = block_on(ingest(&mut eu2, coarse.clone()));

    println!("hits {h1}+{h2}, rejected {r1}+{r2}; replay hits {h3} rejected {r3}");
    for (path, sk) in fine.lock().unwrap().iter() {
        let c = coarse.lock().unwrap().get(path).map(|s| s.estimate()).unwrap_or(0.0);
        println!("{path:<14} ~{:>6.0} uniques (m=256)  ~{c:>6.0} (m=64)", sk.estimate());
    }
    let est = fine.lock().unwrap()["/"].estimate();
    let err = (est - exact.len() as f64).abs() / exact.len() as f64;
    println!("'/' exact {} estimate {est:.0} rel.err {:.3}", exact.len(), err);
    assert!(err < 0.25);
    let mut empty = ReplayEdge { lines: vec![] };
    assert!(block_on(empty.next_batch()).is_none());
}
