#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Health {
    Up,
    Degraded,
    Down,
}

#[derive(Debug, Clone)]
struct ProbeResult {
    health: Health,
    latency_ms: u32,
    detail: Option<String>,
}

trait Probe {
    fn name(&self) -> String;
    async fn check(&self) -> ProbeResult;
}

struct TcpProbe {
    host: &'static str,
    port: u16,
    latency: Cell<u32>,
}

struct DiskProbe {
    used: u64,
    total: u64,
}

struct QueueProbe {
    depth: Rc<Cell<usize>>,
    warn_at: usize,
    fail_at: usize,
}

impl Probe for TcpProbe {
    fn name(&self) -> String {
        format!("tcp:{}:{}", self.host, self.port)
    }
    async fn check(&self) -> ProbeResult {
        let l = self.latency.get();
        self.latency.set(l * 2);
        let health = match l {
            0..=50 => Health::Up,
            51..=200 => Health::Degraded,
            _ => Health::Down,
        };
        ProbeResult { health, latency_ms: l, detail: (health != Health::Up).then(|| format!("rtt {}ms", l)) }
    }
}

impl Probe for DiskProbe {
    fn name(&self) -> String {
        "disk:/var".into()
    }
    async fn check(&self) -> ProbeResult {
        let pct = self.used * 100 / self.total.max(1);
        let health = if pct >= 95 { Health::Down } else if pct >= 80 { Health::Degraded } else { Health::Up };
        ProbeResult { health, latency_ms: 1, detail: Some(format!("{}% used", pct)) }
    }
}

impl Probe for QueueProbe {
    fn name(&self) -> String {
        "queue:jobs".into()
    }
    async fn check(&self) -> ProbeResult {
        let d = self.depth.get();
        let health = if d >= self.fail_at { Health::Down } else if d >= self.warn_at { Health::Degraded } else { Health::Up };
        ProbeResult { health, latency_ms: 0, detail: None }
    }
}

async fn run_probe<P: Probe>(p: &P, history: &mut BTreeMap<String, Vec<Health>>) -> Health {
    let r = p.check().await;
    let entry = history.entry(p.name()).or_default();
    entry.push(r.health);
    if entry.len() > 3 {
        entry.remove(0);
    }
    // flap damping: report the best of the last few results unless all are bad
    let worst = entry.iter().copied().max().unwrap_or(Health::Up);
    let best = entry.iter().copied().min().unwrap_or(Health::Up);
    if worst == Health::Down && best == Health::Down { Health::Down } else { r.health.min(Health::Degraded).max(best) }
}

type Check<'a> = Pin<Box<dyn Future<Output = (String, ProbeResult)> + 'a>>;

fn dynamic_checks<'s, 'a: 's>(probes: &'s [Box<dyn Fn() -> Check<'a> + 'a>]) -> impl Future<Output = Vec<(String, ProbeResult)>> + use<'s, 'a> {
    async move {
        let mut v = Vec::new();
        for p in probes {
            v.push(p().await);
        }
        v
    }
}

fn boxed_check<'a, F: Fn() -> Check<'a> + 'a>(f: F) -> Box<dyn Fn() -> Check<'a> + 'a> {
    Box::new(f)
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
    let tcp = TcpProbe { host: "db", port: 5432, latency: Cell::new(20) };
    let disk = DiskProbe { used: 850, total: 1000 };
    let depth = Rc::new(Cell::new(10));
    let queue = QueueProbe { depth: depth.clone(), warn_at: 100, fail_at: 1000 };
    let mut history = BTreeMap::new();

    let rounds = async {
        let mut overall = Vec::new();
        for round in 0..5 {
            depth.set(depth.get() * 4);
            let a = run_probe(&tcp, &mut history).await;
            let b = run_probe(&disk, &mut history).await;
            let c = run_probe(&queue, &mut history).await;
            overall.push((round, [a, b, c].into_iter().max().unwrap()));
        }
        overall
    };
    for (round, h) in block_on(rounds) {
        println!("round {} overall {:?}", round, h);
    }
    for (name, hs) in &history {
        println!("{:<16} {:?}", name, hs);
    }

    let probes = vec![
        boxed_check(|| Box::pin(async { (tcp.name(), tcp.check().await) })),
        boxed_check(|| Box::pin(async { (disk.name(), disk.check().await) })),
    ];
    for (n, r) in block_on(dynamic_checks(&probes)) {
        println!("{} {:?} {}ms {}", n, r.health, r.latency_ms, r.detail.unwrap_or_default());
    }
}
