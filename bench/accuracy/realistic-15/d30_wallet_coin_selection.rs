//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Wallet transaction builder: lists spendable UTXOs, estimates the fee rate, and selects
//! coins with branch-and-bound (changeless) falling back to largest-first with a change output.

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

const DUST_SATS: u64 = 546;
const TX_OVERHEAD_VB: u64 = 11;
const BNB_MAX_TRIES: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ScriptKind { P2wpkh, P2tr, P2pkh }
impl ScriptKind {
    fn input_vb(self) -> u64 { match self { ScriptKind::P2wpkh => 68, ScriptKind::P2tr => 58, ScriptKind::P2pkh => 148 } }
    fn output_vb(self) -> u64 { match self { ScriptKind::P2wpkh => 31, ScriptKind::P2tr => 43, ScriptKind::P2pkh => 34 } }
}

#[derive(Debug, Clone, Copy)]
struct Utxo { txid: [u8; 32], vout: u32, sats: u64, kind: ScriptKind, confs: u32 }

#[derive(Debug)]
enum BuildError { Insufficient { have: u64, need: u64 }, NoFeeEstimate, Rpc(String), Dust(u64) }

#[derive(Debug, PartialEq)]
enum Selection { Changeless { inputs: Vec<usize>, waste: u64 }, WithChange { inputs: Vec<usize>, change: u64 } }

trait FeeEstimator {
    async fn sats_per_vb(&self, target_blocks: u32) -> Option<u64>;
}
trait UtxoSource {
    async fn list_unspent(&self, min_conf: u32) -> Result<Vec<Utxo>, BuildError>;
}

