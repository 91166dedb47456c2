//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Genome short-read aligner: builds a k-mer index of a reference, seeds reads, and extends with mismatch counting.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Instant;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn nothing(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, nothing, nothing, nothing);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left > 0 {
            self.left -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

const K: usize = 5;
const MAX_MISMATCH: usize = 2;

type Kmer = [u8; K];

#[derive(Debug, Clone)]
struct Alignment {
    read_id: String,
    pos: usize,
    mismatches: usize,
    reverse: bool,
}

#[derive(Debug)]
enum AlignOutcome {
    Unique(Alignment),
    MultiMapped(Vec<usize>),
    Unmapped { reason: &'static str },
}

struct Index {
    reference: Vec<u8>,
    seeds: HashMap<Kmer, Vec<usize>>,
}

async fn build_index(reference: &str) -> Index {
    let bytes = reference.as_bytes().to_vec();
    let mut seeds: HashMap<Kmer, Vec<usize>> = HashMap::new();
    for (i, window) in bytes.windows(K).enumerate() {
        let mut k: Kmer = [0; K];
        k.copy_from_slice(window);
        seeds.entry(k).or_default().push(i);
        if i % 16 == 15 {
            Yield { left: 1 }.await;
        }
    }
    Index { reference: bytes, seeds }
}

fn reverse_complement(seq: &[u8]) -> Vec<u8> {
    seq.iter()
        .rev()
        .map(|b| match b {
            b'A' => b'T',
            b'T' => b'A',
            b'C' => b'G',
            b'G' => b'C',
            other => *other,
        })
        .collect()
}

async fn extend(index: &Index, read: &[u8], start: usize) -> Option<usize> {
    Yield { left: 1 }.await;
    let end = start.checked_add(read.len())?;
    let window = index.reference.get(start..end)?;
    let mm = window.iter().zip(read.iter()).filter(|(a, b)| a != b).count();
    (mm <= MAX_MISMATCH).then_some(mm)
}

async fn align_strand(index: &Index, read: &[u8]) -> Vec<(usize, usize)> {
    let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
    for offset in (0..read.len().saturating_sub(K - 1)).step_by(K) {
        let mut k: Kmer = [0; K];
        k.copy_from_slice(&read[offset..offset + K]);
        let Some(positions) = index.seeds.get(&k) else {
            continue;
        };
        for &p in positions.iter() {
            if p < offset || hits.contains_key(&(p - offset)) {
                continue;
            }
            if let Some(mm) = extend(index, read, p - offset).await {
                hits.insert(p - offset, mm);
            }
        }
    }
    hits.into_iter().collect()
}

async fn align_read(index: &Index, id: &str, seq: &str) -> AlignOutcome {
    let fwd = seq.as_bytes();
    if fwd.len() < K {
        return AlignOutcome::Unmapped { reason: "too short" };
    }
    let mut hits: Vec<(usize, usize, bool)> =
        align_strand(index, fwd).await.into_iter().map(|(p, m)| (p, m, false)).collect();
    if hits.is_empty() {
        let rc = reverse_complement(fwd);
        hits = align_strand(index, &rc).await.into_iter().map(|(p, m)| (p, m, true)).collect();
    }
    match hits.as_slice() {
        [] => AlignOutcome::Unmapped { reason: "no seed hit" },
        [(pos, mm, rev)] => AlignOutcome::Unique(Alignment { read_id: id.to_string(), pos: *pos, mismatches: *mm, reverse: *rev }),
        many => AlignOutcome::MultiMapped(many.iter().map(|h| h.0).collect()),
    }
}

async fn align_batch(index: Arc<Index>, reads: Vec<(&'static str, &'static str)>, coverage: &Mutex<Vec<u32>>) -> usize {
    let mut unique = 0;
    for (id, seq) in reads.iter() {
        let outcome = align_read(&index, id, seq).await;
        if let AlignOutcome::Unique(a) = &outcome
            && a.mismatches <= 1
        {
            let mut cov = coverage.lock().unwrap();
            for p in a.pos..a.pos + seq.len() {
                cov[p] += 1;
            }
            unique += 1;
        }
        println!("{id}: {outcome:?}");
    }
    unique
}

fn main() {
    let t0 = Instant::now();
    let reference = "ACGTTGCATGTCGCATGATGCATGAGAGCTACGATCGATCGTAGCTAGCTAGGATCCGATGCAAGTCTTAGC";
    let index = Arc::new(block_on(build_index(reference)));
    println!("indexed {} k-mers", index.seeds.len());
    let coverage = Mutex::new(vec![0u32; reference.len()]);
    let reads = vec![
        ("r1", "GCATGATGCATGAG"),
        ("r2", "CTAGCTAGGATCC"),
        ("r3", "GGATCCTAGCTAGC"),
        ("r4", "TTTTTTTTTTTT"),
        ("r5", "ACG"),
        ("r6", "GATCGATCGTAGCTTGC"),
    ];
    let n = block_on(align_batch(Arc::clone(&index), reads, &coverage));
    let covered = coverage.lock().unwrap().iter().filter(|c| **c > 0).count();
    println!("unique={n} covered_bases={covered}");
    let idx = Arc::clone(&index);
    let probe = async move |seq: &str| extend(&idx, seq.as_bytes(), 0).await;
    println!("probe: {:?}", block_on(probe("ACGTTGCAAG")));
    let _elapsed = t0.elapsed();
}
