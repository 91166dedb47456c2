//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Endpoint health checker with hysteresis, flap detection over a ring buffer and a status page summary.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Tick(u32);

impl Future for Tick {
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
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Unknown,
    Up,
    Degraded,
    Down,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Status::Unknown => "?",
            Status::Up => "UP",
            Status::Degraded => "DEGRADED",
            Status::Down => "DOWN",
        };
        f.write_str(s)
    }
}

#[derive(Debug, Clone)]
enum ProbeError {
    Refused,
    Timeout(u32),
    BadStatus(u16),
}

struct Ring<const N: usize> {
    slots: [Option<bool>; N],
    head: usize,
}

impl<const N: usize> Ring<N> {
    fn new() -> Self {
        Ring { slots: [None; N], head: 0 }
    }
    fn push(&mut self, ok: bool) {
        self.slots[self.head % N] = Some(ok);
        self.head += 1;
    }
    fn ordered(&self) -> Vec<bool> {
        let start = if self.head > N { self.head - N } else { 0 };
        (start..self.head).filter_map(|i| self.slots[i % N]).collect()
    }
    fn flaps(&self) -> usize {
        self.ordered().windows(2).filter(|w| w[0] != w[1]).count()
    }
}

struct Target {
    name: String,
    url: String,
    status: Status,
    consecutive_ok: u32,
    consecutive_fail: u32,
    history: Ring<6>,
    last_latency: Option<u32>,
    transitions: Vec<String>,
}

impl Target {
    fn new(name: &str, url: &str) -> Self {
        Target { name: name.into(), url: url.into(), status: Status::Unknown, consecutive_ok: 0, consecutive_fail: 0, history: Ring::new(), last_latency: None, transitions: vec![] }
    }

    fn record(&mut self, round: u32, result: &Result<u32, ProbeError>) {
        let next = match result {
            Ok(ms) => {
                self.consecutive_ok += 1;
                self.consecutive_fail = 0;
                self.last_latency = Some(*ms);
                self.history.push(true);
                match (self.status, *ms) {
                    (_, ms) if ms > 300 => Status::Degraded,
                    (Status::Down, _) if self.consecutive_ok < 2 => Status::Down,
                    _ => Status::Up,
                }
            }
            Err(e) => {
                self.consecutive_fail += 1;
                self.consecutive_ok = 0;
                self.history.push(false);
                if self.consecutive_fail >= 2 { Status::Down } else if self.status == Status::Unknown { Status::Degraded } else { self.status }
            }
        };
        if next != self.status {
            self.transitions.push(format!("r{round}:{}->{next}", self.status));
            self.status = next;
        }
    }
}

async fn check_all<P>(targets: &mut [Target], rounds: u32, probe: P) -> u32
where
    P: AsyncFn(&str, u32) -> Result<u32, ProbeError>,
{
    let mut probes = 0;
    for round in 0..rounds {
        for t in targets.iter_mut() {
            let result = probe(&t.url, round).await;
            probes += 1;
            t.record(round, &result);
            if let Err(ProbeError::Timeout(after)) = &result && *after > 500 {
                Tick(1).await;
            }
        }
        Tick(2).await;
    }
    probes
}

struct FakeNetwork {
    script: BTreeMap<&'static str, &'static str>,
    calls: Cell<u32>,
}

impl FakeNetwork {
    async fn get(&self, url: &str, round: u32) -> Result<u32, ProbeError> {
        self.calls.set(self.calls.get() + 1);
        Tick(1).await;
        let host = url.trim_start_matches("https://").split('/').next().unwrap_or_default();
        let pattern = self.script.get(host).copied().unwrap_or("x");
        let code = pattern.split(',').nth(round as usize % pattern.split(',').count()).unwrap_or("x");
        match code {
            "x" => Err(ProbeError::Refused),
            "t" => Err(ProbeError::Timeout(1000)),
            c if c.starts_with('5') => Err(ProbeError::BadStatus(c.parse().unwrap_or(500))),
            c => Ok(c.parse().unwrap_or(1)),
        }
    }
}

fn status_page(targets: &[Target]) -> String {
    let worst = targets.iter().map(|t| t.status).max_by_key(|s| match s {
        Status::Up => 0,
        Status::Unknown => 1,
        Status::Degraded => 2,
        Status::Down => 3,
    });
    let mut lines = vec![format!("overall: {}", worst.unwrap_or(Status::Unknown))];
    for t in targets {
        let spark: String = t.history.ordered().iter().map(|ok| if *ok { '+' } else { '-' }).collect();
        let flapping = if t.history.flaps() >= 3 { " FLAPPING" } else { "" };
        lines.push(format!("{:<8} {:<9} [{spark}] latency={:?}{flapping} {:?}", t.name, t.status.to_string(), t.last_latency, t.transitions));
    }
    lines.join("\n")
}

fn main() {
    let net = FakeNetwork {
        script: BTreeMap::from([
            ("api.example", "40,45,38,41,39,44,40,42"),
            ("db.example", "20,x,x,25,22,21,x,23"),
            ("cdn.example", "120,450,510,130,125,118,122,119"),
            ("auth.example", "30,t,35,t,33,t,31,t"),
        ]),
        calls: Cell::new(0),
    };
    let mut targets = vec![
        Target::new("api", "https://api.example/healthz"),
        Target::new("db", "https://db.example/ping"),
        Target::new("cdn", "https://cdn.example/status"),
        Target::new("auth", "https://auth.example/health"),
    ];
    let slow_log = Rc::new(RefCell::new(Vec::new()));
    let probes = block_on(check_all(&mut targets, 8, async |url: &str, round: u32| {
        let res = net.get(url, round).await;
        if let Ok(ms) = &res && *ms > 300 {
            slow_log.borrow_mut().push(format!("r{round} {url} {ms}ms"));
        }
        res
    }));
    println!("{}", status_page(&targets));
    println!("probes={probes} network_calls={} slow={:?}", net.calls.get(), slow_log.borrow());
}
