//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Tyre shop inspection lane: reads three-point tread gauges per wheel, diagnoses wear
//! patterns, plans a rotation for the drivetrain and quotes replacements from suppliers.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield(false).await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum LaneError {
    Gauge(String),
    MissingWheel(&'static str),
    NoStock(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Drive {
    Fwd,
    Rwd,
    Awd,
}

#[derive(Debug, PartialEq)]
enum Wear {
    Even,
    Shoulders,
    Centre,
    InnerEdge,
    OuterEdge,
}

const WHEELS: [&str; 4] = ["FL", "FR", "RL", "RR"];

fn read_gauges(raw: &str) -> Result<HashMap<&'static str, [u8; 3]>, LaneError> {
    let mut out = HashMap::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (wheel, depths) = line.split_once('=').ok_or_else(|| LaneError::Gauge(line.to_string()))?;
        let wheel = WHEELS.iter().find(|w| **w == wheel.trim()).ok_or_else(|| LaneError::Gauge(wheel.to_string()))?;
        let v: Vec<u8> = depths.split('/').map(|d| d.trim().parse().map_err(|_| LaneError::Gauge(d.to_string()))).collect::<Result<_, _>>()?;
        let arr: [u8; 3] = v.try_into().map_err(|_| LaneError::Gauge(line.to_string()))?;
        out.insert(*wheel, arr);
    }
    match WHEELS.iter().find(|w| !out.contains_key(*w)) {
        Some(w) => Err(LaneError::MissingWheel(w)),
        None => Ok(out),
    }
}

fn diagnose([inner, mid, outer]: [u8; 3]) -> Wear {
    match (inner as i16 - mid as i16, outer as i16 - mid as i16) {
        (a, b) if a <= -2 && b <= -2 => Wear::Shoulders,
        (a, b) if a >= 2 && b >= 2 => Wear::Centre,
        (a, _) if a <= -2 => Wear::InnerEdge,
        (_, b) if b <= -2 => Wear::OuterEdge,
        _ => Wear::Even,
    }
}

fn rotation(drive: Drive) -> [(&'static str, &'static str); 4] {
    match drive {
        Drive::Fwd => [("FL", "RR"), ("FR", "RL"), ("RL", "FL"), ("RR", "FR")],
        Drive::Rwd => [("FL", "RL"), ("FR", "RR"), ("RL", "FR"), ("RR", "FL")],
        Drive::Awd => [("FL", "RR"), ("FR", "RL"), ("RL", "FR"), ("RR", "FL")],
    }
}

trait Supplier {
    fn name(&self) -> &str;
    async fn price(&self, size: &str) -> Option<u32>;
    async fn quote(&self, size: &str, qty: u32) -> Option<u32> {
        let unit = self.price(size).await?;
        Some(if qty >= 4 { unit * qty * 90 / 100 } else { unit * qty })
    }
}

struct Warehouse {
    list: BTreeMap<&'static str, u32>,
}
struct Distributor {
    markup_pct: u32,
    feed: Rc<Vec<(String, u32)>>,
}

impl Supplier for Warehouse {
    fn name(&self) -> &str { "warehouse" }
    async fn price(&self, size: &str) -> Option<u32> {
        yield_now().await;
        self.list.get(size).copied()
    }
}

impl Supplier for Distributor {
    fn name(&self) -> &str { "distributor" }
    async fn price(&self, size: &str) -> Option<u32> {
        yield_now().await;
        yield_now().await;
        self.feed.iter().find(|(s, _)| s == size).map(|(_, p)| p * (100 + self.markup_pct) / 100)
    }
}

async fn best_quote<A, B>(a: &A, b: &B, size: &str, qty: u32) -> Result<(String, u32), LaneError>
where
    A: Supplier,
    B: Supplier,
{
    let qa = a.quote(size, qty).await.map(|p| (a.name().to_string(), p));
    let qb = b.quote(size, qty).await.map(|p| (b.name().to_string(), p));
    match (qa, qb) {
        (Some(x), Some(y)) => Ok(if x.1 <= y.1 { x } else { y }),
        (Some(x), None) | (None, Some(x)) => Ok(x),
        (None, None) => Err(LaneError::NoStock(size.to_string())),
    }
}

async fn inspect(raw: &str, drive: Drive, size: &str, wh: &Warehouse, dist: &Distributor) -> Result<String, LaneError> {
    let gauges = read_gauges(raw)?;
    let mut report = Vec::new();
    let mut replace = 0;
    for w in WHEELS {
        let g = gauges[w];
        let min = *g.iter().min().unwrap();
        if min < 3 {
            replace += 1;
        }
        let wear = diagnose(g);
        if wear != Wear::Even || min < 3 {
            report.push(format!("{w} {wear:?} min {min}/32"));
        }
    }
    let advice = if replace > 0 {
        let (who, total) = if replace >= 3 { best_quote(dist, wh, size, 4).await? } else { best_quote(wh, dist, size, replace).await? };
        format!("replace {} via {who} ${total}", if replace >= 3 { 4 } else { replace })
    } else {
        let plan = rotation(drive).iter().map(|(a, b)| format!("{a}->{b}")).collect::<Vec<_>>().join(" ");
        format!("rotate {plan}")
    };
    Ok(format!("[{}] {advice}", report.join("; ")))
}

pub fn main() {
    let wh = Warehouse { list: BTreeMap::from([("205/55R16", 89), ("225/45R17", 121)]) };
    let dist = Distributor { markup_pct: 8, feed: Rc::new(vec![("205/55R16".to_string(), 80), ("245/40R18".to_string(), 150)]) };
    let cars = [
        ("FL=7/8/7\nFR=8/8/8\nRL=8/9/8\nRR=9/9/9", Drive::Fwd, "205/55R16"),
        ("FL=2/6/6\nFR=6/6/3\nRL=7/7/7\nRR=7/7/7", Drive::Rwd, "225/45R17"),
        ("FL=2/4/2\nFR=2/2/2\nRL=2/3/2\nRR=5/5/5", Drive::Awd, "205/55R16"),
        ("FL=2/4/2\nFR=2/2/2\nRL=2/3/2\nRR=5/5/5", Drive::Awd, "195/65R15"),
        ("FL=7/8/7\nFR=8/8/8\nRL=8/9/8", Drive::Fwd, "205/55R16"),
        ("FL=7/8\nFR=8/8/8", Drive::Fwd, "205/55R16"),
    ];
    for (raw, drive, size) in cars {
        println!("{drive:?} {size}: {:?}", block_on(inspect(raw, drive, size, &wh, &dist)));
    }
}
