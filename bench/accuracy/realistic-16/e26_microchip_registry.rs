//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Pet microchip lookup hub: validates 15-digit ISO 11784 chip numbers scanned at shelters,
//! fans the query out to member registries by manufacturer prefix, and merges owner contacts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::cell::RefCell;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct ChipId { country_or_maker: u16, national: u64 }

#[derive(Debug, PartialEq)]
enum ChipError { Length(usize), NonDigit { pos: usize, ch: char }, ReservedCode(u16) }

impl std::str::FromStr for ChipId {
    type Err = ChipError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect();
        if let Some((pos, ch)) = digits.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(ChipError::NonDigit { pos, ch });
        }
        if digits.len() != 15 { return Err(ChipError::Length(digits.len())); }
        let code: u16 = digits[..3].parse().expect("digits");
        if code == 0 || code == 999 { return Err(ChipError::ReservedCode(code)); } // 999 = test transponders
        Ok(ChipId { country_or_maker: code, national: digits[3..].parse().expect("digits") })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Contact { Phone(String), Email(String), Both { phone: String, email: String } }

#[derive(Debug, Clone)]
struct Enrollment { registry: &'static str, pet: String, owner: String, contact: Contact, updated_day: u32 }

trait Registry {
    fn name(&self) -> &'static str;
    fn serves(&self, chip: &ChipId) -> bool;
    async fn lookup(&self, chip: &ChipId) -> Result<Option<Enrollment>, String>;
}

struct ManufacturerDb { prefix: u16, records: HashMap<u64, (String, String, Contact, u32)>, outage: bool }
struct NationalDb { country: u16, rows: Vec<(ChipId, Enrollment)>, lookups: RefCell<u32> }

impl Registry for ManufacturerDb {
    fn name(&self) -> &'static str { "maker-db" }
    fn serves(&self, chip: &ChipId) -> bool { chip.country_or_maker == self.prefix }
    async fn lookup(&self, chip: &ChipId) -> Result<Option<Enrollment>, String> {
        yield_now().await;
        if self.outage { return Err(format!("{} unavailable", self.name())); }
        Ok(self.records.get(&chip.national).map(|(pet, owner, contact, day)| Enrollment { registry: self.name(), pet: pet.clone(), owner: owner.clone(), contact: contact.clone(), updated_day: *day }))
    }
}
impl Registry for NationalDb {
    fn name(&self) -> &'static str { "national" }
    fn serves(&self, chip: &ChipId) -> bool { chip.country_or_maker == self.country || chip.country_or_maker >= 900 }
    async fn lookup(&self, chip: &ChipId) -> Result<Option<Enrollment>, String> {
        *self.lookups.borrow_mut() += 1;
        for chunk in self.rows.chunks(2) {
            yield_now().await;
            if let Some((_, e)) = chunk.iter().find(|(id, _)| id == chip) { return Ok(Some(e.clone())); }
        }
        Ok(None)
    }
}

#[derive(Debug, PartialEq)]
enum Outcome { Found { best: String, conflicts: usize }, NotEnrolled { queried: usize }, Invalid(ChipError) }

async fn ask_all<A: Registry, B: Registry>(chip: &ChipId, a: &A, b: &B) -> (Vec<Enrollment>, Vec<String>) {
    let (mut hits, mut errors) = (Vec::new(), Vec::new());
    let ra = if a.serves(chip) { Some(a.lookup(chip).await) } else { None };
    let rb = if b.serves(chip) { Some(b.lookup(chip).await) } else { None };
    for r in [ra, rb].into_iter().flatten() {
        match r {
            Ok(Some(e)) => hits.push(e),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (hits, errors)
}

async fn scan<A: Registry, B: Registry>(raw: &str, a: &A, b: &B, audit: Rc<RefCell<Vec<String>>>) -> Outcome {
    let chip: ChipId = match raw.parse() {
        Ok(c) => c,
        Err(e) => return Outcome::Invalid(e),
    };
    let (mut hits, errors) = ask_all(&chip, a, b).await;
    audit.borrow_mut().push(format!("{:03}{:012} hits={} errs={}", chip.country_or_maker, chip.national, hits.len(), errors.len()));
    hits.sort_by_key(|e| std::cmp::Reverse(e.updated_day));
    let owners: HashSet<&str> = hits.iter().map(|e| e.owner.as_str()).collect();
    match hits.first() {
        Some(best) => Outcome::Found {
            best: match &best.contact {
                Contact::Both { phone, .. } | Contact::Phone(phone) => format!("{} ({}) {phone}", best.owner, best.pet),
                Contact::Email(email) => format!("{} ({}) {email}", best.owner, best.pet),
            },
            conflicts: owners.len() - 1,
        },
        None => Outcome::NotEnrolled { queried: [a.serves(&chip), b.serves(&chip)].iter().filter(|s| **s).count() },
    }
}

fn main() {
    let chip_a: ChipId = "985 112 003 456 789".parse().unwrap();
    let chip_b: ChipId = "826-0980-0012-3456".parse().unwrap();
    assert_eq!("98511200345678".parse::<ChipId>(), Err(ChipError::Length(14)));
    assert_eq!("98511200345678X".parse::<ChipId>(), Err(ChipError::NonDigit { pos: 14, ch: 'X' }));
    assert_eq!("999000000000001".parse::<ChipId>(), Err(ChipError::ReservedCode(999)));

    let maker = ManufacturerDb { prefix: 985, records: HashMap::from([(112003456789, ("Pepper".into(), "A. Osei".into(), Contact::Phone("07700 900123".into()), 19_000))]), outage: false };
    let national = NationalDb {
        country: 826,
        rows: vec![
            (chip_b, Enrollment { registry: "national", pet: "Rolo".into(), owner: "J. Park".into(), contact: Contact::Email("jp@example.net".into()), updated_day: 19_500 }),
            (chip_a, Enrollment { registry: "national", pet: "Pepper".into(), owner: "M. Osei".into(), contact: Contact::Both { phone: "07700 900555".into(), email: "mo@example.net".into() }, updated_day: 19_800 }),
        ],
        lookups: RefCell::new(0),
    };
    let audit = Rc::new(RefCell::new(Vec::new()));
    let a = block_on(scan("985112003456789", &maker, &national, Rc::clone(&audit)));
    assert_eq!(a, Outcome::Found { best: "M. Osei (Pepper) 07700 900555".into(), conflicts: 1 });
    let b = block_on(scan("826098000123456", &national, &maker, Rc::clone(&audit)));
    assert_eq!(b, Outcome::Found { best: "J. Park (Rolo) jp@example.net".into(), conflicts: 0 });
    let c = block_on(scan("250269604000001", &maker, &national, Rc::clone(&audit)));
    assert_eq!(c, Outcome::NotEnrolled { queried: 0 });

    let down = ManufacturerDb { outage: true, ..maker };
    let (hits, errs) = block_on(ask_all(&chip_a, &down, &national));
    assert_eq!((hits.len(), errs.len()), (1, 1));
    assert_eq!(*national.lookups.borrow(), 3);

    let batch = ["985112003456789", "bad", "826098000123456"];
    let tally: BTreeMap<&str, usize> = block_on(async {
        let mut m = BTreeMap::new();
        for raw in batch {
            let key = match scan(raw, &down, &national, Rc::clone(&audit)).await {
                Outcome::Found { .. } => "found",
                Outcome::NotEnrolled { .. } => "missing",
                Outcome::Invalid(_) => "invalid",
            };
            *m.entry(key).or_default() += 1;
        }
        m
    });
    assert_eq!(tally["found"], 2);
    println!("{tally:?}\n{}", audit.borrow().join("\n"));
}
