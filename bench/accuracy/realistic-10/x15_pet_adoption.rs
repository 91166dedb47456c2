//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models an animal shelter's adoption desk that screens applications, matches adopters to animals and books home visits.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield(false).await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Species {
    Dog { size_kg: f32, good_with_cats: bool },
    Cat { indoor_only: bool },
    Rabbit,
}

#[derive(Debug, Clone)]
struct Animal {
    id: u16,
    name: String,
    species: Species,
    age_months: u16,
    days_in_shelter: u16,
    medical_notes: Vec<String>,
}

impl PartialEq for Animal {
    fn eq(&self, o: &Self) -> bool {
        self.id == o.id
    }
}
impl Eq for Animal {}
impl Ord for Animal {
    fn cmp(&self, o: &Self) -> Ordering {
        // longest stays get matched first
        self.days_in_shelter.cmp(&o.days_in_shelter).then(o.id.cmp(&self.id))
    }
}
impl PartialOrd for Animal {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

#[derive(Debug, Clone)]
struct Application {
    applicant: String,
    has_yard: bool,
    has_cats: bool,
    kids_under_6: bool,
    landlord_ok: Option<bool>,
    wants: &'static str,
    references: Vec<(String, bool)>,
}

#[derive(Debug)]
enum Decision {
    Approved { applicant: String, animal: String, visit_in: Duration },
    Waitlisted(String),
    Denied { applicant: String, reason: &'static str },
}

async fn check_references(refs: &[(String, bool)]) -> Result<u8, &'static str> {
    let mut good = 0u8;
    for (who, positive) in refs {
        yield_now().await;
        match (who.as_str(), positive) {
            ("", _) => return Err("blank reference"),
            (_, true) => good += 1,
            (name, false) if name.starts_with("Vet") => return Err("negative vet reference"),
            _ => {}
        }
    }
    if good == 0 { Err("no positive references") } else { Ok(good) }
}

fn suitable(app: &Application, animal: &Animal) -> bool {
    match &animal.species {
        Species::Dog { size_kg, .. } if *size_kg > 25.0 && !app.has_yard => false,
        Species::Dog { good_with_cats: false, .. } if app.has_cats => false,
        Species::Dog { .. } => app.wants == "dog" || app.wants == "any",
        Species::Cat { .. } if app.kids_under_6 && animal.age_months < 6 => false,
        Species::Cat { .. } => app.wants == "cat" || app.wants == "any",
        Species::Rabbit => app.wants == "rabbit" || (app.wants == "any" && !app.kids_under_6),
    }
}

async fn screen(app: Application, kennel: &mut BinaryHeap<Animal>) -> Decision {
    if app.landlord_ok == Some(false) {
        return Decision::Denied { applicant: app.applicant, reason: "landlord refused pets" };
    }
    let refs_ok = check_references(&app.references).await;
    let score = match refs_ok {
        Ok(n) => n,
        Err(reason) => return Decision::Denied { applicant: app.applicant, reason },
    };
    let mut passed_over = Vec::new();
    let found = loop {
        let Some(animal) = kennel.pop() else { break None };
        yield_now().await;
        if suitable(&app, &animal) {
            break Some(animal);
        }
        passed_over.push(animal);
    };
    kennel.extend(passed_over);
    match found {
        Some(animal) => {
            let visit_in = Duration::from_secs(if score >= 2 { 2 } else { 5 } * 86_400);
            Decision::Approved { applicant: app.applicant, animal: animal.name, visit_in }
        }
        None => Decision::Waitlisted(app.applicant),
    }
}

async fn intake_vet_check<I>(arrivals: I) -> BTreeMap<u16, Vec<String>>
where
    I: IntoIterator<Item = (u16, &'static str)>,
{
    let mut flags: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for (id, exam) in arrivals {
        for finding in exam.split('+').map(str::trim).filter(|f| !f.is_empty()) {
            yield_now().await;
            flags.entry(id).or_default().push(finding.to_lowercase());
        }
    }
    flags
}

pub fn main() {
    let base = Animal { id: 0, name: String::new(), species: Species::Rabbit, age_months: 12, days_in_shelter: 10, medical_notes: vec![] };
    let mut kennel: BinaryHeap<Animal> = BinaryHeap::new();
    kennel.push(Animal { id: 1, name: "Biscuit".into(), species: Species::Dog { size_kg: 32.0, good_with_cats: true }, days_in_shelter: 140, ..base.clone() });
    kennel.push(Animal { id: 2, name: "Pepper".into(), species: Species::Cat { indoor_only: true }, age_months: 4, days_in_shelter: 21, ..base.clone() });
    kennel.push(Animal { id: 3, name: "Clover".into(), days_in_shelter: 65, ..base.clone() });
    kennel.push(Animal { id: 4, name: "Rex".into(), species: Species::Dog { size_kg: 9.5, good_with_cats: false }, age_months: 30, days_in_shelter: 88, ..base.clone() });
    kennel.push(Animal { id: 5, name: "Mochi".into(), species: Species::Cat { indoor_only: false }, age_months: 60, days_in_shelter: 200, ..base });

    let applications = vec![
        Application { applicant: "Priya".into(), has_yard: false, has_cats: true, kids_under_6: false, landlord_ok: Some(true), wants: "dog", references: vec![("Vet Sandoval".into(), true)] },
        Application { applicant: "Marcus".into(), has_yard: true, has_cats: false, kids_under_6: true, landlord_ok: None, wants: "any", references: vec![("Neighbor".into(), true), ("Vet Cho".into(), true)] },
        Application { applicant: "Lena".into(), has_yard: false, has_cats: false, kids_under_6: true, landlord_ok: Some(false), wants: "cat", references: vec![] },
        Application { applicant: "Otto".into(), has_yard: false, has_cats: false, kids_under_6: false, landlord_ok: Some(true), wants: "cat", references: vec![("Vet Lim".into(), false)] },
        Application { applicant: "Sana".into(), has_yard: false, has_cats: false, kids_under_6: true, landlord_ok: Some(true), wants: "cat", references: vec![("Coworker".into(), true)] },
    ];

    let decisions = block_on(async {
        let mut out = Vec::new();
        for app in applications {
            out.push(screen(app, &mut kennel).await);
        }
        out
    });
    let mut visits: HashMap<String, Duration> = HashMap::new();
    for d in decisions {
        match d {
            Decision::Approved { applicant, animal, visit_in } => {
                println!("{applicant} approved for {animal}; home visit in {} days", visit_in.as_secs() / 86_400);
                visits.insert(applicant, visit_in);
            }
            Decision::Waitlisted(who) => println!("{who} waitlisted"),
            Decision::Denied { applicant, reason } => println!("{applicant} denied: {reason}"),
        }
    }
    let remaining: Vec<String> = kennel.into_sorted_vec().into_iter().rev().map(|a| format!("{}({}d)", a.name, a.days_in_shelter)).collect();
    println!("still available: {}", remaining.join(", "));

    let from_array = block_on(intake_vet_check([(10u16, "FIV negative + microchipped"), (11, "ear mites+ underweight")]));
    let from_vec = block_on(intake_vet_check(vec![(12u16, " + heartworm positive")]));
    println!("intake flags: {from_array:?} {from_vec:?}; visits booked {}", visits.len());
}
