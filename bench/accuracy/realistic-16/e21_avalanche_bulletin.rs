//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Avalanche warning service: merges field observations and automatic snow-station data per
//! region, rates danger by aspect and elevation band, and renders the morning public bulletin.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
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

const ASPECTS: [&str; 8] = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
const BANDS: usize = 3; // below treeline, treeline, alpine

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Problem { NewSnow, WindSlab, PersistentSlab, WetSnow }

#[derive(Debug, Clone)]
enum Observation {
    Avalanche { aspect: usize, band: usize, size: f32, natural: bool },
    Signs { cracking: bool, whumpf: bool, band: usize },
    Station { band: usize, new_snow_cm: u16, wind_kmh: u16, temp_c: i8 },
}

#[derive(Debug)]
enum ObsError { UnknownAspect(String), BadField(String) }

fn parse_obs(line: &str) -> Result<Observation, ObsError> {
    let kv: HashMap<&str, &str> = line.split_whitespace().skip(1).map(|t| t.split_once(':').unwrap_or((t, ""))).collect();
    let num = |k: &str| kv.get(k).and_then(|v| v.parse::<f32>().ok()).ok_or_else(|| ObsError::BadField(k.to_string()));
    let band = num("band")? as usize;
    Ok(match line.split_whitespace().next() {
        Some("AVA") => {
            let a = kv.get("aspect").copied().unwrap_or("?");
            let aspect = ASPECTS.iter().position(|x| *x == a).ok_or_else(|| ObsError::UnknownAspect(a.to_string()))?;
            Observation::Avalanche { aspect, band, size: num("size")?, natural: kv.get("trigger") == Some(&"natural") }
        }
        Some("SIGNS") => Observation::Signs { cracking: kv.contains_key("cracking"), whumpf: kv.contains_key("whumpf"), band },
        Some("STN") => Observation::Station { band, new_snow_cm: num("hn24")? as u16, wind_kmh: num("wind")? as u16, temp_c: num("ta")? as i8 },
        other => return Err(ObsError::BadField(format!("{other:?}"))),
    })
}

trait ObsSource {
    async fn fetch(&self, region: &str) -> Vec<String>;
    async fn parsed(&self, region: &str) -> (Vec<Observation>, usize) {
        let lines = self.fetch(region).await;
        let mut rejected = 0;
        let obs = lines.iter().filter_map(|l| parse_obs(l).inspect_err(|_| rejected += 1).ok()).collect();
        (obs, rejected)
    }
}

struct FieldApp { reports: Vec<(&'static str, &'static str)> }
struct StationNet { stations: BTreeMap<&'static str, Vec<String>> }

impl ObsSource for FieldApp {
    async fn fetch(&self, region: &str) -> Vec<String> {
        yield_now().await;
        self.reports.iter().filter(|(r, _)| *r == region).map(|(_, l)| l.to_string()).collect()
    }
}
impl ObsSource for StationNet {
    async fn fetch(&self, region: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (name, lines) in &self.stations {
            yield_now().await;
            if name.starts_with(region) { out.extend(lines.iter().cloned()); }
        }
        out
    }
}

type Rose = [[u8; ASPECTS.len()]; BANDS];

async fn rate(obs: &[Observation]) -> (Rose, HashSet<Problem>) {
    let mut rose: Rose = [[1; ASPECTS.len()]; BANDS];
    let mut problems = HashSet::new();
    for o in obs {
        yield_now().await;
        match *o {
            Observation::Avalanche { aspect, band, size, natural } if natural || size >= 2.0 => {
                problems.insert(Problem::PersistentSlab);
                for b in band..BANDS {
                    for da in [ASPECTS.len() - 1, 0, 1] {
                        let cell = &mut rose[b][(aspect + da) % ASPECTS.len()];
                        *cell = (*cell).max(if size >= 2.5 { 4 } else { 3 });
                    }
                }
            }
            Observation::Signs { whumpf: true, band, .. } | Observation::Signs { cracking: true, band, .. } => {
                problems.insert(Problem::WindSlab);
                rose[band].iter_mut().for_each(|c| *c = (*c).max(2));
            }
            Observation::Station { band, new_snow_cm, wind_kmh, temp_c } => {
                let level = match (new_snow_cm, wind_kmh, temp_c) {
                    (n, w, _) if n >= 40 && w >= 30 => { problems.insert(Problem::WindSlab); 3 }
                    (n, _, _) if n >= 25 => { problems.insert(Problem::NewSnow); 3 }
                    (_, _, t) if t > 2 => { problems.insert(Problem::WetSnow); 2 }
                    _ => 1,
                };
                rose[band].iter_mut().for_each(|c| *c = (*c).max(level));
            }
            _ => {}
        }
    }
    (rose, problems)
}

async fn bulletin<A: ObsSource, B: ObsSource>(region: &str, a: &A, b: &B) -> String {
    let (mut obs, rej_a) = a.parsed(region).await;
    let (more, rej_b) = b.parsed(region).await;
    obs.extend(more);
    let (rose, problems) = rate(&obs).await;
    let mut out = format!("{region}: {} obs ({} rejected)\n", obs.len(), rej_a + rej_b);
    for (band, name) in ["below treeline", "treeline", "alpine"].iter().enumerate() {
        let worst = rose[band].iter().copied().max().unwrap_or(1);
        let aspects: Vec<&str> = ASPECTS.iter().zip(rose[band]).filter(|(_, d)| *d == worst).map(|(a, _)| *a).collect();
        writeln!(out, "  {name:<15} danger {worst} on {}", aspects.join(",")).unwrap();
    }
    let mut p: Vec<Problem> = problems.into_iter().collect();
    p.sort();
    write!(out, "  problems: {p:?}").unwrap();
    out
}

fn main() {
    let field = FieldApp {
        reports: vec![
            ("north", "AVA aspect:NE band:1 size:2.5 trigger:skier"),
            ("north", "SIGNS band:0 whumpf"),
            ("north", "AVA aspect:XX band:1 size:1"),
            ("south", "AVA aspect:S band:2 size:1 trigger:skier"),
        ],
    };
    let stations = StationNet {
        stations: BTreeMap::from([
            ("north-ridge", vec!["STN band:2 hn24:45 wind:50 ta:-8".to_string()]),
            ("south-bowl", vec!["STN band:1 hn24:5 wind:10 ta:4".to_string(), "STN band:x".to_string()]),
        ]),
    };
    let north = block_on(bulletin("north", &field, &stations));
    let south = block_on(bulletin("south", &stations, &field));
    assert!(north.contains("alpine          danger 4 on N,NE,E"));
    assert!(north.contains("(1 rejected)") && north.contains("WindSlab"));
    assert!(south.contains("treeline        danger 2") && south.contains("WetSnow"));

    let (obs, _) = block_on(field.parsed("north"));
    let (rose, _) = block_on(rate(&obs));
    assert_eq!(rose[0], [2; 8]);

    let archive = async |texts: [&str; 2]| {
        let mut m = BTreeMap::new();
        for t in texts {
            yield_now().await;
            let region = t.split(':').next().unwrap_or("?").to_string();
            m.insert(region, t.lines().count());
        }
        m
    };
    let idx = block_on(archive([&north, &south]));
    println!("{north}\n{south}\n{idx:?}");
}
