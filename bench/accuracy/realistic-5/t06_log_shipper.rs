//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Log shipper: tails raw lines, parses/filters by level, batches into framed buffers and ships to sinks.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
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
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone)]
struct Record<'a> {
    ts: u64,
    level: Level,
    service: &'a str,
    msg: &'a str,
}

#[derive(Debug)]
enum ShipError {
    Parse { line: usize, reason: &'static str },
    SinkRejected(u16),
    BufferFull,
}

fn parse_line(idx: usize, line: &str) -> Result<Record<'_>, ShipError> {
    let mut parts = line.splitn(4, ' ');
    let ts = parts.next().and_then(|t| t.parse().ok()).ok_or(ShipError::Parse { line: idx, reason: "ts" })?;
    let level = match parts.next() {
        Some("DEBUG") => Level::Debug,
        Some("INFO") => Level::Info,
        Some("WARN") => Level::Warn,
        Some("ERROR") => Level::Error,
        _ => return Err(ShipError::Parse { line: idx, reason: "level" }),
    };
    let service = parts.next().map(|s| s.trim_matches(|c| c == '[' || c == ']')).ok_or(ShipError::Parse { line: idx, reason: "svc" })?;
    let msg = parts.next().unwrap_or("");
    Ok(Record { ts, level, service, msg })
}

trait Sink {
    async fn ship(&self, batch: &[u8]) -> Result<usize, ShipError>;
    fn name(&self) -> &str;
}

struct HttpSink {
    endpoint: String,
    fail_first: Cell<u8>,
    received: RefCell<Vec<usize>>,
}

impl Sink for HttpSink {
    async fn ship(&self, batch: &[u8]) -> Result<usize, ShipError> {
        Yield(2).await;
        if self.fail_first.get() > 0 {
            self.fail_first.set(self.fail_first.get() - 1);
            return Err(ShipError::SinkRejected(429));
        }
        self.received.borrow_mut().push(batch.len());
        Ok(batch.len())
    }
    fn name(&self) -> &str {
        &self.endpoint
    }
}

struct Shipper<S: Sink, const BUF: usize> {
    sink: S,
    min_level: Level,
    buf: [u8; BUF],
    len: usize,
    shipped: BTreeMap<&'static str, u64>,
}

impl<S: Sink, const BUF: usize> Shipper<S, BUF> {
    fn append(&mut self, rec: &Record<'_>) -> Result<(), ShipError> {
        let line = format!("{}|{:?}|{}|{}\n", rec.ts, rec.level, rec.service, rec.msg);
        let end = self.len + line.len();
        if end > BUF {
            return Err(ShipError::BufferFull);
        }
        self.buf[self.len..end].copy_from_slice(line.as_bytes());
        self.len = end;
        Ok(())
    }

    async fn flush(&mut self) -> Result<usize, ShipError> {
        if self.len == 0 {
            return Ok(0);
        }
        let mut attempt = 0u8;
        let sent = loop {
            match self.sink.ship(&self.buf[..self.len]).await {
                Ok(n) => break n,
                Err(ShipError::SinkRejected(code)) if attempt < 3 => {
                    attempt += 1;
                    Yield(attempt * 2).await;
                }
                Err(e) => return Err(e),
            }
        };
        *self.shipped.entry("bytes").or_default() += sent as u64;
        *self.shipped.entry("batches").or_default() += 1;
        self.len = 0;
        Ok(sent)
    }

    async fn ingest(&mut self, raw: &str) -> Result<usize, ShipError> {
        let mut dropped = 0;
        for (idx, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let rec = match parse_line(idx, line) {
                Ok(r) => r,
                Err(e) => {
                    dropped += 1;
                    continue;
                }
            };
            if rec.level < self.min_level {
                continue;
            }
            if let Err(ShipError::BufferFull) = self.append(&rec) {
                self.flush().await?;
                self.append(&rec)?;
            }
        }
        self.flush().await?;
        Ok(dropped)
    }
}

fn received_total(sink: &HttpSink) -> usize {
    let snapshot = RefCell::new(sink.received.borrow().clone());
    snapshot.borrow().iter().sum()
}

fn main() {
    let raw = "1700000001 INFO [api] GET /v1/users 200 12ms\n1700000002 DEBUG [api] cache probe\n\
               1700000003 WARN [billing] retrying charge id=ch_91\nnot a log line\n\
               1700000004 ERROR [billing] charge failed: card_declined\n1700000005 INFO [api] POST /v1/orders 201 48ms\n\
               1700000006 INFO [worker] job=reindex done in 3.2s\n1700000007 TRACE [api] ignored level\n";

    let mut shipper: Shipper<HttpSink, 128> = Shipper {
        sink: HttpSink { endpoint: "https://logs.internal/ingest".into(), fail_first: Cell::new(2), received: RefCell::default() },
        min_level: Level::Info,
        buf: [0; 128],
        len: 0,
        shipped: BTreeMap::new(),
    };

    let outcome = block_on(async {
        let dropped = shipper.ingest(raw).await?;
        let tag = async move |n: usize| -> String {
            Yield(1).await;
            format!("dropped={n}")
        };
        Ok::<_, ShipError>(tag(dropped).await)
    });

    if let Ok(summary) = &outcome
        && let Some(batches) = shipper.shipped.get("batches")
    {
        println!("{} -> {summary}, batches={batches}", shipper.sink.name());
    }
    println!("per-batch sizes {:?}, total={}", shipper.sink.received.borrow(), received_total(&shipper.sink));
}
