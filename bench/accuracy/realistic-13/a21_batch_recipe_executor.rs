//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Batch recipe executor for a process plant: parses an indented procedure/unit/operation/
//! phase recipe and runs the phases against unit equipment with hold-and-abort handling.

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

#[derive(Debug)]
enum BatchError { Parse(usize, String), NoUnit(String), PhaseFailed { unit: String, phase: String, why: String }, Aborted(String) }

#[derive(Debug)]
struct Step { level: usize, kind: String, name: String, args: Vec<String>, children: Vec<Step> }

fn parse_recipe(text: &str) -> Result<Step, BatchError> {
    let mut stack: Vec<Step> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let indent = line.len() - line.trim_start().len();
        if indent % 2 != 0 {
            return Err(BatchError::Parse(n + 1, "odd indentation".into()));
        }
        let mut words = line.split_whitespace().map(String::from);
        let kind = words.next().unwrap();
        let name = words.next().ok_or_else(|| BatchError::Parse(n + 1, line.trim().to_string()))?;
        let step = Step { level: indent / 2, kind, name, args: words.collect(), children: Vec::new() };
        while stack.len() > step.level {
            let done = stack.pop().unwrap();
            stack.last_mut().ok_or_else(|| BatchError::Parse(n + 1, "orphan step".into()))?.children.push(done);
        }
        stack.push(step);
    }
    while stack.len() > 1 {
        let done = stack.pop().unwrap();
        stack.last_mut().unwrap().children.push(done);
    }
    stack.pop().ok_or_else(|| BatchError::Parse(0, "empty recipe".into()))
}

trait Equipment {
    fn tag(&self) -> &str;
    async fn command(&mut self, phase: &str, value: f64) -> Result<f64, String>;

    async fn command_seq(&mut self, cmds: &[(&str, f64)]) -> Result<f64, String> {
        let mut last = 0.0;
        for (phase, value) in cmds {
            last = self.command(phase, *value).await?;
        }
        Ok(last)
    }
}

struct Reactor { tag: String, level_l: f64, temp_c: f64, max_l: f64 }
struct TransferSkid { tag: String, pumped_l: f64, filter_dp: f64 }

impl Equipment for Reactor {
    fn tag(&self) -> &str { &self.tag }
    async fn command(&mut self, phase: &str, value: f64) -> Result<f64, String> {
        match phase {
            "dose" if self.level_l + value > self.max_l => Err(format!("overfill: {} + {value} > {}", self.level_l, self.max_l)),
            "dose" => { self.level_l += value; yield_now().await; Ok(self.level_l) }
            "heat" => {
                while self.temp_c < value {
                    self.temp_c = (self.temp_c + 15.0).min(value);
                    yield_now().await;
                }
                Ok(self.temp_c)
            }
            "agitate" | "hold" => { yield_now().await; Ok(value) }
            "drain" => { let out = self.level_l.min(value); self.level_l -= out; Ok(out) }
            other => Err(format!("unsupported phase {other}")),
        }
    }
}

impl Equipment for TransferSkid {
    fn tag(&self) -> &str { &self.tag }
    async fn command(&mut self, phase: &str, value: f64) -> Result<f64, String> {
        yield_now().await;
        match phase {
            "pump" if self.filter_dp > 1.5 => Err(format!("filter dP {:.1} bar", self.filter_dp)),
            "pump" => { self.pumped_l += value; self.filter_dp += value / 2500.0; Ok(self.pumped_l) }
            other => Err(format!("unsupported phase {other}")),
        }
    }
}

struct Plant<R, T> { reactor: R, skid: T, journal: Mutex<Vec<String>> }

