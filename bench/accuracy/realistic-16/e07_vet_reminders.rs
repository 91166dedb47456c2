//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Veterinary clinic reminder engine: applies species-specific vaccine schedules to patient
//! histories, works out what is due or lapsed, and sends reminders over the owner's channel.

use std::collections::{BTreeMap, HashMap, HashSet};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Species { Dog, Cat { indoor: bool }, Rabbit }

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Vaccine { Rabies, Dhpp, Leptospirosis, Fvrcp, FeLV, Rhdv2 }

#[derive(Debug, Clone)]
enum Channel { Sms(String), Email(String), Post { postcode: String } }

#[derive(Debug, Clone)]
struct Patient { id: u32, name: String, species: Species, born_day: u32, given: BTreeMap<Vaccine, u32>, owner: Channel }

#[derive(Debug, PartialEq)]
enum Status { Current { next_due: u32 }, DueSoon { due: u32 }, Lapsed { days_over: u32 }, NeverGiven }

/// (vaccine, booster interval in days) per species
fn schedule(species: Species) -> Vec<(Vaccine, u32)> {
    match species {
        Species::Dog => vec![(Vaccine::Rabies, 3 * 365), (Vaccine::Dhpp, 3 * 365), (Vaccine::Leptospirosis, 365)],
        Species::Cat { indoor: true } => vec![(Vaccine::Rabies, 3 * 365), (Vaccine::Fvrcp, 3 * 365)],
        Species::Cat { indoor: false } => vec![(Vaccine::Rabies, 3 * 365), (Vaccine::Fvrcp, 3 * 365), (Vaccine::FeLV, 365)],
        Species::Rabbit => vec![(Vaccine::Rhdv2, 365)],
    }
}

fn status_of(last: Option<u32>, interval: u32, today: u32) -> Status {
    match last.map(|d| d + interval) {
        None => Status::NeverGiven,
        Some(due) if due < today => Status::Lapsed { days_over: today - due },
        Some(due) if due - today <= 30 => Status::DueSoon { due },
        Some(next_due) => Status::Current { next_due },
    }
}

async fn review(p: &Patient, today: u32) -> Vec<(Vaccine, Status)> {
    let mut out = Vec::new();
    for (vac, interval) in schedule(p.species) {
        yield_now().await;
        let st = status_of(p.given.get(&vac).copied(), interval, today);
        if !matches!(st, Status::Current { .. }) {
            out.push((vac, st));
        }
    }
    out
}

async fn deliver(channel: &Channel, body: String, opted_out: &HashSet<String>) -> Result<usize, String> {
    yield_now().await;
    match channel {
        Channel::Sms(num) if opted_out.contains(num) => Err(format!("{num} opted out")),
        Channel::Sms(num) if body.len() > 160 => Ok(body.len().div_ceil(153)),
        Channel::Sms(_) | Channel::Email(_) => Ok(1),
        Channel::Post { postcode } if postcode.trim().is_empty() => Err("no postal address".into()),
        Channel::Post { .. } => {
            yield_now().await;
            Ok(1)
        }
    }
}

fn main() {
    let today = 20_000;
    let patients = vec![
        Patient { id: 1, name: "Biscuit".into(), species: Species::Dog, born_day: 18_000,
            given: BTreeMap::from([(Vaccine::Rabies, 19_100), (Vaccine::Dhpp, 18_900), (Vaccine::Leptospirosis, 19_650)]),
            owner: Channel::Sms("+447700900001".into()) },
        Patient { id: 2, name: "Mochi".into(), species: Species::Cat { indoor: false }, born_day: 19_200,
            given: BTreeMap::from([(Vaccine::Fvrcp, 19_300)]), owner: Channel::Email("mochi@example.org".into()) },
        Patient { id: 3, name: "Thumper".into(), species: Species::Rabbit, born_day: 19_500,
            given: BTreeMap::from([(Vaccine::Rhdv2, 19_640)]), owner: Channel::Post { postcode: " ".into() } },
        Patient { id: 4, name: "Pixel".into(), species: Species::Cat { indoor: true }, born_day: 19_900,
            given: BTreeMap::new(), owner: Channel::Sms("+447700900009".into()) },
    ];
    let opted_out: HashSet<String> = ["+447700900009".to_string()].into_iter().collect();

    let mut jobs: Vec<Pin<Box<dyn Future<Output = (u32, Result<usize, String>)> + '_>>> = Vec::new();
    let make_job = |p: &'static Patient| async move { (p.id, Ok::<usize, String>(p.name.len())) };
    for p in &patients {
        let opted = &opted_out;
        jobs.push(Box::pin(async move {
            let items = review(p, today).await;
            if items.is_empty() {
                return (p.id, Ok(0));
            }
            let body = items.iter().fold(format!("Hi from the clinic: {} is due for", p.name), |mut acc, (v, st)| {
                acc.push_str(&match st {
                    Status::Lapsed { days_over } => format!(" {v:?} (overdue {days_over}d)"),
                    Status::DueSoon { due } => format!(" {v:?} (by day {due})"),
                    _ => format!(" {v:?}"),
                });
                acc
            });
            (p.id, deliver(&p.owner, body, opted).await)
        }));
    }
    let results: HashMap<u32, Result<usize, String>> = jobs.into_iter().map(block_on).collect();
    assert_eq!(results[&1], Ok(1));
    assert_eq!(results[&2], Ok(1));
    assert!(results[&3].as_ref().is_err_and(|e| e.contains("postal")));
    assert!(results[&4].is_err());

    let biscuit = block_on(review(&patients[0], today));
    assert_eq!(biscuit.len(), 2);
    assert_eq!(status_of(Some(19_990), 365, today), Status::Current { next_due: 20_355 });

    static STRAY: std::sync::OnceLock<Patient> = std::sync::OnceLock::new();
    let stray = STRAY.get_or_init(|| Patient { id: 99, name: "Stray".into(), species: Species::Dog, born_day: 0, given: BTreeMap::new(), owner: Channel::Email(String::new()) });
    let (id, len) = block_on(make_job(stray));
    assert_eq!((id, len), (99, Ok(5)));

    let long = "x".repeat(200);
    let parts = block_on(deliver(&Channel::Sms("+1".into()), long, &opted_out));
    assert_eq!(parts, Ok(2));
    println!("reminder results: {results:?}");
}
