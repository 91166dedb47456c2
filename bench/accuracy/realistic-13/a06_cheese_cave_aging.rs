//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Cheese cave affinage tracker: samples zone climate probes, runs the daily turning and
//! rind-washing rounds, and grades wheels as they reach maturity.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style { Alpine, WashedRind, Bloomy }

#[derive(Debug)]
struct Wheel { id: String, style: Style, zone: u8, age_days: u32, turns: Vec<u32>, washes: u32, notes: HashMap<String, String> }

trait Probe {
    fn unit(&self) -> &'static str;
    async fn read(&self, zone: u8) -> f32;

    async fn read_avg(&self, zone: u8, samples: u32) -> f32 {
        let mut total = 0.0;
        for _ in 0..samples {
            total += self.read(zone).await;
        }
        total / samples.max(1) as f32
    }
}

struct Hygrometer { drift: f32, calls: Cell<u32> }
struct Thermistor { offsets: HashMap<u8, f32> }

impl Probe for Hygrometer {
    fn unit(&self) -> &'static str { "%RH" }
    async fn read(&self, zone: u8) -> f32 {
        self.calls.set(self.calls.get() + 1);
        yield_now().await;
        88.0 + zone as f32 * 2.5 + self.drift * (self.calls.get() % 3) as f32
    }
}

impl Probe for Thermistor {
    fn unit(&self) -> &'static str { "C" }
    async fn read(&self, zone: u8) -> f32 {
        yield_now().await;
        11.5 + self.offsets.get(&zone).copied().unwrap_or(0.0)
    }
}

async fn sample_zone<P>(probe: &P, zone: u8, low: f32, high: f32) -> Result<f32, String>
where
    P: Probe,
{
    let v = probe.read_avg(zone, 4).await;
    match v {
        v if v < low => Err(format!("zone {zone}: {v:.1}{} below {low}", probe.unit())),
        v if v > high => Err(format!("zone {zone}: {v:.1}{} above {high}", probe.unit())),
        v => Ok(v),
    }
}

struct Cave { wheels: RefCell<Vec<Wheel>>, alarms: RefCell<Vec<String>> }

impl Cave {
    async fn turning_round(&self, day: u32) -> usize {
        let due: Vec<usize> = self.wheels.borrow().iter().enumerate()
            .filter(|(_, w)| w.turns.last().is_none_or(|&t| day - t >= if w.style == Style::Bloomy { 1 } else { 2 }))
            .map(|(i, _)| i)
            .collect();
        for &i in &due {
            yield_now().await;
            self.wheels.borrow_mut()[i].turns.push(day);
        }
        due.len()
    }

    async fn grade(&self, min_age: u32) -> Vec<(String, &'static str)> {
        let mut graded = Vec::new();
        let wheels = std::mem::take(&mut *self.wheels.borrow_mut());
        let (ready, aging): (Vec<Wheel>, Vec<Wheel>) = wheels.into_iter().partition(|w| w.age_days >= min_age);
        *self.wheels.borrow_mut() = aging;
        for w in ready {
            yield_now().await;
            let grade = match (w.style, w.washes, w.turns.len()) {
                (Style::WashedRind, washes, _) if washes < 3 => "under-washed",
                (_, _, turns) if turns * 3 < w.age_days as usize / 10 => "uneven",
                (Style::Alpine, _, _) => "reserve",
                _ => "standard",
            };
            graded.push((w.id, grade));
        }
        graded
    }
}

pub fn main() {
    let wheel = |id: &str, style, zone, age_days| Wheel { id: id.into(), style, zone, age_days, turns: vec![], washes: 0, notes: HashMap::new() };
    let cave = Cave {
        wheels: RefCell::new(vec![
            wheel("ALP-101", Style::Alpine, 1, 120),
            wheel("WR-17", Style::WashedRind, 2, 40),
            wheel("BL-3", Style::Bloomy, 3, 12),
            wheel("WR-18", Style::WashedRind, 2, 55),
        ]),
        alarms: RefCell::new(Vec::new()),
    };
    let hygro = Hygrometer { drift: 1.5, calls: Cell::new(0) };
    let thermo = Thermistor { offsets: HashMap::from([(2, 0.8), (3, -3.0)]) };

    for zone in 1..=3u8 {
        let rh = block_on(sample_zone(&hygro, zone, 85.0, 94.0));
        let t = block_on(sample_zone(&thermo, zone, 9.0, 13.0));
        for r in [rh, t] {
            if let Err(alarm) = r { cave.alarms.borrow_mut().push(alarm) }
        }
    }

    let wash = async |brine_pct: f32| -> usize {
        let mut washed = 0;
        for w in cave.wheels.borrow_mut().iter_mut().filter(|w| w.style == Style::WashedRind) {
            w.washes += 1;
            w.notes.insert("brine".into(), format!("{brine_pct:.1}%"));
            washed += 1;
        }
        yield_now().await;
        washed
    };

    for day in 1..=6u32 {
        let mut tasks: Vec<(&str, Pin<Box<dyn Future<Output = usize> + '_>>)> = vec![("turned", Box::pin(cave.turning_round(day)))];
        if day % 2 == 0 {
            tasks.push(("washed", Box::pin(wash(3.5))));
        }
        let summary: Vec<String> = tasks.into_iter().map(|(label, f)| format!("{label} {}", block_on(f))).collect();
        println!("day {day}: {}", summary.join(", "));
        cave.wheels.borrow_mut().iter_mut().for_each(|w| w.age_days += 1);
    }

    for (id, grade) in block_on(cave.grade(45)) {
        println!("{id:>8} -> {grade}");
    }
    let report = block_on(async {
        let alarms = &cave.alarms;
        yield_now().await;
        format!("{} alarms: {}", alarms.borrow().len(), alarms.borrow().join(" | "))
    });
    println!("{report}; still aging: {}", cave.wheels.borrow().len());
}
