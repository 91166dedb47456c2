//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Time-series storage compactor: packs raw samples with delta-of-delta timestamps and XOR
//! floats, verifies round trips, and writes min/max/avg rollups into a tiered chunk store.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
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

#[derive(Default)]
struct Bits { bytes: Vec<u8>, len: usize }

impl Bits {
    fn push(&mut self, value: u64, width: u32) {
        for i in (0..width).rev() {
            if self.len % 8 == 0 { self.bytes.push(0); }
            if (value >> i) & 1 == 1 { *self.bytes.last_mut().unwrap() |= 0x80 >> (self.len % 8); }
            self.len += 1;
        }
    }
    fn read(&self, pos: &mut usize, width: u32) -> Option<u64> {
        let mut v = 0u64;
        for _ in 0..width {
            if *pos >= self.len { return None; }
            v = (v << 1) | ((self.bytes[*pos / 8] >> (7 - *pos % 8)) & 1) as u64;
            *pos += 1;
        }
        Some(v)
    }
}

fn encode(samples: &[(i64, f64)]) -> Bits {
    let mut b = Bits::default();
    let (mut prev_ts, mut prev_delta, mut prev_bits) = (0i64, 0i64, 0u64);
    for (i, &(ts, v)) in samples.iter().enumerate() {
        if i == 0 {
            b.push(ts as u64, 64);
            b.push(v.to_bits(), 64);
        } else {
            let delta = ts - prev_ts;
            match delta - prev_delta {
                0 => b.push(0, 1),
                dod if (-63..=64).contains(&dod) => { b.push(0b10, 2); b.push((dod + 63) as u64, 7); }
                dod if (-2047..=2048).contains(&dod) => { b.push(0b110, 3); b.push((dod + 2047) as u64, 12); }
                dod => { b.push(0b111, 3); b.push(dod as u32 as u64, 32); }
            }
            let xor = v.to_bits() ^ prev_bits;
            if xor == 0 {
                b.push(0, 1);
            } else {
                let (lead, trail) = (xor.leading_zeros().min(63), xor.trailing_zeros());
                let meaningful = 64 - lead - trail;
                b.push(1, 1);
                b.push(lead as u64, 6);
                b.push((meaningful - 1) as u64, 6);
                b.push(xor >> trail, meaningful);
            }
            prev_delta = delta;
        }
        prev_ts = ts;
        prev_bits = v.to_bits();
    }
    b
}

fn decode(b: &Bits, count: usize) -> Option<Vec<(i64, f64)>> {
    let (mut pos, mut out) = (0, Vec::with_capacity(count));
    let (mut ts, mut bits) = (b.read(&mut pos, 64)? as i64, b.read(&mut pos, 64)?);
    out.push((ts, f64::from_bits(bits)));
    let mut delta = 0i64;
    while out.len() < count {
        let dod = if b.read(&mut pos, 1)? == 0 { 0 }
            else if b.read(&mut pos, 1)? == 0 { b.read(&mut pos, 7)? as i64 - 63 }
            else if b.read(&mut pos, 1)? == 0 { b.read(&mut pos, 12)? as i64 - 2047 }
            else { b.read(&mut pos, 32)? as u32 as i32 as i64 };
        delta += dod;
        ts += delta;
        if b.read(&mut pos, 1)? == 1 {
            let lead = b.read(&mut pos, 6)? as u32;
            let meaningful = b.read(&mut pos, 6)? as u32 + 1;
            bits ^= b.read(&mut pos, meaningful)? << (64 - lead - meaningful);
        }
        out.push((ts, f64::from_bits(bits)));
    }
    Some(out)
}

#[derive(Debug, Clone, Copy)]
struct Rollup { min: f64, max: f64, sum: f64, count: u32 }

trait ChunkStore {
    async fn put(&self, key: String, bytes: Vec<u8>) -> usize;
    async fn get(&self, key: &str) -> Option<Vec<u8>>;

    async fn put_rollups(&self, series: &str, step: i64, rollups: &BTreeMap<i64, Rollup>) -> usize {
        let mut written = 0;
        for (bucket, r) in rollups {
            let line = format!("{:.3},{:.3},{:.3},{}", r.min, r.max, r.sum / r.count as f64, r.count);
            written += self.put(format!("{series}/{step}s/{bucket}"), line.into_bytes()).await;
        }
        written
    }
}

