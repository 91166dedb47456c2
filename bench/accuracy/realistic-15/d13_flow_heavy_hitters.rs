//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Network flow heavy-hitter detector for a NOC: ingests NetFlow and sampled sFlow
//! records, counts bytes per source prefix in a count-min sketch and alerts on top talkers.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::net::Ipv4Addr;
use std::pin::Pin;
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

const DEPTH: usize = 4;
const WIDTH: usize = 512;
const SEEDS: [u64; DEPTH] = [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5];

struct CountMin { rows: [[u64; WIDTH]; DEPTH], total: u64 }
impl CountMin {
    fn new() -> Self { CountMin { rows: [[0; WIDTH]; DEPTH], total: 0 } }
    fn slot(key: u32, seed: u64) -> usize {
        let mut h = (key as u64 ^ seed).wrapping_mul(0xff51afd7ed558ccd);
        h ^= h >> 33;
        (h % WIDTH as u64) as usize
    }
    fn add(&mut self, key: u32, n: u64) -> u64 {
        self.total += n;
        let mut est = u64::MAX;
        for (row, seed) in self.rows.iter_mut().zip(SEEDS) {
            let c = &mut row[Self::slot(key, seed)];
            *c += n;
            est = est.min(*c);
        }
        est
    }
}

#[derive(Debug, Clone, Copy)]
struct FlowRecord { src: Ipv4Addr, dst: Ipv4Addr, proto: u8, bytes: u64 }

