//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a regional blood bank that matches donated units to hospital requests by ABO/Rh compatibility and expiry.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield {
    first: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.first {
            return Poll::Ready(());
        }
        self.first = false;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn yield_now() {
    Yield { first: true }.await
}

async fn courier_leg(km: u16) -> u16 {
    let mut minutes = 0u16;
    for _ in 0..(km / 20).max(1) {
        yield_now().await;
        minutes += 18;
    }
    minutes
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        let Poll::Ready(v) = fut.as_mut().poll(&mut cx) else { continue };
        return v;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Abo {
    O,
    A,
    B,
    AB,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct BloodType {
    abo: Abo,
    rh_pos: bool,
}

impl fmt::Display for BloodType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}{}", self.abo, if self.rh_pos { '+' } else { '-' })
    }
}

impl BloodType {
    fn parse(s: &str) -> Option<BloodType> {
        let (abo, sign) = s.split_at(s.len().checked_sub(1)?);
        let abo = match abo {
            "O" => Abo::O,
            "A" => Abo::A,
            "B" => Abo::B,
            "AB" => Abo::AB,
            _ => return None,
        };
        let rh_pos = match sign {
            "+" => true,
            "-" => false,
            _ => return None,
        };
        Some(BloodType { abo, rh_pos })
    }

    fn can_donate_to(self, recipient: BloodType) -> bool {
        let abo_ok = match (self.abo, recipient.abo) {
            (Abo::O, _) => true,
            (d, r) if d == r => true,
            (_, Abo::AB) => true,
            _ => false,
        };
        abo_ok && (!self.rh_pos || recipient.rh_pos)
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    expires_day: u32,
    id: u64,
    #[allow(unused)]
    donor_code: String,
}

#[derive(Debug)]
enum BankError {
    NoCompatible { wanted: BloodType, units: u8 },
    Parse(String),
}

trait Requester {
    fn site(&self) -> &str;
    fn blood(&self) -> BloodType;
    fn units(&self) -> u8;
    async fn confirm_receipt(&self, ids: &[u64]) -> bool {
        yield_now().await;
        !ids.is_empty()
    }
}

struct TraumaCenter {
    name: String,
    patient: BloodType,
    units: u8,
    km: u16,
}

struct ScheduledSurgery {
    hospital: &'static str,
    patient: BloodType,
    units: u8,
    crossmatch_ok: bool,
}

impl Requester for TraumaCenter {
    fn site(&self) -> &str {
        &self.name
    }
    fn blood(&self) -> BloodType {
        self.patient
    }
    fn units(&self) -> u8 {
        self.units
    }
    async fn confirm_receipt(&self, ids: &[u64]) -> bool {
        let minutes = courier_leg(self.km).await;
        println!("  {} received {} units after {minutes} min", self.name, ids.len());
        ids.len() as u8 >= self.units.min(2)
    }
}

impl Requester for ScheduledSurgery {
    fn site(&self) -> &str {
        self.hospital
    }
    fn blood(&self) -> BloodType {
        self.patient
    }
    fn units(&self) -> u8 {
        if self.crossmatch_ok { self.units } else { 0 }
    }
}

type Inventory = HashMap<BloodType, BinaryHeap<Reverse<Unit>>>;

async fn allocate<R>(bank: &Mutex<Inventory>, req: &R, today: u32) -> Result<Vec<u64>, BankError>
where
    R: Requester,
{
    let wanted = req.blood();
    let mut need = req.units();
    let mut inv = bank.lock().unwrap();
    // prefer exact type, then other compatible donors; O- last because it is the universal reserve
    let mut donors: Vec<BloodType> = inv.keys().copied().filter(|d| d.can_donate_to(wanted)).collect();
    donors.sort_by_key(|d| (*d != wanted, d.abo == Abo::O && !d.rh_pos));
    let mut picked = Vec::new();
    'types: for donor in donors {
        let Some(heap) = inv.get_mut(&donor) else { continue };
        while need > 0 {
            match heap.pop() {
                Some(Reverse(unit)) if unit.expires_day < today => continue, // discard expired
                Some(Reverse(unit)) => {
                    picked.push(unit.id);
                    need -= 1;
                }
                None => continue 'types,
            }
        }
        break;
    }
    yield_now().await; // lock still held while the allocation is logged
    drop(inv);
    if need > 0 && picked.is_empty() {
        return Err(BankError::NoCompatible { wanted, units: req.units() });
    }
    if !req.confirm_receipt(&picked).await {
        println!("  {} did not confirm receipt", req.site());
    }
    Ok(picked)
}