struct MemStore { map: RefCell<HashMap<String, Vec<u8>>> }
struct TieredStore { hot: RefCell<HashMap<String, Vec<u8>>>, cold: RefCell<Vec<(String, Vec<u8>)>>, hot_limit: usize }

impl ChunkStore for MemStore {
    async fn put(&self, key: String, bytes: Vec<u8>) -> usize {
        yield_now().await;
        let n = bytes.len();
        self.map.borrow_mut().insert(key, bytes);
        n
    }
    async fn get(&self, key: &str) -> Option<Vec<u8>> { self.map.borrow().get(key).cloned() }
}

impl ChunkStore for TieredStore {
    async fn put(&self, key: String, bytes: Vec<u8>) -> usize {
        let n = bytes.len();
        if self.hot.borrow().len() >= self.hot_limit {
            let oldest = self.hot.borrow().keys().min().cloned();
            if let Some(k) = oldest {
                let v = self.hot.borrow_mut().remove(&k).unwrap();
                yield_now().await;
                self.cold.borrow_mut().push((k, v));
            }
        }
        self.hot.borrow_mut().insert(key, bytes);
        n
    }
    async fn get(&self, key: &str) -> Option<Vec<u8>> {
        if let Some(v) = self.hot.borrow().get(key) { return Some(v.clone()) }
        yield_now().await;
        self.cold.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

async fn compact<S>(store: &S, series: &str, samples: &[(i64, f64)], step: i64) -> Result<String, String>
where
    S: ChunkStore,
{
    let (bits, raw_bytes) = { let b = encode(samples); let n = b.bytes.len(); (b, n) };
    store.put(format!("{series}/raw"), bits.bytes.clone()).await;
    let back = store.get(&format!("{series}/raw")).await.ok_or("chunk vanished")?;
    let decoded = decode(&Bits { len: bits.len, bytes: back }, samples.len()).ok_or("truncated chunk")?;
    if decoded != samples { return Err(format!("{series}: round trip mismatch")); }
    let mut rollups: BTreeMap<i64, Rollup> = BTreeMap::new();
    for &(ts, v) in samples {
        let r = rollups.entry(ts - ts.rem_euclid(step)).or_insert(Rollup { min: f64::MAX, max: f64::MIN, sum: 0.0, count: 0 });
        r.min = r.min.min(v); r.max = r.max.max(v); r.sum += v; r.count += 1;
    }
    let written = store.put_rollups(series, step, &rollups).await;
    Ok(format!("{series}: {} samples -> {raw_bytes} bytes ({:.1} bits/sample), {} rollups ({written} bytes)", samples.len(), bits.len as f64 / samples.len() as f64, rollups.len()))
}

pub fn main() {
    let cpu: Vec<(i64, f64)> = (0..120).map(|i| (1_700_000_000 + i * 10 + if i % 17 == 0 { 1 } else { 0 }, 40.0 + ((i / 7) % 5) as f64 * 2.5)).collect();
    let temp: Vec<(i64, f64)> = (0..60).map(|i| (1_700_000_000 + i * 60, 21.5 + (i as f64 * 0.3).sin())).collect();
    let irregular = vec![(100, 1.0), (105, 1.0), (5_000, 2.0), (5_001, -3.5), (90_000, 0.0)];
    let mem = MemStore { map: RefCell::new(HashMap::new()) };
    let tiered = TieredStore { hot: RefCell::new(HashMap::new()), cold: RefCell::new(Vec::new()), hot_limit: 4 };

    println!("{:?}", block_on(compact(&mem, "cpu.host1", &cpu, 300)));
    println!("{:?}", block_on(compact(&tiered, "temp.room2", &temp, 900)));
    println!("{:?}", block_on(compact(&mem, "events", &irregular, 3600)));

    let fetch = async |key: &str| -> String {
        match tiered.get(key).await {
            Some(bytes) => String::from_utf8(bytes).unwrap_or_else(|e| format!("<{} binary bytes>", e.as_bytes().len())),
            None => "<missing>".to_string(),
        }
    };
    println!("{}", block_on(fetch("temp.room2/900s/1699999200")));
    println!("{}", block_on(fetch("temp.room2/raw")));
    let (hot, cold, kept) = block_on(async { yield_now().await; (tiered.hot.borrow().len(), tiered.cold.borrow().len(), mem.map.borrow().len()) });
    println!("hot {hot} / cold {cold} / mem {kept}");
}
