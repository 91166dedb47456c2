#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Ride-sharing dispatch: matches ride requests to nearby drivers using pluggable strategies and surge pricing.

use std::collections::{BinaryHeap, HashMap, HashSet};
use std::cmp::Reverse;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
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

struct Yield {
    left: u32,
}

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

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

impl Point {
    fn dist(&self, o: &Point) -> f64 {
        ((self.x - o.x).powi(2) + (self.y - o.y).powi(2)).sqrt()
    }
}

#[derive(Debug, Clone)]
struct Driver {
    id: u32,
    pos: Point,
    rating: f32,
    seats: u8,
}

#[derive(Debug, Clone)]
struct Request {
    rider: String,
    pickup: Point,
    dropoff: Point,
    party: u8,
}

#[derive(Debug)]
struct Assignment {
    rider: String,
    driver: u32,
    eta: Duration,
    fare_cents: u32,
}

type Pool = Arc<Mutex<HashMap<u32, Driver>>>;

fn eta_service(from: Point, to: Point) -> Pin<Box<dyn Future<Output = Duration> + Send>> {
    Box::pin(async move {
        Yield { left: 2 }.await;
        let km = from.dist(&to);
        Duration::from_secs((km * 120.0) as u64 + 30)
    })
}

trait MatchStrategy {
    fn label(&self) -> &'static str;
    async fn candidates(&self, pool: &Pool, req: &Request) -> Vec<u32>;

    async fn pick(&self, pool: &Pool, req: &Request) -> Option<(u32, Duration)> {
        let ids = self.candidates(pool, req).await;
        let mut best: Option<(u32, Duration)> = None;
        for id in ids.iter() {
            let pos = match pool.lock().unwrap().get(id) {
                Some(d) => d.pos,
                None => continue,
            };
            let eta = eta_service(pos, req.pickup).await;
            if best.map_or(true, |(_, b)| eta < b) {
                best = Some((*id, eta));
            }
        }
        best
    }
}

struct Nearest {
    radius_km: f64,
}

struct TopRated {
    k: usize,
}

impl MatchStrategy for Nearest {
    fn label(&self) -> &'static str {
        "nearest"
    }
    async fn candidates(&self, pool: &Pool, req: &Request) -> Vec<u32> {
        Yield { left: 1 }.await;
        let guard = pool.lock().unwrap();
        let mut heap: BinaryHeap<Reverse<(u64, u32)>> = guard
            .values()
            .filter(|d| d.seats >= req.party && d.pos.dist(&req.pickup) <= self.radius_km)
            .map(|d| Reverse(((d.pos.dist(&req.pickup) * 1000.0) as u64, d.id)))
            .collect();
        let mut out = Vec::new();
        while let Some(Reverse((_, id))) = heap.pop() {
            out.push(id);
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

impl MatchStrategy for TopRated {
    fn label(&self) -> &'static str {
        "top-rated"
    }
    async fn candidates(&self, pool: &Pool, req: &Request) -> Vec<u32> {
        let mut drivers: Vec<Driver> = pool.lock().unwrap().values().cloned().collect();
        Yield { left: 2 }.await;
        drivers.retain(|d| d.seats >= req.party);
        drivers.sort_by(|a, b| b.rating.partial_cmp(&a.rating).unwrap().then(a.id.cmp(&b.id)));
        drivers.iter().take(self.k).map(|d| d.id).collect()
    }
}

async fn surge_multiplier(open_requests: usize, idle_drivers: usize) -> f64 {
    Yield { left: 1 }.await;
    let ratio = open_requests as f64 / idle_drivers.max(1) as f64;
    if ratio > 1.5 {
        1.8
    } else if ratio > 1.0 {
        1.3
    } else {
        1.0
    }
}

async fn dispatch<S>(strategy: &S, pool: Pool, requests: Vec<Request>) -> (Vec<Assignment>, Vec<String>)
where
    S: MatchStrategy,
{
    let idle = pool.lock().unwrap().len();
    let surge = surge_multiplier(requests.len(), idle).await;
    let mut assigned = Vec::new();
    let mut unmatched = Vec::new();
    for req in requests.into_iter() {
        let Some((driver, eta)) = strategy.pick(&pool, &req).await else {
            unmatched.push(req.rider.clone());
            continue;
        };
        let trip = req.pickup.dist(&req.dropoff);
        let fare = ((250.0 + trip * 140.0) * surge) as u32;
        if let Some(d) = pool.lock().unwrap().remove(&driver) {
            Yield { left: 1 }.await;
        }
        assigned.push(Assignment { rider: req.rider, driver, eta, fare_cents: fare });
    }
    (assigned, unmatched)
}

fn seed_pool() -> Pool {
    let drivers = [(1, 0.0, 0.0, 4.9, 4), (2, 1.0, 1.5, 4.6, 4), (3, 5.0, 5.0, 5.0, 6), (4, 0.4, 0.2, 4.2, 2), (5, 9.0, 1.0, 4.8, 4)];
    let map = drivers.iter().map(|&(id, x, y, r, s)| (id, Driver { id, pos: Point { x, y }, rating: r, seats: s })).collect();
    Arc::new(Mutex::new(map))
}

fn requests() -> Vec<Request> {
    vec![
        Request { rider: "ines".into(), pickup: Point { x: 0.5, y: 0.5 }, dropoff: Point { x: 4.0, y: 3.0 }, party: 1 },
        Request { rider: "omar".into(), pickup: Point { x: 1.0, y: 1.0 }, dropoff: Point { x: 1.0, y: 8.0 }, party: 5 },
        Request { rider: "lu".into(), pickup: Point { x: 0.0, y: 0.1 }, dropoff: Point { x: 2.0, y: 0.0 }, party: 2 },
        Request { rider: "kai".into(), pickup: Point { x: 20.0, y: 20.0 }, dropoff: Point { x: 21.0, y: 20.0 }, party: 1 },
    ]
}

fn main() {
    let nearest = Nearest { radius_km: 3.0 };
    let (a, u) = block_on(dispatch(&nearest, seed_pool(), requests()));
    println!("[{}] assigned {:?}\n  unmatched {:?}", nearest.label(), a, u);
    let top = TopRated { k: 2 };
    let (a, u) = block_on(dispatch(&top, seed_pool(), requests()));
    println!("[{}] assigned {}: {:?} unmatched {:?}", top.label(), a.len(), a.iter().map(|x| (x.rider.as_str(), x.driver)).collect::<Vec<_>>(), u);
    let eta = block_on(eta_service(Point { x: 0.0, y: 0.0 }, Point { x: 3.0, y: 4.0 }));
    println!("eta 5km = {:?}", eta);
}
