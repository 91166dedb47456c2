//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a bureau de change that prices retail currency exchanges from rate feeds, finding cross rates through pivot currencies.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(Option<()>);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.0.take() {
            Some(()) => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            None => Poll::Ready(()),
        }
    }
}

fn yield_now() -> Yield {
    Yield(Some(()))
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

type Ccy = &'static str;

#[derive(Debug)]
enum FxError {
    NoRoute { from: Ccy, to: Ccy },
    Stale { pair: (Ccy, Ccy), age_s: u32 },
    BelowMinimum(i64),
    UnknownCurrency(String),
}

fn minor_units(ccy: Ccy) -> u32 {
    match ccy {
        "JPY" | "KRW" | "ISK" => 0,
        "KWD" | "BHD" => 3,
        _ => 2,
    }
}

trait RateFeed {
    fn name(&self) -> Cow<'static, str>;
    async fn mid(&self, base: Ccy, quote: Ccy) -> Result<Option<f64>, FxError>;
    async fn neighbours(&self, base: Ccy) -> Vec<Ccy>;
}

struct CentralBank {
    reference: HashMap<Ccy, f64>, // units per EUR
}

struct Interbank {
    quotes: HashMap<(Ccy, Ccy), (f64, u32)>, // mid, age in seconds
    max_age_s: u32,
}

impl RateFeed for CentralBank {
    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("ECB reference")
    }
    async fn mid(&self, base: Ccy, quote: Ccy) -> Result<Option<f64>, FxError> {
        yield_now().await;
        let per_eur = |c: Ccy| if c == "EUR" { Some(1.0) } else { self.reference.get(c).copied() };
        Ok(match (per_eur(base), per_eur(quote)) {
            (Some(b), Some(q)) if base == "EUR" || quote == "EUR" => Some(q / b),
            _ => None,
        })
    }
    async fn neighbours(&self, base: Ccy) -> Vec<Ccy> {
        yield_now().await;
        if base == "EUR" { self.reference.keys().copied().collect() } else if self.reference.contains_key(base) { vec!["EUR"] } else { vec![] }
    }
}

impl RateFeed for Interbank {
    fn name(&self) -> Cow<'static, str> {
        Cow::Owned(format!("interbank ({} pairs)", self.quotes.len()))
    }
    async fn mid(&self, base: Ccy, quote: Ccy) -> Result<Option<f64>, FxError> {
        yield_now().await;
        let found = match self.quotes.get(&(base, quote)) {
            Some(&(m, age)) => Some((m, age)),
            None => self.quotes.get(&(quote, base)).map(|&(m, age)| (1.0 / m, age)),
        };
        match found {
            Some((_, age)) if age > self.max_age_s => Err(FxError::Stale { pair: (base, quote), age_s: age }),
            Some((m, _)) => Ok(Some(m)),
            None => Ok(None),
        }
    }
    async fn neighbours(&self, base: Ccy) -> Vec<Ccy> {
        let mut out: Vec<Ccy> = self.quotes.keys().filter_map(|&(b, q)| if b == base { Some(q) } else if q == base { Some(b) } else { None }).collect();
        out.sort_unstable();
        yield_now().await;
        out
    }
}

/// Depth-limited search for a conversion path; returns the compounded mid rate and the hops taken.
fn route<'a, F: RateFeed>(feed: &'a F, from: Ccy, to: Ccy, visited: &'a mut HashSet<Ccy>, depth: u8) -> Pin<Box<dyn Future<Output = Result<Option<(f64, Vec<Ccy>)>, FxError>> + 'a>> {
    Box::pin(async move {
        if let Some(direct) = feed.mid(from, to).await? {
            return Ok(Some((direct, vec![from, to])));
        }
        if depth == 0 {
            return Ok(None);
        }
        visited.insert(from);
        for pivot in feed.neighbours(from).await {
            if visited.contains(pivot) {
                continue;
            }
            let Some(first_leg) = feed.mid(from, pivot).await? else { continue };
            if let Some((rest, mut hops)) = route(feed, pivot, to, visited, depth - 1).await? {
                hops.insert(0, from);
                return Ok(Some((first_leg * rest, hops)));
            }
        }
        Ok(None)
    })
}

#[derive(Debug)]
struct Quote {
    give: (i64, Ccy),
    get: (i64, Ccy),
    rate: f64,
    path: String,
}

async fn quote_retail<F>(feed: &F, amount_minor: i64, from: Ccy, to: Ccy, spread_bps: u32) -> Result<Quote, FxError>
where
    F: RateFeed,
{
    if amount_minor < 10 * 10i64.pow(minor_units(from)) {
        return Err(FxError::BelowMinimum(amount_minor));
    }
    let mut visited = HashSet::new();
    let (mid, hops) = route(feed, from, to, &mut visited, 2).await?.ok_or(FxError::NoRoute { from, to })?;
    let customer_rate = mid * (1.0 - spread_bps as f64 / 10_000.0);
    let major = amount_minor as f64 / 10f64.powi(minor_units(from) as i32);
    let out_minor = (major * customer_rate * 10f64.powi(minor_units(to) as i32)).floor() as i64;
    yield_now().await;
    Ok(Quote { give: (amount_minor, from), get: (out_minor, to), rate: customer_rate, path: hops.join("→") })
}

fn render(q: &Quote) -> String {
    let fmt_amt = |(v, c): (i64, Ccy)| {
        let d = minor_units(c);
        if d == 0 { format!("{v} {c}") } else { format!("{}.{:0w$} {c}", v / 10i64.pow(d), v % 10i64.pow(d), w = d as usize) }
    };
    format!("{} -> {} @ {:.5} via {}", fmt_amt(q.give), fmt_amt(q.get), q.rate, q.path)
}

pub fn main() {
    let ecb = CentralBank { reference: HashMap::from([("USD", 1.085), ("JPY", 162.4), ("GBP", 0.853), ("KWD", 0.334)]) };
    let ib = Interbank {
        quotes: HashMap::from([(("USD", "MXN"), (17.05, 4)), (("EUR", "USD"), (1.0851, 2)), (("GBP", "USD"), (1.2719, 1)), (("USD", "BRL"), (5.02, 900))]),
        max_age_s: 60,
    };

    let requests: Vec<(i64, Ccy, Ccy, u32)> = vec![(50_000, "GBP", "JPY", 250), (120_000, "EUR", "KWD", 150), (500, "USD", "GBP", 200), (30_000, "GBP", "MXN", 300), (10_000, "EUR", "BRL", 300)];

    block_on(async {
        for (amount, from, to, spread) in requests.iter().copied() {
            let primary = quote_retail(&ecb, amount, from, to, spread).await;
            let line = match primary {
                Ok(q) => format!("[{}] {}", ecb.name(), render(&q)),
                Err(FxError::NoRoute { .. }) => match quote_retail(&ib, amount, from, to, spread + 50).await {
                    Ok(q) => format!("[{}] {}", ib.name(), render(&q)),
                    Err(FxError::Stale { pair, age_s }) if age_s > 300 => format!("{pair:?} feed frozen ({age_s}s), desk must call dealer"),
                    Err(e) => format!("no quote: {e:?}"),
                },
                Err(e) => format!("rejected: {e:?}"),
            };
            println!("{line}");
        }
    });

    let totals: HashMap<Ccy, i64> = requests.iter().fold(HashMap::new(), |mut acc, (amt, from, ..)| {
        *acc.entry(*from).or_insert(0) += amt;
        acc
    });
    let mut totals: Vec<_> = totals.into_iter().collect();
    totals.sort();
    println!("inbound minor units by currency: {totals:?}");
}
