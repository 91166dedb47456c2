#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Aquarium life support: reads water chemistry probes per tank, doses buffers and schedules water changes.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

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

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Param {
    Ph,
    Ammonia,
    Nitrate,
    Salinity,
}

#[derive(Debug)]
enum ProbeError {
    Fouled(Param),
    NeedsCalibration { param: Param, days: u32 },
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Fouled(p) => write!(f, "{p:?} probe fouled"),
            ProbeError::NeedsCalibration { param, days } => write!(f, "{param:?} probe {days} days since calibration"),
        }
    }
}

trait Probe: Send + Sync {
    fn param(&self) -> Param;
    fn measure(&self, tank: u32) -> BoxFut<'_, Result<f64, ProbeError>>;
}

struct GlassElectrode {
    offset: f64,
    days_since_cal: u32,
}

struct Colorimeter {
    param: Param,
    reagent_ml: Mutex<f64>,
}

impl Probe for GlassElectrode {
    fn param(&self) -> Param {
        Param::Ph
    }
    fn measure(&self, tank: u32) -> BoxFut<'_, Result<f64, ProbeError>> {
        Box::pin(async move {
            if self.days_since_cal > 30 {
                return Err(ProbeError::NeedsCalibration { param: Param::Ph, days: self.days_since_cal });
            }
            Yield { left: 2 }.await;
            Ok(8.1 - (tank % 4) as f64 * 0.15 + self.offset)
        })
    }
}

impl Probe for Colorimeter {
    fn param(&self) -> Param {
        self.param
    }
    fn measure(&self, tank: u32) -> BoxFut<'_, Result<f64, ProbeError>> {
        Box::pin(async move {
            let ok = {
                let mut ml = self.reagent_ml.lock().unwrap();
                *ml -= 0.5;
                *ml > 0.0
            };
            Yield { left: 3 }.await;
            if !ok {
                return Err(ProbeError::Fouled(self.param));
            }
            Ok(match self.param {
                Param::Ammonia => 0.05 * tank as f64,
                Param::Nitrate => 4.0 + tank as f64 * 6.5,
                _ => 35.0,
            })
        })
    }
}

#[derive(Debug, PartialEq)]
enum Remedy {
    DoseBuffer { ml: f64 },
    WaterChange { pct: u8 },
    CallAquarist(String),
}

fn dose_for(reading: f64, target: f64, volume_l: f64) -> Pin<Box<dyn Future<Output = f64> + Send>> {
    Box::pin(async move {
        Yield { left: 1 }.await;
        ((target - reading).max(0.0) * volume_l * 0.02 * 100.0).round() / 100.0
    })
}

async fn assess_tank(tank: u32, volume_l: f64, probes: &[Box<dyn Probe>]) -> Vec<Remedy> {
    let mut readings: BTreeMap<u8, f64> = BTreeMap::new();
    let mut remedies = Vec::new();
    for (i, probe) in probes.iter().enumerate() {
        match probe.measure(tank).await {
            Ok(v) => {
                readings.insert(i as u8, v);
            }
            Err(e @ ProbeError::NeedsCalibration { .. }) => {
                remedies.push(Remedy::CallAquarist(format!("tank {tank}: {e}")));
                continue;
            }
            Err(e) => {
                remedies.push(Remedy::CallAquarist(e.to_string()));
                return remedies;
            }
        }
        let v = readings[&(i as u8)];
        match probe.param() {
            Param::Ph if v < 8.0 => {
                let ml = dose_for(v, 8.2, volume_l).await;
                remedies.push(Remedy::DoseBuffer { ml });
            }
            Param::Ammonia if v > 0.25 => remedies.push(Remedy::WaterChange { pct: 30 }),
            Param::Nitrate if v > 20.0 => {
                let pct = ((v - 20.0) * 2.0).min(50.0) as u8 + 10;
                remedies.push(Remedy::WaterChange { pct });
            }
            _ => {}
        }
    }
    remedies
}

async fn daily_round(tanks: &[(u32, f64)], probes: Arc<Vec<Box<dyn Probe>>>, log: Arc<RwLock<HashMap<u32, usize>>>) -> Duration {
    let mut work = Duration::ZERO;
    for &(tank, vol) in tanks {
        let remedies = assess_tank(tank, vol, &probes).await;
        for r in &remedies {
            work += match r {
                Remedy::DoseBuffer { .. } => Duration::from_secs(120),
                Remedy::WaterChange { pct } => Duration::from_secs(60 * *pct as u64),
                Remedy::CallAquarist(msg) => {
                    println!("  page: {msg}");
                    Duration::ZERO
                }
            };
        }
        log.write().unwrap().insert(tank, remedies.len());
        Yield { left: 1 }.await;
    }
    work
}

fn main() {
    let probes: Arc<Vec<Box<dyn Probe>>> = Arc::new(vec![
        Box::new(GlassElectrode { offset: -0.05, days_since_cal: 12 }),
        Box::new(Colorimeter { param: Param::Ammonia, reagent_ml: Mutex::new(10.0) }),
        Box::new(Colorimeter { param: Param::Nitrate, reagent_ml: Mutex::new(1.2) }),
    ]);
    let log = Arc::new(RwLock::new(HashMap::new()));
    let work = block_on(daily_round(&[(1, 400.0), (3, 1200.0), (6, 90.0), (7, 250.0)], probes.clone(), log.clone()));
    println!("aquarist work today: {} min", work.as_secs() / 60);
    println!("remedies per tank: {:?}", log.read().unwrap());
    let stale: Vec<Box<dyn Probe>> = vec![Box::new(GlassElectrode { offset: 0.0, days_since_cal: 45 })];
    println!("{:?}", block_on(assess_tank(2, 100.0, &stale)));
    println!("dose {}", block_on(dose_for(7.7, 8.2, 500.0)));
}