#[derive(Debug)]
enum CollectError { Truncated { exporter: &'static str, at: usize }, UnknownVersion(u16) }

trait FlowCollector {
    fn exporter(&self) -> &'static str;
    async fn read_packet(&mut self) -> Option<Result<Vec<FlowRecord>, CollectError>>;
    async fn scale(&self, rec: FlowRecord) -> FlowRecord { rec }
}

struct NetflowV5 { packets: Vec<Vec<u8>> }
struct SflowAgent { sampling_rate: u64, samples: Vec<(u32, u32, u64)>, chunk: usize }

impl FlowCollector for NetflowV5 {
    fn exporter(&self) -> &'static str { "core-rtr-1" }
    async fn read_packet(&mut self) -> Option<Result<Vec<FlowRecord>, CollectError>> {
        let pkt = self.packets.pop()?;
        yield_now().await;
        let version = u16::from_be_bytes([pkt[0], pkt[1]]);
        if version != 5 { return Some(Err(CollectError::UnknownVersion(version))); }
        let body = &pkt[2..];
        if body.len() % 13 != 0 { return Some(Err(CollectError::Truncated { exporter: self.exporter(), at: body.len() })); }
        Some(Ok(body.chunks_exact(13).map(|c| FlowRecord {
            src: Ipv4Addr::new(c[0], c[1], c[2], c[3]),
            dst: Ipv4Addr::new(c[4], c[5], c[6], c[7]),
            proto: c[8],
            bytes: u32::from_be_bytes([c[9], c[10], c[11], c[12]]) as u64,
        }).collect()))
    }
}

impl FlowCollector for SflowAgent {
    fn exporter(&self) -> &'static str { "tor-switch-7" }
    async fn read_packet(&mut self) -> Option<Result<Vec<FlowRecord>, CollectError>> {
        if self.samples.is_empty() { return None; }
        let take = self.chunk.min(self.samples.len());
        let batch: Vec<_> = self.samples.drain(..take).collect();
        yield_now().await;
        Some(Ok(batch.into_iter().map(|(s, d, b)| FlowRecord { src: Ipv4Addr::from(s), dst: Ipv4Addr::from(d), proto: 6, bytes: b }).collect()))
    }
    async fn scale(&self, rec: FlowRecord) -> FlowRecord { FlowRecord { bytes: rec.bytes * self.sampling_rate, ..rec } }
}

fn prefix24(ip: Ipv4Addr) -> u32 { u32::from(ip) & 0xFFFF_FF00 }

async fn collect<C: FlowCollector>(c: &mut C, sketch: &mut CountMin, top: &mut HashMap<u32, u64>, k: usize) -> Result<usize, CollectError> {
    let mut records = 0;
    while let Some(pkt) = c.read_packet().await {
        let flows = match pkt {
            Ok(f) => f,
            Err(CollectError::Truncated { exporter, at }) if at > 13 => { println!("  {exporter}: truncated packet dropped"); continue; }
            Err(e) => return Err(e),
        };
        for rec in flows {
            let rec = c.scale(rec).await;
            let key = prefix24(rec.src);
            let est = sketch.add(key, rec.bytes);
            if top.len() < k || top.contains_key(&key) {
                top.insert(key, est);
            } else if let Some((&min_k, &min_v)) = top.iter().min_by_key(|(_, v)| **v) {
                if est > min_v { top.remove(&min_k); top.insert(key, est); }
            }
            records += 1;
        }
    }
    Ok(records)
}

fn nf_packet(flows: &[([u8; 4], [u8; 4], u32)]) -> Vec<u8> {
    let mut p = 5u16.to_be_bytes().to_vec();
    for (s, d, b) in flows {
        p.extend_from_slice(s);
        p.extend_from_slice(d);
        p.push(17);
        p.extend_from_slice(&b.to_be_bytes());
    }
    p
}

fn main() {
    let mut nf = NetflowV5 {
        packets: vec![
            nf_packet(&[([10, 1, 1, 5], [8, 8, 8, 8], 1_500_000), ([10, 1, 1, 9], [1, 1, 1, 1], 900_000), ([10, 2, 0, 1], [9, 9, 9, 9], 4_000)]),
            { let mut p = nf_packet(&[([10, 3, 3, 3], [1, 1, 1, 1], 10), ([10, 3, 3, 4], [1, 1, 1, 1], 10)]); p.push(0); p },
            nf_packet(&[([192, 168, 7, 20], [10, 1, 1, 5], 75_000)]),
        ],
    };
    let samples: Vec<(u32, u32, u64)> = (0..300u32).map(|i| (0x0A05_0000 | ((i % 3) << 8) | i % 250, 0x0808_0808, 1_400 + (i as u64 % 5) * 100)).collect();
    let mut sflow = SflowAgent { sampling_rate: 512, samples, chunk: 64 };

    let mut sketch = CountMin::new();
    let mut top = HashMap::new();
    let n1 = block_on(collect(&mut nf, &mut sketch, &mut top, 4));
    let n2 = block_on(collect(&mut sflow, &mut sketch, &mut top, 4));
    println!("netflow {n1:?} sflow {n2:?} total bytes {}", sketch.total);

    let alert = async |threshold_pct: u64, table: &HashMap<u32, u64>, total: u64| -> Vec<String> {
        let mut heap: BinaryHeap<Reverse<(u64, u32)>> = BinaryHeap::new();
        for (&k, &v) in table { heap.push(Reverse((v, k))); }
        let mut out = Vec::new();
        while let Some(Reverse((bytes, prefix))) = heap.pop() {
            yield_now().await;
            if bytes * 100 >= total * threshold_pct {
                out.push(format!("{}/24 {:.1} MB", Ipv4Addr::from(prefix), bytes as f64 / 1e6));
            }
        }
        out.reverse();
        out
    };
    for line in block_on(alert(10, &top, sketch.total)) { println!("TOP TALKER {line}"); }

    let bad = block_on(async move {
        let mut nf = NetflowV5 { packets: vec![vec![0, 9, 1, 2]] };
        let mut s = CountMin::new();
        collect(&mut nf, &mut s, &mut HashMap::new(), 1).await
    });
    let scaled = block_on(nf.scale(FlowRecord { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST, proto: 1, bytes: 7 }));
    println!("bad exporter: {bad:?}, default scale keeps {} bytes", scaled.bytes);
}
