//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Block template builder: gathers transactions announced by peers, tracks parent/child
//! dependencies and fills a block by ancestor-package fee rate under a size cap.

use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const MAX_BLOCK_VSIZE: u32 = 2_000;
const MAX_ANCESTORS: usize = 5;
const BUCKETS: [u64; 5] = [1, 5, 10, 20, 50];

#[derive(Debug, Clone)]
struct Tx { txid: String, fee_sat: u64, vsize: u32, parents: Vec<String>, first_seen: u64 }

#[derive(Debug)]
enum PoolError { Duplicate(String), MissingParent { tx: String, parent: String }, TooManyAncestors(String), Malformed(String) }

fn parse_tx(line: &str, seen_at: u64) -> Result<Tx, PoolError> {
    let mut it = line.split_whitespace();
    let txid = it.next().ok_or_else(|| PoolError::Malformed(line.into()))?.to_string();
    let (mut fee, mut vsize, mut parents) = (None, None, Vec::new());
    for kv in it {
        match kv.split_once('=') {
            Some(("fee", v)) => fee = v.parse().ok(),
            Some(("vsize", v)) => vsize = v.parse().ok(),
            Some(("parents", v)) => parents = v.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
            _ => return Err(PoolError::Malformed(format!("{txid}: {kv}"))),
        }
    }
    let missing = || PoolError::Malformed(format!("{txid}: fee/vsize required"));
    Ok(Tx { fee_sat: fee.ok_or_else(missing)?, vsize: vsize.ok_or_else(missing)?, txid: txid.clone(), parents, first_seen: seen_at })
}

#[derive(Default)]
struct Mempool { txs: RwLock<HashMap<String, Tx>> }

impl Mempool {
    fn accept(&self, tx: Tx) -> Result<(), PoolError> {
        let mut txs = self.txs.write().unwrap();
        if txs.contains_key(&tx.txid) { return Err(PoolError::Duplicate(tx.txid)); }
        if let Some(p) = tx.parents.iter().find(|p| !txs.contains_key(*p)) {
            return Err(PoolError::MissingParent { tx: tx.txid.clone(), parent: p.clone() });
        }
        if ancestors(&txs, &tx.parents).len() + 1 > MAX_ANCESTORS { return Err(PoolError::TooManyAncestors(tx.txid)); }
        txs.insert(tx.txid.clone(), tx);
        Ok(())
    }
}

fn ancestors(txs: &HashMap<String, Tx>, roots: &[String]) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut stack: Vec<&String> = roots.iter().collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id.clone()) && let Some(t) = txs.get(id) { stack.extend(t.parents.iter()); }
    }
    seen
}

trait Peer {
    fn name(&self) -> String;
    async fn fetch_inv(&mut self) -> Vec<String>;
    async fn announce(&mut self, pool: &Mempool, clock: u64) -> (usize, Vec<PoolError>) {
        let (mut ok, mut errs) = (0, Vec::new());
        for line in self.fetch_inv().await {
            match parse_tx(&line, clock).and_then(|tx| pool.accept(tx)) { Ok(()) => ok += 1, Err(e) => errs.push(e) }
        }
        (ok, errs)
    }
}

