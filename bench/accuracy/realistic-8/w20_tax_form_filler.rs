#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Tax form filler: imports income documents, computes bracketed tax and credits, and renders the filled return lines.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::{self, Write as _};
use std::future::Future;
use std::num::ParseFloatError;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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

const BRACKETS: [(f64, f64); 4] = [(11_000.0, 0.10), (44_725.0, 0.12), (95_375.0, 0.22), (f64::MAX, 0.24)];
const STANDARD_DEDUCTION: f64 = 13_850.0;
const CHILD_CREDIT: f64 = 2_000.0;

#[derive(Debug)]
enum TaxError {
    Field { doc: String, field: &'static str },
    Number(ParseFloatError),
    Mismatch(String),
}

impl fmt::Display for TaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaxError::Field { doc, field } => write!(f, "{doc}: missing field {field}"),
            TaxError::Number(e) => write!(f, "bad number: {e}"),
            TaxError::Mismatch(s) => write!(f, "mismatch: {s}"),
        }
    }
}

impl Error for TaxError {}

impl From<ParseFloatError> for TaxError {
    fn from(e: ParseFloatError) -> Self {
        TaxError::Number(e)
    }
}

trait IncomeDoc {
    const KIND: &'static str;
    fn parse(text: &str) -> Result<Self, TaxError>
    where
        Self: Sized;
    fn income(&self) -> f64;
    fn withheld(&self) -> f64;
}

struct W2 {
    employer: String,
    wages: f64,
    fed_withheld: f64,
}

struct Form1099Int {
    payer: String,
    interest: f64,
}

fn field<'a>(text: &'a str, doc: &str, name: &'static str) -> Result<&'a str, TaxError> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .ok_or_else(|| TaxError::Field { doc: doc.to_string(), field: name })
}

impl IncomeDoc for W2 {
    const KIND: &'static str = "W-2";
    fn parse(text: &str) -> Result<Self, TaxError> {
        Ok(W2 {
            employer: field(text, Self::KIND, "employer")?.to_string(),
            wages: field(text, Self::KIND, "box1")?.replace(',', "").parse()?,
            fed_withheld: field(text, Self::KIND, "box2")?.replace(',', "").parse()?,
        })
    }
    fn income(&self) -> f64 {
        self.wages
    }
    fn withheld(&self) -> f64 {
        self.fed_withheld
    }
}

impl IncomeDoc for Form1099Int {
    const KIND: &'static str = "1099-INT";
    fn parse(text: &str) -> Result<Self, TaxError> {
        Ok(Form1099Int { payer: field(text, Self::KIND, "payer")?.to_string(), interest: field(text, Self::KIND, "box1")?.parse()? })
    }
    fn income(&self) -> f64 {
        self.interest
    }
    fn withheld(&self) -> f64 {
        0.0
    }
}

async fn fetch_document(id: &str) -> String {
    Yield { left: 2 }.await;
    match id {
        "w2-acme" => "Employer: Acme Corp\nBox1: 72,400.00\nBox2: 8,100.00".to_string(),
        "w2-side" => "Employer: Night Shift LLC\nBox1: 6,250.50\nBox2: 300".to_string(),
        "int-bank" => "Payer: First Bank\nBox1: 412.77".to_string(),
        "w2-broken" => "Employer: Oops\nBox1: 1,000".to_string(),
        _ => String::new(),
    }
}

async fn import_docs<D>(ids: &[&str]) -> Result<Vec<D>, TaxError>
where
    D: IncomeDoc,
{
    let mut docs = Vec::with_capacity(ids.len());
    for id in ids.iter() {
        let text = fetch_document(id).await;
        let doc = D::parse(&text)?;
        Yield { left: 1 }.await;
        docs.push(doc);
    }
    Ok(docs)
}

async fn compute_tax(taxable: f64) -> (f64, Vec<(f64, f64)>) {
    let mut tax = 0.0;
    let mut lower = 0.0;
    let mut steps = Vec::new();
    for (upper, rate) in BRACKETS.iter() {
        if taxable <= lower {
            break;
        }
        let slice = taxable.min(*upper) - lower;
        Yield { left: 1 }.await;
        tax += slice * rate;
        steps.push((slice, *rate));
        lower = *upper;
    }
    (tax, steps)
}

async fn fill_return(w2_ids: &[&str], int_ids: &[&str], children: u32) -> Result<BTreeMap<&'static str, f64>, Box<dyn Error>> {
    let w2s: Vec<W2> = import_docs(w2_ids).await?;
    let ints: Vec<Form1099Int> = import_docs(int_ids).await?;
    let wages: f64 = w2s.iter().map(|d| d.income()).sum();
    let interest: f64 = ints.iter().map(IncomeDoc::income).sum();
    let withheld: f64 = w2s.iter().map(|d| d.withheld()).chain(ints.iter().map(|d| d.withheld())).sum();
    if wages <= 0.0 {
        return Err(Box::new(TaxError::Mismatch("no wages reported".into())));
    }
    let agi = wages + interest;
    let taxable = (agi - STANDARD_DEDUCTION).max(0.0);
    let (tax, steps) = compute_tax(taxable).await;
    let credits = (children as f64 * CHILD_CREDIT).min(tax);
    let mut lines = BTreeMap::new();
    lines.insert("1z wages", wages);
    lines.insert("2b interest", interest);
    lines.insert("11 agi", agi);
    lines.insert("15 taxable", taxable);
    lines.insert("16 tax", tax);
    lines.insert("19 credits", credits);
    lines.insert("25a withheld", withheld);
    let owed = tax - credits - withheld;
    lines.insert(if owed >= 0.0 { "37 owed" } else { "34 refund" }, owed.abs());
    Ok(lines)
}

fn render(lines: &BTreeMap<&'static str, f64>) -> String {
    let mut out = String::new();
    for (k, v) in lines.iter() {
        let (num, label) = k.split_at(k.find(' ').unwrap_or(0));
        writeln!(out, "{:>4} {:<12} {:>12.2}", num, label.trim(), v).unwrap();
    }
    out
}

fn main() {
    match block_on(fill_return(&["w2-acme", "w2-side"], &["int-bank"], 2)) {
        Ok(lines) => print!("{}", render(&lines)),
        Err(e) => println!("error: {e}"),
    }
    match block_on(fill_return(&["w2-broken"], &[], 0)) {
        Ok(_) => println!("unexpected success"),
        Err(e) => println!("error: {e}"),
    }
    println!("{:?}", block_on(fill_return(&[], &["int-bank"], 0)).map(|_| ()).map_err(|e| e.to_string()));
    let (tax, steps) = block_on(compute_tax(50_000.0));
    println!("tax on 50k = {:.2} over {} brackets", tax, steps.len());
}