struct MempoolHistogram { buckets: Vec<(u64, u64)> } // (fee rate, vbytes waiting at or above it)
struct StaticFallback { rate: u64 }
struct NodeRpc { utxos: Vec<Utxo>, locked: Arc<Mutex<HashSet<([u8; 32], u32)>>> }
struct ElectrumServer { history: &'static str }

impl FeeEstimator for MempoolHistogram {
    async fn sats_per_vb(&self, target_blocks: u32) -> Option<u64> {
        yield_now().await;
        let room = target_blocks as u64 * 1_000_000;
        self.buckets.iter().find(|(_, above)| *above >= room).map(|(rate, _)| *rate + 1).or(Some(1))
    }
}
impl FeeEstimator for StaticFallback {
    async fn sats_per_vb(&self, _t: u32) -> Option<u64> { (self.rate > 0).then_some(self.rate) }
}

impl UtxoSource for NodeRpc {
    async fn list_unspent(&self, min_conf: u32) -> Result<Vec<Utxo>, BuildError> {
        yield_now().await;
        let locked = self.locked.lock().unwrap();
        Ok(self.utxos.iter().filter(|u| u.confs >= min_conf && !locked.contains(&(u.txid, u.vout))).copied().collect())
    }
}
impl UtxoSource for ElectrumServer {
    async fn list_unspent(&self, min_conf: u32) -> Result<Vec<Utxo>, BuildError> {
        let mut out = Vec::new();
        for line in self.history.lines().filter(|l| !l.is_empty()) {
            yield_now().await;
            let f: Vec<&str> = line.split(':').collect();
            let [hex, vout, sats, confs] = f[..] else { return Err(BuildError::Rpc(format!("bad row {line}"))) };
            let mut txid = [0u8; 32];
            for (i, b) in txid.iter_mut().enumerate() { *b = u8::from_str_radix(hex.get(i * 2..i * 2 + 2).unwrap_or("00"), 16).map_err(|e| BuildError::Rpc(e.to_string()))?; }
            let confs: u32 = confs.parse().map_err(|_| BuildError::Rpc("confs".into()))?;
            if confs >= min_conf {
                out.push(Utxo { txid, vout: vout.parse().unwrap_or(0), sats: sats.parse().map_err(|_| BuildError::Rpc("sats".into()))?, kind: ScriptKind::P2tr, confs });
            }
        }
        Ok(out)
    }
}

fn effective(u: &Utxo, rate: u64) -> i64 { u.sats as i64 - (u.kind.input_vb() * rate) as i64 }

/// Depth-first search for a subset whose effective value lands in [target, target + cost_of_change].
fn branch_and_bound(pool: &[(usize, i64)], target: i64, cost_of_change: i64) -> Option<(Vec<usize>, u64)> {
    let mut best: Option<(Vec<usize>, i64)> = None;
    let mut stack: Vec<(usize, i64, Vec<usize>)> = vec![(0, 0, vec![])];
    let suffix: Vec<i64> = (0..=pool.len()).map(|i| pool[i..].iter().map(|p| p.1).sum::<i64>()).collect();
    let mut tries = 0;
    while let Some((i, sum, picked)) = stack.pop() {
        tries += 1;
        if tries > BNB_MAX_TRIES { break; }
        if sum > target + cost_of_change || sum + suffix[i] < target { continue; }
        if sum >= target {
            let waste = sum - target;
            if best.as_ref().map_or(true, |b| waste < b.1) { best = Some((picked, waste)); }
            continue;
        }
        if i == pool.len() { continue; }
        stack.push((i + 1, sum, picked.clone()));
        let mut with = picked;
        with.push(pool[i].0);
        stack.push((i + 1, sum + pool[i].1, with));
    }
    best.map(|(v, w)| (v, w as u64))
}

async fn build_tx<F: FeeEstimator, U: UtxoSource>(fees: &F, wallet: &U, pay_sats: u64, pay_kind: ScriptKind, change_kind: ScriptKind, target_blocks: u32) -> Result<(Selection, u64), BuildError> {
    if pay_sats < DUST_SATS { return Err(BuildError::Dust(pay_sats)); }
    let rate = fees.sats_per_vb(target_blocks).await.ok_or(BuildError::NoFeeEstimate)?;
    let utxos = wallet.list_unspent(1).await?;
    let mut pool: Vec<(usize, i64)> = utxos.iter().enumerate().map(|(i, u)| (i, effective(u, rate))).filter(|p| p.1 > 0).collect();
    pool.sort_by(|a, b| b.1.cmp(&a.1));
    let base_fee = (TX_OVERHEAD_VB + pay_kind.output_vb()) * rate;
    let target = (pay_sats + base_fee) as i64;
    let cost_of_change = ((change_kind.output_vb() + change_kind.input_vb()) * rate) as i64;
    if let Some((inputs, waste)) = branch_and_bound(&pool, target, cost_of_change) {
        let fee = base_fee + inputs.iter().map(|&i| utxos[i].kind.input_vb() * rate).sum::<u64>() + waste;
        return Ok((Selection::Changeless { inputs, waste }, fee));
    }
    let mut picked = Vec::new();
    let mut sum = 0i64;
    let with_change_target = target + (change_kind.output_vb() * rate) as i64;
    for (i, eff) in &pool {
        if sum >= with_change_target + DUST_SATS as i64 { break; }
        picked.push(*i);
        sum += eff;
    }
    if sum < with_change_target + DUST_SATS as i64 {
        return Err(BuildError::Insufficient { have: utxos.iter().map(|u| u.sats).sum::<u64>(), need: with_change_target as u64 });
    }
    let change = (sum - with_change_target) as u64;
    let fee = base_fee + change_kind.output_vb() * rate + picked.iter().map(|&i| utxos[i].kind.input_vb() * rate).sum::<u64>();
    Ok((Selection::WithChange { inputs: picked, change }, fee))
}

fn main() {
    let locked = Arc::new(Mutex::new(HashSet::new()));
    let mk = |tag: u8, sats: u64, kind: ScriptKind, confs: u32| Utxo { txid: [tag; 32], vout: tag as u32 % 3, sats, kind, confs };
    let node = NodeRpc {
        utxos: vec![mk(1, 120_000, ScriptKind::P2wpkh, 40), mk(2, 48_500, ScriptKind::P2wpkh, 12), mk(3, 250_000, ScriptKind::P2tr, 3), mk(4, 900, ScriptKind::P2pkh, 100), mk(5, 31_337, ScriptKind::P2wpkh, 0), mk(6, 75_250, ScriptKind::P2tr, 7)],
        locked: locked.clone(),
    };
    let mempool = MempoolHistogram { buckets: vec![(45, 400_000), (22, 1_300_000), (12, 2_900_000), (5, 6_000_000)] };
    let fallback = StaticFallback { rate: 8 };
    for (pay, target) in [(167_000u64, 2u32), (100_000, 1), (480_000, 3), (300, 1)] {
        match block_on(build_tx(&mempool, &node, pay, ScriptKind::P2wpkh, ScriptKind::P2tr, target)) {
            Ok((sel, fee)) => println!("pay {pay} in {target} blocks: {sel:?} fee {fee}"),
            Err(BuildError::Insufficient { have, need }) if need > have => println!("pay {pay}: wallet holds {have}, needs {need}"),
            Err(e) => println!("pay {pay}: {e:?}"),
        }
    }
    locked.lock().unwrap().insert(([3; 32], 0));
    let after_lock = block_on(build_tx(&fallback, &node, 167_000, ScriptKind::P2wpkh, ScriptKind::P2wpkh, 6));
    let electrum = ElectrumServer { history: "aa11:0:60000:5\nbb22:1:41000:2\ncc33:0:9000:0\n" };
    let e1 = block_on(build_tx(&fallback, &electrum, 50_000, ScriptKind::P2tr, ScriptKind::P2tr, 6));
    let broken = ElectrumServer { history: "zz:0:1:1\n" };
    let e2 = block_on(build_tx(&mempool, &broken, 10_000, ScriptKind::P2tr, ScriptKind::P2tr, 6));
    let none = block_on(build_tx(&StaticFallback { rate: 0 }, &electrum, 10_000, ScriptKind::P2tr, ScriptKind::P2tr, 6));
    println!("after lock {after_lock:?}\nelectrum {e1:?}\nbroken {e2:?}\nno estimate {none:?}");
    let summary = (|| async { let u = node.list_unspent(0).await.unwrap_or_default(); (u.len(), u.iter().map(|u| u.sats).sum::<u64>()) })();
    let rate = block_on(fallback.sats_per_vb(1));
    println!("spendable incl. unconfirmed {:?}, fallback rate {rate:?}", block_on(summary));
}
