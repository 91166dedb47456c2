//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Perfumery compounding bench: scales a parts-per-thousand formula to a batch size,
//! checks each material against IFRA category limits and prints a bottle label.

use std::collections::{HashMap, VecDeque};
use std::fmt::Display;
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum IfraCategory { Lip = 1, FineFragrance = 4, RinseOff = 9 }

#[derive(Debug)]
enum FormulaError { Parse(String), OverLimit { material: String, pct: f64, limit: f64 }, Unknown(String) }

trait LimitSource {
    async fn limit_pct(&self, material: &str, cat: IfraCategory) -> Option<f64>;
    async fn name(&self) -> String { String::from("anonymous source") }
}

struct AmendmentTable { rows: HashMap<&'static str, [f64; 3]> }
struct SupplierSds { cache: RwLock<HashMap<String, f64>>, fetches: RwLock<u32> }

impl LimitSource for AmendmentTable {
    async fn limit_pct(&self, material: &str, cat: IfraCategory) -> Option<f64> {
        yield_now().await;
        let row = self.rows.get(material)?;
        Some(match cat { IfraCategory::Lip => row[0], IfraCategory::FineFragrance => row[1], IfraCategory::RinseOff => row[2] })
    }
    async fn name(&self) -> String { "IFRA 51st amendment".to_string() }
}

impl LimitSource for SupplierSds {
    async fn limit_pct(&self, material: &str, cat: IfraCategory) -> Option<f64> {
        if let Some(v) = self.cache.read().unwrap().get(material) {
            return Some(*v);
        }
        yield_now().await;
        *self.fetches.write().unwrap() += 1;
        let v = if material.to_lowercase().contains("oil") { 2.0 } else { 100.0 };
        self.cache.write().unwrap().insert(material.to_string(), v);
        Some(v)
    }
}

trait Quantity: Copy + Display {
    fn to_grams(self) -> f64;
}
impl Quantity for f64 { fn to_grams(self) -> f64 { self } }
impl Quantity for u32 { fn to_grams(self) -> f64 { self as f64 } }

fn parse_formula(src: &str) -> Result<Vec<(String, f64)>, FormulaError> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| {
            let (name, parts) = l.rsplit_once(' ').ok_or_else(|| FormulaError::Parse(l.to_string()))?;
            let parts: f64 = parts.trim_end_matches("ppt").parse().map_err(|_| FormulaError::Parse(l.to_string()))?;
            Ok((name.trim().to_string(), parts))
        })
        .collect()
}

async fn compound<S, Q>(src: &S, formula: &str, batch: Q, dilution_pct: f64, cat: IfraCategory) -> Result<Vec<(String, f64)>, FormulaError>
where
    S: LimitSource,
    Q: Quantity,
{
    let rows = parse_formula(formula)?;
    let total_parts: f64 = rows.iter().map(|(_, p)| p).sum::<f64>();
    let grams = batch.to_grams();
    let mut weighed = Vec::with_capacity(rows.len());
    for (material, parts) in rows {
        let pct_in_product = parts / total_parts * dilution_pct;
        let Some(limit) = src.limit_pct(&material, cat).await else {
            return Err(FormulaError::Unknown(material));
        };
        if pct_in_product > limit {
            return Err(FormulaError::OverLimit { material, pct: pct_in_product, limit });
        }
        weighed.push((material, parts / total_parts * grams));
    }
    Ok(weighed)
}

fn label(name: &str, lot: u32) -> [u8; 64] {
    let mut buf = [b' '; 64];
    let text = format!("{name} / LOT {lot:06} / EDP");
    for (dst, src) in buf.iter_mut().zip(text.bytes()) {
        *dst = src;
    }
    buf
}

async fn bench_queue<S: LimitSource>(src: &S, mut jobs: VecDeque<(&'static str, &'static str, u32)>) -> Vec<String> {
    let header = src.name().await;
    let mut lines = vec![header];
    let mut lot = 4100;
    while let Some((name, formula, grams)) = jobs.pop_front() {
        let buf = label(name, lot);
        match compound(src, formula, grams, 18.0, IfraCategory::FineFragrance).await {
            Ok(w) => {
                let heaviest = w.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0.clone()).unwrap_or_default();
                lines.push(format!("{} -> {} materials, heaviest {heaviest}", String::from_utf8_lossy(&buf).trim_end(), w.len()));
            }
            Err(FormulaError::OverLimit { material, pct, limit }) if pct < limit * 1.1 => {
                lines.push(format!("{name}: {material} marginal ({pct:.2}% vs {limit}%), requeue diluted"));
                jobs.push_back((name, "Iso E Super 400ppt\nHedione 600ppt", grams));
            }
            Err(e) => lines.push(format!("{name}: rejected {e:?}")),
        }
        lot += 1;
        yield_now().await;
    }
    lines
}

fn main() {
    let table = AmendmentTable {
        rows: HashMap::from([
            ("Hedione", [5.0, 40.0, 100.0]),
            ("Iso E Super", [3.0, 21.4, 50.0]),
            ("Bergamot oil", [0.4, 2.0, 10.0]),
            ("Coumarin", [0.1, 1.6, 5.0]),
        ]),
    };
    let sds = SupplierSds { cache: RwLock::new(HashMap::new()), fetches: RwLock::new(0) };
    let formula = "// citrus chypre\nBergamot oil 80ppt\nHedione 500ppt\nIso E Super 300ppt\nCoumarin 60ppt\n";

    let a = block_on(compound(&table, formula, 250.0f64, 18.0, IfraCategory::FineFragrance));
    let b = block_on(compound(&sds, formula, 1000u32, 25.0, IfraCategory::Lip));
    println!("table: {:?}", a.as_ref().map(|v| v.len()).map_err(|e| format!("{e:?}")));
    println!("sds: {:?}", b.as_ref().map(|v| v.len()).map_err(|e| format!("{e:?}")));

    let jobs = VecDeque::from([
        ("Ombre Chypre", formula, 100),
        ("Heavy Iso", "Iso E Super 900ppt\nHedione 100ppt", 50),
        ("Mystery", "Unobtainium 10ppt", 10),
    ]);
    for line in block_on(bench_queue(&table, jobs.clone())) {
        println!("{line}");
    }
    let sds_lines = block_on(bench_queue(&sds, jobs));
    println!("sds fetches={} lines={}", sds.fetches.read().unwrap(), sds_lines.len());
    let n = block_on(sds.name());
    let lim = block_on(table.limit_pct("Coumarin", IfraCategory::RinseOff));
    let bad = block_on(async { parse_formula("no-quantity") });
    println!("{n} {lim:?} {}", bad.is_err());
}
