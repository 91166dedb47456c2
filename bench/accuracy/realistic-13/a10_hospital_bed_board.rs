//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Hospital bed board: processes ADT events (admit, discharge, transfer), places patients
//! by acuity and isolation needs, and turns dirty beds over through housekeeping crews.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, RwLock};
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

#[derive(Debug)]
enum BedError { Missing(&'static str), NoBed { ward: String, isolation: bool }, UnknownPatient(String), UnknownEvent(String) }

#[derive(Debug, Clone, PartialEq)]
enum BedState { Free, Occupied(String), Dirty }

struct Bed { id: String, ward: String, isolation: bool, state: BedState }

struct Board { beds: RwLock<Vec<Bed>>, placements: Mutex<HashMap<String, String>> }

type Handler = for<'a> fn(&'a Board, HashMap<String, String>) -> Pin<Box<dyn Future<Output = Result<String, BedError>> + 'a>>;

fn fields(line: &str) -> (String, HashMap<String, String>) {
    let mut words = line.split_whitespace();
    let kind = words.next().unwrap_or_default().to_ascii_uppercase();
    let kv = words.filter_map(|w| w.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    (kind, kv)
}

impl Board {
    fn admit(&self, mrn: &str, acuity: u8, isolation: bool) -> Result<String, BedError> {
        let ward = if acuity <= 2 { "ICU" } else { "MED" };
        let mut beds = self.beds.write().unwrap();
        let bed = beds
            .iter_mut()
            .filter(|b| b.ward == ward && b.state == BedState::Free)
            .find(|b| b.isolation || !isolation)
            .ok_or_else(|| BedError::NoBed { ward: ward.to_string(), isolation })?;
        bed.state = BedState::Occupied(mrn.to_string());
        let id = bed.id.clone();
        drop(beds);
        self.placements.lock().unwrap().insert(mrn.to_string(), id.clone());
        Ok(id)
    }

    async fn release(&self, mrn: &str) -> Result<String, BedError> {
        let bed_id = self.placements.lock().unwrap().remove(mrn).ok_or_else(|| BedError::UnknownPatient(mrn.into()))?;
        yield_now().await;
        if let Some(bed) = self.beds.write().unwrap().iter_mut().find(|b| b.id == bed_id) {
            bed.state = BedState::Dirty;
        }
        Ok(bed_id)
    }
}

fn on_admit(board: &Board, f: HashMap<String, String>) -> Pin<Box<dyn Future<Output = Result<String, BedError>> + '_>> {
    Box::pin(async move {
        let mrn = f.get("mrn").ok_or(BedError::Missing("mrn"))?;
        let acuity = f.get("acuity").and_then(|a| a.parse().ok()).unwrap_or(3);
        let iso = f.get("iso").is_some_and(|v| v == "yes");
        yield_now().await;
        let bed = board.admit(mrn, acuity, iso)?;
        Ok(format!("{mrn} admitted to {bed}"))
    })
}

fn on_discharge(board: &Board, f: HashMap<String, String>) -> Pin<Box<dyn Future<Output = Result<String, BedError>> + '_>> {
    Box::pin(async move {
        let mrn = f.get("mrn").ok_or(BedError::Missing("mrn"))?;
        Ok(format!("{mrn} discharged, {} needs cleaning", board.release(mrn).await?))
    })
}

fn on_transfer(board: &Board, f: HashMap<String, String>) -> Pin<Box<dyn Future<Output = Result<String, BedError>> + '_>> {
    Box::pin(async move {
        let mrn = f.get("mrn").ok_or(BedError::Missing("mrn"))?.clone();
        let acuity = if f.get("to").map(String::as_str) == Some("ICU") { 1 } else { 4 };
        let old = board.release(&mrn).await?;
        let new = board.admit(&mrn, acuity, false)?;
        Ok(format!("{mrn} moved {old} -> {new}"))
    })
}

trait Housekeeping {
    fn crew(&self) -> &str;
    async fn clean(&self, bed_id: &str, isolation: bool) -> u32;

