//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a farm grain-storage controller that reads silo temperature cables, estimates moisture and decides when to run aeration fans.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::num::{ParseFloatError, ParseIntError};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let waker = Waker::noop();
    let mut cx = Context::from_waker(&waker);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::yield_now(),
        }
    }
}

struct Sleep(u32);

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn sleep(d: Duration) {
    Sleep((d.as_secs() / 60) as u32).await
}

#[derive(Debug)]
enum SiloError {
    BadNode(ParseIntError),
    BadReading(ParseFloatError),
    CableFault { cable: String, node: u8 },
    Empty,
}

impl From<ParseIntError> for SiloError {
    fn from(e: ParseIntError) -> Self {
        SiloError::BadNode(e)
    }
}

impl From<ParseFloatError> for SiloError {
    fn from(e: ParseFloatError) -> Self {
        SiloError::BadReading(e)
    }
}

impl fmt::Display for SiloError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiloError::CableFault { cable, node } => write!(f, "cable {cable} node {node} open circuit"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FanMode {
    Off,
    Cooling { hours: u8 },
    Drying { hours: u8 },
    Hold,
}

#[derive(Debug, Clone)]
struct SiloState {
    crop: &'static str,
    bushels: u32,
    fan: FanMode,
    hot_spots: Vec<(String, u8, f32)>,
    fan_hours: u32,
}

struct Weather {
    ambient_c: f32,
    rh_pct: f32,
}

async fn read_cable(cable: &str, dump: &str) -> Result<Vec<(u8, f32)>, SiloError> {
    let mut nodes = Vec::new();
    for line in dump.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (node, temp) = line.split_once('=').ok_or(SiloError::Empty)?;
        let node: u8 = node.trim().parse()?;
        let temp = temp.trim();
        if temp == "OPEN" {
            return Err(SiloError::CableFault { cable: cable.to_string(), node });
        }
        nodes.push((node, temp.parse::<f32>()?));
        sleep(Duration::from_secs(60)).await;
    }
    if nodes.is_empty() {
        return Err(SiloError::Empty);
    }
    Ok(nodes)
}

/// Chung-Pfost style equilibrium moisture rough estimate.
fn emc(crop: &str, temp_c: f32, rh: f32) -> f32 {
    let (a, b) = match crop {
        "corn" => (0.339, 0.059),
        "wheat" => (0.356, 0.057),
        _ => (0.3, 0.06),
    };
    let rh = (rh / 100.0).clamp(0.05, 0.95);
    (a - b * (-(temp_c + 30.0) * rh.ln()).ln()) * 100.0
}

fn decide(state: &SiloState, weather: &Weather, grain_mc: f32) -> FanMode {
    let avg_hot = state.hot_spots.iter().map(|h| h.2).fold(0.0f32, f32::max);
    let air_emc = emc(state.crop, weather.ambient_c, weather.rh_pct);
    match (avg_hot, weather) {
        (t, w) if t > w.ambient_c + 8.0 && w.rh_pct < 85.0 => FanMode::Cooling { hours: ((t - w.ambient_c) as u8).min(24) },
        (_, w) if grain_mc > 15.5 && air_emc < grain_mc - 1.0 => FanMode::Drying { hours: 12 },
        (_, w) if w.rh_pct >= 90.0 => FanMode::Hold,
        _ => FanMode::Off,
    }
}

async fn survey_silo(name: &str, silo: Arc<Mutex<SiloState>>, cables: &[(&str, &str)], weather: &Weather) -> Result<FanMode, SiloError> {
    let mut all: HashMap<String, Vec<(u8, f32)>> = HashMap::new();
    for &(cable, dump) in cables {
        let nodes = read_cable(cable, dump).await?;
        all.insert(cable.to_string(), nodes);
    }
    let mut guard = silo.lock().unwrap();
    let previous = std::mem::take(&mut guard.hot_spots);
    for (cable, nodes) in all.into_iter() {
        for (node, t) in nodes.into_iter().rev() {
            if t > 20.0 {
                guard.hot_spots.push((cable.clone(), node, t));
            }
        }
    }
    sleep(Duration::from_secs(120)).await;
    let mode = decide(&guard, weather, 16.2);
    let old = std::mem::replace(&mut guard.fan, mode);
    guard.fan_hours += match mode {
        FanMode::Cooling { hours } | FanMode::Drying { hours } => hours as u32,
        _ => 0,
    };
    if old != mode {
        println!("{name}: fan {old:?} -> {mode:?} (was {} hot spots)", previous.len());
    }
    Ok(mode)
}

pub fn main() {
    let bin3 = Arc::new(Mutex::new(SiloState { crop: "corn", bushels: 42_000, fan: FanMode::Off, hot_spots: vec![], fan_hours: 0 }));
    let bin4 = Arc::new(Mutex::new(SiloState { crop: "wheat", bushels: 18_500, ..bin3.lock().unwrap().clone() }));
    let night = Weather { ambient_c: 6.0, rh_pct: 62.0 };
    let fog = Weather { ambient_c: 9.0, rh_pct: 96.0 };

    let cable_a = "# cable A top->bottom\n1=14.5\n2=18.0\n3=27.5\n4=22.1\n";
    let cable_b = "1=13.0\n2=13.4\n\n3=14.1\n";
    let cable_bad = "1=12.0\n2=OPEN\n";
    let cable_garbled = "x=12.0\n";

    let r1 = block_on(survey_silo("bin 3", Arc::clone(&bin3), &[("A", cable_a), ("B", cable_b)], &night));
    let r2 = block_on(survey_silo("bin 4", Arc::clone(&bin4), &[("A", cable_b)], &fog));
    let r3 = block_on(survey_silo("bin 4", Arc::clone(&bin4), &[("C", cable_bad)], &night));
    let r4 = block_on(survey_silo("bin 4", Arc::clone(&bin4), &[("D", cable_garbled)], &night));
    for r in [&r1, &r2, &r3, &r4] {
        match r {
            Ok(FanMode::Cooling { hours }) if *hours > 12 => println!("long cooling run: {hours}h"),
            Ok(m) => println!("mode {m:?}"),
            Err(e) => println!("survey failed: {e}"),
        }
    }

    let mut plan: VecDeque<(Arc<Mutex<SiloState>>, u8)> = VecDeque::from(vec![(Arc::clone(&bin3), 3), (Arc::clone(&bin4), 1)]);
    let energy_kwh = block_on(async move {
        let mut kwh = 0.0f64;
        while let Some((silo, hp)) = plan.pop_front() {
            let hours = silo.lock().unwrap().fan_hours;
            sleep(Duration::from_secs(60 * hours as u64 / 4)).await;
            kwh += hours as f64 * hp as f64 * 0.746;
        }
        kwh
    });
    println!("projected fan energy {energy_kwh:.1} kWh");
}
