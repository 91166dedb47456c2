#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Metrics scraper: pulls Prometheus-style text exposition from targets, relabels, aggregates.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }
}

#[derive(Debug, Clone, PartialEq)]
struct Sample { name: String, labels: BTreeMap<String, String>, value: f64 }

fn parse_exposition(body: &str) -> Vec<Sample> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let value: f64 = value.parse().ok()?;
            let (name, labels) = match series.split_once('{') {
                Some((n, rest)) => {
                    let inner = rest.strip_suffix('}')?;
                    let labels = inner
                        .split(',')
                        .filter_map(|kv| kv.split_once('='))
                        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
                        .collect();
                    (n.to_string(), labels)
                }
                None => (series.to_string(), BTreeMap::new()),
            };
            Some(Sample { name, labels, value })
        })
        .collect()
}

trait Target {
    type Meta: std::fmt::Debug;
    fn meta(&self) -> Self::Meta;
    fn instance(&self) -> String;
    async fn scrape(&self) -> Result<String, String>;

    async fn samples(&self) -> Result<Vec<Sample>, String> {
        let body = self.scrape().await?;
        let instance = self.instance();
        let mut samples = parse_exposition(&body);
        for s in &mut samples {
            s.labels.insert("instance".into(), instance.clone());
        }
        Ok(samples)
    }
}

struct HttpTarget { host: String, port: u16, body: &'static str }
impl Target for HttpTarget {
    type Meta = (String, u16);
    fn meta(&self) -> (String, u16) { (self.host.clone(), self.port) }
    fn instance(&self) -> String { format!("{}:{}", self.host, self.port) }
    async fn scrape(&self) -> Result<String, String> {
        rt::io().await;
        if self.port == 0 { return Err(format!("{}: connection refused", self.host)); }
        Ok(self.body.to_string())
    }
}

struct PushgatewayTarget { job: &'static str, groups: Vec<(&'static str, f64)> }
impl Target for PushgatewayTarget {
    type Meta = &'static str;
    fn meta(&self) -> &'static str { self.job }
    fn instance(&self) -> String { format!("pushgateway/{}", self.job) }
    async fn scrape(&self) -> Result<String, String> {
        rt::io().await;
        let mut out = String::new();
        for (name, v) in &self.groups {
            out.push_str(&format!("{name}{{job=\"{}\"}} {v}\n", self.job));
        }
        Ok(out)
    }
    async fn samples(&self) -> Result<Vec<Sample>, String> {
        // pushgateway samples keep their pushed job label and get no instance label
        let body = self.scrape().await?;
        Ok(parse_exposition(&body))
    }
}

#[derive(Default)]
struct Tsdb { series: HashMap<String, Vec<(u64, f64)>>, scrape_errors: u32 }

fn series_key(s: &Sample) -> String {
    let labels: Vec<String> = s.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{}{{{}}}", s.name, labels.join(","))
}

async fn scrape_into<T: Target>(targets: &[T], db: &Arc<RwLock<Tsdb>>, ts: u64, drop_prefix: &str) -> usize {
    let mut ingested = 0;
    for t in targets {
        let samples = match t.samples().await {
            Ok(s) => s,
            Err(e) => {
                db.write().unwrap().scrape_errors += 1;
                continue;
            }
        };
        let mut guard = db.write().unwrap();
        for s in samples.iter().filter(|s| !s.name.starts_with(drop_prefix)) {
            guard.series.entry(series_key(s)).or_default().push((ts, s.value));
            ingested += 1;
        }
        drop(guard);
        rt::io().await;
    }
    ingested
}

fn sum_by(db: &Tsdb, metric: &str) -> f64 {
    db.series.iter().filter(|(k, _)| k.starts_with(&format!("{metric}{{"))).filter_map(|(_, pts)| pts.last()).map(|(_, v)| v).sum()
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let body = "# HELP http_requests_total Requests\n# TYPE http_requests_total counter\nhttp_requests_total{method=\"GET\",code=\"200\"} 1027\nhttp_requests_total{method=\"POST\",code=\"500\"} 3\ngo_goroutines 41\nprocess_resident_memory_bytes 2.5e7\n";
    let http = vec![
        HttpTarget { host: "api-1".into(), port: 9100, body },
        HttpTarget { host: "api-2".into(), port: 9100, body },
        HttpTarget { host: "api-3".into(), port: 0, body },
    ];
    let push = vec![PushgatewayTarget { job: "nightly_backup", groups: vec![("backup_duration_seconds", 512.0), ("backup_bytes", 1.0e9)] }];
    let db = Arc::new(RwLock::new(Tsdb::default()));
    let total = block_on(async {
        let mut n = 0;
        for ts in [1000u64, 1015, 1030] {
            n += scrape_into(&http, &db, ts, "go_").await;
            n += scrape_into(&push, &db, ts, "go_").await;
        }
        n
    });
    let db = db.read().unwrap();
    println!("ingested={} series={} errors={} meta={:?}/{:?}", total, db.series.len(), db.scrape_errors, http[0].meta(), push[0].meta());
    println!("http_requests_total sum={} backup_bytes={}", sum_by(&db, "http_requests_total"), sum_by(&db, "backup_bytes"));
}
