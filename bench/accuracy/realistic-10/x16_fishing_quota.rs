//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a fisheries management office that records vessel landings against individual species quotas and handles quota leases.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::num::ParseFloatError;
use std::pin::Pin;
use std::sync::RwLock;
use std::task::{Context, Poll, Waker};

struct Yield {
    yielded: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield { yielded: false }.await;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Stock {
    Cod,
    Haddock,
    Pollock,
    Halibut,
}

#[derive(Debug)]
enum QuotaError {
    Parse(String),
    Number(ParseFloatError),
    UnknownVessel(String),
    Exceeded { vessel: String, stock: Stock, over_kg: f64 },
    ClosedSeason(Stock),
}

impl From<ParseFloatError> for QuotaError {
    fn from(e: ParseFloatError) -> Self {
        QuotaError::Number(e)
    }
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuotaError::Exceeded { vessel, stock, over_kg } => write!(f, "{vessel} over {stock:?} quota by {over_kg:.1} kg"),
            other => write!(f, "{other:?}"),
        }
    }
}

fn stock_code(s: &str) -> Result<Stock, QuotaError> {
    match s.to_ascii_uppercase().as_str() {
        "COD" => Ok(Stock::Cod),
        "HAD" | "HADDOCK" => Ok(Stock::Haddock),
        "POK" => Ok(Stock::Pollock),
        "HAL" => Ok(Stock::Halibut),
        other => Err(QuotaError::Parse(format!("stock {other}"))),
    }
}

#[derive(Debug, Clone)]
struct Landing {
    vessel: String,
    stock: Stock,
    round_kg: f64,
}

trait LandingSource {
    fn describe(&self) -> String;
    async fn landings(&self) -> Result<Vec<Landing>, QuotaError>;
    async fn verified(&self) -> Result<Vec<Landing>, QuotaError> {
        let mut all = self.landings().await?;
        all.retain(|l| l.round_kg > 0.0);
        yield_now().await;
        Ok(all)
    }
}

/// Electronic logbook: `VESSEL|STOCK|kg` per haul, gutted weight converted to round weight.
struct ElectronicLog {
    raw: &'static str,
    gutted_factor: f64,
}

/// Dockside weigh slip: header line with vessel name then `stock kg` pairs.
struct WeighSlip {
    raw: String,
}

impl LandingSource for ElectronicLog {
    fn describe(&self) -> String {
        format!("e-log ({} hauls)", self.raw.lines().count())
    }
    async fn landings(&self) -> Result<Vec<Landing>, QuotaError> {
        let mut out = Vec::new();
        for line in self.raw.lines() {
            let fields: Vec<&str> = line.split('|').collect();
            let &[vessel, stock, kg] = fields.as_slice() else {
                return Err(QuotaError::Parse(line.to_string()));
            };
            let kg: f64 = kg.trim().parse()?;
            out.push(Landing { vessel: vessel.to_string(), stock: stock_code(stock)?, round_kg: kg * self.gutted_factor });
            yield_now().await;
        }
        Ok(out)
    }
}

impl LandingSource for WeighSlip {
    fn describe(&self) -> String {
        format!("weigh slip for {}", self.raw.lines().next().unwrap_or("?"))
    }
    async fn landings(&self) -> Result<Vec<Landing>, QuotaError> {
        let mut lines = self.raw.lines();
        let vessel = lines.next().ok_or_else(|| QuotaError::Parse("empty slip".into()))?.trim().to_string();
        let tokens: Vec<&str> = lines.flat_map(str::split_whitespace).collect();
        let mut out = Vec::new();
        for pair in tokens.chunks(2) {
            let [stock, kg] = pair else { return Err(QuotaError::Parse(format!("dangling {pair:?}"))) };
            yield_now().await;
            out.push(Landing { vessel: vessel.clone(), stock: stock_code(stock)?, round_kg: kg.parse()? });
        }
        Ok(out)
    }
}

type Ledger = BTreeMap<(String, Stock), (f64, f64)>; // (allocated, landed)

