#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Subway journey planner: loads the line network, applies live service alerts, and finds routes with transfer penalties.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const TRANSFER_PENALTY: Duration = Duration::from_secs(240);

#[derive(Debug, Clone)]
struct Edge {
    to: usize,
    line: String,
    ride: Duration,
}

#[derive(Debug, Clone)]
enum Alert {
    StationClosed(String),
    LineSuspended(String),
    Delay { line: String, extra: Duration },
}

struct Network {
    names: Vec<String>,
    index: HashMap<String, usize>,
    adj: Vec<Vec<Edge>>,
}

async fn load_network(spec: &str) -> Network {
    let mut net = Network { names: Vec::new(), index: HashMap::new(), adj: Vec::new() };
    for line in spec.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (code, rest) = match line.split_once(':') {
            Some(x) => x,
            None => continue,
        };
        let stops: Vec<(&str, u64)> = rest
            .split("->")
            .map(|s| {
                let s = s.trim();
                match s.split_once('@') {
                    Some((n, m)) => (n.trim(), m.trim().parse().unwrap_or(2)),
                    None => (s, 2),
                }
            })
            .collect();
        let mut ids = Vec::new();
        for (name, _) in stops.iter() {
            let next = net.names.len();
            let id = *net.index.entry(name.to_string()).or_insert(next);
            if id == next {
                net.names.push(name.to_string());
                net.adj.push(Vec::new());
            }
            ids.push(id);
        }
        for (w, pair) in ids.windows(2).zip(stops.iter().skip(1)) {
            let ride = Duration::from_secs(pair.1 * 60);
            net.adj[w[0]].push(Edge { to: w[1], line: code.trim().to_string(), ride });
            net.adj[w[1]].push(Edge { to: w[0], line: code.trim().to_string(), ride });
        }
        Yield { left: 1 }.await;
    }
    net
}

async fn fetch_alerts(feed: &str) -> Vec<Alert> {
    let mut out = Vec::new();
    for item in feed.split(';').map(str::trim) {
        Yield { left: 1 }.await;
        let mut parts = item.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("CLOSED"), Some(st), _) => out.push(Alert::StationClosed(st.replace('_', " "))),
            (Some("SUSPENDED"), Some(l), _) => out.push(Alert::LineSuspended(l.to_string())),
            (Some("DELAY"), Some(l), Some(m)) => {
                if let Ok(mins) = m.trim_end_matches("min").parse::<u64>() {
                    out.push(Alert::Delay { line: l.to_string(), extra: Duration::from_secs(mins * 60) });
                }
            }
            _ => {}
        }
    }
    out
}

async fn plan(net: &Network, alerts: &RwLock<Vec<Alert>>, from: &str, to: &str) -> Option<(Duration, Vec<(String, String)>)> {
    let (src, dst) = (*net.index.get(from)?, *net.index.get(to)?);
    let (closed, suspended, delays) = {
        let a = alerts.read().unwrap();
        let closed: HashSet<String> = a.iter().filter_map(|x| if let Alert::StationClosed(s) = x { Some(s.clone()) } else { None }).collect();
        let suspended: HashSet<String> = a.iter().filter_map(|x| if let Alert::LineSuspended(l) = x { Some(l.clone()) } else { None }).collect();
        let delays: HashMap<String, Duration> = a.iter().filter_map(|x| if let Alert::Delay { line, extra } = x { Some((line.clone(), *extra)) } else { None }).collect();
        (closed, suspended, delays)
    };
    let mut best: HashMap<(usize, String), u64> = HashMap::new();
    let mut prev: HashMap<(usize, String), (usize, String)> = HashMap::new();
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((0u64, src, String::new())));
    let mut expanded = 0;
    while let Some(Reverse((cost, node, line))) = heap.pop() {
        if node == dst {
            let mut legs = Vec::new();
            let mut cur = (node, line.clone());
            while let Some(p) = prev.get(&cur) {
                legs.push((net.names[cur.0].clone(), cur.1.clone()));
                cur = p.clone();
            }
            legs.reverse();
            return Some((Duration::from_secs(cost), legs));
        }
        expanded += 1;
        if expanded % 4 == 0 {
            Yield { left: 1 }.await;
        }
        for e in net.adj[node].iter() {
            if suspended.contains(&e.line) || (closed.contains(&net.names[e.to]) && e.to != dst) {
                continue;
            }
            let mut c = cost + e.ride.as_secs() + delays.get(&e.line).map_or(0, |d| d.as_secs());
            if !line.is_empty() && line != e.line {
                c += TRANSFER_PENALTY.as_secs();
            }
            let key = (e.to, e.line.clone());
            if best.get(&key).map_or(true, |b| c < *b) {
                best.insert(key.clone(), c);
                prev.insert(key, (node, line.clone()));
                heap.push(Reverse((c, e.to, e.line.clone())));
            }
        }
    }
    None
}

fn describe(result: &Option<(Duration, Vec<(String, String)>)>) -> String {
    let mut s = String::new();
    match result {
        None => s.push_str("no route"),
        Some((d, legs)) => {
            write!(s, "{} min:", d.as_secs() / 60).unwrap();
            let mut last_line = "";
            for (stop, line) in legs.iter() {
                if line != last_line {
                    write!(s, " [{}]", line).unwrap();
                    last_line = line;
                }
                write!(s, " {}", stop).unwrap();
            }
        }
    }
    s
}

fn main() {
    let spec = "
        Red: Airport -> Central@4 -> Museum@3 -> Harbor@5
        Blue: Stadium -> Museum@2 -> University@3 -> Old Town@4
        Green: Central -> Market@2 -> University@3 -> Zoo@6
        Yellow: Harbor -> Old Town@3";
    let net = block_on(load_network(spec));
    let alerts = Arc::new(RwLock::new(Vec::new()));
    println!("{} stations", net.names.len());
    println!("Airport->Old Town: {}", describe(&block_on(plan(&net, &alerts, "Airport", "Old Town"))));
    let fresh = block_on(fetch_alerts("CLOSED Museum; DELAY Green 6min; bogus; SUSPENDED Yellow"));
    alerts.write().unwrap().extend(fresh);
    println!("with alerts: {}", describe(&block_on(plan(&net, &alerts, "Airport", "Old Town"))));
    println!("to Harbor: {}", describe(&block_on(plan(&net, &alerts, "Stadium", "Harbor"))));
    println!("unknown: {}", describe(&block_on(plan(&net, &alerts, "Nowhere", "Zoo"))));
}
