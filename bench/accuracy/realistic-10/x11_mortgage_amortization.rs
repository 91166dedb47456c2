//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a mortgage servicing desk that builds amortization schedules for fixed and adjustable loans and applies prepayments.

use std::collections::BTreeMap;
use std::fmt::{self, Write};
use std::future::Future;
use std::pin::Pin;
use std::ptr;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn raw_noop() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        raw_noop()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(raw_noop()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    pending: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.pending {
            self.pending = false;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

fn settle() -> Yield {
    Yield { pending: true }
}

async fn fetch_index_rate(month: u32) -> f64 {
    settle().await;
    // a toy SOFR path: rising for two years then easing
    let m = month as f64;
    if month < 24 { 0.035 + m * 0.0005 } else { 0.047 - (m - 24.0) * 0.0002 }.max(0.02)
}

#[derive(Debug)]
enum LoanError {
    NonPositive(&'static str),
    NegativeAmortization { month: u32, shortfall: f64 },
    TermTooLong(u32),
}

impl fmt::Display for LoanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoanError::NonPositive(what) => write!(f, "{what} must be positive"),
            LoanError::NegativeAmortization { month, shortfall } => write!(f, "payment short by {shortfall:.2} in month {month}"),
            LoanError::TermTooLong(m) => write!(f, "term of {m} months exceeds 40 years"),
        }
    }
}

trait RateModel {
    fn label(&self) -> String;
    async fn annual_rate(&self, month: u32) -> f64;
    async fn recast_payment(&self, balance: f64, month: u32, remaining: u32) -> Option<f64> {
        let _ = (balance, month, remaining);
        settle().await;
        None
    }
}

struct Fixed {
    rate: f64,
}

struct Adjustable {
    teaser: f64,
    teaser_months: u32,
    margin: f64,
    cap: f64,
}

impl RateModel for Fixed {
    fn label(&self) -> String {
        format!("fixed {:.3}%", self.rate * 100.0)
    }
    async fn annual_rate(&self, _month: u32) -> f64 {
        settle().await;
        self.rate
    }
}

impl RateModel for Adjustable {
    fn label(&self) -> String {
        format!("{}/1 ARM", self.teaser_months / 12)
    }
    async fn annual_rate(&self, month: u32) -> f64 {
        if month < self.teaser_months {
            return self.teaser;
        }
        let index = fetch_index_rate(month).await;
        (index + self.margin).min(self.cap)
    }
    async fn recast_payment(&self, balance: f64, month: u32, remaining: u32) -> Option<f64> {
        if month < self.teaser_months || (month - self.teaser_months) % 12 != 0 {
            return None;
        }
        let r = self.annual_rate(month).await / 12.0;
        Some(level_payment(balance, r, remaining))
    }
}

fn level_payment(principal: f64, monthly_rate: f64, n: u32) -> f64 {
    if monthly_rate == 0.0 {
        return principal / n as f64;
    }
    principal * monthly_rate / (1.0 - (1.0 + monthly_rate).powi(-(n as i32)))
}

#[derive(Debug, Clone, Copy, Default)]
struct Row {
    payment: f64,
    interest: f64,
    principal: f64,
    balance: f64,
}

async fn amortize<R>(model: &R, principal: f64, months: u32, extra: &BTreeMap<u32, f64>) -> Result<Vec<Row>, LoanError>
where
    R: RateModel,
{
    if principal <= 0.0 {
        return Err(LoanError::NonPositive("principal"));
    }
    if months > 480 {
        return Err(LoanError::TermTooLong(months));
    }
    let first_rate = model.annual_rate(0).await / 12.0;
    let mut payment = level_payment(principal, first_rate, months);
    let mut balance = principal;
    let mut rows = Vec::with_capacity(months as usize);
    for month in 0..months {
        if let Some(p) = model.recast_payment(balance, month, months - month).await {
            payment = p;
        }
        let rate = model.annual_rate(month).await / 12.0;
        let interest = balance * rate;
        let prepay = extra.get(&month).copied().unwrap_or(0.0);
        let principal_part = payment - interest + prepay;
        if principal_part < 0.0 {
            return Err(LoanError::NegativeAmortization { month, shortfall: -principal_part });
        }
        balance = (balance - principal_part).max(0.0);
        rows.push(Row { payment: payment + prepay, interest, principal: principal_part, balance });
        if balance < 0.005 {
            break;
        }
    }
    Ok(rows)
}

async fn summarize(label: String, rows: Vec<Row>) -> String {
    let mut out = String::new();
    let total_interest: f64 = rows.iter().map(|r| r.interest).sum();
    write!(out, "{label}: {} payments, interest ${total_interest:.2}", rows.len()).unwrap();
    settle().await;
    let yearly: Vec<f64> = rows.chunks(12).map(|yr| yr.iter().map(|r| r.principal).sum()).collect();
    let crossover = rows.iter().position(|r| r.principal > r.interest);
    settle().await;
    if let Some(m) = crossover {
        write!(out, ", principal overtakes interest in month {}", m + 1).unwrap();
    }
    if let (Some(first), Some(last)) = (yearly.first(), yearly.last()) {
        write!(out, ", yr1 principal ${first:.0} vs final yr ${last:.0}").unwrap();
    }
    out
}

pub fn main() {
    let fixed = Fixed { rate: 0.0625 };
    let arm = Adjustable { teaser: 0.0499, teaser_months: 60, margin: 0.0275, cap: 0.0999 };
    let mut prepayments: BTreeMap<u32, f64> = BTreeMap::new();
    for (month, amount) in [(11u32, 5_000.0), (23, 5_000.0), (35, 12_500.0)] {
        prepayments.insert(month, amount);
    }
    let no_extra = BTreeMap::new();

    let report = block_on(async {
        let mut lines = Vec::new();
        let scenarios: [(&str, f64, u32, &BTreeMap<u32, f64>); 2] = [("base", 420_000.0, 360, &no_extra), ("prepay", 420_000.0, 360, &prepayments)];
        for (name, principal, months, extra) in scenarios {
            let f = amortize(&fixed, principal, months, extra).await;
            let a = amortize(&arm, principal, months, extra).await;
            match (f, a) {
                (Ok(f_rows), Ok(a_rows)) => {
                    lines.push(summarize(format!("{name}/{}", fixed.label()), f_rows).await);
                    lines.push(summarize(format!("{name}/{}", arm.label()), a_rows).await);
                }
                (Err(e), _) | (_, Err(e)) => lines.push(format!("{name}: {e}")),
            }
        }
        let broken = amortize(&fixed, -1.0, 360, &no_extra).await;
        let too_long = amortize(&arm, 100.0, 600, &no_extra).await;
        for err in [broken, too_long].into_iter().filter_map(Result::err) {
            lines.push(format!("rejected: {err}"));
        }
        lines
    });
    for line in report {
        println!("{line}");
    }
}
