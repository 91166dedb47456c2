//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Ready-mix batch plant: corrects a mix design for aggregate moisture, weighs each
//! ingredient on its scale hopper and prints the delivery ticket for the truck.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::num::ParseFloatError;
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

#[derive(Debug)]
enum BatchError { Parse(ParseFloatError), MissingIngredient(&'static str), Tolerance { item: String, target: f64, actual: f64 }, Hopper(u8) }
impl From<ParseFloatError> for BatchError {
    fn from(e: ParseFloatError) -> Self { BatchError::Parse(e) }
}
impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{self:?}") }
}

#[derive(Debug, Clone)]
struct MixDesign { code: String, per_m3: HashMap<String, f64> }

trait Scale {
    fn id(&self) -> u8;
    fn weigh<'a>(&'a mut self, item: &'a str, target_kg: f64) -> Pin<Box<dyn Future<Output = Result<f64, BatchError>> + 'a>>;
}

struct LoadCellHopper { id: u8, overshoot: f64, cumulative: f64 }
struct BeltScale { id: u8, counts: [u32; 8], kg_per_count: f64 }

impl Scale for LoadCellHopper {
    fn id(&self) -> u8 { self.id }
    fn weigh<'a>(&'a mut self, item: &'a str, target_kg: f64) -> Pin<Box<dyn Future<Output = Result<f64, BatchError>> + 'a>> {
        Box::pin(async move {
            let mut w = 0.0;
            while w < target_kg {
                w += (target_kg / 4.0).max(1.0);
                yield_now().await;
            }
            let actual = target_kg + self.overshoot;
            self.cumulative += actual;
            Ok(actual)
        })
    }
}

impl Scale for BeltScale {
    fn id(&self) -> u8 { self.id }
    fn weigh<'a>(&'a mut self, item: &'a str, target_kg: f64) -> Pin<Box<dyn Future<Output = Result<f64, BatchError>> + 'a>> {
        Box::pin(async move {
            let needed = (target_kg / self.kg_per_count).ceil() as u32;
            for (i, c) in self.counts.iter_mut().enumerate() {
                *c = needed / 8 + u32::from(i < (needed % 8) as usize);
                yield_now().await;
            }
            let total: u32 = self.counts.iter().sum::<u32>();
            if total == 0 && target_kg > 0.0 { return Err(BatchError::Hopper(self.id)); }
            Ok(total as f64 * self.kg_per_count)
        })
    }
}

fn parse_mix(code: &str, text: &str) -> Result<MixDesign, BatchError> {
    let mut per_m3 = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (k, v) = line.split_once('=').unwrap_or((line, "0"));
        per_m3.insert(k.trim().to_string(), v.trim().parse::<f64>()?);
    }
    for req in ["cement", "sand", "stone", "water"] {
        if !per_m3.contains_key(req) { return Err(BatchError::MissingIngredient(req)); }
    }
    Ok(MixDesign { code: code.to_string(), per_m3 })
}

/// Free moisture on aggregates is extra water: add it to the aggregate weight, remove from water.
fn moisture_correct(mix: &MixDesign, sand_pct: f64, stone_pct: f64, m3: f64) -> Vec<(String, f64)> {
    let g = |k: &str| mix.per_m3.get(k).copied().unwrap_or(0.0) * m3;
    let sand = g("sand") * (1.0 + sand_pct / 100.0);
    let stone = g("stone") * (1.0 + stone_pct / 100.0);
    let water = g("water") - (sand - g("sand")) - (stone - g("stone"));
    let mut out = vec![("cement".into(), g("cement")), ("sand".into(), sand), ("stone".into(), stone), ("water".into(), water)];
    out.extend(mix.per_m3.iter().filter(|(k, _)| k.starts_with("adm_")).map(|(k, v)| (k.clone(), v * m3)));
    out
}

async fn weigh_checked<S: Scale>(scale: &mut S, item: &str, target: f64, tol_pct: f64) -> Result<f64, BatchError> {
    let actual = scale.weigh(item, target).await?;
    if ((actual - target) / target.max(0.001)).abs() * 100.0 > tol_pct {
        return Err(BatchError::Tolerance { item: item.to_string(), target, actual });
    }
    Ok(actual)
}

async fn batch_truck(mix: MixDesign, truck: &str, m3: f64, hopper: &mut LoadCellHopper, belt: &mut BeltScale) -> Result<String, BatchError> {
    let lines = moisture_correct(&mix, 4.5, 1.2, m3);
    let mut ticket = format!("TICKET {truck} mix {} {m3} m3\n", mix.code);
    for (item, target) in &lines {
        let actual = match item.as_str() {
            "sand" | "stone" => weigh_checked(belt, item, *target, 2.0).await?,
            s if s.starts_with("adm_") => weigh_checked(hopper, item, *target, 10.0).await?,
            _ => weigh_checked(hopper, item, *target, 1.0).await?,
        };
        ticket += &format!("  {item:<10} target {target:>8.1} actual {actual:>8.1}\n");
    }
    let wc = lines.iter().find(|l| l.0 == "water").map(|l| l.1).unwrap_or(0.0)
        / lines.iter().find(|l| l.0 == "cement").map(|l| l.1).unwrap_or(1.0);
    ticket += &format!("  w/c ratio {wc:.3}\n");
    Ok(ticket)
}

fn main() {
    let design = "cement = 350\nsand = 760\nstone = 1050\nwater = 175\nadm_plasticizer = 2.1\n";
    let mix = parse_mix("C32/40", design).expect("design parses");
    let mut hopper = LoadCellHopper { id: 1, overshoot: 0.6, cumulative: 0.0 };
    let mut belt = BeltScale { id: 2, counts: [0; 8], kg_per_count: 5.0 };

    let t1 = block_on(batch_truck(mix.clone(), "TRK-17", 8.0, &mut hopper, &mut belt));
    match &t1 { Ok(t) => print!("{t}"), Err(e) => println!("batch failed: {e}") }
    let t2 = block_on(batch_truck(mix.clone(), "TRK-03", 0.5, &mut hopper, &mut belt));
    match &t2 { Ok(t) => print!("{t}"), Err(e) => println!("batch failed: {e}") }

    let direct_a = block_on(weigh_checked(&mut hopper, "cement", 100.0, 1.0));
    let direct_b = block_on(weigh_checked(&mut belt, "sand", 0.0, 1.0));
    println!("direct: {direct_a:?} {direct_b:?} cumulative {:.1}", hopper.cumulative);

    let bad = parse_mix("X", "cement=abc");
    let missing = parse_mix("Y", "cement=300\nsand=1");
    let boxed: Pin<Box<dyn Future<Output = usize>>> = Box::pin(async move {
        let corrected = moisture_correct(&mix, 0.0, 0.0, 1.0);
        yield_now().await;
        corrected.len()
    });
    println!("bad={} missing={:?} lines={}", bad.is_err(), missing.err(), block_on(boxed));
}
