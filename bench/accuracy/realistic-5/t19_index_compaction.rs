#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! LSM-style index compaction: k-way merge of sorted segments with tombstones, cascading across levels.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
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

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Put(String),
    Tombstone,
}

#[derive(Debug, Clone)]
struct Segment {
    id: u32,
    seqno: u64,
    rows: Vec<(String, Entry)>,
}

#[derive(Debug)]
enum CompactError {
    MissingSegment(u32),
    Unsorted { segment: u32, at: usize },
}

trait SegmentStore {
    async fn read(&self, id: u32) -> Result<Segment, CompactError>;
    async fn write(&self, seg: Segment) -> u32;
    async fn delete(&self, ids: &[u32]);
}

#[derive(Default)]
struct MemStore {
    segments: RefCell<BTreeMap<u32, Segment>>,
    next_id: Cell<u32>,
    bytes_written: Cell<usize>,
}

impl SegmentStore for MemStore {
    async fn read(&self, id: u32) -> Result<Segment, CompactError> {
        Yield(1).await;
        self.segments.borrow().get(&id).cloned().ok_or(CompactError::MissingSegment(id))
    }
    async fn write(&self, mut seg: Segment) -> u32 {
        let mut block = [0u8; 4096];
        let mut off = 0;
        for (k, e) in &seg.rows {
            let rec = match e {
                Entry::Put(v) => format!("{k}={v};"),
                Entry::Tombstone => format!("{k}!;"),
            };
            let n = rec.len().min(block.len() - off);
            block[off..off + n].copy_from_slice(&rec.as_bytes()[..n]);
            off += n;
        }
        Yield(2).await; // fsync with the encoded block still alive
        self.bytes_written.set(self.bytes_written.get() + off);
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        seg.id = id;
        self.segments.borrow_mut().insert(id, seg);
        id
    }
    async fn delete(&self, ids: &[u32]) {
        let mut segs = self.segments.borrow_mut();
        ids.iter().for_each(|id| {
            segs.remove(id);
        });
    }
}

fn kway_merge(mut inputs: Vec<Segment>, drop_tombstones: bool) -> Result<Vec<(String, Entry)>, CompactError> {
    for seg in &inputs {
        if let Some(at) = seg.rows.windows(2).position(|w| w[0].0 >= w[1].0) {
            return Err(CompactError::Unsorted { segment: seg.id, at });
        }
    }
    // newest segment wins on equal keys: order heap by (key, Reverse(seqno))
    let mut heap = BinaryHeap::new();
    let mut cursors: Vec<std::vec::IntoIter<(String, Entry)>> = inputs.iter_mut().map(|s| std::mem::take(&mut s.rows).into_iter()).collect();
    for (i, c) in cursors.iter_mut().enumerate() {
        if let Some((k, e)) = c.next() {
            heap.push(Reverse((k, Reverse(inputs[i].seqno), i, e_to_tag(&e), e)));
        }
    }
    let mut out: Vec<(String, Entry)> = Vec::new();
    while let Some(Reverse((key, _, src, _, entry))) = heap.pop() {
        if let Some((k, e)) = cursors[src].next() {
            heap.push(Reverse((k, Reverse(inputs[src].seqno), src, e_to_tag(&e), e)));
        }
        if out.last().map_or(false, |(k, _)| *k == key) {
            continue; // shadowed by a newer version
        }
        out.push((key, entry));
    }
    if drop_tombstones {
        out.retain(|(_, e)| *e != Entry::Tombstone);
    }
    Ok(out)
}

fn e_to_tag(e: &Entry) -> u8 {
    matches!(e, Entry::Tombstone) as u8
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        e_to_tag(self).cmp(&e_to_tag(other))
    }
}

struct Compactor<S: SegmentStore, const FANOUT: usize> {
    store: S,
    levels: RefCell<Vec<Vec<(u32, u64)>>>,
}

impl<S: SegmentStore, const FANOUT: usize> Compactor<S, FANOUT> {
    fn compact_level(&self, level: usize) -> Pin<Box<dyn Future<Output = Result<usize, CompactError>> + '_>> {
        Box::pin(async move {
            let victims: Vec<(u32, u64)> = {
                let levels = self.levels.borrow();
                match levels.get(level) {
                    Some(l) if l.len() >= FANOUT => l.clone(),
                    _ => return Ok(0),
                }
            };
            let mut inputs = Vec::with_capacity(victims.len());
            for &(id, _) in &victims {
                inputs.push(self.store.read(id).await?);
            }
            let is_bottom = level + 1 >= 2; // L2 is the last level
            let merged = kway_merge(inputs, is_bottom)?;
            let seqno = victims.iter().map(|&(_, s)| s).max().unwrap_or(0);
            let new_id = self.store.write(Segment { id: 0, seqno, rows: merged }).await;
            let ids: Vec<u32> = victims.iter().map(|(id, _)| *id).collect();
            self.store.delete(&ids).await;
            {
                let mut levels = self.levels.borrow_mut();
                levels[level].clear();
                if levels.len() <= level + 1 {
                    levels.push(Vec::new());
                }
                levels[level + 1].push((new_id, seqno));
            }
            Ok(1 + self.compact_level(level + 1).await?)
        })
    }
}

fn main() {
    let flushes = ["a=1 c=3 e=5", "b=2 c=30 d=!", "a=10 f=6", "d=4 e=! g=7", "a=100 h=8", "c=! i=9 j=10", "k=11", "b=! l=12", "m=13"];
    let compactor: Compactor<MemStore, 3> = Compactor { store: MemStore::default(), levels: RefCell::new(vec![Vec::new()]) };

    let total = block_on(async {
        let mut runs = 0;
        for (seq, flush) in flushes.iter().enumerate() {
            let mut rows: Vec<(String, Entry)> = flush
                .split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), if v == "!" { Entry::Tombstone } else { Entry::Put(v.to_string()) }))
                .collect();
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            let id = compactor.store.write(Segment { id: 0, seqno: seq as u64 + 1, rows }).await;
            compactor.levels.borrow_mut()[0].push((id, seq as u64 + 1));
            runs += compactor.compact_level(0).await.expect("compaction failed");
        }
        runs
    });

    println!("compactions={total} bytes_written={}", compactor.store.bytes_written.get());
    for (lvl, segs) in compactor.levels.borrow().iter().enumerate() {
        println!("L{lvl}: {:?}", segs.iter().map(|(id, s)| format!("#{id}@{s}")).collect::<Vec<_>>());
    }
    for (id, seg) in compactor.store.segments.borrow().iter() {
        let live: Vec<String> = seg.rows.iter().map(|(k, e)| match e { Entry::Put(v) => format!("{k}={v}"), Entry::Tombstone => format!("{k}=†") }).collect();
        println!("  seg {id}: {}", live.join(" "));
    }
}
