#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Event de-duplication in an ingestion pipeline using a const-generic Bloom filter with an exact audit set.

use std::cell::{Cell, RefCell};
use std::collections::{HashSet, VecDeque};
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

#[derive(Clone)]
struct Bloom<const WORDS: usize, const K: u32> {
    bits: [u64; WORDS],
    inserted: usize,
}

impl<const WORDS: usize, const K: u32> Bloom<WORDS, K> {
    const BITS: u64 = (WORDS as u64) * 64;

    fn new() -> Self {
        Bloom { bits: [0; WORDS], inserted: 0 }
    }

    fn hashes(item: &[u8]) -> (u64, u64) {
        let h1 = item.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3));
        let h2 = item.iter().rev().fold(0x9e3779b97f4a7c15u64, |h, &b| h.rotate_left(5) ^ (b as u64).wrapping_mul(0xff51afd7ed558ccd));
        (h1, h2 | 1)
    }

    /// Returns true if the item was (probably) already present.
    fn check_and_set(&mut self, item: &[u8]) -> bool {
        let (h1, h2) = Self::hashes(item);
        let mut present = true;
        for i in 0..K as u64 {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % Self::BITS;
            let (word, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            if self.bits[word] & mask == 0 {
                present = false;
                self.bits[word] |= mask;
            }
        }
        if !present {
            self.inserted += 1;
        }
        present
    }

    fn fill_ratio(&self) -> f64 {
        self.bits.iter().map(|w| w.count_ones() as f64).sum::<f64>() / Self::BITS as f64
    }
}

#[derive(Debug)]
enum IngestError {
    Malformed { offset: usize },
    SourceClosed,
}

trait EventSource {
    async fn next_batch(&self) -> Result<Vec<String>, IngestError>;
}

struct ReplayedKafka {
    batches: RefCell<VecDeque<&'static str>>,
}

impl EventSource for ReplayedKafka {
    async fn next_batch(&self) -> Result<Vec<String>, IngestError> {
        Yield(2).await;
        let raw = self.batches.borrow_mut().pop_front().ok_or(IngestError::SourceClosed)?;
        raw.split(';')
            .enumerate()
            .map(|(i, ev)| {
                let ev = ev.trim();
                if ev.contains(':') { Ok(ev.to_string()) } else { Err(IngestError::Malformed { offset: i }) }
            })
            .collect()
    }
}

#[derive(Default, Debug)]
struct DedupStats {
    passed: usize,
    dropped: usize,
    false_positives: usize,
    bad_batches: usize,
}

async fn dedup_stream<S, const W: usize, const K: u32>(source: &S, filter: &mut Bloom<W, K>, audit: bool) -> (DedupStats, Vec<String>)
where
    S: EventSource,
{
    let mut stats = DedupStats::default();
    let mut exact: HashSet<String> = HashSet::new();
    let mut forwarded = Vec::new();
    loop {
        let batch = match source.next_batch().await {
            Ok(b) => b,
            Err(IngestError::SourceClosed) => break,
            Err(IngestError::Malformed { offset }) => {
                stats.bad_batches += 1;
                continue;
            }
        };
        for ev in batch {
            let id = ev.split(':').next().unwrap_or(&ev);
            let seen = filter.check_and_set(id.as_bytes());
            let truly_seen = !exact.insert(id.to_string());
            if seen && !truly_seen && audit {
                stats.false_positives += 1;
            }
            if seen {
                stats.dropped += 1;
            } else {
                stats.passed += 1;
                forwarded.push(ev);
            }
        }
        Yield(1).await;
    }
    (stats, forwarded)
}

fn source() -> ReplayedKafka {
    ReplayedKafka {
        batches: RefCell::new(VecDeque::from([
            "evt-1:click;evt-2:view;evt-3:click",
            "evt-2:view;evt-4:purchase;evt-1:click",
            "evt-5:view;garbage;evt-6:click",
            "evt-7:view;evt-8:view;evt-9:click;evt-10:view;evt-11:click;evt-12:purchase",
            "evt-4:purchase;evt-13:view",
        ])),
    }
}

fn main() {
    let mut tiny: Bloom<1, 2> = Bloom::new();
    let mut roomy: Bloom<16, 4> = Bloom::new();

    let results = block_on(async {
        let a = dedup_stream(&source(), &mut tiny, true).await;
        let b = dedup_stream(&source(), &mut roomy, true).await;
        let summarize = async move |name: &str, (stats, fwd): (DedupStats, Vec<String>)| {
            Yield(1).await;
            format!("{name}: {stats:?} first={:?}", fwd.first())
        };
        [summarize("tiny", a).await, summarize("roomy", b).await]
    });
    for line in &results {
        println!("{line}");
    }
    println!("fill tiny={:.2} roomy={:.3} (inserted {} / {})", tiny.fill_ratio(), roomy.fill_ratio(), tiny.inserted, roomy.inserted);
}
