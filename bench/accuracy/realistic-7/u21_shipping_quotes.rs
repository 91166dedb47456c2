#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Shipping quote aggregator: asks several carriers for rates (boxed futures), normalizes currencies and picks the best offers.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

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

#[derive(Debug, Clone)]
struct Parcel { weight_g: u32, dims_cm: [u32; 3], from: String, to: String }

#[derive(Debug, Clone)]
struct Quote { carrier: String, service: String, price: u32, currency: &'static str, transit: Duration }

#[derive(Debug)]
enum QuoteError { Unserviceable(String), TooHeavy { limit_g: u32 }, RateLimited }

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::Unserviceable(r) => write!(f, "no service to {}", r),
            QuoteError::TooHeavy { limit_g } => write!(f, "over {}g limit", limit_g),
            QuoteError::RateLimited => write!(f, "rate limited"),
        }
    }
}

impl Error for QuoteError {}

type QuoteFuture = Pin<Box<dyn Future<Output = Result<Vec<Quote>, QuoteError>> + Send>>;

trait Carrier: Send + Sync {
    fn name(&self) -> &str;
    fn quote(&self, parcel: Parcel) -> QuoteFuture;
}

struct PostalService { base: u32 }
struct ExpressCourier { calls: Arc<Mutex<u32>>, limit: u32 }

impl Carrier for PostalService {
    fn name(&self) -> &str { "postal" }
    fn quote(&self, parcel: Parcel) -> QuoteFuture {
        let base = self.base;
        Box::pin(async move {
            Yield { left: 2 }.await;
            if parcel.weight_g > 20_000 {
                return Err(QuoteError::TooHeavy { limit_g: 20_000 });
            }
            let intl = parcel.from[..2] != parcel.to[..2];
            let price = base + parcel.weight_g / 100 * if intl { 45 } else { 12 };
            Ok(vec![Quote { carrier: "postal".into(), service: "standard".into(), price, currency: "EUR", transit: Duration::from_secs(86_400 * if intl { 9 } else { 3 }) }])
        })
    }
}

impl Carrier for ExpressCourier {
    fn name(&self) -> &str { "express" }
    fn quote(&self, parcel: Parcel) -> QuoteFuture {
        let calls = Arc::clone(&self.calls);
        let limit = self.limit;
        Box::pin(async move {
            {
                let mut c = calls.lock().unwrap();
                *c += 1;
                if *c > limit {
                    return Err(QuoteError::RateLimited);
                }
            }
            Yield { left: 1 }.await;
            if parcel.to.starts_with("AQ") {
                return Err(QuoteError::Unserviceable(parcel.to.clone()));
            }
            let volumetric = parcel.dims_cm.iter().product::<u32>() / 5;
            let billable = parcel.weight_g.max(volumetric);
            Yield { left: 1 }.await;
            Ok(["overnight", "two-day"]
                .iter()
                .enumerate()
                .map(|(i, svc)| Quote { carrier: "express".into(), service: svc.to_string(), price: 1500 + billable / 50 * (30 - 10 * i as u32), currency: "USD", transit: Duration::from_secs(86_400 * (i as u64 + 1)) })
                .collect())
        })
    }
}

async fn fx_to_eur(currency: &str, cents: u32) -> Result<u32, Box<dyn Error>> {
    Yield { left: 1 }.await;
    let rate = match currency {
        "EUR" => 1.0,
        "USD" => 0.92,
        other => return Err(format!("no rate for {}", other).into()),
    };
    Ok((cents as f64 * rate).round() as u32)
}

async fn aggregate(carriers: &[Box<dyn Carrier>], parcel: &Parcel) -> Result<(Vec<(u32, Quote)>, Vec<String>), Box<dyn Error>> {
    let pending: Vec<(String, QuoteFuture)> = carriers.iter().map(|c| (c.name().to_string(), c.quote(parcel.clone()))).collect();
    let mut offers = Vec::new();
    let mut errors = Vec::new();
    for (name, fut) in pending {
        match fut.await {
            Ok(quotes) => {
                for q in quotes {
                    let eur = fx_to_eur(q.currency, q.price).await?;
                    offers.push((eur, q));
                }
            }
            Err(e) => errors.push(format!("{}: {}", name, e)),
        }
    }
    offers.sort_by_key(|(eur, q)| (*eur, q.transit));
    Ok((offers, errors))
}

async fn best_by_deadline(carriers: &[Box<dyn Carrier>], parcel: &Parcel, days: u64) -> Option<String> {
    let (offers, _) = aggregate(carriers, parcel).await.ok()?;
    let deadline = Duration::from_secs(days * 86_400);
    offers
        .into_iter()
        .find(|(_, q)| q.transit <= deadline)
        .map(|(eur, q)| format!("{} {} EUR {}.{:02}", q.carrier, q.service, eur / 100, eur % 100))
}

fn main() {
    let carriers: Vec<Box<dyn Carrier>> = vec![Box::new(PostalService { base: 450 }), Box::new(ExpressCourier { calls: Arc::new(Mutex::new(0)), limit: 4 })];
    let parcels = [
        Parcel { weight_g: 1200, dims_cm: [30, 20, 10], from: "DE-10115".into(), to: "DE-80331".into() },
        Parcel { weight_g: 800, dims_cm: [10, 10, 5], from: "DE-10115".into(), to: "US-10001".into() },
        Parcel { weight_g: 25_000, dims_cm: [60, 40, 40], from: "FR-75001".into(), to: "AQ-0000".into() },
    ];
    for p in parcels.iter() {
        match block_on(aggregate(&carriers, p)) {
            Ok((offers, errors)) => {
                let summary: Vec<String> = offers.iter().map(|(e, q)| format!("{}/{}={}", q.carrier, q.service, e)).collect();
                println!("{} -> {}: {:?} errors={:?}", p.from, p.to, summary, errors);
            }
            Err(e) => println!("failed: {}", e),
        }
    }
    let best = block_on(best_by_deadline(&carriers, &parcels[0], 2));
    let limited = block_on(carriers[1].quote(parcels[0].clone()));
    let fx = block_on(fx_to_eur("GBP", 100));
    println!("best={:?} limited={:?} fx_err={}", best, limited.err().map(|e| e.to_string()), fx.is_err());
}
