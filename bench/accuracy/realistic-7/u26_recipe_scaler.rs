#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Recipe scaler: parses ingredient lines with fractions and units, scales servings, converts units and checks the pantry.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
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

struct Yield { left: u32 }

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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit { Gram, Ml, Cup, Tbsp, Tsp, Piece }

#[derive(Debug, Clone)]
struct Ingredient { qty: f64, unit: Unit, name: String }

#[derive(Debug)]
enum RecipeError { BadQuantity(String), UnknownUnit(String), Empty(usize) }

impl fmt::Display for RecipeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecipeError::BadQuantity(q) => write!(f, "bad quantity '{}'", q),
            RecipeError::UnknownUnit(u) => write!(f, "unknown unit '{}'", u),
            RecipeError::Empty(n) => write!(f, "line {} is empty", n),
        }
    }
}

impl Error for RecipeError {}

fn parse_qty(tok: &str) -> Result<f64, RecipeError> {
    let bad = || RecipeError::BadQuantity(tok.to_string());
    match tok.split_once('/') {
        Some((n, d)) => {
            let n: f64 = n.parse().map_err(|_| bad())?;
            let d: f64 = d.parse().map_err(|_| bad())?;
            if d == 0.0 { Err(bad()) } else { Ok(n / d) }
        }
        None => tok.parse().map_err(|_| bad()),
    }
}

fn parse_unit(tok: &str) -> Result<Unit, RecipeError> {
    Ok(match tok.trim_end_matches('s') {
        "g" | "gram" => Unit::Gram,
        "ml" => Unit::Ml,
        "cup" => Unit::Cup,
        "tbsp" => Unit::Tbsp,
        "tsp" => Unit::Tsp,
        "pc" | "piece" => Unit::Piece,
        other => return Err(RecipeError::UnknownUnit(other.to_string())),
    })
}

fn parse_line(idx: usize, line: &str) -> Result<Ingredient, RecipeError> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    if toks.is_empty() {
        return Err(RecipeError::Empty(idx));
    }
    let mut qty = parse_qty(toks[0])?;
    let mut rest = &toks[1..];
    if let Some(next) = rest.first() {
        if next.contains('/') {
            qty += parse_qty(next)?;
            rest = &rest[1..];
        }
    }
    let unit = parse_unit(rest.first().copied().unwrap_or("pc"))?;
    Ok(Ingredient { qty, unit, name: rest.get(1..).map(|r| r.join(" ")).unwrap_or_default() })
}

async fn density_g_per_ml(name: &str) -> f64 {
    Yield { left: 1 }.await;
    match name {
        n if n.contains("flour") => 0.53,
        n if n.contains("sugar") => 0.85,
        n if n.contains("butter") => 0.96,
        _ => 1.0,
    }
}

async fn to_metric(ing: &Ingredient) -> Ingredient {
    let ml = match ing.unit {
        Unit::Cup => ing.qty * 240.0,
        Unit::Tbsp => ing.qty * 15.0,
        Unit::Tsp => ing.qty * 5.0,
        _ => return ing.clone(),
    };
    let density = density_g_per_ml(&ing.name).await;
    if density == 1.0 {
        Ingredient { qty: ml, unit: Unit::Ml, name: ing.name.clone() }
    } else {
        Ingredient { qty: (ml * density).round(), unit: Unit::Gram, name: ing.name.clone() }
    }
}

struct Pantry { stock: RefCell<HashMap<String, f64>> }

impl Pantry {
    async fn available(&self, name: &str) -> f64 {
        Yield { left: 1 }.await;
        self.stock.borrow().get(name).copied().unwrap_or(0.0)
    }
}

async fn scale_recipe(text: &str, from: u32, to: u32, pantry: &Pantry) -> Result<(String, Vec<String>), Box<dyn Error>> {
    let factor = to as f64 / from as f64;
    let mut out = String::new();
    let mut shopping = Vec::new();
    let mut totals: BTreeMap<String, f64> = BTreeMap::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with('#')) {
        let ing = parse_line(i + 1, line)?;
        let scaled = Ingredient { qty: ing.qty * factor, ..ing };
        let metric = to_metric(&scaled).await;
        let have = pantry.available(&metric.name).await;
        if have < metric.qty {
            shopping.push(format!("{:.0} {:?} {}", metric.qty - have, metric.unit, metric.name));
        }
        *totals.entry(format!("{:?}", metric.unit)).or_insert(0.0) += metric.qty;
        out.push_str(&format!("{:>7.1} {:<6} {}\n", metric.qty, format!("{:?}", metric.unit).to_lowercase(), metric.name));
    }
    let summary: Vec<String> = totals.iter().map(|(u, q)| format!("{}={:.0}", u, q)).collect();
    out.push_str(&format!("totals: {}", summary.join(", ")));
    Ok((out, shopping))
}

fn main() {
    let recipe = "# brownies, serves 8\n1 1/2 cups flour\n1 cup sugar\n1/2 cup butter\n3 pc eggs\n2 tbsp cocoa\n1 tsp vanilla\n250 g chocolate";
    let pantry = Pantry { stock: RefCell::new([("flour", 500.0), ("sugar", 100.0), ("eggs", 6.0), ("chocolate", 200.0)].iter().map(|(k, v)| (k.to_string(), *v)).collect()) };
    match block_on(scale_recipe(recipe, 8, 12, &pantry)) {
        Ok((card, shopping)) => {
            println!("{}", card);
            println!("shopping list: {:?}", shopping);
        }
        Err(e) => println!("error: {}", e),
    }
    let bad = block_on(scale_recipe("2 handfuls nuts", 1, 2, &pantry));
    let zero = block_on(scale_recipe("1/0 cup milk", 1, 2, &pantry));
    let d = block_on(density_g_per_ml("milk"));
    let m = block_on(to_metric(&Ingredient { qty: 2.0, unit: Unit::Tbsp, name: "sugar".into() }));
    let a = block_on(pantry.available("eggs"));
    println!("bad={} zero={} d={} m={:?} eggs={}", bad.unwrap_err(), zero.unwrap_err(), d, m.qty, a);
}
