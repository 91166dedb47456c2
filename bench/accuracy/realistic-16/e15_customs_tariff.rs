//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Customs brokerage duty calculator: classifies declaration lines by HS code with fallback
//! up the heading hierarchy, applies preferential origin rates, and computes duty plus import VAT.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write};
use std::future::Future;
use std::num::{ParseFloatError, ParseIntError};
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
enum DutyError { Parse(String), Qty(ParseIntError), Value(ParseFloatError), Unclassified(String), Embargoed(String) }

impl From<ParseIntError> for DutyError {
    fn from(e: ParseIntError) -> Self { DutyError::Qty(e) }
}
impl From<ParseFloatError> for DutyError {
    fn from(e: ParseFloatError) -> Self { DutyError::Value(e) }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rate { AdValorem(f64), Specific { per_unit: f64 }, Compound { pct: f64, per_unit: f64 }, Free }

#[derive(Debug, Clone)]
struct Line { hs: String, origin: String, qty: u32, customs_value: f64, desc: String }

fn parse_line(raw: &str) -> Result<Line, DutyError> {
    let mut it = raw.splitn(5, ';').map(str::trim);
    let (Some(hs), Some(origin), Some(qty), Some(val)) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err(DutyError::Parse(raw.to_string()));
    };
    let hs: String = hs.chars().filter(char::is_ascii_digit).collect();
    if hs.len() < 4 { return Err(DutyError::Parse(format!("short HS code in {raw:?}"))); }
    Ok(Line { hs, origin: origin.to_uppercase(), qty: qty.parse()?, customs_value: val.parse()?, desc: it.next().unwrap_or("").to_string() })
}

trait TariffSource {
    async fn lookup(&self, code: &str) -> Option<Rate>;
    async fn preferential(&self, code: &str, origin: &str) -> Option<Rate> { None }
}

struct NationalTariff { mfn: HashMap<String, Rate>, embargo: Vec<&'static str> }
struct FtaSchedule { partners: Vec<&'static str>, reductions: BTreeMap<String, f64>, base: NationalTariff }

impl TariffSource for NationalTariff {
    async fn lookup(&self, code: &str) -> Option<Rate> {
        yield_now().await;
        self.mfn.get(code).copied()
    }
}
impl TariffSource for FtaSchedule {
    async fn lookup(&self, code: &str) -> Option<Rate> { self.base.lookup(code).await }
    async fn preferential(&self, code: &str, origin: &str) -> Option<Rate> {
        if !self.partners.contains(&origin) { return None; }
        yield_now().await;
        let cut = self.reductions.iter().filter(|(prefix, _)| code.starts_with(prefix.as_str())).map(|(_, c)| *c).next()?;
        Some(match self.lookup(code).await? {
            Rate::AdValorem(p) => Rate::AdValorem(p * (1.0 - cut)),
            Rate::Compound { pct, per_unit } => Rate::Compound { pct: pct * (1.0 - cut), per_unit },
            other => other,
        })
    }
}

/// Try the 10-digit line, then 8, 6 and finally the 4-digit heading.
async fn classify<T: TariffSource>(src: &T, hs: &str, origin: &str) -> Result<(String, Rate), DutyError> {
    for len in [10usize, 8, 6, 4].into_iter().filter(|&l| l <= hs.len()) {
        let code = &hs[..len];
        if let Some(pref) = src.preferential(code, origin).await {
            return Ok((format!("{code}*"), pref));
        }
        if let Some(rate) = src.lookup(code).await {
            return Ok((code.to_string(), rate));
        }
    }
    Err(DutyError::Unclassified(hs.to_string()))
}

async fn assess<T: TariffSource>(src: &T, embargo: &[&str], raw_lines: &str, vat_pct: f64) -> Result<(f64, f64, String), DutyError> {
    let (mut duty, mut vat) = (0.0, 0.0);
    let mut memo = String::new();
    for raw in raw_lines.lines().filter(|l| !l.trim().is_empty()) {
        let line = parse_line(raw)?;
        if embargo.iter().any(|e| *e == line.origin) {
            return Err(DutyError::Embargoed(line.origin));
        }
        let (code, rate) = classify(src, &line.hs, &line.origin).await?;
        let d = match rate {
            Rate::AdValorem(p) => line.customs_value * p / 100.0,
            Rate::Specific { per_unit } => per_unit * line.qty as f64,
            Rate::Compound { pct, per_unit } => line.customs_value * pct / 100.0 + per_unit * line.qty as f64,
            Rate::Free => 0.0,
        };
        let d = (d * 100.0).round() / 100.0;
        duty += d;
        vat += (line.customs_value + d) * vat_pct / 100.0;
        writeln!(memo, "{code:<12}{:>10.2}{:>9.2}  {}", line.customs_value, d, line.desc).unwrap();
    }
    Ok((duty, (vat * 100.0).round() / 100.0, memo))
}

fn national() -> NationalTariff {
    let mfn = [
        ("6109", Rate::AdValorem(12.0)),
        ("610910", Rate::AdValorem(10.0)),
        ("2204", Rate::Specific { per_unit: 0.32 }),
        ("0406", Rate::Compound { pct: 8.0, per_unit: 1.5 }),
        ("8471", Rate::Free),
    ];
    NationalTariff { mfn: mfn.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), embargo: vec!["XX"] }
}

fn main() {
    let decl = "6109.10.00.10; VN; 500; 2500.00; cotton t-shirts\n\
                2204.21; FR; 1200; 9000; wine in bottles\n\
                0406.90.32; CH; 40; 800; hard cheese\n\
                8471.30; CN; 10; 7000; laptops\n";
    let mfn_only = national();
    let (duty_a, vat_a, memo_a) = block_on(assess(&mfn_only, &mfn_only.embargo, decl, 20.0)).expect("mfn assessment");
    assert!((duty_a - (250.0 + 384.0 + 124.0)).abs() < 1e-6);

    let fta = FtaSchedule { partners: vec!["VN", "CH"], reductions: BTreeMap::from([("0406".to_string(), 0.5), ("6109".to_string(), 1.0)]), base: national() };
    let (duty_b, vat_b, memo_b) = block_on(assess(&fta, &["XX"], decl, 20.0)).expect("fta assessment");
    assert!((duty_b - (0.0 + 384.0 + 92.0)).abs() < 1e-6);
    assert!(memo_b.contains("0406*") && memo_b.contains("610910*"));

    assert!(matches!(block_on(assess(&fta, &["XX"], "9999.11; US; 1; 10", 20.0)), Err(DutyError::Unclassified(_))));
    assert!(matches!(block_on(assess(&fta, &["XX"], "2204; XX; 1; 10", 20.0)), Err(DutyError::Embargoed(_))));
    assert!(matches!(block_on(assess(&mfn_only, &[], "2204; FR; many; 10", 20.0)), Err(DutyError::Qty(_))));
    assert!(matches!(parse_line("2204; FR; 1; ten"), Err(DutyError::Value(_))));

    let savings = block_on(async {
        let heading = classify(&mfn_only, "0406", "CH").await.map(|r| r.1).ok();
        let pref = fta.preferential("0406", "CH").await;
        (heading, pref)
    });
    assert_eq!(savings.1, Some(Rate::Compound { pct: 4.0, per_unit: 1.5 }));
    println!("MFN duty {duty_a:.2} VAT {vat_a:.2}\nFTA duty {duty_b:.2} VAT {vat_b:.2}\n{memo_b}");
}