fn execute<'a, R: Equipment, T: Equipment>(plant: &'a mut Plant<R, T>, step: &'a Step, unit: Option<&'a str>) -> Pin<Box<dyn Future<Output = Result<u32, BatchError>> + 'a>> {
    Box::pin(async move {
        if step.kind != "phase" {
            let scope = if step.kind == "unit" { Some(step.name.as_str()) } else { unit };
            plant.journal.lock().unwrap().push(format!("{}start {} {}", "  ".repeat(step.level), step.kind, step.name));
            let mut phases = 0;
            for child in &step.children {
                phases += execute(&mut *plant, child, scope).await?;
            }
            return Ok(phases);
        }
        let unit = unit.ok_or_else(|| BatchError::NoUnit(step.name.clone()))?;
        let value: f64 = step.args.last().and_then(|a| a.parse().ok()).unwrap_or(0.0);
        let result = match unit {
            u if u == plant.reactor.tag() => plant.reactor.command(&step.name, value).await,
            u if u == plant.skid.tag() => plant.skid.command(&step.name, value).await,
            other => return Err(BatchError::NoUnit(other.to_string())),
        };
        match result {
            Ok(pv) => { plant.journal.lock().unwrap().push(format!("{}{} {} -> {pv:.1}", "  ".repeat(step.level), step.name, step.args.join(" "))); Ok(1) }
            Err(why) => Err(BatchError::PhaseFailed { unit: unit.to_string(), phase: step.name.clone(), why }),
        }
    })
}

async fn run_batch<R, T>(plant: &mut Plant<R, T>, recipe: &str) -> Result<u32, BatchError>
where
    R: Equipment,
    T: Equipment,
{
    let tree = parse_recipe(recipe)?;
    match execute(plant, &tree, None).await {
        Err(BatchError::PhaseFailed { unit, phase, why }) if why.contains("overfill") => {
            let drained = plant.reactor.command("drain", 500.0).await.unwrap_or(0.0);
            Err(BatchError::Aborted(format!("{unit}/{phase}: {why}; drained {drained} L")))
        }
        other => other,
    }
}

const RECIPE: &str = "procedure PVC-17\n  unit R101\n    operation Charge\n      phase dose water 1200\n      phase dose monomer 800\n    operation React\n      phase heat C 65\n      phase agitate rpm 120\n  unit T201\n    operation Transfer\n      phase pump L 2000\n  unit R101\n    operation Empty\n      phase drain L 2000\n";

pub fn main() {
    let mut plant = Plant {
        reactor: Reactor { tag: "R101".into(), level_l: 0.0, temp_c: 20.0, max_l: 2500.0 },
        skid: TransferSkid { tag: "T201".into(), pumped_l: 0.0, filter_dp: 0.2 },
        journal: Mutex::new(Vec::new()),
    };
    for attempt in 1..=3 {
        match block_on(run_batch(&mut plant, RECIPE)) {
            Ok(n) => println!("batch {attempt}: {n} phases complete"),
            Err(e) => println!("batch {attempt}: {e:?}"),
        }
    }
    println!("{:?}", block_on(run_batch(&mut plant, "procedure X\n   unit odd")).err());

    let mut pilot = Plant {
        reactor: Reactor { tag: "R102".into(), level_l: 0.0, temp_c: 18.0, max_l: 900.0 },
        skid: Reactor { tag: "R103".into(), level_l: 0.0, temp_c: 18.0, max_l: 250.0 },
        journal: Mutex::new(Vec::new()),
    };
    let rinse = "procedure Rinse\n  unit R102\n    operation Fill\n      phase dose water 300\n  unit R103\n    operation Fill\n      phase dose water 300\n";
    println!("pilot rinse: {:?}", block_on(run_batch(&mut pilot, rinse)));
    let mut spare = pilot.reactor;
    let flush = async |eq: &mut Reactor, litres: f64| -> Result<f64, String> {
        eq.command_seq(&[("dose", litres), ("agitate", 60.0), ("drain", litres)]).await
    };
    println!("flush R102: {:?}", block_on(flush(&mut spare, 400.0)));
    println!("skid seq: {:?}", block_on(plant.skid.command_seq(&[("pump", 100.0), ("vent", 1.0)])));
    let tail = block_on(async {
        yield_now().await;
        let j = plant.journal.lock().unwrap();
        j.iter().rev().take(4).cloned().collect::<Vec<_>>()
    });
    println!("{tail:#?}");
}
