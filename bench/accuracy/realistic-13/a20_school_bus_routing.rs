//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! School bus routing: clusters student addresses into walkable stops, fills buses up to
//! capacity with nearest-neighbour routes and checks every route against the bell time.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
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

type Pt = (i32, i32);

#[derive(Debug, Clone)]
struct Stop { at: Pt, riders: Vec<String> }

#[derive(Debug)]
struct Route { bus: u32, stops: Vec<Pt>, riders: usize, minutes: u32 }

trait GeoService {
    async fn minutes(&self, a: Pt, b: Pt) -> u32;

    async fn route_minutes(&self, path: &[Pt]) -> u32 {
        let mut total = 0;
        for leg in path.windows(2) {
            total += self.minutes(leg[0], leg[1]).await + 1;
        }
        total
    }
}

struct GridRoads { block_minutes: u32 }
struct TrafficAware { congested: Vec<(Pt, i32)>, cache: RefCell<HashMap<(Pt, Pt), u32>> }

impl GeoService for GridRoads {
    async fn minutes(&self, a: Pt, b: Pt) -> u32 {
        yield_now().await;
        ((a.0 - b.0).abs() + (a.1 - b.1).abs()) as u32 * self.block_minutes
    }
}

impl GeoService for TrafficAware {
    async fn minutes(&self, a: Pt, b: Pt) -> u32 {
        if let Some(m) = self.cache.borrow().get(&(a, b)) {
            return *m;
        }
        yield_now().await;
        let mid = ((a.0 + b.0) / 2, (a.1 + b.1) / 2);
        let slow = self.congested.iter().filter(|(c, r)| (c.0 - mid.0).abs() + (c.1 - mid.1).abs() <= *r).count() as u32;
        let m = ((a.0 - b.0).abs() + (a.1 - b.1).abs()) as u32 * (2 + slow);
        self.cache.borrow_mut().insert((a, b), m);
        m
    }
}

fn parse_roster(text: &str) -> Vec<(String, Pt)> {
    text.lines()
        .filter_map(|l| {
            let (name, coords) = l.split_once('@')?;
            let (x, y) = coords.trim().trim_matches(|c| c == '(' || c == ')').split_once(',')?;
            Some((name.trim().to_string(), (x.trim().parse().ok()?, y.trim().parse().ok()?)))
        })
        .collect()
}

async fn cluster_stops(students: Vec<(String, Pt)>, walk_blocks: i32) -> Vec<Stop> {
    let mut stops: Vec<Stop> = Vec::new();
    for (name, home) in students {
        let near = stops.iter_mut().find(|s| (s.at.0 - home.0).abs() + (s.at.1 - home.1).abs() <= walk_blocks);
        match near {
            Some(stop) => stop.riders.push(name),
            None => stops.push(Stop { at: home, riders: vec![name] }),
        }
        yield_now().await;
    }
    stops
}

async fn build_routes<G>(geo: &G, depot: Pt, school: Pt, mut stops: Vec<Stop>, capacity: usize, bell_limit: u32) -> Result<Vec<Route>, String>
where
    G: GeoService,
{
    let mut routes = Vec::new();
    let mut bus = 1;
    while !stops.is_empty() {
        let mut path = vec![depot];
        let mut load = 0;
        loop {
            let here = *path.last().unwrap();
            let mut best: Option<(usize, u32)> = None;
            for (i, s) in stops.iter().enumerate() {
                if load + s.riders.len() > capacity { continue; }
                let m = geo.minutes(here, s.at).await;
                if best.map_or(true, |(_, bm)| m < bm) { best = Some((i, m)); }
            }
            let Some((i, _)) = best else { break };
            let stop = stops.swap_remove(i);
            load += stop.riders.len();
            path.push(stop.at);
        }
        if path.len() == 1 {
            return Err(format!("a stop has more riders than bus capacity {capacity}"));
        }
        path.push(school);
        let minutes = geo.route_minutes(&path[1..]).await;
        if minutes > bell_limit {
            return Err(format!("bus {bus} would take {minutes} min (limit {bell_limit})"));
        }
        routes.push(Route { bus, stops: path[1..path.len() - 1].to_vec(), riders: load, minutes });
        bus += 1;
    }
    Ok(routes)
}

pub fn main() {
    let roster = "Ava @ (1, 2)\nBen @ (1, 3)\nCho @ (5, 5)\nDev @ (6, 5)\nEli @ (9, 1)\nFay @ (2, 8)\nGus @ (2, 9)\nbad line\nHal @ (8, 8)\nIda @ (9, 9)";
    let students = parse_roster(roster);
    println!("{} students parsed", students.len());
    let stops = block_on(cluster_stops(students, 1));
    let by_size: BTreeMap<usize, usize> = stops.iter().fold(BTreeMap::new(), |mut m, s| { *m.entry(s.riders.len()).or_insert(0) += 1; m });
    println!("{} stops, size histogram {by_size:?}", stops.len());

    let grid = GridRoads { block_minutes: 3 };
    let traffic = TrafficAware { congested: vec![((5, 5), 2)], cache: RefCell::new(HashMap::new()) };
    let (depot, school) = ((0, 0), (10, 10));

    for (label, result) in [
        ("grid", block_on(build_routes(&grid, depot, school, stops.clone(), 4, 70))),
        ("traffic", block_on(build_routes(&traffic, depot, school, stops.clone(), 4, 70))),
        ("minibus", block_on(build_routes(&grid, depot, school, stops.clone(), 1, 90))),
    ] {
        match result {
            Ok(routes) => routes.iter().for_each(|r| println!("{label} bus {}: {:?} riders={} {}min", r.bus, r.stops, r.riders, r.minutes)),
            Err(e) => println!("{label}: {e}"),
        }
    }

    let ride_time = async |from: Pt| -> (u32, u32) {
        let g = grid.minutes(from, school).await;
        let t = traffic.minutes(from, school).await;
        (g, t)
    };
    println!("direct from (5,5): {:?}", block_on(ride_time((5, 5))));
    let cache_report = block_on(async {
        yield_now().await;
        format!("traffic cache holds {} legs", traffic.cache.borrow().len())
    });
    println!("{cache_report}");
}
