#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Portfolio rebalancer: fetches quotes, computes drift from target weights, generates whole-share trades within a cash budget.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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

const DRIFT_BAND: f64 = 0.02;
const QUOTE_MAX_AGE: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
struct Holding { symbol: String, shares: i64 }

#[derive(Debug, Clone, PartialEq)]
enum Side { Buy, Sell }

#[derive(Debug, Clone)]
struct Trade { symbol: String, side: Side, shares: i64, est_cents: i64 }

#[derive(Debug)]
enum RebalanceError { NoQuote(String), WeightsInvalid(f64), Stale { symbol: String, age: Duration } }

impl fmt::Display for RebalanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{:?}", self) }
}

struct QuoteService { prices: HashMap<String, i64>, cache: Mutex<HashMap<String, (Instant, i64)>>, requests: Mutex<u32> }

impl QuoteService {
    async fn quote(&self, symbol: &str) -> Result<i64, RebalanceError> {
        if let Some((at, px)) = self.cache.lock().unwrap().get(symbol) {
            if at.elapsed() < QUOTE_MAX_AGE {
                return Ok(*px);
            }
        }
        Yield { left: 2 }.await;
        *self.requests.lock().unwrap() += 1;
        let px = *self.prices.get(symbol).ok_or_else(|| RebalanceError::NoQuote(symbol.to_string()))?;
        self.cache.lock().unwrap().insert(symbol.to_string(), (Instant::now(), px));
        Ok(px)
    }
}

async fn valuation(svc: &QuoteService, holdings: &[Holding], cash_cents: i64) -> Result<(i64, BTreeMap<String, i64>), RebalanceError> {
    let mut values = BTreeMap::new();
    let mut total = cash_cents;
    for h in holdings.iter() {
        let px = svc.quote(&h.symbol).await?;
        values.insert(h.symbol.clone(), px * h.shares);
        total += px * h.shares;
    }
    Ok((total, values))
}

async fn plan_trades(svc: &QuoteService, holdings: &[Holding], targets: &[(&str, f64)], cash_cents: i64) -> Result<Vec<Trade>, RebalanceError> {
    let weight_sum: f64 = targets.iter().map(|(_, w)| w).sum();
    if (weight_sum - 1.0).abs() > 1e-6 {
        return Err(RebalanceError::WeightsInvalid(weight_sum));
    }
    let (total, values) = valuation(svc, holdings, cash_cents).await?;
    let mut trades = Vec::new();
    for (symbol, target) in targets.iter() {
        let current = values.get(*symbol).copied().unwrap_or(0);
        let weight = current as f64 / total as f64;
        if (weight - target).abs() < DRIFT_BAND {
            continue;
        }
        let px = svc.quote(symbol).await?;
        let delta_cents = (target * total as f64) as i64 - current;
        let shares = delta_cents / px;
        if shares == 0 {
            continue;
        }
        let side = if shares > 0 { Side::Buy } else { Side::Sell };
        trades.push(Trade { symbol: symbol.to_string(), side, shares: shares.abs(), est_cents: shares.abs() * px });
    }
    for h in holdings.iter().filter(|h| !targets.iter().any(|(s, _)| *s == h.symbol)) {
        let px = svc.quote(&h.symbol).await?;
        trades.push(Trade { symbol: h.symbol.clone(), side: Side::Sell, shares: h.shares, est_cents: h.shares * px });
    }
    trades.sort_by_key(|t| (t.side == Side::Buy, t.symbol.clone()));
    Ok(trades)
}

async fn execute(trades: Vec<Trade>, cash: Arc<Mutex<i64>>) -> Vec<String> {
    let mut fills = Vec::new();
    for t in trades {
        Yield { left: 1 }.await;
        let mut c = cash.lock().unwrap();
        match t.side {
            Side::Sell => *c += t.est_cents,
            Side::Buy if *c >= t.est_cents => *c -= t.est_cents,
            Side::Buy => {
                fills.push(format!("SKIP {} (insufficient cash)", t.symbol));
                continue;
            }
        }
        fills.push(format!("{:?} {} {} @ ~{:.2}", t.side, t.shares, t.symbol, t.est_cents as f64 / t.shares as f64 / 100.0));
    }
    fills
}

fn main() {
    let prices: HashMap<String, i64> = [("VTI", 24_850), ("VXUS", 5_912), ("BND", 7_231), ("GLD", 18_040), ("ARKK", 4_410)].iter().map(|(s, p)| (s.to_string(), *p)).collect();
    let svc = QuoteService { prices, cache: Mutex::new(HashMap::new()), requests: Mutex::new(0) };
    let holdings = vec![Holding { symbol: "VTI".into(), shares: 120 }, Holding { symbol: "BND".into(), shares: 80 }, Holding { symbol: "ARKK".into(), shares: 50 }];
    let targets = [("VTI", 0.55), ("VXUS", 0.25), ("BND", 0.20)];
    let cash = Arc::new(Mutex::new(150_000i64));
    let start_cash = *cash.lock().unwrap();
    let plan = block_on(plan_trades(&svc, &holdings, &targets, start_cash));
    match plan {
        Ok(trades) => {
            for f in block_on(execute(trades, Arc::clone(&cash))) {
                println!("{}", f);
            }
        }
        Err(e) => println!("plan failed: {}", e),
    }
    let bad = block_on(plan_trades(&svc, &holdings, &[("VTI", 0.9)], 0));
    let missing = block_on(plan_trades(&svc, &holdings, &[("VTI", 0.5), ("QQQ", 0.5)], 0));
    let v = block_on(valuation(&svc, &holdings, 0)).map(|(t, _)| t);
    let q = block_on(svc.quote("GLD"));
    println!("cash left={:.2} bad={} missing={} value={:?} gld={:?} requests={}", *cash.lock().unwrap() as f64 / 100.0, bad.unwrap_err(), missing.unwrap_err(), v, q, svc.requests.lock().unwrap());
}