    async fn clean_all(&self, board: &Board) -> Vec<(String, u32)> {
        let dirty: Vec<(String, bool)> = board.beds.read().unwrap().iter().filter(|b| b.state == BedState::Dirty).map(|b| (b.id.clone(), b.isolation)).collect();
        let mut done = Vec::new();
        for (id, iso) in dirty {
            let minutes = self.clean(&id, iso).await;
            if let Some(bed) = board.beds.write().unwrap().iter_mut().find(|b| b.id == id) {
                bed.state = BedState::Free;
            }
            done.push((id, minutes));
        }
        done
    }
}

struct InHouse { staff: u32 }
struct ContractCrew { callout_minutes: u32, invoices: Mutex<Vec<String>> }

impl Housekeeping for InHouse {
    fn crew(&self) -> &str { "EVS" }
    async fn clean(&self, bed_id: &str, isolation: bool) -> u32 {
        yield_now().await;
        (if isolation { 90 } else { 40 }) / self.staff.max(1)
    }
}

impl Housekeeping for ContractCrew {
    fn crew(&self) -> &str { "contract" }
    async fn clean(&self, bed_id: &str, isolation: bool) -> u32 {
        yield_now().await;
        self.invoices.lock().unwrap().push(bed_id.to_string());
        self.callout_minutes + if isolation { 60 } else { 30 }
    }
}

async fn turnover<H>(board: &Board, crew: &H) -> String
where
    H: Housekeeping,
{
    let done = crew.clean_all(board).await;
    let total: u32 = done.iter().map(|(_, m)| m).sum();
    format!("{} cleaned {} beds in {total} min", crew.crew(), done.len())
}

pub fn main() {
    let bed = |id: &str, ward: &str, isolation| Bed { id: id.into(), ward: ward.into(), isolation, state: BedState::Free };
    let board = Board {
        beds: RwLock::new(vec![bed("ICU-1", "ICU", true), bed("ICU-2", "ICU", false), bed("4B-1", "MED", false), bed("4B-2", "MED", true)]),
        placements: Mutex::new(HashMap::new()),
    };
    let handlers: HashMap<&str, Handler> = HashMap::from([("ADMIT", on_admit as Handler), ("DISCHARGE", on_discharge), ("TRANSFER", on_transfer)]);
    let feed = "ADMIT mrn=1001 acuity=4\nADMIT mrn=1002 acuity=1 iso=yes\nADMIT mrn=1003 acuity=2 iso=yes\nTRANSFER mrn=1001 to=ICU\nDISCHARGE mrn=1002\nBOGUS mrn=1\nDISCHARGE";

    for line in feed.lines() {
        let (kind, kv) = fields(line);
        let Some(handler) = handlers.get(kind.as_str()) else {
            println!("{:?}", BedError::UnknownEvent(kind));
            continue;
        };
        match block_on(handler(&board, kv)) {
            Ok(msg) => println!("{msg}"),
            Err(e) => println!("{line}: {e:?}"),
        }
    }

    let evs = InHouse { staff: 2 };
    let contract = ContractCrew { callout_minutes: 25, invoices: Mutex::new(Vec::new()) };
    println!("{}", block_on(turnover(&board, &contract)));
    block_on(board.release("1001")).ok();
    println!("{}", block_on(turnover(&board, &evs)));

    let census = async |ward: &str| -> (usize, usize) {
        yield_now().await;
        let beds = board.beds.read().unwrap();
        let in_ward: Vec<&Bed> = beds.iter().filter(|b| b.ward == ward).collect();
        (in_ward.iter().filter(|b| matches!(b.state, BedState::Occupied(_))).count(), in_ward.len())
    };
    for ward in ["ICU", "MED"] {
        let (used, total) = block_on(census(ward));
        println!("{ward}: {used}/{total} occupied");
    }
    println!("contract invoices: {:?}", contract.invoices.lock().unwrap());
}
