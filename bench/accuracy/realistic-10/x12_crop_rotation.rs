//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a farm's crop-rotation planner that reads field histories and soil tests to choose next season's plantings.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::hint::spin_loop(),
        }
    }
}

async fn lab_turnaround() {
    Yield::default().await;
    Yield::default().await;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Crop {
    Corn,
    Soybean,
    Wheat,
    Alfalfa,
    CoverRye,
    Fallow,
}

impl Crop {
    fn from_code(c: char) -> Option<Crop> {
        Some(match c {
            'C' => Crop::Corn,
            'S' => Crop::Soybean,
            'W' => Crop::Wheat,
            'A' => Crop::Alfalfa,
            'R' => Crop::CoverRye,
            '-' => Crop::Fallow,
            _ => return None,
        })
    }

    /// kg N/ha left (+) or drawn (-) by the crop
    fn nitrogen_delta(self) -> i16 {
        match self {
            Crop::Corn => -160,
            Crop::Wheat => -90,
            Crop::Soybean => 40,
            Crop::Alfalfa => 120,
            Crop::CoverRye => 15,
            Crop::Fallow => 5,
        }
    }
}

#[derive(Debug, Clone)]
struct SoilTest {
    ph: f32,
    organic_matter_pct: f32,
    nitrate_ppm: u16,
}

#[derive(Debug)]
struct Field {
    name: String,
    hectares: f32,
    history: Vec<Crop>,
    soil: Option<SoilTest>,
    notes: Vec<String>,
}

#[derive(Debug)]
enum PlanError {
    BadHistory { field: String, at: usize, code: char },
    NoSoilTest(String),
}

async fn parse_history(name: &str, codes: &str) -> Result<Vec<Crop>, PlanError> {
    let mut out = Vec::new();
    for (at, code) in codes.chars().filter(|c| !c.is_whitespace()).enumerate() {
        let Some(crop) = Crop::from_code(code) else {
            return Err(PlanError::BadHistory { field: name.to_string(), at, code });
        };
        out.push(crop);
        if at % 4 == 3 {
            Yield::default().await;
        }
    }
    Ok(out)
}

async fn pull_soil_test(field: &str, sample_id: u32) -> Option<SoilTest> {
    lab_turnaround().await;
    if sample_id % 5 == 0 {
        return None; // sample lost in transit
    }
    let seed = field.bytes().map(u32::from).sum::<u32>() + sample_id;
    Some(SoilTest { ph: 5.6 + (seed % 15) as f32 / 10.0, organic_matter_pct: 2.0 + (seed % 7) as f32 * 0.4, nitrate_ppm: (seed % 40) as u16 + 5 })
}

fn choose_next(field: &Field, soil: &SoilTest, seed_stock: &HashMap<Crop, f32>) -> (Crop, &'static str) {
    let last_two: Vec<Crop> = field.history.iter().rev().take(2).copied().collect();
    let n_balance: i32 = field.history.iter().rev().take(3).map(|c| c.nitrogen_delta() as i32).sum();
    let have = |c: Crop| seed_stock.get(&c).copied().unwrap_or(0.0) >= field.hectares;
    match last_two.as_slice() {
        [Crop::Corn, Crop::Corn] => (Crop::Soybean, "break corn rootworm cycle"),
        _ if soil.ph < 6.0 && have(Crop::CoverRye) => (Crop::CoverRye, "acidic, lime and rest under rye"),
        [last, ..] if *last == Crop::Alfalfa && have(Crop::Corn) => (Crop::Corn, "use alfalfa nitrogen credit"),
        _ if n_balance < -150 && have(Crop::Soybean) => (Crop::Soybean, "rebuild nitrogen"),
        _ if soil.nitrate_ppm > 30 && have(Crop::Corn) => (Crop::Corn, "high residual nitrate"),
        [Crop::Soybean, ..] if have(Crop::Wheat) => (Crop::Wheat, "wheat after beans"),
        _ if have(Crop::Alfalfa) => (Crop::Alfalfa, "start perennial stand"),
        _ => (Crop::Fallow, "no seed available"),
    }
}

pub fn main() {
    let raw_fields = [
        ("North 40", 16.2f32, "C S C C"),
        ("Creek Bottom", 9.5, "A A A W"),
        ("Schoolhouse", 22.0, "S W C S"),
        ("Back Forty", 16.0, "C W R Z"),
        ("Windbreak", 4.1, "- R S C"),
    ];
    let seed_stock: Rc<RefCell<HashMap<Crop, f32>>> = Rc::new(RefCell::new(HashMap::from([
        (Crop::Corn, 30.0),
        (Crop::Soybean, 25.0),
        (Crop::Wheat, 30.0),
        (Crop::Alfalfa, 10.0),
        (Crop::CoverRye, 50.0),
    ])));

    let load = async {
        let mut fields = Vec::new();
        let mut errors = Vec::new();
        for (name, hectares, codes) in raw_fields {
            match parse_history(name, codes).await {
                Ok(history) => fields.push(Field { name: name.to_string(), hectares, history, soil: None, notes: vec![] }),
                Err(e) => errors.push(e),
            }
        }
        (fields, errors)
    };
    let (mut fields, errors) = block_on(load);
    for e in &errors {
        if let PlanError::BadHistory { field, at, code } = e {
            println!("skipping {field}: unknown crop code {code:?} at season {at}");
        }
    }

    let stock_for_plan = Rc::clone(&seed_stock);
    let plan = async move |fields: &mut Vec<Field>| -> BTreeMap<Crop, Vec<String>> {
        let mut by_crop: BTreeMap<Crop, Vec<String>> = BTreeMap::new();
        for (i, field) in fields.iter_mut().enumerate() {
            if field.soil.is_none() {
                field.soil = pull_soil_test(&field.name, i as u32 + 1).await;
            }
            let soil = match field.soil.clone() {
                Some(s) => s,
                None => {
                    field.notes.push("resample soil before planting".into());
                    by_crop.entry(Crop::Fallow).or_default().push(field.name.clone());
                    continue;
                }
            };
            let (crop, why) = {
                let stock = stock_for_plan.borrow();
                choose_next(field, &soil, &stock)
            };
            lab_turnaround().await;
            if let Some(left) = stock_for_plan.borrow_mut().get_mut(&crop) {
                *left -= field.hectares;
            }
            field.notes.push(format!("{crop:?}: {why} (pH {:.1}, OM {:.1}%)", soil.ph, soil.organic_matter_pct));
            by_crop.entry(crop).or_default().push(field.name.clone());
        }
        by_crop
    };

    let assignments = block_on(plan(&mut fields));
    for field in fields.iter_mut() {
        let notes = std::mem::take(&mut field.notes);
        println!("{:<13} {:>5.1} ha | {}", field.name, field.hectares, notes.join("; "));
    }
    let diversity: HashSet<&Crop> = assignments.keys().collect();
    println!("crops planned: {} kinds -> {assignments:?}", diversity.len());
    let mut leftover: Vec<(Crop, f32)> = seed_stock.borrow().iter().map(|(c, h)| (*c, *h)).filter(|(_, h)| *h > 0.0).collect();
    leftover.sort_by(|a, b| a.0.cmp(&b.0));
    println!("seed left (ha): {leftover:?}");
    let probe = block_on(pull_soil_test("Test Plot", 3));
    println!("probe: {probe:?}");
}
