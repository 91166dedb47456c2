//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Laboratory chemical store: validates CAS numbers in an inventory export, looks up hazard
//! classes from async SDS services and shelves containers under a segregation matrix.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) { Poll::Ready(()) } else { cx.waker().wake_by_ref(); Poll::Pending }
    }
}
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Hazard { Flammable, Oxidizer, Acid, Base, WaterReactive, Toxic }

const N: usize = 6;
const INCOMPATIBLE: [[bool; N]; N] = [
    // Flam  Oxid   Acid   Base   WatR   Tox
    [false, true, true, false, true, false],
    [true, false, true, true, true, false],
    [true, true, false, true, true, false],
    [false, true, true, false, false, false],
    [true, true, true, false, false, false],
    [false, false, false, false, false, false],
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum CabinetKind { FlammableSafety, Corrosive, Ventilated, General }

#[derive(Debug, Clone)]
struct Container { barcode: String, cas: String, name: String, volume_ml: u32 }

#[derive(Debug)]
struct Cabinet { id: &'static str, kind: CabinetKind, capacity_ml: u32, used_ml: u32, hazards: Vec<Hazard>, contents: Vec<String> }

#[derive(Debug)]
enum StoreError { Parse(String), BadCas(String), NoCabinet { barcode: String, hazards: Vec<Hazard> } }

fn valid_cas(cas: &str) -> bool {
    let parts: Vec<&str> = cas.split('-').collect();
    let [a, b, c] = match parts.as_slice() { [a, b, c] => [*a, *b, *c], _ => return false };
    if !(2..=7).contains(&a.len()) || b.len() != 2 || c.len() != 1 { return false; }
    let digits: Vec<u32> = a.chars().chain(b.chars()).filter_map(|ch| ch.to_digit(10)).collect();
    let check = digits.iter().rev().enumerate().map(|(i, d)| (i as u32 + 1) * d).sum::<u32>() % 10;
    digits.len() == a.len() + b.len() && c.chars().next().and_then(|ch| ch.to_digit(10)) == Some(check)
}

fn parse_inventory(csv: &str) -> (Vec<Container>, Vec<StoreError>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        match cols.as_slice() {
            [bc, cas, name, vol] if valid_cas(cas) => match vol.trim_end_matches("ml").parse() {
                Ok(v) => ok.push(Container { barcode: bc.to_string(), cas: cas.to_string(), name: name.to_string(), volume_ml: v }),
                Err(_) => bad.push(StoreError::Parse(line.to_string())),
            },
            [_, cas, ..] => bad.push(StoreError::BadCas(cas.to_string())),
            _ => bad.push(StoreError::Parse(line.to_string())),
        }
    }
    (ok, bad)
}

trait SdsService {
    async fn hazards(&self, cas: &str) -> Option<Vec<Hazard>>;
    async fn hazards_or_worst(&self, cas: &str) -> Vec<Hazard> {
        self.hazards(cas).await.unwrap_or_else(|| vec![Hazard::Toxic, Hazard::Flammable])
    }
}

struct VendorSds { db: HashMap<&'static str, Vec<Hazard>>, lookups: Cell<u32> }
struct CachedSds<'a, S> { inner: &'a S, cache: RefCell<HashMap<String, Option<Vec<Hazard>>>> }

impl SdsService for VendorSds {
    async fn hazards(&self, cas: &str) -> Option<Vec<Hazard>> {
        self.lookups.set(self.lookups.get() + 1);
        Yield(false).await;
        self.db.get(cas).cloned()
    }
}

impl<'a, S: SdsService> SdsService for CachedSds<'a, S> {
    async fn hazards(&self, cas: &str) -> Option<Vec<Hazard>> {
        if let Some(hit) = self.cache.borrow().get(cas) { return hit.clone(); }
        let fresh = self.inner.hazards(cas).await;
        self.cache.borrow_mut().insert(cas.to_string(), fresh.clone());
        fresh
    }
}

fn preferred_kind(hz: &[Hazard]) -> CabinetKind {
    match hz {
        h if h.contains(&Hazard::Flammable) => CabinetKind::FlammableSafety,
        h if h.iter().any(|x| matches!(x, Hazard::Acid | Hazard::Base)) => CabinetKind::Corrosive,
        h if h.contains(&Hazard::Toxic) => CabinetKind::Ventilated,
        _ => CabinetKind::General,
    }
}

async fn shelve<S: SdsService>(inv: &[Container], cabinets: &mut [Cabinet], sds: &S) -> Vec<Result<(String, &'static str), StoreError>> {
    let mut out = Vec::new();
    for c in inv {
        let hz = sds.hazards_or_worst(&c.cas).await;
        let want = preferred_kind(&hz);
        let fits = |cab: &Cabinet| cab.used_ml + c.volume_ml <= cab.capacity_ml
            && !cab.hazards.iter().any(|&a| hz.iter().any(|&b| INCOMPATIBLE[a as usize][b as usize]));
        let pick = cabinets.iter().position(|cab| cab.kind == want && fits(cab))
            .or_else(|| cabinets.iter().position(|cab| cab.kind == CabinetKind::General && want == CabinetKind::General && fits(cab)));
        match pick {
            Some(i) => {
                let cab = &mut cabinets[i];
                cab.used_ml += c.volume_ml;
                cab.contents.push(c.name.clone());
                for h in &hz { if !cab.hazards.contains(h) { cab.hazards.push(*h); } }
                out.push(Ok((c.barcode.clone(), cab.id)));
            }
            None => out.push(Err(StoreError::NoCabinet { barcode: c.barcode.clone(), hazards: hz })),
        }
    }
    out
}

const INVENTORY: &str = "barcode,cas,name,volume
BC1001, 64-17-5, Ethanol, 2500ml
BC1002, 7664-93-9, Sulfuric acid, 1000ml
BC1003, 1310-73-2, Sodium hydroxide, 500ml
BC1004, 7722-84-1, Hydrogen peroxide 30%, 1000ml
BC1005, 67-64-1, Acetone, 4000ml
BC1006, 7440-23-5, Sodium metal, 100ml
BC1007, 67-66-3, Chloroform, 500ml
BC1008, 64-17-6, Mislabelled ethanol, 500ml
BC1009, 7647-01-0, Hydrochloric acid, 2500ml
BC1010, 50-00-0, Formaldehyde, 250ml";

fn main() {
    let (inv, errors) = parse_inventory(INVENTORY);
    errors.iter().for_each(|e| println!("import: {e:?}"));
    use Hazard::*;
    let vendor = VendorSds { db: HashMap::from([
        ("64-17-5", vec![Flammable]), ("7664-93-9", vec![Acid]), ("1310-73-2", vec![Base]), ("7722-84-1", vec![Oxidizer]),
        ("67-64-1", vec![Flammable]), ("7440-23-5", vec![WaterReactive, Flammable]), ("67-66-3", vec![Toxic]), ("7647-01-0", vec![Acid, Toxic]),
    ]), lookups: Cell::new(0) };
    let cab = |id, kind, cap| Cabinet { id, kind, capacity_ml: cap, used_ml: 0, hazards: vec![], contents: vec![] };
    let mut cabinets = vec![cab("FS-1", CabinetKind::FlammableSafety, 6000), cab("FS-2", CabinetKind::FlammableSafety, 6000), cab("COR-1", CabinetKind::Corrosive, 3000), cab("COR-2", CabinetKind::Corrosive, 3000), cab("VENT-1", CabinetKind::Ventilated, 2000), cab("GEN-1", CabinetKind::General, 5000)];
    for r in block_on(shelve(&inv, &mut cabinets, &vendor)) { println!("{r:?}"); }
    let cached = CachedSds { inner: &vendor, cache: RefCell::new(HashMap::new()) };
    let mut spare: Vec<Cabinet> = vec![cab("OX-1", CabinetKind::General, 2000), cab("FS-9", CabinetKind::FlammableSafety, 9000)];
    let doubled: Vec<Container> = inv.iter().chain(inv.iter()).cloned().collect();
    let placed = block_on(shelve(&doubled, &mut spare, &cached)).iter().filter(|r| r.is_ok()).count();
    println!("spare placed {placed}/{}, vendor lookups {}", doubled.len(), vendor.lookups.get());
    let audit = async |cabs: &[Cabinet]| -> BTreeMap<&'static str, String> {
        Yield(false).await;
        cabs.iter().map(|c| (c.id, format!("{}/{}ml {:?}", c.used_ml, c.capacity_ml, c.contents))).collect()
    };
    for (id, line) in block_on(audit(&cabinets)) { println!("{id}: {line}"); }
}
