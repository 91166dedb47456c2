#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Car wash controller: assigns arriving cars to bays by package, runs wash programs and tracks chemical usage.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Package {
    Basic,
    Deluxe,
    Ceramic,
}

#[derive(Debug, Clone, Copy)]
enum Stage {
    PreSoak(u8),
    Foam { color: [u8; 3] },
    HighPressure(Duration),
    Wax,
    Dry(Duration),
}

#[derive(Debug)]
struct Car {
    plate: String,
    package: Package,
    is_suv: bool,
}

struct Chemicals {
    litres: Mutex<HashMap<&'static str, f32>>,
}

fn program(pkg: Package) -> Vec<Stage> {
    let mut stages = vec![Stage::PreSoak(30), Stage::HighPressure(Duration::from_secs(45))];
    if pkg != Package::Basic {
        stages.insert(1, Stage::Foam { color: [220, 40, 120] });
        stages.push(Stage::Wax);
    }
    if pkg == Package::Ceramic {
        stages.push(Stage::Wax);
    }
    stages.push(Stage::Dry(Duration::from_secs(60)));
    stages
}

impl Chemicals {
    fn draw(&self, name: &'static str, amount: f32) -> bool {
        let mut tanks = self.litres.lock().unwrap();
        let level = tanks.entry(name).or_insert(0.0);
        if *level < amount {
            return false;
        }
        *level -= amount;
        true
    }
}

async fn run_stage(stage: Stage, suv: bool, chem: &Chemicals) -> Result<Duration, String> {
    let scale = if suv { 1.4 } else { 1.0 };
    let (chemical, amount, time) = match stage {
        Stage::PreSoak(secs) => (Some("presoak"), 0.8, Duration::from_secs(secs as u64)),
        Stage::Foam { color } => (Some("foam"), 1.2 + color[0] as f32 / 1000.0, Duration::from_secs(40)),
        Stage::HighPressure(d) => (None, 0.0, d),
        Stage::Wax => (Some("wax"), 0.5, Duration::from_secs(35)),
        Stage::Dry(d) => (None, 0.0, d),
    };
    Yield { left: 1 }.await;
    if let Some(c) = chemical {
        if !chem.draw(c, amount * scale) {
            return Err(format!("{c} tank empty"));
        }
        Yield { left: 1 }.await;
    }
    Ok(time.mul_f32(scale))
}

async fn wash(bay: usize, car: &Car, chem: &Chemicals) -> Result<Duration, String> {
    let mut total = Duration::ZERO;
    let stages = program(car.package);
    let mut iter = stages.iter().peekable();
    while let Some(stage) = iter.next() {
        match run_stage(*stage, car.is_suv, chem).await {
            Ok(d) => total += d,
            Err(e) if matches!(stage, Stage::Wax) => {
                println!("  bay {bay}: skipping wax for {} ({e})", car.plate);
                continue;
            }
            Err(e) => return Err(format!("bay {bay} aborted {}: {e}", car.plate)),
        }
        if iter.peek().is_none() {
            Yield { left: 2 }.await;
        }
    }
    Ok(total)
}

async fn run_shift(arrivals: &str, chem: Arc<Chemicals>, bays: usize) -> String {
    let mut lanes: Vec<VecDeque<Car>> = (0..bays).map(|_| VecDeque::new()).collect();
    for (i, line) in arrivals.lines().enumerate() {
        let mut parts = line.split_whitespace();
        let plate = parts.next().unwrap_or("???").to_string();
        let package = match parts.next() {
            Some("deluxe") => Package::Deluxe,
            Some("ceramic") => Package::Ceramic,
            _ => Package::Basic,
        };
        let is_suv = parts.next() == Some("suv");
        let bay = if package == Package::Ceramic { bays - 1 } else { i % (bays - 1).max(1) };
        lanes[bay].push_back(Car { plate, package, is_suv });
    }
    let mut revenue: BTreeMap<usize, u32> = BTreeMap::new();
    let mut summary = String::new();
    for (bay, lane) in lanes.iter_mut().enumerate() {
        while let Some(car) = lane.pop_front() {
            match wash(bay, &car, &chem).await {
                Ok(d) => {
                    let price = match car.package { Package::Basic => 900, Package::Deluxe => 1500, Package::Ceramic => 2900 };
                    *revenue.entry(bay).or_default() += price;
                    writeln!(summary, "{} done in {}s", car.plate, d.as_secs()).unwrap();
                }
                Err(e) => {
                    writeln!(summary, "{e}").unwrap();
                    break;
                }
            }
        }
    }
    let total: u32 = revenue.values().sum();
    write!(summary, "revenue ${}.{:02}", total / 100, total % 100).unwrap();
    summary
}

fn main() {
    let chem = Arc::new(Chemicals { litres: Mutex::new(HashMap::from([("presoak", 5.0), ("foam", 4.0), ("wax", 1.2)])) });
    let arrivals = "KX-101 basic\nJP-220 deluxe suv\nMM-7 ceramic\nAB-55 deluxe\nZZ-9 ceramic suv\nQR-3 basic suv";
    println!("{}", block_on(run_shift(arrivals, chem.clone(), 3)));
    let car = Car { plate: "T-1".into(), package: Package::Basic, is_suv: false };
    println!("{:?}", block_on(wash(0, &car, &chem)));
    println!("{:?}", block_on(run_stage(Stage::Dry(Duration::from_secs(10)), true, &chem)));
    println!("left: {:?}", chem.litres.lock().unwrap());
}
