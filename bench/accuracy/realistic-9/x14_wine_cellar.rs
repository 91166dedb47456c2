#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Wine cellar tracker: catalogs bottles across racks, pulls valuations from price sources and suggests drinking windows.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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

#[derive(Debug, Clone, PartialEq)]
struct Bottle {
    sku: String,
    producer: String,
    vintage: u16,
    region: String,
    rack: (char, u8),
}

#[derive(Debug)]
enum PriceError {
    NotListed(String),
    SourceDown(&'static str),
}

impl fmt::Display for PriceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PriceError::NotListed(s) => write!(f, "{s} not listed"),
            PriceError::SourceDown(s) => write!(f, "{s} unavailable"),
        }
    }
}

trait PriceSource {
    fn name(&self) -> &'static str;
    fn lookup(&self, bottle: &Bottle) -> Pin<Box<dyn Future<Output = Result<u32, PriceError>> + Send + '_>>;
}

struct AuctionIndex {
    hammer_prices: HashMap<String, Vec<u32>>,
}

struct MerchantFeed {
    up: bool,
    markup_pct: u32,
}

impl PriceSource for AuctionIndex {
    fn name(&self) -> &'static str {
        "auction-index"
    }
    fn lookup(&self, bottle: &Bottle) -> Pin<Box<dyn Future<Output = Result<u32, PriceError>> + Send + '_>> {
        let key = format!("{}-{}", bottle.producer, bottle.vintage);
        Box::pin(async move {
            Yield { left: 2 }.await;
            let prices = self.hammer_prices.get(&key).ok_or_else(|| PriceError::NotListed(key.clone()))?;
            let mut sorted = prices.clone();
            sorted.sort_unstable();
            Yield { left: 1 }.await;
            Ok(sorted[sorted.len() / 2])
        })
    }
}

impl PriceSource for MerchantFeed {
    fn name(&self) -> &'static str {
        "merchant-feed"
    }
    fn lookup(&self, bottle: &Bottle) -> Pin<Box<dyn Future<Output = Result<u32, PriceError>> + Send + '_>> {
        let age = 2025u32.saturating_sub(bottle.vintage as u32);
        let up = self.up;
        let markup = self.markup_pct;
        Box::pin(async move {
            Yield { left: 1 }.await;
            if !up {
                return Err(PriceError::SourceDown("merchant-feed"));
            }
            Ok((2_500 + age * 300) * (100 + markup) / 100)
        })
    }
}

struct Cellar<S: PriceSource> {
    bottles: Vec<Bottle>,
    sources: Vec<S>,
    valuations: Arc<Mutex<BTreeMap<String, u32>>>,
}

impl<S: PriceSource> Cellar<S> {
    async fn value_bottle(&self, b: &Bottle) -> Option<u32> {
        for src in self.sources.iter() {
            match src.lookup(b).await {
                Ok(p) => {
                    self.valuations.lock().unwrap().insert(b.sku.clone(), p);
                    return Some(p);
                }
                Err(PriceError::SourceDown(n)) => {
                    println!("  {n} down, trying next");
                    continue;
                }
                Err(e) => println!("  {}: {e}", src.name()),
            }
        }
        None
    }

    async fn appraise(&self, region_filter: Option<&str>) -> (u32, usize) {
        let selected: Vec<&Bottle> = self
            .bottles
            .iter()
            .filter(|b| region_filter.map_or(true, |r| b.region == r))
            .collect();
        let mut total = 0;
        let mut unknown = 0;
        for b in selected {
            match self.value_bottle(b).await {
                Some(p) => total += p,
                None => unknown += 1,
            }
        }
        (total, unknown)
    }
}

async fn drinking_window(b: &Bottle) -> (u16, u16) {
    Yield { left: 1 }.await;
    let (start, span) = match b.region.as_str() {
        "Barolo" => (10, 20),
        "Bordeaux" => (8, 25),
        "Mosel" => (3, 15),
        _ => (2, 6),
    };
    (b.vintage + start, b.vintage + start + span)
}

async fn ready_now<S: PriceSource>(cellar: &Cellar<S>, year: u16) -> Vec<String> {
    let mut out = Vec::new();
    for b in &cellar.bottles {
        let (from, to) = drinking_window(b).await;
        if (from..=to).contains(&year) {
            out.push(format!("{} {} @{}{}", b.producer, b.vintage, b.rack.0, b.rack.1));
        }
    }
    out
}

fn bottles() -> Vec<Bottle> {
    let rows = "B01,Vietti,2013,Barolo,A3\nB02,Lynch-Bages,2010,Bordeaux,A7\nB03,Prum,2019,Mosel,C1\nB04,Rhys,2021,Santa Cruz,D2";
    rows.lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let rack = f[4];
            Bottle {
                sku: f[0].to_string(),
                producer: f[1].to_string(),
                vintage: f[2].parse().unwrap(),
                region: f[3].to_string(),
                rack: (rack.chars().next().unwrap(), rack[1..].parse().unwrap()),
            }
        })
        .collect()
}

fn main() {
    let auction = Cellar {
        bottles: bottles(),
        sources: vec![AuctionIndex { hammer_prices: HashMap::from([("Vietti-2013".to_string(), vec![9000, 8200, 10400]), ("Prum-2019".to_string(), vec![4100])]) }],
        valuations: Arc::new(Mutex::new(BTreeMap::new())),
    };
    let merchants = Cellar {
        bottles: bottles(),
        sources: vec![MerchantFeed { up: false, markup_pct: 20 }, MerchantFeed { up: true, markup_pct: 35 }],
        valuations: Arc::new(Mutex::new(BTreeMap::new())),
    };
    println!("auction: {:?}", block_on(auction.appraise(None)));
    println!("merchant (Bordeaux): {:?}", block_on(merchants.appraise(Some("Bordeaux"))));
    println!("ready 2025: {:?}", block_on(ready_now(&auction, 2025)));
    println!("ready 2030: {:?}", block_on(ready_now(&merchants, 2030)));
    println!("window: {:?}", block_on(drinking_window(&auction.bottles[2])));
    println!("valuations: {:?}", auction.valuations.lock().unwrap());
}
