//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Sportsbook trading desk: normalises prices from two odds feeds, checks the book's
//! overround, accepts bets under per-selection liability limits and settles a market.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield(false).await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum BookError {
    BadPrice(String),
    Suspended(String),
    OverLiability { selection: String, would_be: i64, limit: i64 },
    NoSuchSelection(String),
}

/// Decimal odds in thousandths: 2.500 -> 2500.
fn parse_price(raw: &str) -> Result<i64, BookError> {
    let bad = || BookError::BadPrice(raw.to_string());
    let raw = raw.trim();
    if let Some((n, d)) = raw.split_once('/') {
        let (n, d): (i64, i64) = (n.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        return if d > 0 { Ok(1000 + n * 1000 / d) } else { Err(bad()) };
    }
    if let Some(us) = raw.strip_prefix('+') {
        return us.parse::<i64>().map(|v| 1000 + v * 10).map_err(|_| bad());
    }
    if let Some(us) = raw.strip_prefix('-') {
        return us.parse::<i64>().ok().filter(|v| *v >= 100).map(|v| 1000 + 100_000 / v).ok_or_else(bad);
    }
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, "0"));
    let frac = format!("{:0<3}", frac);
    let frac = frac.get(..3).ok_or_else(bad)?;
    let v = whole.parse::<i64>().map_err(|_| bad())? * 1000 + frac.parse::<i64>().map_err(|_| bad())?;
    if v > 1000 { Ok(v) } else { Err(bad()) }
}

trait OddsFeed {
    fn source(&self) -> &str;
    async fn snapshot(&self) -> Vec<(String, String)>;
    async fn prices(&self) -> Result<BTreeMap<String, i64>, BookError> {
        let mut out = BTreeMap::new();
        for (sel, raw) in self.snapshot().await {
            out.insert(sel, parse_price(&raw)?);
        }
        Ok(out)
    }
}

struct UkFeed {
    lines: &'static str,
}
struct UsFeed {
    rows: Vec<(&'static str, &'static str)>,
}

impl OddsFeed for UkFeed {
    fn source(&self) -> &str { "uk" }
    async fn snapshot(&self) -> Vec<(String, String)> {
        yield_now().await;
        self.lines.lines().filter_map(|l| l.rsplit_once(' ')).map(|(s, p)| (s.trim().to_string(), p.to_string())).collect()
    }
}

impl OddsFeed for UsFeed {
    fn source(&self) -> &str { "us" }
    async fn snapshot(&self) -> Vec<(String, String)> {
        let mut v = Vec::new();
        for (s, p) in &self.rows {
            yield_now().await;
            v.push((s.to_string(), p.to_string()));
        }
        v
    }
}

#[derive(Default, Clone)]
struct Market {
    name: String,
    prices: BTreeMap<String, i64>,
    stakes: i64,
    payouts: HashMap<String, i64>,
    suspended: bool,
}

impl Market {
    fn overround_pct(&self) -> f64 {
        self.prices.values().map(|p| 100_000.0 / *p as f64).sum::<f64>() - 100.0
    }
    fn liability(&self, sel: &str) -> i64 {
        self.payouts.get(sel).copied().unwrap_or(0) - self.stakes
    }
}

async fn load<F: OddsFeed>(feed: &F, name: &str) -> Result<Market, BookError> {
    let prices = feed.prices().await?;
    let m = Market { name: format!("{name} ({})", feed.source()), prices, ..Default::default() };
    let over = m.overround_pct();
    Ok(Market { suspended: !(2.0..=15.0).contains(&over), ..m })
}

async fn place(book: &Arc<Mutex<Market>>, sel: &str, stake: i64, limit: i64) -> Result<i64, BookError> {
    yield_now().await;
    let mut m = book.lock().unwrap();
    if m.suspended {
        return Err(BookError::Suspended(m.name.clone()));
    }
    let price = *m.prices.get(sel).ok_or_else(|| BookError::NoSuchSelection(sel.to_string()))?;
    let payout = stake * price / 1000;
    let would_be = m.liability(sel) + payout - stake;
    if would_be > limit {
        return Err(BookError::OverLiability { selection: sel.to_string(), would_be, limit });
    }
    m.stakes += stake;
    *m.payouts.entry(sel.to_string()).or_insert(0) += payout;
    Ok(payout)
}

pub fn main() {
    let uk = UkFeed { lines: "Arsenal 6/5\nDraw 12/5\nSpurs 9/4" };
    let us = UsFeed { rows: vec![("Lakers", "-150"), ("Celtics", "+125")] };
    let football = block_on(load(&uk, "ARS v TOT")).unwrap();
    let basketball = block_on(load(&us, "LAL v BOS")).unwrap();
    println!("{} overround {:.2}% suspended={}", football.name, football.overround_pct(), football.suspended);
    println!("{} overround {:.2}% suspended={}", basketball.name, basketball.overround_pct(), basketball.suspended);

    let book = Arc::new(Mutex::new(football));
    for (sel, stake) in [("Arsenal", 10_000), ("Spurs", 4_000), ("Arsenal", 20_000), ("Draw", 30_000), ("Chelsea", 100)] {
        match block_on(place(&book, sel, stake, 25_000)) {
            Ok(p) => println!("  accepted {sel} {stake} -> returns {p}"),
            Err(e) => println!("  rejected {e:?}"),
        }
    }
    let settle = async |winner: &str| -> i64 {
        yield_now().await;
        let m = book.lock().unwrap();
        m.stakes - m.payouts.get(winner).copied().unwrap_or(0)
    };
    for w in ["Arsenal", "Draw", "Spurs"] {
        println!("  P&L if {w}: {}", block_on(settle(w)));
    }
    println!("{:?}", block_on(load(&UkFeed { lines: "A 1/0" }, "bad")).err());
    println!("{:?}", ["2.5", "1.05", "+250", "-200", "abc", "-50", "0.9"].iter().map(|p| parse_price(p).ok()).collect::<Vec<_>>());
}
