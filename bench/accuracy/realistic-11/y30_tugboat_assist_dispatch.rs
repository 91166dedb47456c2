//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a port towage company's dispatcher that picks tug combinations by bollard pull for berthing jobs and runs the jobs concurrently on a tiny executor.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Round-robin executor: polls every job once per pass until all finish.
fn run_all<T>(jobs: Vec<Pin<Box<dyn Future<Output = T> + '_>>>) -> Vec<T> {
    let mut cx = Context::from_waker(Waker::noop());
    let mut slots: Vec<Option<Pin<Box<dyn Future<Output = T> + '_>>>> = jobs.into_iter().map(Some).collect();
    let mut results: Vec<Option<T>> = slots.iter().map(|_| None).collect();
    while slots.iter().any(Option::is_some) {
        for (slot, out) in slots.iter_mut().zip(results.iter_mut()) {
            if let Some(fut) = slot {
                if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                    *out = Some(v);
                    *slot = None;
                }
            }
        }
    }
    results.into_iter().flatten().collect()
}

struct Steam {
    minutes_left: u32,
}

impl Future for Steam {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.minutes_left == 0 {
            return Poll::Ready(());
        }
        self.minutes_left = self.minutes_left.saturating_sub(10);
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn steam_for(d: Duration) -> Steam {
    Steam { minutes_left: (d.as_secs() / 60) as u32 }
}

#[derive(Debug)]
struct Tug {
    name: &'static str,
    bollard_t: u16,
    azimuth: bool,
    busy: Cell<bool>,
    log: RefCell<Vec<String>>,
}

#[derive(Debug, Clone)]
struct Job {
    ship: String,
    dwt: u32,
    berth: &'static str,
    wind_kn: u8,
    outbound: bool,
}

#[derive(Debug)]
enum JobReport {
    Done { ship: String, tugs: Vec<&'static str>, minutes: u32 },
    Deferred { ship: String, reason: String },
}

fn required_pull(job: &Job) -> u16 {
    let base = (job.dwt / 2_000) as u16 + 20;
    match job.wind_kn {
        w @ 0..=15 => base,
        w @ 16..=25 => base + base * (w as u16 - 15) / 20,
        _ => u16::MAX,
    }
}

fn pick_tugs(fleet: &[Rc<Tug>], need: u16) -> Option<Vec<Rc<Tug>>> {
    let free: Vec<&Rc<Tug>> = fleet.iter().filter(|t| !t.busy.get()).collect();
    let mut best: Option<(u16, Vec<usize>)> = None;
    for mask in 1u32..(1 << free.len()) {
        let chosen: Vec<usize> = (0..free.len()).filter(|i| mask & (1 << i) != 0).collect();
        if chosen.len() > 3 {
            continue;
        }
        let pull: u16 = chosen.iter().map(|&i| free[i].bollard_t).sum();
        let has_asd = chosen.iter().any(|&i| free[i].azimuth);
        match &best {
            _ if pull < need || !has_asd => {}
            Some((p, c)) if (chosen.len(), pull) >= (c.len(), *p) => {}
            _ => best = Some((pull, chosen)),
        }
    }
    best.map(|(_, idx)| idx.into_iter().map(|i| Rc::clone(free[i])).collect())
}

async fn perform(job: Job, tugs: Vec<Rc<Tug>>) -> JobReport {
    let Job { ship, berth, outbound, .. } = job;
    let transit = Duration::from_secs(if outbound { 25 * 60 } else { 40 * 60 });
    for t in &tugs {
        t.busy.set(true);
    }
    steam_for(transit).await;
    let names: Vec<&'static str> = tugs.iter().map(|t| t.name).collect();
    for t in &tugs {
        t.log.borrow_mut().push(format!("{} {ship} {berth}", if outbound { "sailed" } else { "berthed" }));
    }
    steam_for(Duration::from_secs(20 * 60)).await;
    for t in &tugs {
        t.busy.set(false);
    }
    JobReport::Done { ship, tugs: names, minutes: (transit.as_secs() / 60) as u32 + 20 }
}

async fn dispatch_window(fleet: &[Rc<Tug>], mut pending: VecDeque<Job>) -> (Vec<Pin<Box<dyn Future<Output = JobReport>>>>, Vec<JobReport>) {
    let mut launched: Vec<Pin<Box<dyn Future<Output = JobReport>>>> = Vec::new();
    let mut deferred = Vec::new();
    while let Some(job) = pending.pop_front() {
        steam_for(Duration::from_secs(600)).await;
        let need = required_pull(&job);
        if need == u16::MAX {
            deferred.push(JobReport::Deferred { ship: job.ship, reason: format!("wind {}kn above limit", job.wind_kn) });
            continue;
        }
        match pick_tugs(fleet, need) {
            Some(tugs) => {
                for t in &tugs {
                    t.busy.set(true);
                }
                launched.push(Box::pin(perform(job, tugs)));
            }
            None => deferred.push(JobReport::Deferred { reason: format!("need {need}t, insufficient free pull"), ship: job.ship }),
        }
    }
    (launched, deferred)
}

pub fn main() {
    let fleet: Vec<Rc<Tug>> = [("Svitzer Hale", 80, true), ("Ajax", 45, false), ("Bever", 60, true), ("Coastal Lass", 32, false), ("Thor", 70, true)]
        .into_iter()
        .map(|(name, bollard_t, azimuth)| Rc::new(Tug { name, bollard_t, azimuth, busy: Cell::new(false), log: RefCell::new(Vec::new()) }))
        .collect();
    let jobs: VecDeque<Job> = vec![
        Job { ship: "MSC Aurora".into(), dwt: 180_000, berth: "CT-4", wind_kn: 12, outbound: false },
        Job { ship: "Nordic Fjord".into(), dwt: 45_000, berth: "OT-1", wind_kn: 18, outbound: true },
        Job { ship: "Bulk Tern".into(), dwt: 82_000, berth: "B-7", wind_kn: 22, outbound: false },
        Job { ship: "Gas Sprite".into(), dwt: 30_000, berth: "LNG", wind_kn: 31, outbound: false },
    ]
    .into();

    let (launched, deferred) = block_on(dispatch_window(&fleet, jobs));
    let reports = run_all(launched);
    for r in reports.iter().chain(deferred.iter()) {
        match r {
            JobReport::Done { ship, tugs, minutes } if tugs.len() >= 3 => println!("{ship}: heavy assist {tugs:?} in {minutes} min"),
            JobReport::Done { ship, tugs, minutes } => println!("{ship}: {tugs:?} in {minutes} min"),
            JobReport::Deferred { ship, reason } => println!("{ship}: deferred ({reason})"),
        }
    }
    let hours: BTreeMap<&str, usize> = fleet.iter().map(|t| (t.name, t.log.borrow().len())).collect();
    println!("jobs per tug {hours:?}");

    let crew_change = async move |tug: Rc<Tug>, at: &str| -> String {
        steam_for(Duration::from_secs(30 * 60)).await;
        let old = std::mem::replace(&mut *tug.log.borrow_mut(), Vec::new());
        format!("{} crew change at {at}, archived {} log lines", tug.name, old.len())
    };
    let tasks: Vec<Pin<Box<dyn Future<Output = String>>>> = fleet.iter().take(2).map(|t| Box::pin(crew_change(Rc::clone(t), "Tug Pontoon")) as Pin<Box<dyn Future<Output = String>>>).collect();
    for line in run_all(tasks) {
        println!("{line}");
    }
    let by_type: HashMap<bool, u16> = fleet.iter().fold(HashMap::new(), |mut m, t| {
        *m.entry(t.azimuth).or_insert(0) += t.bollard_t;
        m
    });
    println!("total pull ASD={:?} conventional={:?}", by_type.get(&true), by_type.get(&false));
}
