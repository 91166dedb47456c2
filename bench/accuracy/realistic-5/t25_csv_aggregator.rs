#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Streaming CSV aggregator: reassembles lines from arbitrary byte chunks, parses quoted fields, groups by key.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
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
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum CsvError {
    MissingColumn(&'static str),
    BadNumber { row: usize, field: String },
    UnterminatedQuote(usize),
}

trait ChunkSource {
    async fn next_chunk(&mut self) -> Option<Vec<u8>>;
}

struct SlicedUpload<const CHUNK: usize> {
    data: &'static [u8],
    pos: usize,
}

impl<const CHUNK: usize> ChunkSource for SlicedUpload<CHUNK> {
    async fn next_chunk(&mut self) -> Option<Vec<u8>> {
        if self.pos >= self.data.len() {
            return None;
        }
        Yield(1).await;
        let end = (self.pos + CHUNK).min(self.data.len());
        let chunk = self.data[self.pos..end].to_vec();
        self.pos = end;
        Some(chunk)
    }
}

fn split_fields(line: &str, row: usize) -> Result<Vec<String>, CsvError> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, in_quotes) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => in_quotes = !in_quotes,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    if in_quotes {
        return Err(CsvError::UnterminatedQuote(row));
    }
    fields.push(cur);
    Ok(fields)
}

trait Aggregate: Default + Debug {
    type Output: Debug;
    fn add(&mut self, v: f64);
    fn finish(&self) -> Self::Output;
}

#[derive(Default, Debug)]
struct Sum(f64);
#[derive(Default, Debug)]
struct Stats {
    n: u64,
    min: Option<f64>,
    max: Option<f64>,
    total: f64,
}

impl Aggregate for Sum {
    type Output = f64;
    fn add(&mut self, v: f64) {
        self.0 += v;
    }
    fn finish(&self) -> f64 {
        (self.0 * 100.0).round() / 100.0
    }
}

impl Aggregate for Stats {
    type Output = (u64, f64, f64, f64);
    fn add(&mut self, v: f64) {
        self.n += 1;
        self.total += v;
        self.min = Some(self.min.map_or(v, |m| m.min(v)));
        self.max = Some(self.max.map_or(v, |m| m.max(v)));
    }
    fn finish(&self) -> Self::Output {
        (self.n, self.min.unwrap_or(0.0), self.max.unwrap_or(0.0), if self.n > 0 { self.total / self.n as f64 } else { 0.0 })
    }
}

async fn aggregate<S, A>(mut src: S, group_col: &'static str, value_col: &'static str) -> Result<(BTreeMap<String, A::Output>, usize), CsvError>
where
    S: ChunkSource,
    A: Aggregate,
{
    let mut pending: Vec<u8> = Vec::new();
    let mut header: Option<(usize, usize)> = None;
    let mut groups: BTreeMap<String, A> = BTreeMap::new();
    let mut row = 0usize;
    let mut skipped = 0usize;
    let mut eof = false;
    while !eof {
        match src.next_chunk().await {
            Some(chunk) => pending.extend_from_slice(&chunk),
            None => {
                eof = true;
                if !pending.is_empty() && pending.last() != Some(&b'\n') {
                    pending.push(b'\n');
                }
            }
        }
        while let Some(nl) = pending.iter().position(|&b| b == b'\n') {
            let line_bytes: Vec<u8> = pending.drain(..=nl).collect();
            let line = String::from_utf8_lossy(&line_bytes);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                continue;
            }
            let fields = split_fields(line, row)?;
            row += 1;
            let Some((g, v)) = header else {
                let find = |name: &'static str| fields.iter().position(|f| f == name).ok_or(CsvError::MissingColumn(name));
                header = Some((find(group_col)?, find(value_col)?));
                continue;
            };
            let (Some(key), Some(raw)) = (fields.get(g), fields.get(v)) else {
                skipped += 1;
                continue;
            };
            let value: f64 = raw.trim().parse().map_err(|_| CsvError::BadNumber { row, field: raw.clone() })?;
            groups.entry(key.clone()).or_default().add(value);
        }
    }
    Ok((groups.iter().map(|(k, a)| (k.clone(), a.finish())).collect(), skipped))
}

const ORDERS: &[u8] = b"order_id,region,customer,amount\r\n1001,emea,\"Acme, Inc.\",120.50\n1002,apac,Globex,75\n1003,emea,\"The \"\"Best\"\" Shop\",30.25\n1004,amer,Initech,210\n1005,apac,Hooli,19.99\n1006,amer\n1007,emea,Umbrella,5";

fn main() {
    let runs = block_on(async {
        let by_region = aggregate::<_, Sum>(SlicedUpload::<7> { data: ORDERS, pos: 0 }, "region", "amount").await;
        let stats = aggregate::<_, Stats>(SlicedUpload::<64> { data: ORDERS, pos: 0 }, "region", "amount").await;
        let sum_by = async |group: &'static str| aggregate::<_, Sum>(SlicedUpload::<3> { data: ORDERS, pos: 0 }, group, "amount").await;
        let by_customer = sum_by("customer").await;
        let missing = sum_by("sku").await;
        let bad = aggregate::<_, Stats>(SlicedUpload::<16> { data: b"k,v\na,1\nb,x\n", pos: 0 }, "k", "v").await;
        (by_region, stats, by_customer, missing.map(|_| ()), bad.map(|_| ()))
    });
    let (by_region, stats, by_customer, missing, bad) = runs;
    let (sums, skipped) = by_region.expect("region sums");
    println!("sum by region (skipped {skipped}): {sums:?}");
    if let Ok((s, _)) = &stats {
        for (region, (n, min, max, mean)) in s {
            println!("  {region}: n={n} min={min} max={max} mean={mean:.2}");
        }
    }
    println!("by customer: {:?}", by_customer.map(|(m, _)| m.into_keys().collect::<Vec<_>>()));
    println!("missing column: {missing:?}; bad number: {bad:?}");
}
