#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! StatsD-style metrics aggregator: parses datagrams, aggregates per flush window and ships to sinks.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::num::ParseFloatError;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield {
    yielded: bool,
}

async fn yield_now() {
    Yield { yielded: false }.await
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum ParseError {
    Malformed(String),
    Value(ParseFloatError),
    UnknownKind(String),
}

impl From<ParseFloatError> for ParseError {
    fn from(e: ParseFloatError) -> Self {
        ParseError::Value(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Counter,
    Gauge,
    Timer,
}

#[derive(Debug)]
struct Sample {
    name: String,
    tags: Vec<(String, String)>,
    kind: Kind,
    value: f64,
    rate: f64,
}

fn parse_line(line: &str) -> Result<Sample, ParseError> {
    let mut sections = line.split('|');
    let head = sections.next().ok_or_else(|| ParseError::Malformed(line.to_string()))?;
    let (name, value) = head.split_once(':').ok_or_else(|| ParseError::Malformed(line.to_string()))?;
    let kind = match sections.next() {
        Some("c") => Kind::Counter,
        Some("g") => Kind::Gauge,
        Some("ms") => Kind::Timer,
        Some(other) => return Err(ParseError::UnknownKind(other.to_string())),
        None => return Err(ParseError::Malformed(line.to_string())),
    };
    let mut rate = 1.0;
    let mut tags = Vec::new();
    for extra in sections {
        if let Some(r) = extra.strip_prefix('@') {
            rate = r.parse()?;
        } else if let Some(t) = extra.strip_prefix('#') {
            tags.extend(t.split(',').filter_map(|kv| kv.split_once(':')).map(|(k, v)| (k.to_string(), v.to_string())));
        }
    }
    tags.sort();
    Ok(Sample { name: name.to_string(), tags, kind, value: value.parse()?, rate })
}

struct Histogram<const N: usize> {
    bounds: [f64; N],
    counts: [u64; N],
    overflow: u64,
    sum: f64,
}

impl<const N: usize> Histogram<N> {
    fn new(bounds: [f64; N]) -> Self {
        Histogram { bounds, counts: [0; N], overflow: 0, sum: 0.0 }
    }
    fn observe(&mut self, v: f64) {
        self.sum += v;
        match self.bounds.iter().position(|b| v <= *b) {
            Some(i) => self.counts[i] += 1,
            None => self.overflow += 1,
        }
    }
    fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.overflow
    }
    fn quantile(&self, q: f64) -> f64 {
        let target = (self.total() as f64 * q).ceil() as u64;
        let mut cumulative = 0;
        for (count, bound) in self.counts.iter().zip(self.bounds.iter()) {
            cumulative += count;
            if cumulative >= target {
                return *bound;
            }
        }
        f64::INFINITY
    }
}

#[derive(Default)]
struct Window {
    counters: BTreeMap<String, f64>,
    gauges: BTreeMap<String, f64>,
    timers: HashMap<String, Histogram<5>>,
    errors: Vec<String>,
}

fn series_key(s: &Sample) -> String {
    let tags: Vec<String> = s.tags.iter().map(|(k, v)| format!("{}={}", k, v)).collect();
    if tags.is_empty() { s.name.clone() } else { format!("{}{{{}}}", s.name, tags.join(",")) }
}

trait MetricSink {
    async fn write(&mut self, series: &str, value: f64) -> Result<(), String>;
}

struct LineProtocolSink {
    lines: Vec<String>,
    max_batch: usize,
}

impl MetricSink for LineProtocolSink {
    async fn write(&mut self, series: &str, value: f64) -> Result<(), String> {
        if self.lines.len() >= self.max_batch {
            return Err(format!("batch full, dropped {}", series));
        }
        yield_now().await;
        self.lines.push(format!("{} {:.2}", series, value));
        Ok(())
    }
}

struct Aggregator {
    window: Arc<Mutex<Window>>,
}

impl Aggregator {
    async fn ingest(&self, datagram: &str) -> usize {
        let mut accepted = 0;
        for line in datagram.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parsed = parse_line(line);
            yield_now().await;
            let mut w = self.window.lock().unwrap();
            match parsed {
                Ok(s) => {
                    let key = series_key(&s);
                    match s.kind {
                        Kind::Counter => *w.counters.entry(key).or_insert(0.0) += s.value / s.rate,
                        Kind::Gauge => {
                            w.gauges.insert(key, s.value);
                        }
                        Kind::Timer => w.timers.entry(key).or_insert_with(|| Histogram::new([10.0, 50.0, 100.0, 250.0, 1000.0])).observe(s.value),
                    }
                    accepted += 1;
                }
                Err(ParseError::Value(e)) => w.errors.push(format!("{}: {}", line, e)),
                Err(e) => w.errors.push(format!("{:?}", e)),
            }
        }
        accepted
    }

    async fn flush<S: MetricSink>(&self, sink: &mut S) -> (usize, Vec<String>) {
        let window = std::mem::take(&mut *self.window.lock().unwrap());
        let mut points: Vec<(String, f64)> = Vec::new();
        points.extend(window.counters.into_iter());
        points.extend(window.gauges.into_iter());
        let mut timers: Vec<_> = window.timers.into_iter().collect();
        timers.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, h) in timers {
            points.push((format!("{}.p50", name), h.quantile(0.5)));
            points.push((format!("{}.p99", name), h.quantile(0.99)));
            points.push((format!("{}.mean", name), h.sum / h.total() as f64));
        }
        let mut written = 0;
        let mut problems = window.errors;
        for (series, value) in &points {
            match sink.write(series, *value).await {
                Ok(()) => written += 1,
                Err(e) => problems.push(e),
            }
        }
        (written, problems)
    }
}

fn main() {
    let agg = Aggregator { window: Arc::new(Mutex::new(Window::default())) };
    let mut sink = LineProtocolSink { lines: Vec::new(), max_batch: 12 };
    let datagrams = [
        "api.requests:1|c|#route:/users,method:GET\napi.requests:1|c|@0.5|#route:/users,method:GET\napi.latency:42|ms|#route:/users",
        "api.latency:180|ms|#route:/users\napi.latency:7|ms|#route:/users\nqueue.depth:17|g\nqueue.depth:12|g",
        "api.latency:abc|ms\ncache.hits:3|c\nbogus\ndisk.free:0.25|h\napi.latency:2400|ms|#route:/users",
    ];
    let (accepted, (written, problems)) = block_on(async {
        let mut accepted = 0;
        for d in datagrams.iter() {
            accepted += agg.ingest(d).await;
        }
        let flushed = agg.flush(&mut sink).await;
        (accepted, flushed)
    });
    println!("accepted={} written={}", accepted, written);
    for l in &sink.lines {
        println!("  {}", l);
    }
    println!("problems: {:?}", problems);
}
