#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Telemetry exporter: buffers spans and metrics, batches them by size and age, and ships batches with retry to boxed async exporters.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield { n: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.n == 0 { Poll::Ready(()) } else { self.n -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone)]
enum Signal { Span { trace: u64, name: String, dur_us: u64 }, Counter { name: &'static str, value: u64 }, Log(String) }

impl Signal {
    fn encoded_len(&self) -> usize {
        match self {
            Signal::Span { name, .. } => 24 + name.len(),
            Signal::Counter { name, .. } => 8 + name.len(),
            Signal::Log(s) => 4 + s.len(),
        }
    }
}

#[derive(Debug)]
enum ExportError { Throttled, Rejected(String) }

type Exporter<'a> = Box<dyn Fn(Vec<Signal>) -> BoxFut<'a, Result<usize, ExportError>> + 'a>;

struct Batcher<'a> { buf: VecDeque<(u64, Signal)>, max_items: usize, max_bytes: usize, max_age: u64, exporters: Vec<(&'static str, Exporter<'a>)>, dropped: Rc<Cell<u32>> }

impl<'a> Batcher<'a> {
    fn should_flush(&self, now: u64) -> bool {
        let bytes: usize = self.buf.iter().map(|(_, s)| s.encoded_len()).sum();
        self.buf.len() >= self.max_items || bytes >= self.max_bytes || self.buf.front().map_or(false, |(t, _)| now - t >= self.max_age)
    }

    async fn record(&mut self, now: u64, s: Signal) -> Option<usize> {
        self.buf.push_back((now, s));
        if self.should_flush(now) { Some(self.flush().await) } else { None }
    }

    async fn flush(&mut self) -> usize {
        let batch: Vec<Signal> = self.buf.drain(..).map(|(_, s)| s).collect();
        let mut shipped = 0;
        for chunk in batch.chunks(self.max_items) {
            for (name, exp) in &self.exporters {
                let mut backoff = 1;
                let res = loop {
                    match exp(chunk.to_vec()).await {
                        Err(ExportError::Throttled) if backoff < 8 => { Yield { n: backoff }.await; backoff *= 2; }
                        other => break other,
                    }
                };
                match res {
                    Ok(n) => shipped += n,
                    Err(e) => { self.dropped.set(self.dropped.get() + chunk.len() as u32); println!("  {name} dropped {} signals: {e:?}", chunk.len()); }
                }
            }
        }
        shipped
    }
}

async fn otlp_send(batch: Vec<Signal>, calls: Rc<Cell<u32>>) -> Result<usize, ExportError> {
    calls.set(calls.get() + 1);
    Yield { n: 2 }.await;
    if calls.get() % 3 == 0 { return Err(ExportError::Throttled); }
    Ok(batch.len())
}

async fn log_send(batch: Vec<Signal>, sink: Rc<RefCell<Vec<String>>>) -> Result<usize, ExportError> {
    Yield { n: 1 }.await;
    let logs: Vec<String> = batch.iter().filter_map(|s| if let Signal::Log(l) = s { Some(l.clone()) } else { None }).collect();
    if logs.iter().any(|l| l.contains("password")) { return Err(ExportError::Rejected("pii detected".into())); }
    let n = logs.len();
    sink.borrow_mut().extend(logs);
    Ok(n)
}

async fn sampled(rate_pct: u64, s: Signal) -> Option<Signal> {
    Yield { n: 1 }.await;
    match &s {
        Signal::Span { trace, .. } if trace.wrapping_mul(2654435761) % 100 >= rate_pct => None,
        _ => Some(s),
    }
}

async fn shutdown(b: &mut Batcher<'_>, budget: u32) -> Result<usize, usize> {
    let pending = b.buf.len();
    for _ in 0..budget {
        if b.buf.is_empty() { return Ok(0); }
        let shipped = b.flush().await;
        if b.buf.is_empty() { return Ok(shipped); }
    }
    Err(pending)
}

fn synth(i: u64) -> Signal {
    match i % 4 {
        0 => Signal::Span { trace: i / 4, name: format!("GET /api/v1/items/{i}"), dur_us: 1200 + i * 37 },
        1 => Signal::Counter { name: "http.requests", value: i },
        2 if i == 10 => Signal::Log("login ok password=hunter2".into()),
        2 => Signal::Log(format!("handled request {i}")),
        _ => Signal::Span { trace: i / 4, name: "db.query".into(), dur_us: 300 },
    }
}

fn main() {
    let calls = Rc::new(Cell::new(0));
    let sink = Rc::new(RefCell::new(Vec::new()));
    let dropped = Rc::new(Cell::new(0));
    let (c, s) = (calls.clone(), sink.clone());
    let mut batcher = Batcher {
        buf: VecDeque::new(), max_items: 5, max_bytes: 160, max_age: 30, dropped: dropped.clone(),
        exporters: vec![
            ("otlp", Box::new(move |b| Box::pin(otlp_send(b, c.clone())) as BoxFut<'_, _>)),
            ("logs", Box::new(move |b| Box::pin(log_send(b, s.clone())))),
        ],
    };
    let flushes = block_on(async {
        let mut flushes = Vec::new();
        let timestamps = (0..14u64).map(|i| i * 7);
        let enrich = async |s: Signal| match s {
            Signal::Log(l) => Signal::Log(format!("[checkout-svc] {l}")),
            other => other,
        };
        let mut sampled_out = 0;
        for (i, now) in timestamps.enumerate() {
            let Some(sig) = sampled(50, synth(i as u64)).await else { sampled_out += 1; continue };
            if let Some(n) = batcher.record(now, enrich(sig).await).await { flushes.push((now, n)); }
        }
        println!("sampled out {sampled_out} spans");
        let tail = shutdown(&mut batcher, 3).await.unwrap_or_else(|pending| panic!("{pending} signals lost"));
        flushes.push((u64::MAX, tail));
        flushes
    });
    for (at, n) in &flushes { println!("flush at {at}: shipped {n}"); }
    println!("exporter calls={} logs={} dropped={}", calls.get(), sink.borrow().len(), dropped.get());
    assert!(dropped.get() > 0);
    assert!(!sink.borrow().iter().any(|l| l.contains("password")));
}
