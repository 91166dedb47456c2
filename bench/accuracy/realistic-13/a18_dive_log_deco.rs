//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Dive logbook: downloads depth profiles from dive computers and CSV exports, tracks
//! nitrogen loading in tissue compartments and flags dives that needed decompression.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
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

const HALF_TIMES: [f64; 6] = [5.0, 10.0, 20.0, 40.0, 80.0, 120.0];
const SURFACE_M: [f64; 6] = [3.17, 2.59, 2.16, 1.85, 1.66, 1.56];

#[derive(Debug)]
enum LogError { Checksum { expected: u32, got: u32 }, Parse(usize, String), Empty(String) }

#[derive(Debug, Clone)]
struct Dive { site: String, samples: Vec<(f64, f64)>, surface_before_min: f64 }

#[derive(Clone)]
struct Tissues([f64; 6]);

impl Tissues {
    fn at_surface() -> Self { Tissues([0.79; 6]) }
    fn expose(&mut self, depth_m: f64, minutes: f64) {
        let ambient_n2 = 0.79 * (1.0 + depth_m / 10.0);
        for (p, t) in self.0.iter_mut().zip(HALF_TIMES) {
            *p += (ambient_n2 - *p) * (1.0 - 0.5f64.powf(minutes / t));
        }
    }
    fn worst_ratio(&self) -> (usize, f64) {
        self.0.iter().zip(SURFACE_M).map(|(p, m)| p / m).enumerate().fold((0, 0.0), |best, (i, r)| if r > best.1 { (i, r) } else { best })
    }
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, &b| acc.rotate_left(5) ^ b as u32)
}

trait DiveComputer {
    fn model(&self) -> String;
    async fn download(&mut self) -> Result<Vec<Dive>, LogError>;

    async fn download_checked(&mut self, expected: Option<u32>) -> Result<Vec<Dive>, LogError> {
        let dives = self.download().await?;
        if dives.is_empty() {
            return Err(LogError::Empty(self.model()));
        }
        if let Some(expected) = expected {
            let sites: String = dives.iter().map(|d| d.site.as_str()).collect::<Vec<_>>().join("|");
            let got = checksum(sites.as_bytes());
            if got != expected {
                return Err(LogError::Checksum { expected, got });
            }
        }
        Ok(dives)
    }
}

struct WristComputer { memory: Vec<Dive>, battery_pct: u8 }
struct CsvImport { text: String }

impl DiveComputer for WristComputer {
    fn model(&self) -> String { format!("wrist ({}% battery)", self.battery_pct) }
    async fn download(&mut self) -> Result<Vec<Dive>, LogError> {
        let mut out = Vec::new();
        while let Some(d) = self.memory.pop() {
            yield_now().await;
            out.push(d);
        }
        out.reverse();
        Ok(out)
    }
}

impl DiveComputer for CsvImport {
    fn model(&self) -> String { "csv".into() }
    async fn download(&mut self) -> Result<Vec<Dive>, LogError> {
        let mut dives: Vec<Dive> = Vec::new();
        for (n, line) in self.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            if let Some(rest) = line.strip_prefix("# ") {
                let (site, si) = rest.split_once(';').unwrap_or((rest, "0"));
                let surface_before_min = si.trim().parse().map_err(|_| LogError::Parse(n + 1, si.to_string()))?;
                dives.push(Dive { site: site.trim().to_string(), samples: Vec::new(), surface_before_min });
                continue;
            }
            let (t, d) = line.split_once(',').ok_or_else(|| LogError::Parse(n + 1, line.to_string()))?;
            let sample = (t.trim().parse::<f64>(), d.trim().parse::<f64>());
            let current = dives.last_mut().ok_or_else(|| LogError::Parse(n + 1, "sample before header".into()))?;
            match sample {
                (Ok(t), Ok(d)) => current.samples.push((t, d)),
                _ => return Err(LogError::Parse(n + 1, line.to_string())),
            }
            yield_now().await;
        }
        Ok(dives)
    }
}

async fn replay(dives: &[Dive], tissues: &mut Tissues) -> Vec<String> {
    let mut notes = Vec::new();
    for dive in dives {
        tissues.expose(0.0, dive.surface_before_min);
        let mut last_t = 0.0;
        let mut max_depth: f64 = 0.0;
        for &(t, depth) in &dive.samples {
            tissues.expose(depth, t - last_t);
            last_t = t;
            max_depth = max_depth.max(depth);
        }
        yield_now().await;
        let (comp, ratio) = tissues.worst_ratio();
        let verdict = match ratio {
            r if r > 1.0 => "DECO REQUIRED",
            r if r > 0.85 => "close to limit",
            _ => "no-stop",
        };
        notes.push(format!("{:<14} {max_depth:>4.1}m {last_t:>3.0}min  tissue {} at {:.0}%  {verdict}", dive.site, HALF_TIMES[comp], ratio * 100.0));
    }
    notes
}

async fn import<C>(computer: &mut C, expected: Option<u32>, book: &Mutex<HashMap<String, Vec<Dive>>>) -> Result<usize, LogError>
where
    C: DiveComputer,
{
    let dives = computer.download_checked(expected).await?;
    let n = dives.len();
    book.lock().unwrap().entry(computer.model()).or_default().extend(dives);
    Ok(n)
}

pub fn main() {
    let dive = |site: &str, si, samples: &[(f64, f64)]| Dive { site: site.into(), samples: samples.to_vec(), surface_before_min: si };
    let mut wrist = WristComputer {
        memory: vec![dive("Blue Hole", 600.0, &[(2.0, 18.0), (25.0, 30.0), (40.0, 12.0), (45.0, 5.0), (50.0, 0.0)]), dive("Coral Garden", 55.0, &[(3.0, 12.0), (50.0, 14.0), (60.0, 0.0)])],
        battery_pct: 64,
    };
    let mut csv = CsvImport { text: "# Wreck of the Ada; 0\n1,10\n3,32\n28,34\n33,15\n40,5\n43,0\n\n# House Reef; 45\n2,8\n60,9\n65,0".into() };
    let mut broken = CsvImport { text: "1,10\n".into() };
    let book = Mutex::new(HashMap::new());

    let expected = checksum(b"Blue Hole|Coral Garden");
    println!("wrist: {:?}", block_on(import(&mut wrist, Some(expected), &book)));
    println!("csv: {:?}", block_on(import(&mut csv, None, &book)));
    println!("broken: {:?}", block_on(import(&mut broken, None, &book)));
    println!("again: {:?}", block_on(import(&mut wrist, None, &book)));

    let mut keys: Vec<String> = book.lock().unwrap().keys().cloned().collect();
    keys.sort();
    for key in keys {
        let dives = book.lock().unwrap().get(&key).cloned().unwrap_or_default();
        let mut tissues = Tissues::at_surface();
        println!("== {key}");
        block_on(replay(&dives, &mut tissues)).iter().for_each(|n| println!("   {n}"));
    }

    let desaturate = async |hours: f64| -> f64 {
        let mut t = Tissues::at_surface();
        t.expose(30.0, 30.0);
        yield_now().await;
        t.expose(0.0, hours * 60.0);
        t.worst_ratio().1
    };
    println!("after 1h surface: {:.2}, after 12h: {:.2}", block_on(desaturate(1.0)), block_on(desaturate(12.0)));
}
