//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Vineyard frost protection: watches canopy and inversion-layer temperatures through the
//! night, starts wind machines or sprinklers per block, and accounts for fuel and water.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug, Clone, Copy)]
struct Reading { canopy_c: f32, tower_c: f32, wind_ms: f32 }

#[derive(Debug, PartialEq, Clone, Copy)]
enum Action { Idle, WindMachine, Sprinklers, Both }

struct Block { name: String, critical_c: f32, has_sprinklers: bool, hours_run: HashMap<&'static str, u32> }

struct Operations { blocks: Mutex<Vec<Block>>, fuel_l: Mutex<f32>, water_m3: Mutex<f32>, journal: Mutex<Vec<String>> }

trait Station {
    fn id(&self) -> String;
    async fn read(&mut self, hour: u32) -> Option<Reading>;

    async fn inversion(&mut self, hour: u32) -> Option<f32> {
        let r = self.read(hour).await?;
        Some(r.tower_c - r.canopy_c)
    }
}

struct BlockStation { name: String, base: f32, cooling_per_h: f32 }
struct RegionalFeed { rows: Vec<String>, cursor: usize }

impl Station for BlockStation {
    fn id(&self) -> String { format!("wx-{}", self.name) }
    async fn read(&mut self, hour: u32) -> Option<Reading> {
        yield_now().await;
        let canopy_c = self.base - self.cooling_per_h * hour as f32;
        Some(Reading { canopy_c, tower_c: canopy_c + 0.4 * hour as f32, wind_ms: if hour > 4 { 0.5 } else { 2.0 } })
    }
}

impl Station for RegionalFeed {
    fn id(&self) -> String { "regional".into() }
    async fn read(&mut self, hour: u32) -> Option<Reading> {
        let row = self.rows.get(self.cursor)?.clone();
        self.cursor += 1;
        yield_now().await;
        let v: Vec<f32> = row.split(',').filter_map(|s| s.trim().parse().ok()).collect();
        match v[..] {
            [h, canopy_c, tower_c, wind_ms] if h as u32 == hour => Some(Reading { canopy_c, tower_c, wind_ms }),
            _ => None,
        }
    }
}

fn choose(r: Reading, critical: f32, sprinklers: bool) -> Action {
    let margin = r.canopy_c - critical;
    match (margin, r.tower_c - r.canopy_c) {
        (m, _) if m > 1.5 => Action::Idle,
        (m, inv) if inv >= 1.5 && r.wind_ms < 2.5 && m > -1.0 => Action::WindMachine,
        (m, inv) if inv >= 1.5 && sprinklers => Action::Both,
        _ if sprinklers => Action::Sprinklers,
        _ => Action::WindMachine,
    }
}

async fn run_equipment(ops: &Operations, block: &str, action: Action) -> f32 {
    yield_now().await;
    let (fuel, water) = match action {
        Action::Idle => (0.0, 0.0),
        Action::WindMachine => (28.0, 0.0),
        Action::Sprinklers => (0.0, 45.0),
        Action::Both => (28.0, 45.0),
    };
    *ops.fuel_l.lock().unwrap() -= fuel;
    *ops.water_m3.lock().unwrap() -= water;
    fuel + water
}

async fn night_watch<S>(ops: &Operations, station: &mut S, block_idx: usize, hours: u32) -> Vec<Action>
where
    S: Station,
{
    let mut actions = Vec::new();
    for hour in 0..hours {
        let Some(reading) = station.read(hour).await else {
            ops.journal.lock().unwrap().push(format!("{} missed hour {hour}", station.id()));
            continue;
        };
        let (name, critical, sprinklers) = {
            let blocks = ops.blocks.lock().unwrap();
            let b = &blocks[block_idx];
            (b.name.clone(), b.critical_c, b.has_sprinklers)
        };
        let action = choose(reading, critical, sprinklers);
        if action != Action::Idle {
            run_equipment(ops, &name, action).await;
            let key = if action == Action::Sprinklers { "sprinkler" } else { "fan" };
            *ops.blocks.lock().unwrap()[block_idx].hours_run.entry(key).or_default() += 1;
        }
        actions.push(action);
    }
    actions
}

pub fn main() {
    let block = |name: &str, critical_c, has_sprinklers| Block { name: name.into(), critical_c, has_sprinklers, hours_run: HashMap::new() };
    let ops = Operations {
        blocks: Mutex::new(vec![block("Chardonnay-3", -0.6, true), block("Pinot-North", -1.1, false)]),
        fuel_l: Mutex::new(400.0),
        water_m3: Mutex::new(600.0),
        journal: Mutex::new(Vec::new()),
    };
    let mut local = BlockStation { name: "chard3".into(), base: 4.0, cooling_per_h: 0.9 };
    let mut feed = RegionalFeed {
        rows: ["0, 3.1, 3.4, 1.0", "1, 1.8, 3.0, 0.8", "2, 0.2, 2.6, 0.4", "garbage", "4, -1.9, 1.2, 3.1", "5, -2.4, 0.9, 3.5"].iter().map(|s| s.to_string()).collect(),
        cursor: 0,
    };

    println!("chardonnay: {:?}", block_on(night_watch(&ops, &mut local, 0, 7)));
    println!("pinot:      {:?}", block_on(night_watch(&ops, &mut feed, 1, 6)));
    println!("inversion at 3h: {:?}", block_on(local.inversion(3)));

    let top_up = async |litres: f32| -> f32 {
        yield_now().await;
        let mut fuel = ops.fuel_l.lock().unwrap();
        *fuel = (*fuel + litres).min(500.0);
        *fuel
    };
    println!("fuel after delivery: {}", block_on(top_up(150.0)));
    println!("manual test run cost: {}", block_on(run_equipment(&ops, "Pinot-North", Action::WindMachine)));

    let report = block_on(async {
        let blocks = std::mem::take(&mut *ops.blocks.lock().unwrap());
        yield_now().await;
        blocks.into_iter().map(|b| {
            let Block { name, hours_run, .. } = b;
            let mut runs: Vec<String> = hours_run.into_iter().map(|(k, h)| format!("{k}={h}h")).collect();
            runs.sort();
            format!("{name}: {}", runs.join(" "))
        }).collect::<Vec<_>>()
    });
    println!("{report:#?}");
    println!("water left {} m3, journal {:?}", ops.water_m3.lock().unwrap(), ops.journal.lock().unwrap());
}
