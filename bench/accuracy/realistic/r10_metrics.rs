//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Counter,
    Gauge,
    Timer,
}

#[derive(Debug, Clone)]
pub struct Series {
    kind: Kind,
    count: u64,
    sum: f64,
    last: f64,
    samples: Vec<f64>,
}

impl Series {
    fn new(kind: Kind) -> Self {
        Series { kind, count: 0, sum: 0.0, last: 0.0, samples: Vec::new() }
    }

    fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.samples.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let idx = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted.get(idx).copied().unwrap_or_default()
    }
}

fn parse_statsd(line: &str) -> Option<(&str, f64, Kind, f64)> {
    let (name, rest) = line.split_once(':')?;
    let mut fields = rest.split('|');
    let value: f64 = fields.next()?.parse().ok()?;
    let kind = match fields.next()? {
        "c" => Kind::Counter,
        "g" => Kind::Gauge,
        "ms" => Kind::Timer,
        _ => return None,
    };
    let rate = fields.next().and_then(|f| f.strip_prefix('@')).and_then(|r| r.parse().ok()).unwrap_or(1.0);
    Some((name, value, kind, rate))
}

#[derive(Default)]
pub struct Aggregator {
    series: Mutex<BTreeMap<String, Series>>,
    dropped: Mutex<u64>,
}

impl Aggregator {
    pub async fn ingest(&self, packet: &[u8]) -> usize {
        let Ok(text) = std::str::from_utf8(packet) else { return 0 };
        let mut accepted = 0;
        for line in text.lines().map(str::trim) {
            if let Some((name, value, kind, rate)) = parse_statsd(line)
                && rate > 0.0
                && !name.is_empty()
            {
                let mut series = self.series.lock().unwrap();
                let s = series.entry(name.to_string()).or_insert_with(|| Series::new(kind));
                s.count += 1;
                s.last = value;
                match kind {
                    Kind::Counter => s.sum += value / rate,
                    Kind::Gauge => s.sum = value,
                    Kind::Timer => {
                        s.sum += value;
                        s.samples.push(value);
                    }
                }
                accepted += 1;
            } else {
                *self.dropped.lock().unwrap() += 1;
            }
        }
        rt::sleep(0).await;
        accepted
    }

    pub async fn flush<F>(&self, sink: F) -> usize
    where
        F: AsyncFn(String, f64) -> bool,
    {
        let snapshot = std::mem::take(&mut *self.series.lock().unwrap());
        let mut ok = 0;
        for (name, s) in &snapshot {
            let points = match s.kind {
                Kind::Counter => vec![(name.clone(), s.sum)],
                Kind::Gauge => vec![(name.clone(), s.last)],
                Kind::Timer => vec![
                    (format!("{name}.p50"), s.quantile(0.5)),
                    (format!("{name}.p99"), s.quantile(0.99)),
                    (format!("{name}.mean"), s.sum / s.count.max(1) as f64),
                ],
            };
            for (key, value) in points {
                if sink(key, value).await {
                    ok += 1;
                }
            }
        }
        ok
    }
}

pub fn top_counters(snapshot: &BTreeMap<String, Series>, n: usize) -> impl Iterator<Item = String> {
    let mut v: Vec<(&String, &Series)> = snapshot.iter().filter(|(_, s)| s.kind == Kind::Counter).collect();
    v.sort_by(|a, b| b.1.sum.partial_cmp(&a.1.sum).unwrap());
    v.into_iter().take(n).map(|(k, s)| format!("{k}={}", s.sum))
}

pub async fn flush_cycle(agg: &Aggregator, packets: &[&[u8]]) -> (usize, Vec<String>) {
    let started = Instant::now();
    let mut accepted = 0;
    for p in packets {
        accepted += agg.ingest(p).await;
    }
    let top: Vec<String> = top_counters(&agg.series.lock().unwrap(), 3).collect();
    let out = RefCell::new(Vec::new());
    let prefix = "svc.api";
    let sent = agg
        .flush(async |k, v| {
            rt::sleep(1).await;
            out.borrow_mut().push(format!("{prefix}.{k} {v:.3} {}", started.elapsed().as_millis()));
            true
        })
        .await;
    println!("accepted {accepted}, sent {sent}, top: {}", top.join(", "));
    (sent, out.into_inner())
}