struct ScriptedPeer { batches: VecDeque<Vec<&'static str>> }
struct FloodPeer { prefix: char, n: u32, chain: bool }

impl Peer for ScriptedPeer {
    fn name(&self) -> String { "scripted".into() }
    async fn fetch_inv(&mut self) -> Vec<String> {
        Yield(false).await;
        self.batches.pop_front().unwrap_or_default().into_iter().map(String::from).collect()
    }
}

impl Peer for FloodPeer {
    fn name(&self) -> String { format!("flood-{}", self.prefix) }
    async fn fetch_inv(&mut self) -> Vec<String> {
        let start = self.n;
        self.n += 4;
        Yield(false).await;
        (start..self.n).map(|i| {
            let parent = if self.chain && i > 0 { format!(" parents={}{}", self.prefix, i - 1) } else { String::new() };
            format!("{}{i} fee={} vsize={}{parent}", self.prefix, 150 + (i * 37) % 900, 110 + (i * 13) % 200)
        }).collect()
    }
}

async fn sync_from<P: Peer>(peer: &mut P, pool: &Arc<Mempool>, rounds: u64) -> usize {
    let mut total = 0;
    for r in 0..rounds {
        let (ok, errs) = peer.announce(pool, r).await;
        total += ok;
        for e in errs.iter().take(2) { println!("  {} round {r}: {e:?}", peer.name()); }
    }
    total
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Candidate { rate_milli: u64, txid: String }

async fn build_template(pool: &Mempool) -> (Vec<String>, u64, u32) {
    let txs = pool.txs.read().unwrap();
    let mut selected: HashSet<String> = HashSet::new();
    let (mut order, mut fees, mut size) = (Vec::new(), 0u64, 0u32);
    loop {
        Yield(false).await;
        let mut heap: BinaryHeap<Candidate> = txs.values().filter(|t| !selected.contains(&t.txid)).map(|t| {
            let pkg: Vec<&Tx> = ancestors(&txs, &t.parents).iter().filter(|a| !selected.contains(*a)).filter_map(|a| txs.get(a)).chain([t]).collect();
            let (f, v) = pkg.iter().fold((0u64, 0u32), |(f, v), t| (f + t.fee_sat, v + t.vsize));
            Candidate { rate_milli: f * 1000 / v.max(1) as u64, txid: t.txid.clone() }
        }).collect();
        let mut progressed = false;
        while let Some(Candidate { txid, .. }) = heap.pop() {
            let mut pkg: Vec<&Tx> = ancestors(&txs, &txs[&txid].parents).into_iter().filter(|a| !selected.contains(a)).filter_map(|a| txs.get(&a)).collect();
            pkg.push(&txs[&txid]);
            let pkg_size: u32 = pkg.iter().map(|t| t.vsize).sum();
            if size + pkg_size > MAX_BLOCK_VSIZE { continue; }
            pkg.sort_by_key(|t| ancestors(&txs, &t.parents).len());
            for t in pkg {
                selected.insert(t.txid.clone());
                order.push(t.txid.clone());
                fees += t.fee_sat;
            }
            size += pkg_size;
            progressed = true;
            break;
        }
        if !progressed { break; }
    }
    (order, fees, size)
}

fn main() {
    let pool = Arc::new(Mempool::default());
    let mut scripted = ScriptedPeer { batches: VecDeque::from([
        vec!["aa fee=5000 vsize=200", "ab fee=100 vsize=150 parents=aa", "ac fee=9000 vsize=120 parents=ab"],
        vec!["aa fee=1 vsize=1", "zz fee=10 vsize=10 parents=qq", "bad fee=x", "ad fee=300 vsize=100 parents=ac"],
    ]) };
    let mut chain = FloodPeer { prefix: 'c', n: 0, chain: true };
    let mut loose = FloodPeer { prefix: 'f', n: 0, chain: false };
    println!("scripted accepted {}", block_on(sync_from(&mut scripted, &pool, 2)));
    println!("chain accepted {}", block_on(sync_from(&mut chain, &pool, 2)));
    println!("loose accepted {}", block_on(sync_from(&mut loose, &pool, 3)));

    let (order, fees, size) = block_on(build_template(&pool));
    println!("template {} txs, {fees} sat, {size} vB: {:?}", order.len(), order);

    let histogram = async |pool: &Mempool| -> BTreeMap<u64, usize> {
        let mut h = BTreeMap::new();
        for t in pool.txs.read().unwrap().values() {
            let rate = t.fee_sat / t.vsize.max(1) as u64;
            let bucket = BUCKETS.iter().rev().find(|b| rate >= **b).copied().unwrap_or(0);
            *h.entry(bucket).or_insert(0) += 1;
        }
        Yield(false).await;
        h
    };
    println!("fee histogram {:?}", block_on(histogram(&pool)));
}
