//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a municipal winter-operations desk that dispatches snow plows and salt spreaders across prioritised street segments.

use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};
use std::cmp::Reverse;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

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

async fn drive(minutes: u32) {
    Yield((minutes / 5).clamp(1, 6) as u8).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Priority {
    Emergency,
    Arterial,
    Collector,
    Residential,
}

#[derive(Debug, Clone)]
struct Segment {
    id: u32,
    street: String,
    priority: Priority,
    lane_km: f32,
    from: u16,
    to: u16,
}

#[derive(Debug)]
struct Truck {
    unit: String,
    salt_t: f32,
    at_node: u16,
    cleared: Vec<u32>,
}

#[derive(Debug)]
enum OpsError {
    NoRoute { from: u16, to: u16 },
    OutOfSalt(String),
    BadSensor(std::num::ParseFloatError),
}

impl From<std::num::ParseFloatError> for OpsError {
    fn from(e: std::num::ParseFloatError) -> Self {
        OpsError::BadSensor(e)
    }
}

impl fmt::Display for OpsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

struct Network {
    adjacency: HashMap<u16, Vec<(u16, u32)>>,
}

impl Network {
    async fn shortest(&self, from: u16, to: u16) -> Result<u32, OpsError> {
        let mut dist: HashMap<u16, u32> = HashMap::from([(from, 0)]);
        let mut heap = BinaryHeap::from([Reverse((0u32, from))]);
        let mut settled = HashSet::new();
        while let Some(Reverse((d, node))) = heap.pop() {
            if node == to {
                return Ok(d);
            }
            if !settled.insert(node) {
                continue;
            }
            Yield(1).await;
            for &(next, w) in self.adjacency.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
                let nd = d + w;
                if dist.get(&next).is_none_or(|&old| nd < old) {
                    dist.insert(next, nd);
                    heap.push(Reverse((nd, next)));
                }
            }
        }
        Err(OpsError::NoRoute { from, to })
    }
}

async fn road_temp(raw: &str) -> Result<f32, OpsError> {
    Yield(1).await;
    let t: f32 = raw.trim_end_matches('C').parse()?;
    Ok(t)
}

async fn treat(net: &Network, truck: &Mutex<Truck>, seg: &Segment, temp_raw: &str) -> Result<u32, OpsError> {
    let temp = road_temp(temp_raw).await?;
    let start = truck.lock().unwrap().at_node;
    let travel = net.shortest(start, seg.from).await?;
    drive(travel).await;
    let rate = match temp {
        t if t > -2.0 => 10.0,
        t if t > -8.0 => 20.0,
        _ => 30.0,
    };
    let needed = seg.lane_km * rate / 1000.0;
    let mut t = truck.lock().unwrap();
    if t.salt_t < needed {
        return Err(OpsError::OutOfSalt(t.unit.clone()));
    }
    t.salt_t -= needed;
    drive((seg.lane_km * 4.0) as u32).await;
    t.at_node = seg.to;
    t.cleared.push(seg.id);
    Ok(travel)
}

async fn storm_plan(net: Arc<Network>, fleet: Vec<Arc<Mutex<Truck>>>, mut segments: Vec<Segment>, temps: HashMap<u32, &str>) -> BTreeMap<Priority, Vec<String>> {
    segments.sort_by_key(|s| (s.priority, Reverse((s.lane_km * 10.0) as u32)));
    let mut board: BTreeMap<Priority, Vec<String>> = BTreeMap::new();
    for (seg, truck) in segments.iter().zip(fleet.iter().cycle()) {
        let raw = temps.get(&seg.id).copied().unwrap_or("-1.0C");
        let line = match treat(&net, truck, seg, raw).await {
            Ok(mins) if mins == 0 => format!("{} cleared on arrival", seg.street),
            Ok(mins) => format!("{} cleared after {mins}min transit", seg.street),
            Err(OpsError::OutOfSalt(unit)) => format!("{} skipped: {unit} needs reload", seg.street),
            Err(e) => format!("{} failed: {e}", seg.street),
        };
        board.entry(seg.priority).or_default().push(line);
    }
    board
}

pub fn main() {
    let edges = [(1u16, 2u16, 4u32), (2, 3, 6), (3, 4, 3), (1, 5, 9), (5, 4, 2), (4, 6, 7)];
    let mut adjacency: HashMap<u16, Vec<(u16, u32)>> = HashMap::new();
    for &(a, b, w) in &edges {
        adjacency.entry(a).or_default().push((b, w));
        adjacency.entry(b).or_default().push((a, w));
    }
    let net = Arc::new(Network { adjacency });

    let segments: Vec<Segment> = [
        (10, "Hospital Rd", Priority::Emergency, 2.4, 1, 2),
        (11, "Main St", Priority::Arterial, 5.1, 2, 3),
        (12, "Birch Ln", Priority::Residential, 1.2, 4, 6),
        (13, "Mill Ave", Priority::Collector, 3.3, 5, 4),
        (14, "Quarry Rd", Priority::Collector, 4.0, 6, 9),
    ]
    .into_iter()
    .map(|(id, s, priority, lane_km, from, to)| Segment { id, street: s.to_string(), priority, lane_km, from, to })
    .collect();

    let fleet: Vec<Arc<Mutex<Truck>>> = ["P-07", "P-12"]
        .iter()
        .map(|u| Arc::new(Mutex::new(Truck { unit: u.to_string(), salt_t: 0.12, at_node: 1, cleared: vec![] })))
        .collect();
    let temps = HashMap::from([(10, "-3.5C"), (11, "-9C"), (13, "oops")]);

    let board = block_on(storm_plan(Arc::clone(&net), fleet.clone(), segments.clone(), temps));
    for (prio, lines) in &board {
        println!("{prio:?}");
        lines.iter().for_each(|l| println!("  {l}"));
    }

    let probes: Vec<Pin<Box<dyn Future<Output = Result<u32, OpsError>>>>> = vec![
        Box::pin({
            let net = Arc::clone(&net);
            async move { net.shortest(1, 6).await }
        }),
        Box::pin({
            let net = Arc::clone(&net);
            async move { net.shortest(3, 42).await }
        }),
        Box::pin(async { Ok(road_temp("-12.5C").await? as u32) }),
    ];
    for p in probes {
        match block_on(p) {
            Ok(v) => println!("probe ok {v}"),
            Err(e) => println!("probe err {e}"),
        }
    }
    for t in &fleet {
        let t = t.lock().unwrap();
        if let Some(last) = t.cleared.last()
            && t.salt_t < 0.05
        {
            println!("{} low on salt after segment {last}", t.unit);
        }
    }
}
