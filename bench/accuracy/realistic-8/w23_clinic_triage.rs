#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Walk-in clinic triage: scores intake forms by acuity, queues patients, and assigns them to available clinicians.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Acuity {
    Resuscitation = 1,
    Emergent = 2,
    Urgent = 3,
    LessUrgent = 4,
    NonUrgent = 5,
}

#[derive(Debug, Clone)]
struct Vitals {
    heart_rate: u16,
    systolic: u16,
    spo2: u8,
    temp_c: f32,
}

#[derive(Debug, Clone)]
struct Intake {
    patient: String,
    age: u8,
    complaint: String,
    vitals: Vitals,
    arrived: Instant,
}

#[derive(Debug)]
enum Disposition {
    SeenBy { clinician: String, waited: Duration },
    Redirected(&'static str),
    LeftWithoutBeingSeen,
}

struct Clinic {
    queue: Mutex<BTreeMap<(Acuity, u64), Intake>>,
    clinicians: RwLock<HashMap<String, Option<String>>>,
    arrivals: Mutex<u64>,
    redirected: Mutex<VecDeque<String>>,
}

const RED_FLAGS: [&str; 4] = ["chest pain", "shortness of breath", "unresponsive", "stroke"];

async fn score(intake: &Intake) -> Acuity {
    Yield { left: 1 }.await;
    let complaint = intake.complaint.to_lowercase();
    let v = &intake.vitals;
    if v.spo2 < 85 || v.systolic < 80 || complaint.contains("unresponsive") {
        return Acuity::Resuscitation;
    }
    let flagged = RED_FLAGS.iter().filter(|f| complaint.contains(*f)).count();
    Yield { left: 1 }.await;
    let abnormal = [v.heart_rate > 120 || v.heart_rate < 45, v.spo2 < 92, v.temp_c >= 39.5, v.systolic > 180]
        .iter()
        .filter(|b| **b)
        .count();
    match (flagged, abnormal) {
        (f, _) if f > 0 => Acuity::Emergent,
        (_, a) if a >= 2 => Acuity::Emergent,
        (_, 1) => Acuity::Urgent,
        _ if intake.age >= 75 || intake.age <= 2 => Acuity::Urgent,
        _ if complaint.split_whitespace().any(|w| w == "rash" || w == "refill") => Acuity::NonUrgent,
        _ => Acuity::LessUrgent,
    }
}

async fn register(clinic: &Clinic, intake: Intake) -> Acuity {
    let acuity = score(&intake).await;
    if acuity == Acuity::NonUrgent && intake.complaint.contains("refill") {
        Yield { left: 1 }.await;
        clinic.redirected.lock().unwrap().push_back(intake.patient.clone());
        return acuity;
    }
    let seq = {
        let mut n = clinic.arrivals.lock().unwrap();
        *n += 1;
        *n
    };
    clinic.queue.lock().unwrap().insert((acuity, seq), intake);
    acuity
}

async fn free_clinician(clinic: &Clinic) -> Option<String> {
    Yield { left: 1 }.await;
    let roster = clinic.clinicians.read().unwrap();
    let mut names: Vec<&String> = roster.iter().filter(|(_, p)| p.is_none()).map(|(n, _)| n).collect();
    names.sort();
    names.first().map(|s| s.to_string())
}

async fn assign_next(clinic: &Clinic, patience: Duration) -> Option<(String, Disposition)> {
    let clinician = free_clinician(clinic).await?;
    loop {
        let mut q = clinic.queue.lock().unwrap();
        let key = *q.keys().next()?;
        let intake = q.remove(&key).unwrap();
        drop(q);
        let waited = intake.arrived.elapsed();
        if waited > patience && key.0 >= Acuity::LessUrgent {
            Yield { left: 1 }.await;
            return Some((intake.patient, Disposition::LeftWithoutBeingSeen));
        }
        {
            let mut roster = clinic.clinicians.write().unwrap();
            roster.insert(clinician.clone(), Some(intake.patient.clone()));
        }
        Yield { left: 2 }.await;
        return Some((intake.patient, Disposition::SeenBy { clinician, waited }));
    }
}

async fn finish_visit(clinic: &Clinic, clinician: &str) {
    Yield { left: 3 }.await;
    if let Some(slot) = clinic.clinicians.write().unwrap().get_mut(clinician) {
        *slot = None;
    }
}

async fn run_shift(clinic: Arc<Clinic>, intakes: Vec<Intake>) -> Vec<(String, Disposition)> {
    for intake in intakes.into_iter() {
        let name = intake.patient.clone();
        let a = register(&clinic, intake).await;
        println!("{name:>6} -> {:?}", a);
    }
    let mut log = Vec::new();
    while let Some((patient, disp)) = assign_next(&clinic, Duration::from_secs(3600)).await {
        if let Disposition::SeenBy { clinician, .. } = &disp {
            finish_visit(&clinic, clinician).await;
        }
        log.push((patient, disp));
    }
    log
}

fn intake(p: &str, age: u8, complaint: &str, hr: u16, sys: u16, spo2: u8, t: f32) -> Intake {
    Intake { patient: p.into(), age, complaint: complaint.into(), vitals: Vitals { heart_rate: hr, systolic: sys, spo2, temp_c: t }, arrived: Instant::now() }
}

fn main() {
    let clinic = Arc::new(Clinic {
        queue: Mutex::new(BTreeMap::new()),
        clinicians: RwLock::new(HashMap::from([("dr_a".to_string(), None), ("np_b".to_string(), None)])),
        arrivals: Mutex::new(0),
        redirected: Mutex::new(VecDeque::new()),
    });
    let intakes = vec![
        intake("ann", 34, "sore throat", 88, 120, 98, 38.1),
        intake("ben", 61, "Chest pain radiating to arm", 110, 150, 95, 36.9),
        intake("cho", 80, "dizzy", 72, 130, 97, 36.6),
        intake("dev", 25, "need inhaler refill", 70, 118, 99, 36.5),
        intake("eli", 45, "fever and cough", 125, 110, 90, 39.8),
        intake("fay", 19, "itchy rash", 80, 115, 99, 36.7),
    ];
    let log = block_on(run_shift(Arc::clone(&clinic), intakes));
    for (p, d) in log.iter() {
        match d {
            Disposition::SeenBy { clinician, .. } => println!("{p} seen by {clinician}"),
            other => println!("{p}: {:?}", other),
        }
    }
    println!("redirected: {:?}", clinic.redirected.lock().unwrap());
    let a = block_on(score(&intake("gus", 50, "unresponsive", 40, 70, 80, 35.0)));
    println!("gus: {:?} (level {})", a, a as u8);
}
