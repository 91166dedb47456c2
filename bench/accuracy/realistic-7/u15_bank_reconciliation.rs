#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Bank reconciliation: parses a bank statement export and ledger entries, matches them by amount and date, and flags discrepancies.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker { RawWaker::new(std::ptr::null(), &VTABLE) }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = noop_waker();
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
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

const DATE_TOLERANCE_DAYS: i32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Date { y: i32, m: u8, d: u8 }

impl Date {
    fn ordinal(&self) -> i32 {
        self.y * 372 + self.m as i32 * 31 + self.d as i32
    }
}

#[derive(Debug, Clone)]
struct Txn { date: Date, cents: i64, memo: String, reference: Option<String> }

#[derive(Debug)]
enum ReconError {
    BadLine { line: usize, reason: String },
    BadNumber(ParseIntError),
    Fetch(String),
}

impl fmt::Display for ReconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReconError::BadLine { line, reason } => write!(f, "line {}: {}", line, reason),
            ReconError::BadNumber(e) => write!(f, "bad number: {}", e),
            ReconError::Fetch(s) => write!(f, "fetch failed: {}", s),
        }
    }
}

impl Error for ReconError {}

impl From<ParseIntError> for ReconError {
    fn from(e: ParseIntError) -> Self { ReconError::BadNumber(e) }
}

fn parse_date(s: &str) -> Result<Date, ReconError> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 {
        return Err(ReconError::BadLine { line: 0, reason: format!("date {}", s) });
    }
    Ok(Date { y: parts[0].parse()?, m: parts[1].parse()?, d: parts[2].parse()? })
}

fn parse_amount(s: &str) -> Result<i64, ReconError> {
    let neg = s.starts_with('-');
    let s = s.trim_start_matches('-').replace(',', "");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, "0"));
    let cents = whole.parse::<i64>()? * 100 + format!("{:0<2}", frac)[..2].parse::<i64>()?;
    Ok(if neg { -cents } else { cents })
}

async fn fetch_statement(account: &str) -> Result<String, ReconError> {
    Yield { left: 3 }.await;
    if account != "CHK-001" {
        return Err(ReconError::Fetch(format!("unknown account {}", account)));
    }
    Ok("date;amount;memo;ref\n2024-03-01;-1,250.00;RENT MARCH;R-88\n2024-03-02;3400.5;PAYROLL ACME;\n\
        2024-03-05;-42.17;GROCERY MART;\n2024-03-09;-15.00;SERVICE FEE;\n2024-03-11;-99.99;CLOUD HOSTING;INV-7"
        .to_string())
}

async fn parse_statement(raw: &str) -> Result<Vec<Txn>, ReconError> {
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate().skip(1) {
        if i % 2 == 0 {
            Yield { left: 1 }.await;
        }
        let cols: Vec<&str> = line.split(';').collect();
        if cols.len() < 3 {
            return Err(ReconError::BadLine { line: i + 1, reason: "too few columns".into() });
        }
        let reference = cols.get(3).filter(|r| !r.is_empty()).map(|r| r.to_string());
        out.push(Txn { date: parse_date(cols[0])?, cents: parse_amount(cols[1])?, memo: cols[2].to_string(), reference });
    }
    Ok(out)
}

async fn load_ledger() -> Result<Vec<Txn>, Box<dyn Error>> {
    Yield { left: 2 }.await;
    let rows = [("2024-02-29", "-1250.00", "Rent", Some("R-88")), ("2024-03-03", "3400.50", "Salary", None),
        ("2024-03-06", "-42.17", "Groceries", None), ("2024-03-11", "-99.99", "Hosting", Some("INV-7")),
        ("2024-03-20", "-300.00", "Transfer to savings", None)];
    let mut out = Vec::new();
    for (d, a, memo, r) in rows.iter() {
        out.push(Txn { date: parse_date(d)?, cents: parse_amount(a)?, memo: memo.to_string(), reference: r.map(String::from) });
    }
    Ok(out)
}

#[derive(Debug, Default)]
struct Report {
    matched: Vec<(String, String)>,
    bank_only: Vec<Txn>,
    ledger_only: Vec<Txn>,
}

async fn reconcile(bank: Vec<Txn>, ledger: Vec<Txn>) -> Report {
    let mut report = Report::default();
    let mut by_amount: HashMap<i64, Vec<Txn>> = HashMap::new();
    for t in ledger {
        by_amount.entry(t.cents).or_default().push(t);
    }
    for b in bank.into_iter() {
        Yield { left: 1 }.await;
        let candidates = by_amount.get_mut(&b.cents);
        let pos = candidates.as_ref().and_then(|c| {
            c.iter().position(|l| match (&l.reference, &b.reference) {
                (Some(x), Some(y)) => x == y,
                _ => (l.date.ordinal() - b.date.ordinal()).abs() <= DATE_TOLERANCE_DAYS,
            })
        });
        match (candidates, pos) {
            (Some(c), Some(i)) => {
                let l = c.remove(i);
                report.matched.push((b.memo.clone(), l.memo));
            }
            _ => report.bank_only.push(b),
        }
    }
    report.ledger_only = by_amount.into_values().flatten().collect();
    report
}

async fn run(account: &str) -> Result<String, Box<dyn Error>> {
    let raw = fetch_statement(account).await?;
    let bank = parse_statement(&raw).await?;
    let ledger = load_ledger().await?;
    let report = reconcile(bank, ledger).await;
    let mut out = format!("{} matched\n", report.matched.len());
    for t in &report.bank_only {
        out.push_str(&format!("  bank only:   {:?} {:>9.2} {}\n", t.date, t.cents as f64 / 100.0, t.memo));
    }
    for t in &report.ledger_only {
        out.push_str(&format!("  ledger only: {:?} {:>9.2} {}\n", t.date, t.cents as f64 / 100.0, t.memo));
    }
    let net: i64 = report.bank_only.iter().map(|t| t.cents).sum::<i64>() - report.ledger_only.iter().map(|t| t.cents).sum::<i64>();
    out.push_str(&format!("  net difference: {:.2}", net as f64 / 100.0));
    Ok(out)
}

fn main() {
    match block_on(run("CHK-001")) {
        Ok(r) => println!("{}", r),
        Err(e) => println!("error: {}", e),
    }
    let bad = block_on(run("SAV-9"));
    let broken = block_on(parse_statement("h\n2024-01-x1;5;memo"));
    let ledger = block_on(load_ledger()).map(|l| l.len()).unwrap_or(0);
    let stmt = block_on(fetch_statement("CHK-001")).map(|s| s.lines().count());
    let rep = block_on(reconcile(vec![], vec![]));
    println!("bad={} broken={} ledger={} stmt_lines={:?} empty_matched={}", bad.unwrap_err(), broken.unwrap_err(), ledger, stmt, rep.matched.len());
}
