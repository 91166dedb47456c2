//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Regional avalanche bulletin desk: ingests snowpit stability tests from field teams and
//! new-snow/wind data from automatic stations, then rates danger per aspect and elevation band.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

const ASPECTS: [&str; 8] = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
const BANDS: usize = 3; // below treeline, treeline, alpine

#[derive(Debug, Clone, Copy, PartialEq)]
enum Propagation { Full, Partial, None }

#[derive(Debug, Clone, PartialEq)]
enum StabilityTest { Ect { taps: u8, prop: Propagation }, Ct { taps: u8, fracture: &'static str }, Ectx }

#[derive(Debug, Clone, PartialEq)]
enum Observation {
    Pit { aspect: usize, band: usize, test: StabilityTest, weak_layer: String },
    Weather { band: usize, hn24_cm: u32, wind_kmh: u32, wind_from: usize },
    Avalanche { aspect: usize, band: usize, size: f32, natural: bool },
}

#[derive(Debug)]
enum ObsError { Syntax(String), UnknownAspect(String), StationOffline(&'static str) }

fn parse_test(code: &str) -> Option<StabilityTest> {
    if code == "ECTX" { return Some(StabilityTest::Ectx); }
    if let Some(rest) = code.strip_prefix("ECT") {
        let prop = match rest.chars().next()? { 'P' => Propagation::Full, 'N' => Propagation::None, _ => Propagation::Partial };
        return Some(StabilityTest::Ect { taps: rest[1..].parse().ok()?, prop });
    }
    let (taps, fracture) = code.strip_prefix("CT")?.split_once(' ').unwrap_or((code.get(2..)?, "RP"));
    let fracture = match fracture { "SC" => "SC", "SP" => "SP", "PC" => "PC", _ => "RP" };
    Some(StabilityTest::Ct { taps: taps.parse().ok()?, fracture })
}

fn aspect_idx(a: &str) -> Result<usize, ObsError> { ASPECTS.iter().position(|x| x.eq_ignore_ascii_case(a)).ok_or_else(|| ObsError::UnknownAspect(a.into())) }

trait ObservationSource {
    async fn fetch(&mut self) -> Result<Vec<String>, ObsError>;
    async fn observations(&mut self) -> Result<Vec<Observation>, ObsError> {
        let mut out = Vec::new();
        for line in self.fetch().await? {
            let f: Vec<&str> = line.split(';').map(str::trim).collect();
            let bad = || ObsError::Syntax(line.clone());
            let obs = match f.as_slice() {
                ["PIT", aspect, band, test, layer] => Observation::Pit { aspect: aspect_idx(aspect)?, band: band.parse().map_err(|_| bad())?, test: parse_test(test).ok_or_else(bad)?, weak_layer: layer.to_string() },
                ["AVY", aspect, band, size, trig] => Observation::Avalanche { aspect: aspect_idx(aspect)?, band: band.parse().map_err(|_| bad())?, size: size.parse().map_err(|_| bad())?, natural: *trig == "N" },
                _ => return Err(bad()),
            };
            out.push(obs);
        }
        Ok(out)
    }
}

struct FieldApp { submissions: Vec<&'static str> }
struct AutoStation { name: &'static str, band: usize, hourly: [(u16, u16, u16); 24], online: bool }

impl ObservationSource for FieldApp {
    async fn fetch(&mut self) -> Result<Vec<String>, ObsError> {
        yield_now().await;
        Ok(self.submissions.drain(..).map(String::from).collect())
    }
}
impl ObservationSource for AutoStation {
    async fn fetch(&mut self) -> Result<Vec<String>, ObsError> { Ok(vec![]) }
    async fn observations(&mut self) -> Result<Vec<Observation>, ObsError> {
        if !self.online { return Err(ObsError::StationOffline(self.name)); }
        let mut hn = 0u32;
        let mut wind_sum = 0u32;
        let mut dir_votes = [0u32; 8];
        for (snow_mm, wind, dir_deg) in self.hourly {
            hn += snow_mm as u32;
            wind_sum += wind as u32;
            dir_votes[((dir_deg as usize + 22) % 360) / 45] += wind as u32;
            yield_now().await;
        }
        let wind_from = dir_votes.iter().enumerate().max_by_key(|(_, v)| **v).map(|(i, _)| i).unwrap_or(0);
        Ok(vec![Observation::Weather { band: self.band, hn24_cm: hn / 10, wind_kmh: wind_sum / 24, wind_from }])
    }
}

fn rate(obs: &[Observation]) -> [[u8; 8]; BANDS] {
    let mut grid = [[1u8; 8]; BANDS];
    let mut bump = |band: usize, aspect: usize, to: u8| { let c = &mut grid[band.min(BANDS - 1)][aspect % 8]; *c = (*c).max(to); };
    for o in obs {
        match o {
            Observation::Pit { aspect, band, test: StabilityTest::Ect { taps, prop: Propagation::Full }, .. } if *taps <= 12 => bump(*band, *aspect, 4),
            Observation::Pit { aspect, band, test: StabilityTest::Ect { prop: Propagation::Full, .. }, .. } => bump(*band, *aspect, 3),
            Observation::Pit { aspect, band, test: StabilityTest::Ct { fracture: "SC" | "SP", taps }, .. } if *taps < 20 => bump(*band, *aspect, 3),
            Observation::Pit { .. } => {}
            Observation::Avalanche { aspect, band, natural: true, size } if *size >= 2.0 => { bump(*band, *aspect, 4); bump(*band, aspect + 1, 3); bump(*band, aspect + 7, 3); }
            Observation::Avalanche { aspect, band, .. } => bump(*band, *aspect, 2),
            Observation::Weather { band, hn24_cm, wind_kmh, wind_from } => {
                let level = match (hn24_cm, wind_kmh) { (h, w) if *h >= 50 || (*h >= 30 && *w >= 40) => 4, (h, _) if *h >= 20 => 3, (h, _) if *h >= 10 => 2, _ => 1 };
                for a in 0..8 { bump(*band, a, level.min(2)); }
                let lee = (wind_from + 4) % 8;
                for a in [lee, (lee + 1) % 8, (lee + 7) % 8] { bump(*band, a, level); }
            }
        }
    }
    grid
}

async fn gather<S: ObservationSource>(src: &mut S, pool: &Arc<Mutex<Vec<Observation>>>) -> Result<usize, ObsError> {
    let obs = src.observations().await?;
    let n = obs.len();
    pool.lock().unwrap().extend(obs);
    Ok(n)
}

fn main() {
    let pool = Arc::new(Mutex::new(Vec::new()));
    let mut app = FieldApp { submissions: vec!["PIT;NE;2;ECTP11;buried surface hoar 40cm", "PIT;S;1;CT24 RP;melt-freeze crust", "PIT;N;2;CT15 SC;facets", "AVY;E;2;2.5;N"] };
    let mut app3 = FieldApp { submissions: vec!["PIT;XX;1;ECTX;none"] };
    let mut app2 = FieldApp { submissions: vec!["AVY;NW;1;1;H", "PIT;W;2;ECTN20;stellars"] };
    let mut hourly = [(0u16, 0u16, 0u16); 24];
    for (i, h) in hourly.iter_mut().enumerate() { *h = (if i < 14 { 25 } else { 8 }, 35 + (i as u16 % 5) * 4, 290 + (i as u16 % 3) * 10); }
    let mut ridge = AutoStation { name: "Col du Vent 2650m", band: 2, hourly, online: true };
    let mut valley = AutoStation { name: "Valley 1200m", band: 0, hourly: [(0, 0, 0); 24], online: false };

    let results = [
        ("app", block_on(gather(&mut app, &pool))),
        ("app2", block_on(gather(&mut app2, &pool))),
        ("app3", block_on(gather(&mut app3, &pool))),
        ("ridge", block_on(gather(&mut ridge, &pool))),
        ("valley", block_on(gather(&mut valley, &pool))),
    ];
    for (name, r) in &results { println!("{name}: {r:?}"); }
    let obs = pool.lock().unwrap().clone();
    let grid = rate(&obs);
    for (band, row) in grid.iter().enumerate().rev() {
        let cells: Vec<String> = ASPECTS.iter().zip(row).map(|(a, d)| format!("{a}:{d}")).collect();
        println!("band {band}: {}  -> headline {}", cells.join(" "), row.iter().max().unwrap());
    }
    let fetched = block_on(ridge.fetch()).map(|v| v.len());
    let tests: Vec<Pin<Box<dyn Future<Output = Option<StabilityTest>>>>> = ["ECTP21", "CT8 SP", "ECTX", "junk"].iter().map(|c| -> Pin<Box<dyn Future<Output = Option<StabilityTest>>>> { let c = *c; Box::pin(async move { yield_now().await; parse_test(c) }) }).collect();
    let parsed = block_on(async { let mut v = Vec::new(); for t in tests { v.push(t.await); } v });
    println!("{fetched:?} {parsed:?}");
}
