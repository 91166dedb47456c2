//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Geo-aware request router: latency probes per region, health scoring, sticky client routing.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub async fn sleep(_ms: u64) { Yield(false).await }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct LatLon(f64, f64);

impl LatLon {
    fn km(self, o: LatLon) -> f64 {
        let (la1, lo1, la2, lo2) = (self.0.to_radians(), self.1.to_radians(), o.0.to_radians(), o.1.to_radians());
        let a = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
        6371.0 * 2.0 * a.sqrt().asin()
    }
}

#[derive(Debug, Clone)]
struct Region { code: &'static str, loc: LatLon, capacity: u32 }

trait Probe {
    type Sample: Copy + std::fmt::Debug;
    async fn probe(&self, region: &Region) -> Option<Self::Sample>;
    fn score(&self, sample: Self::Sample) -> f64;
}

/// HTTP health endpoint round-trip time in ms.
struct HttpProbe { outages: Vec<&'static str>, base_rtt: HashMap<&'static str, f64> }
impl Probe for HttpProbe {
    type Sample = f64;
    async fn probe(&self, region: &Region) -> Option<f64> {
        rt::sleep(5).await;
        if self.outages.contains(&region.code) { return None; }
        self.base_rtt.get(region.code).copied()
    }
    fn score(&self, rtt: f64) -> f64 { 1000.0 / (rtt + 1.0) }
}

/// Load reported by the region's control plane: (active, capacity).
struct LoadProbe { active: Mutex<HashMap<&'static str, u32>> }
impl Probe for LoadProbe {
    type Sample = (u32, u32);
    async fn probe(&self, region: &Region) -> Option<(u32, u32)> {
        rt::sleep(2).await;
        let active = *self.active.lock().unwrap().get(region.code).unwrap_or(&0);
        Some((active, region.capacity))
    }
    fn score(&self, (active, cap): (u32, u32)) -> f64 { 100.0 * (1.0 - active as f64 / cap.max(1) as f64).max(0.0) }
}

async fn collect_scores<P: Probe>(probe: &P, regions: &[Region]) -> BTreeMap<&'static str, f64> {
    let mut out = BTreeMap::new();
    for r in regions {
        if let Some(sample) = probe.probe(r).await {
            out.insert(r.code, probe.score(sample));
        }
    }
    out
}

struct Router<H: Probe, L: Probe> {
    regions: Vec<Region>,
    health: H,
    load: L,
    table: RwLock<BTreeMap<&'static str, f64>>,
    sticky: Mutex<HashMap<String, &'static str>>,
}

impl<H: Probe, L: Probe> Router<H, L> {
    async fn refresh(&self) -> usize {
        let h = collect_scores(&self.health, &self.regions).await;
        let l = collect_scores(&self.load, &self.regions).await;
        let combined: BTreeMap<_, _> = h.iter().filter_map(|(code, hs)| Some((*code, hs * 0.7 + l.get(code)? * 0.3))).collect();
        let n = combined.len();
        *self.table.write().unwrap() = combined;
        n
    }

    async fn route(&self, client: &str, at: LatLon) -> Option<&'static str> {
        if let Some(code) = self.sticky.lock().unwrap().get(client).copied()
            && self.table.read().unwrap().contains_key(code)
        {
            return Some(code);
        }
        rt::sleep(1).await;
        let table = self.table.read().unwrap();
        let best = self
            .regions
            .iter()
            .filter_map(|r| table.get(r.code).map(|s| (r.code, s - at.km(r.loc) / 100.0)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)?;
        drop(table);
        self.sticky.lock().unwrap().insert(client.to_string(), best);
        Some(best)
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let regions = vec![
        Region { code: "eu-west", loc: LatLon(53.3, -6.2), capacity: 100 },
        Region { code: "us-east", loc: LatLon(39.0, -77.5), capacity: 200 },
        Region { code: "ap-south", loc: LatLon(19.1, 72.9), capacity: 50 },
    ];
    let router = Arc::new(Router {
        regions,
        health: HttpProbe { outages: vec![], base_rtt: HashMap::from([("eu-west", 12.0), ("us-east", 20.0), ("ap-south", 35.0)]) },
        load: LoadProbe { active: Mutex::new(HashMap::from([("eu-west", 90), ("us-east", 40), ("ap-south", 10)])) },
        table: RwLock::new(BTreeMap::new()),
        sticky: Mutex::new(HashMap::new()),
    });
    let clients = [("paris-1", LatLon(48.9, 2.35)), ("nyc-7", LatLon(40.7, -74.0)), ("pune-3", LatLon(18.5, 73.8)), ("paris-1", LatLon(48.9, 2.35))];
    let r = Arc::clone(&router);
    let routes = block_on(async move {
        let live = r.refresh().await;
        let mut routes = Vec::new();
        for (client, at) in clients {
            routes.push(format!("{client}->{}", r.route(client, at).await.unwrap_or("none")));
        }
        r.health.outages.len() + live;
        routes
    });
    let standalone = block_on(collect_scores(&router.load, &router.regions));
    println!("routes={routes:?}");
    println!("load scores={standalone:?} sticky={}", router.sticky.lock().unwrap().len());
}
