//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a harbour pilotage office that assigns licensed pilots to inbound vessels within tidal windows and rest-hour limits.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut ctx = Context::from_waker(Waker::noop());
    loop {
        match future.as_mut().poll(&mut ctx) {
            Poll::Ready(value) => break value,
            Poll::Pending => continue,
        }
    }
}

struct Sleep {
    ticks: u16,
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.ticks {
            0 => Poll::Ready(()),
            _ => {
                self.ticks -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

fn sleep(d: Duration) -> Sleep {
    Sleep { ticks: (d.as_secs() / 600).min(20) as u16 }
}

async fn radio_check(callsign: &str) -> bool {
    sleep(Duration::from_secs(600)).await;
    !callsign.is_empty()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Licence {
    ClassC = 1,
    ClassB = 2,
    ClassA = 3,
}

#[derive(Debug, Clone)]
struct Pilot {
    name: String,
    licence: Licence,
    rested_from_min: i64,
    jobs: Vec<String>,
}

#[derive(Debug, Clone)]
struct Vessel {
    callsign: String,
    loa_m: f32,
    draught_m: f32,
    eta_min: i64,
}

#[derive(Debug)]
enum Assignment {
    Boarded { pilot: String, vessel: String, at_min: i64 },
    Waiting { vessel: String, until_min: i64 },
    Refused { vessel: String, why: &'static str },
}

fn required_licence(v: &Vessel) -> Licence {
    match v.loa_m {
        l if l >= 250.0 => Licence::ClassA,
        l if l >= 120.0 => Licence::ClassB,
        _ => Licence::ClassC,
    }
}

fn tide_window(tides: &BTreeMap<i64, f32>, after: i64, need_m: f32) -> Option<i64> {
    tides.range(after..).find(|&(_, &h)| h >= need_m).map(|(&t, _)| t)
}

async fn dispatch<F>(roster: Arc<RwLock<Vec<Pilot>>>, mut queue: VecDeque<Vessel>, tides: &BTreeMap<i64, f32>, pick: F) -> Vec<Assignment>
where
    F: AsyncFn(&[Pilot], Licence, i64) -> Option<usize>,
{
    let mut out = Vec::new();
    let mut deferred = 0u8;
    while let Some(vessel) = queue.pop_front() {
        if !radio_check(&vessel.callsign).await {
            out.push(Assignment::Refused { vessel: vessel.callsign, why: "no radio contact" });
            continue;
        }
        let need = vessel.draught_m + 1.2;
        let Some(slot) = tide_window(tides, vessel.eta_min, need) else {
            out.push(Assignment::Refused { vessel: vessel.callsign, why: "no tidal window" });
            continue;
        };
        let lic = required_licence(&vessel);
        let snapshot = roster.read().unwrap().clone();
        match pick(&snapshot, lic, slot).await {
            Some(i) => {
                let mut guard = roster.write().unwrap();
                let p = &mut guard[i];
                p.rested_from_min = slot + 180;
                p.jobs.push(vessel.callsign.clone());
                out.push(Assignment::Boarded { pilot: p.name.clone(), vessel: vessel.callsign, at_min: slot });
            }
            None if deferred < 2 => {
                deferred += 1;
                sleep(Duration::from_secs(1200)).await;
                let until = vessel.eta_min + 120;
                queue.push_back(Vessel { eta_min: until, ..vessel });
            }
            None => out.push(Assignment::Waiting { until_min: vessel.eta_min + 240, vessel: vessel.callsign }),
        }
    }
    out
}

async fn workload_report(roster: &RwLock<Vec<Pilot>>) -> HashMap<Licence, (usize, Vec<String>)> {
    let guard = roster.read().unwrap();
    let mut per: HashMap<Licence, (usize, Vec<String>)> = HashMap::new();
    for pilot in guard.iter() {
        sleep(Duration::from_secs(600)).await;
        let entry = per.entry(pilot.licence).or_default();
        entry.0 += pilot.jobs.len();
        entry.1.extend(pilot.jobs.iter().cloned());
    }
    per
}

pub fn main() {
    let roster = Arc::new(RwLock::new(vec![
        Pilot { name: "Ruiz".into(), licence: Licence::ClassA, rested_from_min: 0, jobs: vec![] },
        Pilot { name: "Okafor".into(), licence: Licence::ClassB, rested_from_min: 60, jobs: vec![] },
        Pilot { name: "Lind".into(), licence: Licence::ClassC, rested_from_min: 0, jobs: vec![] },
    ]));
    let tides: BTreeMap<i64, f32> = (0..48).map(|h| (h * 30, 8.0 + 4.0 * ((h as f32) * 0.26).sin())).collect();
    let arrivals: VecDeque<Vessel> = vec![
        Vessel { callsign: "9HA-MAERSK".into(), loa_m: 300.0, draught_m: 11.0, eta_min: 30 },
        Vessel { callsign: "LATG-ferry".into(), loa_m: 140.0, draught_m: 5.5, eta_min: 45 },
        Vessel { callsign: "".into(), loa_m: 40.0, draught_m: 2.0, eta_min: 50 },
        Vessel { callsign: "OXY-coaster".into(), loa_m: 90.0, draught_m: 4.0, eta_min: 60 },
        Vessel { callsign: "VLCC-ARCTIC".into(), loa_m: 330.0, draught_m: 14.5, eta_min: 90 },
    ]
    .into();

    let strict = async |pilots: &[Pilot], lic: Licence, at: i64| -> Option<usize> {
        sleep(Duration::from_secs(600)).await;
        pilots.iter().position(|p| p.licence == lic && p.rested_from_min <= at)
    };
    let min_rank = 2u8;
    let flexible = async move |pilots: &[Pilot], lic: Licence, at: i64| -> Option<usize> {
        sleep(Duration::from_secs(1200)).await;
        pilots
            .iter()
            .enumerate()
            .filter(|(_, p)| p.licence >= lic && (p.licence as u8) >= min_rank.min(lic as u8))
            .min_by_key(|(_, p)| (p.rested_from_min - at).max(0))
            .map(|(i, _)| i)
    };

    let first = block_on(dispatch(Arc::clone(&roster), arrivals.clone(), &tides, strict));
    let second = block_on(dispatch(Arc::clone(&roster), arrivals, &tides, flexible));
    for a in first.iter().chain(&second) {
        match a {
            Assignment::Boarded { pilot, vessel, at_min: t @ 0..=120 } => println!("{pilot} boards {vessel} early at {t}"),
            Assignment::Boarded { pilot, vessel, at_min } => println!("{pilot} boards {vessel} at {at_min}"),
            Assignment::Waiting { vessel, until_min } => println!("{vessel} waits until {until_min}"),
            Assignment::Refused { vessel, why } => println!("{vessel:?} refused: {why}"),
        }
    }
    let report = block_on(workload_report(&roster));
    let mut keys: Vec<_> = report.keys().copied().collect();
    keys.sort();
    for k in keys {
        println!("{k:?}: {:?}", report[&k]);
    }
}
