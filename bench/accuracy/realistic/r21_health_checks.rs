//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
    pub async fn timeout<F: std::future::Future>(_ms: u64, fut: F) -> Option<F::Output> {
        Some(fut.await)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Up,
    Degraded,
    Down,
}

#[derive(Debug, Clone)]
pub struct CheckResult {
    pub name: String,
    pub status: Status,
    pub latency: Duration,
    pub detail: Option<String>,
}

pub trait Probe {
    fn name(&self) -> &str;
    fn timeout_ms(&self) -> u64 {
        2_000
    }
    async fn check(&self) -> Result<Option<String>, String>;

    async fn run(&self) -> CheckResult {
        let started = Instant::now();
        let outcome = rt::timeout(self.timeout_ms(), self.check()).await;
        let latency = started.elapsed();
        let (status, detail) = match outcome {
            None => (Status::Down, Some(format!("timed out after {}ms", self.timeout_ms()))),
            Some(Ok(note)) if latency > Duration::from_millis(self.timeout_ms() / 2) => {
                (Status::Degraded, note.or_else(|| Some("slow".into())))
            }
            Some(Ok(note)) => (Status::Up, note),
            Some(Err(e)) => (Status::Down, Some(e)),
        };
        CheckResult { name: self.name().to_string(), status, latency, detail }
    }
}

pub struct DbProbe {
    pub dsn: String,
    pub replica_lag_ms: Vec<u64>,
}

impl Probe for DbProbe {
    fn name(&self) -> &str {
        "postgres"
    }
    async fn check(&self) -> Result<Option<String>, String> {
        rt::sleep(12).await;
        let worst = self.replica_lag_ms.iter().copied().max().unwrap_or_default();
        match worst {
            0..=999 => Ok(None),
            1000..=4999 => Ok(Some(format!("replica lag {worst}ms"))),
            _ => Err(format!("replica lag {worst}ms exceeds limit")),
        }
    }
}

pub struct HttpProbe {
    pub url: String,
    pub expect: u16,
    last_status: RefCell<Option<u16>>,
}

impl Probe for HttpProbe {
    fn name(&self) -> &str {
        self.url.rsplit('/').next().unwrap_or("http")
    }
    fn timeout_ms(&self) -> u64 {
        500
    }
    async fn check(&self) -> Result<Option<String>, String> {
        rt::sleep(40).await;
        let status = if self.url.contains("/internal/") { 503 } else { 200 };
        let previous = self.last_status.replace(Some(status));
        match (previous, status) {
            (_, s) if s == self.expect => Ok(None),
            (Some(p), s) if p == s => Err(format!("still returning {s}")),
            (_, s) => Err(format!("unexpected status {s}")),
        }
    }
}

pub struct DiskProbe {
    pub mounts: Vec<(&'static str, u64, u64)>,
}

impl Probe for DiskProbe {
    fn name(&self) -> &str {
        "disk"
    }
    async fn check(&self) -> Result<Option<String>, String> {
        let full: Vec<String> = self
            .mounts
            .iter()
            .filter(|&&(_, used, total)| total > 0 && used * 100 / total >= 90)
            .map(|(m, used, total)| format!("{m} {}%", used * 100 / total))
            .collect();
        if full.is_empty() { Ok(None) } else { Err(full.join(", ")) }
    }
}

pub async fn status_page(db: &DbProbe, api: &HttpProbe, disk: &DiskProbe) -> (Status, String) {
    let results = vec![db.run().await, api.run().await, disk.run().await];
    let overall = results.iter().map(|r| r.status).max().unwrap_or(Status::Up);
    let mut out = format!("overall: {:?}\n", overall);
    for CheckResult { name, status, latency, detail } in &results {
        out += &format!("{:<10} {:?} {:>5}ms {}\n", name, status, latency.as_millis(), detail.as_deref().unwrap_or("-"));
    }
    (overall, out)
}

pub async fn watch(db: DbProbe, api: HttpProbe, rounds: usize) -> BTreeMap<String, u32> {
    let disk = DiskProbe { mounts: vec![("/", 40, 100), ("/var", 95, 100)] };
    let mut flaps: BTreeMap<String, u32> = BTreeMap::new();
    let mut last: Option<Status> = None;
    for round in 0..rounds {
        let (overall, page) = status_page(&db, &api, &disk).await;
        if last.map_or(false, |prev| prev != overall) {
            *flaps.entry(format!("{:?}", overall)).or_insert(0) += 1;
        }
        last = Some(overall);
        rt::sleep(10_000).await;
    }
    flaps
}
