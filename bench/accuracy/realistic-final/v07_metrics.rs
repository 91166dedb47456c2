//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

const BUCKETS: usize = 8;
const BOUNDS: [u64; BUCKETS] = [1, 2, 5, 10, 25, 50, 100, u64::MAX];

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS],
    sum: u64,
}

impl Histogram {
    fn observe(&mut self, v: u64) {
        let idx = BOUNDS.iter().position(|b| v <= *b).unwrap_or(BUCKETS - 1);
        self.counts[idx] += 1;
        self.sum += v;
    }
    fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

#[derive(Default)]
struct Registry {
    counters: RwLock<BTreeMap<String, u64>>,
    histos: Mutex<BTreeMap<String, Histogram>>,
}

impl Registry {
    fn inc(&self, name: &str, by: u64) {
        *self.counters.write().unwrap().entry(name.to_string()).or_insert(0) += by;
    }

    fn observe(&self, name: &str, v: u64) {
        self.histos.lock().unwrap().entry(name.to_string()).or_default().observe(v);
    }

    fn counter(&self, name: &str) -> u64 {
        // tail temporary: read guard released at end of block in 2024
        self.counters.read().unwrap().get(name).copied().unwrap_or(0)
    }

    fn histo_count(&self) -> usize {
        self.histos.lock().unwrap().len()
    }

    fn snapshot(&self) -> (Vec<(String, u64)>, Vec<(String, Histogram)>) {
        let c = self.counters.read().unwrap().iter().map(|(k, v)| (k.clone(), *v)).collect();
        let h = self.histos.lock().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        (c, h)
    }
}

trait Exporter {
    fn name(&self) -> &str;
    async fn export(&self, text: &str) -> Result<usize, String>;
}

struct StdoutExporter;
struct BufferExporter {
    buf: Mutex<String>,
    limit: usize,
}

impl Exporter for StdoutExporter {
    fn name(&self) -> &str {
        "stdout"
    }
    async fn export(&self, text: &str) -> Result<usize, String> {
        print!("{}", text);
        Ok(text.len())
    }
}

impl Exporter for BufferExporter {
    fn name(&self) -> &str {
        "buffer"
    }
    async fn export(&self, text: &str) -> Result<usize, String> {
        let mut b = self.buf.lock().unwrap();
        if b.len() + text.len() > self.limit {
            return Err(format!("buffer full at {}", b.len()));
        }
        b.push_str(text);
        Ok(text.len())
    }
}

fn render(reg: &Registry) -> String {
    let (counters, histos) = reg.snapshot();
    let mut out = String::new();
    for (k, v) in counters {
        let _ = writeln!(out, "{} {}", k, v);
    }
    for (k, h) in histos {
        for (i, c) in h.counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            let _ = writeln!(out, "{}_bucket{{le=\"{}\"}} {}", k, BOUNDS[i], c);
        }
        let _ = writeln!(out, "{}_sum {}", k, h.sum);
    }
    out
}

async fn flush<E>(reg: &Registry, exporter: &E) -> Result<usize, String>
where
    E: Exporter,
{
    let text = render(reg);
    let n = exporter.export(&text).await?;
    reg.inc(&format!("exported_bytes_{}", exporter.name()), n as u64);
    Ok(n)
}

async fn handle_request(reg: Arc<Registry>, path: &str, latency: u64) -> u16 {
    reg.inc("requests_total", 1);
    reg.observe("latency_ms", latency);
    std::future::ready(()).await;
    if let Some(rest) = path.strip_prefix("/api/")
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '/')
    {
        200
    } else {
        reg.inc("errors_total", 1);
        404
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let reg = Arc::new(Registry::default());
    let traffic = [("/api/users", 3u64), ("/api/orders/7", 12), ("/bad path", 1), ("/api/x", 70)];
    let load = async {
        let mut codes = Vec::new();
        for (p, l) in traffic {
            codes.push(handle_request(reg.clone(), p, l).await);
        }
        codes
    };
    println!("codes {:?}", block_on(load));

    let buf = BufferExporter { buf: Mutex::new(String::new()), limit: 64 };
    let r1 = block_on(flush(&reg, &StdoutExporter));
    let r2 = block_on(flush(&reg, &buf));
    println!("stdout={:?} buffer={:?}", r1, r2);
    println!("requests={} errors={} histos={}", reg.counter("requests_total"), reg.counter("errors_total"), reg.histo_count());

    let periodic = async || {
        for round in 0..3 {
            reg.inc("ticks", 1);
            if let Err(e) = flush(&reg, &buf).await {
                println!("round {} failed: {}", round, e);
            }
        }
        reg.counter("ticks")
    };
    println!("ticks {}", block_on(periodic()));
}