async fn load_donations(csv: &str, bank: Arc<Mutex<Inventory>>) -> Result<usize, BankError> {
    let mut n = 0;
    for (i, row) in csv.lines().skip(1).enumerate() {
        let cols: Vec<&str> = row.split(',').collect();
        let [id, ty, exp, donor] = cols[..] else {
            return Err(BankError::Parse(format!("row {i}: {row}")));
        };
        let bt = BloodType::parse(ty).ok_or_else(|| BankError::Parse(ty.to_string()))?;
        let unit = Unit {
            id: id.parse().map_err(|_| BankError::Parse(id.into()))?,
            expires_day: exp.parse().map_err(|_| BankError::Parse(exp.into()))?,
            donor_code: donor.to_string(),
        };
        yield_now().await;
        bank.lock().unwrap().entry(bt).or_default().push(Reverse(unit));
        n += 1;
    }
    Ok(n)
}

pub fn main() {
    let csv = "id,type,expires,donor\n\
               1,O-,40,D88\n2,O+,12,D12\n3,A+,44,D19\n4,A+,9,D20\n5,B-,50,D33\n\
               6,AB+,35,D41\n7,O-,15,D02\n8,A-,30,D71\n9,O+,38,D55\n10,B+,41,D09";
    let bank: Arc<Mutex<Inventory>> = Arc::new(Mutex::new(HashMap::new()));
    let loaded = block_on(load_donations(csv, Arc::clone(&bank)));
    println!("loaded {loaded:?}");

    let t = |s: &str| BloodType::parse(s).expect("static type");
    let trauma = TraumaCenter { name: "St. Mary Trauma".into(), patient: t("A+"), units: 3, km: 45 };
    let neonatal = TraumaCenter { name: "Children's NICU".into(), patient: t("O-"), units: 1, km: 12 };
    let hip = ScheduledSurgery { hospital: "Lakeside Ortho", patient: t("B+"), units: 2, crossmatch_ok: true };
    let cardiac = ScheduledSurgery { hospital: "Heart Institute", patient: t("AB-"), units: 4, crossmatch_ok: true };

    let today = 10;
    block_on(async {
        let mut ledger: Vec<(String, Result<Vec<u64>, BankError>)> = Vec::new();
        for req in [&trauma, &neonatal] {
            ledger.push((req.site().to_owned(), allocate(&bank, req, today).await));
        }
        for req in [&hip, &cardiac] {
            ledger.push((req.site().to_owned(), allocate(&bank, req, today).await));
        }
        for (site, outcome) in &ledger {
            match outcome {
                Ok(ids) if ids.is_empty() => println!("{site}: nothing allocated"),
                Ok(ids) => println!("{site}: units {ids:?}"),
                Err(BankError::NoCompatible { wanted, units }) => println!("{site}: no {wanted} stock for {units} units"),
                Err(e) => println!("{site}: {e:?}"),
            }
        }
    });

    let remaining: usize = bank.lock().unwrap().values().map(BinaryHeap::len).sum();
    println!("units left in bank: {remaining}");
    let bad = block_on(load_donations("h\n1,Q+,3,x", Arc::clone(&bank)));
    println!("bad import: {bad:?}");
}
