//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Open-pit haul dispatch: routes trucks between shovels and dumps under pluggable
//! dispatch rules, simulates load/haul/dump cycles and reports tonnes and queue time.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Material { Ore { grade: f32 }, Waste }

#[derive(Debug, Clone)]
struct Shovel { name: &'static str, pos: (f32, f32), load_secs: u64, free_at: u64, material: Material }

#[derive(Debug, Clone)]
struct Dump { name: &'static str, pos: (f32, f32), takes_ore: bool, dump_secs: u64 }

#[derive(Debug, Clone)]
struct Truck { id: u32, payload_t: f32, speed_mps: f32, at: (f32, f32), tonnes: f32, cycles: u32 }

fn dist(a: (f32, f32), b: (f32, f32)) -> f32 { ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt() }

trait Dispatcher {
    fn name(&self) -> String;
    async fn score(&self, truck: &Truck, shovel: &Shovel, now: u64) -> f64;
    async fn choose(&self, truck: &Truck, shovels: &[Shovel], now: u64) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for (i, s) in shovels.iter().enumerate() {
            let sc = self.score(truck, s, now).await;
            if best.map_or(true, |(b, _)| sc < b) { best = Some((sc, i)); }
        }
        best.map(|(_, i)| i)
    }
}

struct Nearest;
struct LeastWait { bias: f64 }
struct GradeBlend { target: f32, recent: RefCell<VecDeque<f32>> }

impl Dispatcher for Nearest {
    fn name(&self) -> String { "nearest".into() }
    async fn score(&self, truck: &Truck, shovel: &Shovel, _now: u64) -> f64 { dist(truck.at, shovel.pos) as f64 }
}

impl Dispatcher for LeastWait {
    fn name(&self) -> String { format!("least-wait(bias {})", self.bias) }
    async fn score(&self, truck: &Truck, shovel: &Shovel, now: u64) -> f64 {
        Yield(false).await;
        let arrive = now as f64 + dist(truck.at, shovel.pos) as f64 / truck.speed_mps as f64;
        (shovel.free_at as f64 - arrive).max(0.0) * self.bias + arrive - now as f64
    }
}

impl Dispatcher for GradeBlend {
    fn name(&self) -> String { format!("grade-blend {:.1}%", self.target) }
    async fn score(&self, truck: &Truck, shovel: &Shovel, now: u64) -> f64 {
        LeastWait { bias: 1.0 }.score(truck, shovel, now).await
    }
    async fn choose(&self, truck: &Truck, shovels: &[Shovel], now: u64) -> Option<usize> {
        let recent = self.recent.borrow().iter().sum::<f32>() / self.recent.borrow().len().max(1) as f32;
        let want_rich = recent < self.target;
        let mut ranked = Vec::new();
        for (i, s) in shovels.iter().enumerate() {
            let penalty = match s.material {
                Material::Ore { grade } if (grade > self.target) == want_rich => 0.0,
                Material::Ore { .. } => 300.0,
                Material::Waste => 150.0,
            };
            ranked.push((self.score(truck, s, now).await + penalty, i));
        }
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let pick = ranked.first().map(|&(_, i)| i)?;
        if let Material::Ore { grade } = shovels[pick].material {
            let mut r = self.recent.borrow_mut();
            r.push_back(grade);
            if r.len() > 5 { r.pop_front(); }
        }
        Some(pick)
    }
}

#[derive(Debug, Default)]
struct Report { tonnes: BTreeMap<&'static str, f32>, queue_secs: HashMap<&'static str, u64>, cycles: u32, ore_grade_t: f32 }

async fn simulate<D: Dispatcher>(d: &D, mut trucks: Vec<Truck>, mut shovels: Vec<Shovel>, dumps: &[Dump], shift: Duration) -> Report {
    let mut report = Report::default();
    let mut ready: BinaryHeap<Reverse<(u64, usize)>> = trucks.iter().enumerate().map(|(i, _)| Reverse((i as u64 * 30, i))).collect();
    while let Some(Reverse((now, ti))) = ready.pop() {
        if now > shift.as_secs() { break; }
        let Some(si) = d.choose(&trucks[ti], &shovels, now).await else { break };
        let (truck, shovel) = (&mut trucks[ti], &mut shovels[si]);
        let arrive = now + (dist(truck.at, shovel.pos) / truck.speed_mps) as u64;
        let start = arrive.max(shovel.free_at);
        *report.queue_secs.entry(shovel.name).or_default() += start - arrive;
        shovel.free_at = start + shovel.load_secs;
        let is_ore = matches!(shovel.material, Material::Ore { .. });
        let dump = dumps.iter().filter(|dp| dp.takes_ore == is_ore)
            .min_by(|a, b| dist(shovel.pos, a.pos).total_cmp(&dist(shovel.pos, b.pos)))
            .expect("a dump for every material");
        let loaded_speed = truck.speed_mps * 0.7;
        let done = shovel.free_at + (dist(shovel.pos, dump.pos) / loaded_speed) as u64 + dump.dump_secs;
        if let Material::Ore { grade } = shovel.material { report.ore_grade_t += grade * truck.payload_t; }
        *report.tonnes.entry(dump.name).or_default() += truck.payload_t;
        truck.tonnes += truck.payload_t;
        truck.cycles += 1;
        truck.at = dump.pos;
        report.cycles += 1;
        ready.push(Reverse((done, ti)));
        if report.cycles % 4 == 0 { Yield(false).await; }
    }
    report
}

fn fleet() -> (Vec<Truck>, Vec<Shovel>, Vec<Dump>) {
    let trucks = (0..6).map(|i| Truck { id: 100 + i, payload_t: if i < 4 { 220.0 } else { 290.0 }, speed_mps: 9.0, at: (0.0, 0.0), tonnes: 0.0, cycles: 0 }).collect();
    let shovels = vec![
        Shovel { name: "PH-01", pos: (1200.0, 300.0), load_secs: 150, free_at: 0, material: Material::Ore { grade: 1.8 } },
        Shovel { name: "PH-02", pos: (900.0, -800.0), load_secs: 180, free_at: 0, material: Material::Ore { grade: 0.9 } },
        Shovel { name: "EX-07", pos: (300.0, 1500.0), load_secs: 120, free_at: 0, material: Material::Waste },
    ];
    let dumps = vec![
        Dump { name: "crusher", pos: (0.0, 0.0), takes_ore: true, dump_secs: 90 },
        Dump { name: "north-waste", pos: (200.0, 2500.0), takes_ore: false, dump_secs: 60 },
    ];
    (trucks, shovels, dumps)
}

fn main() {
    let shift = Duration::from_secs(4 * 3600);
    let blend = GradeBlend { target: 1.3, recent: RefCell::new(VecDeque::new()) };
    let summarize = async |label: String, r: Report| -> String {
        Yield(false).await;
        let ore: f32 = r.tonnes.get("crusher").copied().unwrap_or(0.0);
        format!("{label}: {} cycles {:?} queue {:?} head grade {:.2}", r.cycles, r.tonnes, { let mut q: Vec<_> = r.queue_secs.into_iter().collect(); q.sort(); q }, r.ore_grade_t / ore.max(1.0))
    };
    let (t, s, d) = fleet();
    let nearest = block_on(simulate(&Nearest, t.clone(), s.clone(), &d, shift));
    println!("{}", block_on(summarize(Nearest.name(), nearest)));
    let lw = LeastWait { bias: 2.0 };
    println!("{}", block_on(summarize(lw.name(), block_on(simulate(&lw, t.clone(), s.clone(), &d, shift)))));
    let report = block_on(async { simulate(&blend, t, s, &d, shift).await });
    println!("{}", block_on(summarize(blend.name(), report)));
}
