#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Lab sample tracking: accessions barcoded samples, assigns freezer slots, records chain of custody and splits aliquots.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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

const RACK_ROWS: u8 = 3;
const RACK_COLS: u8 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Slot {
    freezer: u8,
    row: u8,
    col: u8,
}

#[derive(Debug, Clone)]
enum Custody {
    Received { by: String },
    Stored(Slot),
    Moved { from: Slot, to: Slot },
    Aliquoted { child: String, volume_ul: u32 },
    Consumed { assay: String },
}

#[derive(Debug)]
struct Sample {
    barcode: String,
    kind: String,
    volume_ul: u32,
    parent: Option<Box<Sample>>,
    log: Vec<Custody>,
}

#[derive(Debug)]
enum LabError {
    BadBarcode(String),
    FreezerFull,
    Insufficient { have: u32, need: u32 },
    Unknown(String),
}

struct Lims {
    samples: RefCell<HashMap<String, Sample>>,
    occupancy: RefCell<BTreeMap<Slot, String>>,
    next_seq: Cell<u32>,
}

fn check_barcode(code: &str) -> Result<(), LabError> {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 8 || !code.starts_with("LS") {
        return Err(LabError::BadBarcode(code.to_string()));
    }
    let sum: u32 = digits[..7].iter().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    if (10 - sum % 10) % 10 != digits[7] {
        return Err(LabError::BadBarcode(code.to_string()));
    }
    Ok(())
}

fn with_check_digit(seq: u32) -> String {
    let base = format!("{:07}", seq);
    let sum: u32 = base.chars().enumerate().map(|(i, c)| c.to_digit(10).unwrap() * if i % 2 == 0 { 3 } else { 1 }).sum();
    format!("LS{}{}", base, (10 - sum % 10) % 10)
}

async fn find_free_slot(lims: &Lims, freezer: u8) -> Result<Slot, LabError> {
    Yield { left: 1 }.await;
    let occ = lims.occupancy.borrow();
    for row in 0..RACK_ROWS {
        for col in 0..RACK_COLS {
            let s = Slot { freezer, row, col };
            if !occ.contains_key(&s) {
                return Ok(s);
            }
        }
    }
    Err(LabError::FreezerFull)
}

async fn accession(lims: &Lims, code: &str, kind: &str, volume_ul: u32, tech: &str) -> Result<Slot, LabError> {
    check_barcode(code)?;
    Yield { left: 2 }.await;
    let slot = match find_free_slot(lims, 1).await {
        Ok(s) => s,
        Err(LabError::FreezerFull) => find_free_slot(lims, 2).await?,
        Err(e) => return Err(e),
    };
    let sample = Sample {
        barcode: code.to_string(),
        kind: kind.to_string(),
        volume_ul,
        parent: None,
        log: vec![Custody::Received { by: tech.to_string() }, Custody::Stored(slot)],
    };
    lims.occupancy.borrow_mut().insert(slot, code.to_string());
    lims.samples.borrow_mut().insert(code.to_string(), sample);
    Ok(slot)
}

async fn aliquot(lims: &Lims, parent_code: &str, volume_ul: u32) -> Result<String, LabError> {
    let mut samples = lims.samples.borrow_mut();
    let parent = samples.get_mut(parent_code).ok_or_else(|| LabError::Unknown(parent_code.to_string()))?;
    if parent.volume_ul < volume_ul {
        return Err(LabError::Insufficient { have: parent.volume_ul, need: volume_ul });
    }
    parent.volume_ul -= volume_ul;
    let seq = lims.next_seq.get();
    lims.next_seq.set(seq + 1);
    let child_code = with_check_digit(seq);
    parent.log.push(Custody::Aliquoted { child: child_code.clone(), volume_ul });
    let snapshot = Sample { barcode: parent.barcode.clone(), kind: parent.kind.clone(), volume_ul: parent.volume_ul, parent: None, log: Vec::new() };
    let kind = parent.kind.clone();
    drop(samples);
    Yield { left: 2 }.await;
    let slot = find_free_slot(lims, 2).await?;
    let child = Sample { barcode: child_code.clone(), kind, volume_ul, parent: Some(Box::new(snapshot)), log: vec![Custody::Stored(slot)] };
    lims.occupancy.borrow_mut().insert(slot, child_code.clone());
    lims.samples.borrow_mut().insert(child_code.clone(), child);
    Ok(child_code)
}

async fn run_assay(lims: &Lims, codes: &[&str], assay: &str) -> Vec<(String, Result<u32, LabError>)> {
    let mut results = Vec::new();
    for code in codes.iter() {
        let slot = {
            let samples = lims.samples.borrow();
            match samples.get(*code) {
                Some(s) => s.log.iter().rev().find_map(|c| match c {
                    Custody::Stored(s) | Custody::Moved { to: s, .. } => Some(*s),
                    _ => None,
                }),
                None => {
                    results.push((code.to_string(), Err(LabError::Unknown(code.to_string()))));
                    continue;
                }
            }
        };
        Yield { left: 3 }.await;
        if let Some(s) = slot {
            lims.occupancy.borrow_mut().remove(&s);
        }
        let mut samples = lims.samples.borrow_mut();
        let s = samples.get_mut(*code).unwrap();
        s.log.push(Custody::Consumed { assay: assay.to_string() });
        let reading = s.volume_ul * 7 % 101;
        results.push((code.to_string(), Ok(reading)));
    }
    results
}

fn main() {
    let lims = Rc::new(Lims { samples: RefCell::new(HashMap::new()), occupancy: RefCell::new(BTreeMap::new()), next_seq: Cell::new(5000) });
    let codes: Vec<String> = (1..=14).map(with_check_digit).collect();
    for (i, code) in codes.iter().enumerate() {
        let r = block_on(accession(&lims, code, if i % 2 == 0 { "plasma" } else { "serum" }, 500, "jkim"));
        if i >= 11 {
            println!("{code} -> {:?}", r);
        }
    }
    println!("bad: {:?}", block_on(accession(&lims, "LS00000019", "plasma", 10, "jkim")));
    let child = block_on(aliquot(&lims, &codes[0], 200));
    println!("aliquot: {:?}", child);
    println!("too much: {:?}", block_on(aliquot(&lims, &codes[0], 900)));
    let child = child.unwrap();
    let res = block_on(run_assay(&lims, &[codes[1].as_str(), child.as_str(), "LS99999999"], "ELISA"));
    for (c, r) in res.iter() {
        println!("{c}: {:?}", r);
    }
    let samples = lims.samples.borrow();
    let parent_of_child = samples[&child].parent.as_ref().map(|p| p.barcode.clone());
    println!("child parent = {:?}, occupied = {}", parent_of_child, lims.occupancy.borrow().len());
}
