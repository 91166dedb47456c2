//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Size- and count-bounded batch uploader that splits oversized batches and retries transient failures.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Tick {
    polled: bool,
}

fn tick() -> Tick {
    Tick { polled: false }
}

impl Future for Tick {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.polled, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0u64;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        assert!(polls < 1_000_000, "executor stalled");
    }
}

#[derive(Debug, Clone)]
struct Record {
    key: String,
    payload: Vec<u8>,
}

#[derive(Debug)]
enum UploadError {
    TooLarge { bytes: usize, limit: usize },
    Transient(u32),
    Rejected(String),
}

#[derive(Default, Debug)]
struct Stats {
    batches: u32,
    records: usize,
    bytes: usize,
    retries: u32,
    splits: u32,
}

trait BlobSink {
    async fn put_batch(&mut self, batch_id: u64, records: &[Record]) -> Result<usize, UploadError>;
}

struct MemoryBucket {
    objects: BTreeMap<String, usize>,
    max_request_bytes: usize,
    calls: u32,
    fail_every: u32,
}

impl BlobSink for MemoryBucket {
    async fn put_batch(&mut self, batch_id: u64, records: &[Record]) -> Result<usize, UploadError> {
        tick().await;
        self.calls += 1;
        let bytes: usize = records.iter().map(|r| r.payload.len() + r.key.len()).sum();
        if bytes > self.max_request_bytes {
            return Err(UploadError::TooLarge { bytes, limit: self.max_request_bytes });
        }
        if self.fail_every > 0 && self.calls % self.fail_every == 0 {
            return Err(UploadError::Transient(self.calls));
        }
        if let Some(bad) = records.iter().find(|r| r.key.contains("..")) {
            return Err(UploadError::Rejected(bad.key.clone()));
        }
        for r in records {
            self.objects.insert(format!("batch-{batch_id:04}/{}", r.key), r.payload.len());
        }
        Ok(bytes)
    }
}

fn upload_split<'a, S: BlobSink>(
    sink: &'a mut S,
    stats: &'a Arc<Mutex<Stats>>,
    batch_id: u64,
    records: Vec<Record>,
) -> Pin<Box<dyn Future<Output = Result<usize, UploadError>> + 'a>> {
    Box::pin(async move {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match sink.put_batch(batch_id, &records).await {
                Ok(n) => return Ok(n),
                Err(UploadError::Transient(_)) if attempt < 3 => {
                    stats.lock().unwrap().retries += 1;
                    tick().await;
                }
                Err(UploadError::TooLarge { .. }) if records.len() > 1 => {
                    stats.lock().unwrap().splits += 1;
                    let mut left = records;
                    let right = left.split_off(left.len() / 2);
                    let a = upload_split(sink, stats, batch_id, left).await?;
                    let b = upload_split(sink, stats, batch_id, right).await?;
                    return Ok(a + b);
                }
                Err(e) => return Err(e),
            }
        }
    })
}

struct Batcher<S: BlobSink, const MAX_ITEMS: usize> {
    sink: S,
    pending: VecDeque<Record>,
    pending_bytes: usize,
    max_bytes: usize,
    next_id: u64,
    stats: Arc<Mutex<Stats>>,
}

impl<S: BlobSink, const MAX_ITEMS: usize> Batcher<S, MAX_ITEMS> {
    fn new(sink: S, max_bytes: usize, stats: Arc<Mutex<Stats>>) -> Self {
        Batcher { sink, pending: VecDeque::new(), pending_bytes: 0, max_bytes, next_id: 1, stats }
    }

    async fn push(&mut self, rec: Record) -> Result<Option<u64>, UploadError> {
        self.pending_bytes += rec.payload.len();
        self.pending.push_back(rec);
        if self.pending.len() >= MAX_ITEMS || self.pending_bytes >= self.max_bytes {
            return self.flush().await;
        }
        Ok(None)
    }

    async fn flush(&mut self) -> Result<Option<u64>, UploadError> {
        if self.pending.is_empty() {
            return Ok(None);
        }
        let take = self.pending.len().min(MAX_ITEMS);
        let batch: Vec<Record> = self.pending.drain(..take).collect();
        self.pending_bytes = self.pending.iter().map(|r| r.payload.len()).sum();
        let id = self.next_id;
        self.next_id += 1;
        let count = batch.len();
        let bytes = upload_split(&mut self.sink, &self.stats, id, batch).await?;
        let mut s = self.stats.lock().unwrap();
        s.batches += 1;
        s.records += count;
        s.bytes += bytes;
        Ok(Some(id))
    }
}

fn parse_records(raw: &str) -> impl Iterator<Item = Record> + '_ {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (key, body) = l.split_once(' ')?;
            let repeat: usize = body.split_whitespace().count();
            Some(Record { key: key.to_string(), payload: body.repeat(repeat.clamp(1, 4)).into_bytes() })
        })
}

async fn run_uploader<S: BlobSink, const N: usize>(
    input: impl Iterator<Item = Record>,
    batcher: &mut Batcher<S, N>,
    mut on_flush: impl AsyncFnMut(u64, usize),
) -> Vec<String> {
    let mut errors = Vec::new();
    for rec in input {
        let key = rec.key.clone();
        match batcher.push(rec).await {
            Ok(Some(id)) if id % 2 == 1 => on_flush(id, batcher.pending.len()).await,
            Ok(_) => {}
            Err(UploadError::Rejected(k)) => errors.push(format!("rejected {k}")),
            Err(e) => errors.push(format!("{key}: {e:?}")),
        }
    }
    if let Ok(Some(id)) = batcher.flush().await && id > 0 {
        on_flush(id, 0).await;
    }
    errors
}

fn main() {
    let raw = "# nightly export\n\
        users/1.json alpha beta\n users/2.json gamma\n users/3.json delta epsilon zeta eta theta iota kappa lambda\n\
        orders/1.json x y z\n ../etc/passwd root\n orders/2.json q\n orders/3.json a b c d e f g h i j k l m n o p\n\
        invoices/9.json total due\n invoices/10.json paid";
    let stats = Arc::new(Mutex::new(Stats::default()));
    let bucket = MemoryBucket { objects: BTreeMap::new(), max_request_bytes: 220, calls: 0, fail_every: 4 };
    let mut batcher: Batcher<MemoryBucket, 3> = Batcher::new(bucket, 256, Arc::clone(&stats));
    let mut flush_log: Vec<String> = Vec::new();
    let errors = block_on(async {
        let log = &mut flush_log;
        run_uploader(parse_records(raw), &mut batcher, async |id, left| {
            tick().await;
            log.push(format!("flushed batch {id} ({left} pending)"));
        })
        .await
    });
    println!("{}", flush_log.join("; "));
    println!("errors: {errors:?}");
    println!("objects: {}", batcher.sink.objects.keys().cloned().collect::<Vec<_>>().join(","));
    println!("stats: {:?}", stats.lock().unwrap());
}
