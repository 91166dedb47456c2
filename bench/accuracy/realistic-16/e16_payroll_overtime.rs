//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Hourly payroll run: pairs time-clock punches into shifts, applies daily and weekly overtime
//! rules plus night differentials, and posts gross pay through a pluggable pay processor.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
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

const DAYS: usize = 7;
const DAILY_OT_MIN: u32 = 8 * 60;
const WEEKLY_OT_MIN: u32 = 40 * 60;

#[derive(Debug, PartialEq)]
enum PunchError { Orphan { emp: u32, at: u32 }, BadTime(String), Overlap(u32) }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Punch { In(u32), Out(u32) }

/// Parses "emp day HH:MM IN|OUT" lines into per-employee punch lists (minutes since week start).
fn parse_punches(text: &str) -> Result<BTreeMap<u32, Vec<Punch>>, PunchError> {
    let mut out: BTreeMap<u32, Vec<Punch>> = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let &[emp, day, hhmm, kind] = parts.as_slice() else { return Err(PunchError::BadTime(line.into())) };
        let bad = || PunchError::BadTime(line.to_string());
        let (h, m) = hhmm.split_once(':').ok_or_else(bad)?;
        let at = day.parse::<u32>().map_err(|_| bad())? * 1440 + h.parse::<u32>().map_err(|_| bad())? * 60 + m.parse::<u32>().map_err(|_| bad())?;
        let emp: u32 = emp.parse().map_err(|_| bad())?;
        out.entry(emp).or_default().push(if kind == "IN" { Punch::In(at) } else { Punch::Out(at) });
    }
    Ok(out)
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Minutes { regular: u32, overtime: u32, night: u32 }

fn night_minutes(start: u32, end: u32) -> u32 {
    (start..end).filter(|m| { let tod = m % 1440; tod >= 22 * 60 || tod < 6 * 60 }).count() as u32
}

async fn tally(emp: u32, punches: &[Punch]) -> Result<Minutes, PunchError> {
    let mut per_day = [0u32; DAYS];
    let mut nights = 0;
    let mut it = punches.iter().peekable();
    let mut last_out = 0;
    while let Some(p) = it.next() {
        let (start, end) = match (p, it.peek()) {
            (Punch::In(s), Some(Punch::Out(e))) if e > s => (*s, *e),
            (Punch::In(s), _) | (Punch::Out(s), _) => return Err(PunchError::Orphan { emp, at: *s }),
        };
        it.next();
        if start < last_out { return Err(PunchError::Overlap(emp)); }
        last_out = end;
        per_day[(start / 1440) as usize % DAYS] += end - start;
        nights += night_minutes(start, end);
        yield_now().await;
    }
    let daily_ot: u32 = per_day.iter().map(|d| d.saturating_sub(DAILY_OT_MIN)).sum();
    let straight: u32 = per_day.iter().map(|d| (*d).min(DAILY_OT_MIN)).sum();
    let weekly_ot = straight.saturating_sub(WEEKLY_OT_MIN);
    Ok(Minutes { regular: straight - weekly_ot, overtime: daily_ot + weekly_ot, night: nights })
}

trait PayProcessor {
    async fn post(&mut self, emp: u32, cents: u64) -> Result<String, String>;
    async fn post_all(&mut self, batch: &[(u32, u64)]) -> (Vec<String>, Vec<String>) {
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for &(emp, cents) in batch {
            match self.post(emp, cents).await {
                Ok(r) => ok.push(r),
                Err(e) => failed.push(e),
            }
        }
        (ok, failed)
    }
}

struct DirectDeposit { next_trace: u64, accounts: HashMap<u32, String> }
struct PaperCheque { cheque_no: u32, printed: Vec<String> }

impl PayProcessor for DirectDeposit {
    async fn post(&mut self, emp: u32, cents: u64) -> Result<String, String> {
        yield_now().await;
        let acct = self.accounts.get(&emp).ok_or_else(|| format!("emp {emp}: no bank account"))?;
        self.next_trace += 1;
        Ok(format!("ACH{:08} {acct} {cents}", self.next_trace))
    }
}
impl PayProcessor for PaperCheque {
    async fn post(&mut self, emp: u32, cents: u64) -> Result<String, String> {
        self.cheque_no += 1;
        let mut stub = String::new();
        write!(stub, "CHQ#{} emp {emp} ${}.{:02}", self.cheque_no, cents / 100, cents % 100).unwrap();
        yield_now().await;
        self.printed.push(stub.clone());
        Ok(stub)
    }
}

fn gross_cents(m: &Minutes, rate_cents: u64) -> u64 {
    let base = (m.regular as u64 * rate_cents + m.overtime as u64 * rate_cents * 3 / 2) / 60;
    base + m.night as u64 * 150 / 60
}

async fn run_payroll<P: PayProcessor>(proc_: &mut P, text: &str, rates: &HashMap<u32, u64>) -> Result<(Vec<String>, Vec<String>), PunchError> {
    let punches = parse_punches(text)?;
    let mut batch = Vec::new();
    for (emp, list) in &punches {
        let minutes = tally(*emp, list).await?;
        batch.push((*emp, gross_cents(&minutes, rates.get(emp).copied().unwrap_or(1_500))));
    }
    Ok(proc_.post_all(&batch).await)
}

fn main() {
    let mut text = String::new();
    for day in 0..5 {
        writeln!(text, "7 {day} 08:00 IN\n7 {day} 18:00 OUT").unwrap();
        writeln!(text, "9 {day} 21:00 IN\n9 {} 05:00 OUT", day + 1).unwrap();
    }
    text.push_str("9 5 21:00 IN\n9 6 05:00 OUT\n");
    let rates = HashMap::from([(7, 2_000), (9, 1_800)]);

    let punches = parse_punches(&text).unwrap();
    let m7 = block_on(tally(7, &punches[&7])).unwrap();
    assert_eq!(m7, Minutes { regular: 2400, overtime: 600, night: 0 });
    let m9 = block_on(tally(9, &punches[&9])).unwrap();
    assert_eq!((m9.regular, m9.overtime, m9.night), (2400, 480, 6 * 7 * 60));

    let mut dd = DirectDeposit { next_trace: 0, accounts: HashMap::from([(7, "****1234".to_string())]) };
    let (ok, failed) = block_on(run_payroll(&mut dd, &text, &rates)).unwrap();
    assert_eq!((ok.len(), failed.len()), (1, 1));
    let mut cheques = PaperCheque { cheque_no: 5000, printed: vec![] };
    let (ok2, _) = block_on(run_payroll(&mut cheques, &text, &rates)).unwrap();
    assert_eq!(cheques.printed.len(), 2);

    assert_eq!(block_on(run_payroll(&mut cheques, "3 0 09:00 IN\n", &rates)), Err(PunchError::Orphan { emp: 3, at: 540 }));
    assert!(matches!(parse_punches("3 0 9h IN"), Err(PunchError::BadTime(_))));

    let audit = async |rows: &[String]| -> u64 {
        let mut total = 0;
        for r in rows {
            yield_now().await;
            total += r.rsplit('$').next().and_then(|amt| amt.replace('.', "").parse::<u64>().ok()).unwrap_or(0);
        }
        total
    };
    let total = block_on(audit(&ok2));
    assert_eq!(total, gross_cents(&m7, 2_000) + gross_cents(&m9, 1_800));
    println!("{ok:?} {failed:?}\n{}", ok2.join("\n"));
}