async fn post_landings<S>(source: &S, ledger: &RwLock<Ledger>, closed: &[Stock]) -> Result<usize, QuotaError>
where
    S: LandingSource,
{
    let landings = source.verified().await?;
    let mut posted = 0;
    for l in landings {
        if closed.contains(&l.stock) {
            return Err(QuotaError::ClosedSeason(l.stock));
        }
        let key = (l.vessel.clone(), l.stock);
        {
            let read = ledger.read().unwrap();
            if !read.keys().any(|(v, _)| *v == l.vessel) {
                return Err(QuotaError::UnknownVessel(l.vessel));
            }
        }
        yield_now().await;
        let mut w = ledger.write().unwrap();
        let entry = w.entry(key).or_insert((0.0, 0.0));
        entry.1 += l.round_kg;
        if entry.1 > entry.0 * 1.1 {
            // 10% overage tolerance before enforcement kicks in
            return Err(QuotaError::Exceeded { vessel: l.vessel, stock: l.stock, over_kg: entry.1 - entry.0 });
        }
        posted += 1;
    }
    Ok(posted)
}

async fn lease(ledger: &RwLock<Ledger>, from: &str, to: &str, stock: Stock, kg: f64) -> Result<(), QuotaError> {
    yield_now().await;
    let mut w = ledger.write().unwrap();
    let available = match w.get(&(from.to_string(), stock)) {
        Some(&(alloc, landed)) if alloc - landed >= kg => alloc - landed,
        Some(_) => return Err(QuotaError::Exceeded { vessel: from.into(), stock, over_kg: kg }),
        None => return Err(QuotaError::UnknownVessel(from.into())),
    };
    w.get_mut(&(from.to_string(), stock)).unwrap().0 -= kg;
    w.entry((to.to_string(), stock)).or_insert((0.0, 0.0)).0 += kg;
    Ok(())
}

pub fn main() {
    let ledger: RwLock<Ledger> = RwLock::new(BTreeMap::new());
    {
        let mut w = ledger.write().unwrap();
        for (vessel, quotas) in [("Sea Lark", [12_000.0, 8_000.0, 20_000.0, 900.0]), ("Kittiwake", [6_000.0, 4_000.0, 0.0, 300.0])] {
            for (stock, kg) in [Stock::Cod, Stock::Haddock, Stock::Pollock, Stock::Halibut].into_iter().zip(quotas) {
                w.insert((vessel.to_string(), stock), (kg, 0.0));
            }
        }
    }
    let elog = ElectronicLog { raw: "Sea Lark|COD|2100\nSea Lark|HAD|900.5\nKittiwake|COD|4000\nKittiwake|cod|1400", gutted_factor: 1.17 };
    let slip = WeighSlip { raw: "Sea Lark\nPOK 6400 HAL 210\nHAL 95".to_string() };
    let bad_slip = WeighSlip { raw: "Ghost Ship\nCOD 10".to_string() };

    block_on(async {
        println!("{}: {:?}", slip.describe(), post_landings(&slip, &ledger, &[]).await);
        match lease(&ledger, "Sea Lark", "Kittiwake", Stock::Cod, 2_500.0).await {
            Ok(()) => println!("leased 2500 kg cod to Kittiwake"),
            Err(e) => println!("lease failed: {e}"),
        }
        match post_landings(&elog, &ledger, &[Stock::Halibut]).await {
            Ok(n) => println!("{}: posted {n}", elog.describe()),
            Err(e @ QuotaError::Exceeded { .. }) => println!("{}: enforcement: {e}", elog.describe()),
            Err(e) => println!("{}: {e}", elog.describe()),
        }
        let ghost = post_landings(&bad_slip, &ledger, &[]).await;
        println!("{}: {}", bad_slip.describe(), ghost.map(|n| n.to_string()).unwrap_or_else(|e| e.to_string()));
        let bad_number = lease(&ledger, "Nobody", "Kittiwake", Stock::Pollock, 1.0).await;
        println!("bogus lease: {bad_number:?}");
    });

    let usage: HashMap<String, f64> = ledger.read().unwrap().iter().filter(|(_, (alloc, _))| *alloc > 0.0).fold(HashMap::new(), |mut acc, ((v, _), (alloc, landed))| {
        let e = acc.entry(v.clone()).or_insert(0.0);
        *e = e.max(landed / alloc * 100.0);
        acc
    });
    let mut usage: Vec<_> = usage.into_iter().collect();
    usage.sort_by(|a, b| a.0.cmp(&b.0));
    for (vessel, pct) in usage {
        println!("{vessel}: highest stock utilisation {pct:.1}%");
    }
}
