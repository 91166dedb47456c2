//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Warranty returns (RMA) desk: decodes product serials to check coverage, triages each
//! claim into repair, replacement or rejection, and sources parts from competing suppliers.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
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
enum RmaError { BadSerial(String), Expired { weeks_over: u32 }, NoPhotos, NoSupplier(String) }

#[derive(Debug)]
enum Outcome { Repair { parts: Vec<(String, u32)> }, Replace, Reject(String) }

struct Claim { rma: u32, serial: String, symptom: String, photos: Vec<String>, customer: String }

const TODAY_WEEKS: u32 = 26 * 52 + 10;
const COVER_WEEKS: u32 = 104;

fn manufactured_week(serial: &str) -> Result<u32, RmaError> {
    let bad = || RmaError::BadSerial(serial.to_string());
    let (head, unit) = serial.split_once('-').ok_or_else(bad)?;
    if head.len() != 6 || unit.len() != 5 || !unit.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (plant, yyww) = head.split_at(2);
    if !plant.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(bad());
    }
    let year: u32 = yyww[..2].parse().map_err(|_| bad())?;
    let week: u32 = yyww[2..].parse().map_err(|_| bad())?;
    if week == 0 || week > 52 { return Err(bad()); }
    Ok(year * 52 + week)
}

async fn check_coverage(claim: &Claim) -> Result<u32, RmaError> {
    yield_now().await;
    let age = TODAY_WEEKS.saturating_sub(manufactured_week(&claim.serial)?);
    if age > COVER_WEEKS {
        return Err(RmaError::Expired { weeks_over: age - COVER_WEEKS });
    }
    Ok(COVER_WEEKS - age)
}

async fn check_evidence(claim: &Claim) -> Result<u32, RmaError> {
    yield_now().await;
    let usable = claim.photos.iter().filter(|p| p.ends_with(".jpg") || p.ends_with(".png")).count();
    if usable == 0 { Err(RmaError::NoPhotos) } else { Ok(usable as u32) }
}

trait PartsSupplier {
    fn name(&self) -> &str;
    async fn quote(&self, part: &str) -> Option<u32>;

    async fn quote_all(&self, parts: &[&str]) -> Option<Vec<(String, u32)>> {
        let mut out = Vec::new();
        for p in parts {
            out.push((p.to_string(), self.quote(p).await?));
        }
        Some(out)
    }
}

struct OemDepot { list_prices: HashMap<String, u32> }
struct Broker { markup_pct: u32, stock: Mutex<HashMap<String, u32>> }

impl PartsSupplier for OemDepot {
    fn name(&self) -> &str { "OEM depot" }
    async fn quote(&self, part: &str) -> Option<u32> {
        yield_now().await;
        self.list_prices.get(part).copied()
    }
}

impl PartsSupplier for Broker {
    fn name(&self) -> &str { "broker" }
    async fn quote(&self, part: &str) -> Option<u32> {
        let base = {
            let mut stock = self.stock.lock().unwrap();
            let qty = stock.get_mut(part)?;
            if *qty == 0 { return None; }
            *qty -= 1;
            part.len() as u32 * 300
        };
        yield_now().await;
        Some(base * (100 + self.markup_pct) / 100)
    }
}

fn parts_for(symptom: &str) -> Vec<&'static str> {
    let s = symptom.to_lowercase();
    let mut parts = Vec::new();
    if s.contains("no power") { parts.push("psu-board"); }
    if s.contains("fan") || s.contains("noise") { parts.push("fan"); }
    if s.contains("screen") { parts.push("lcd-panel"); }
    parts
}

async fn triage<S>(claim: &Claim, supplier: &S, log: &Mutex<Vec<String>>) -> Result<Outcome, RmaError>
where
    S: PartsSupplier,
{
    let stages: Vec<Pin<Box<dyn Future<Output = Result<u32, RmaError>> + '_>>> = vec![Box::pin(check_coverage(claim)), Box::pin(check_evidence(claim))];
    for stage in stages {
        stage.await?;
    }
    let parts = parts_for(&claim.symptom);
    if parts.is_empty() {
        return Ok(Outcome::Reject(format!("cannot reproduce '{}'", claim.symptom)));
    }
    let quoted = supplier.quote_all(&parts).await.ok_or_else(|| RmaError::NoSupplier(supplier.name().to_string()))?;
    let cost: u32 = quoted.iter().map(|(_, c)| c).sum();
    log.lock().unwrap().push(format!("RMA{} quoted {cost} by {}", claim.rma, supplier.name()));
    Ok(if cost > 9_000 { Outcome::Replace } else { Outcome::Repair { parts: quoted } })
}

pub fn main() {
    let claim = |rma, serial: &str, symptom: &str, photos: &[&str]| Claim { rma, serial: serial.into(), symptom: symptom.into(), photos: photos.iter().map(|s| s.to_string()).collect(), customer: format!("cust-{rma}") };
    let claims = vec![
        claim(1, "KR2502-00412", "Fan noise at idle", &["front.jpg"]),
        claim(2, "KR2409-00077", "no power", &["label.png"]),
        claim(3, "kr2501-1", "screen flicker", &["a.jpg"]),
        claim(4, "TW2540-10001", "no power and screen dead", &["psu.jpg", "video.mov"]),
        claim(5, "TW2544-10002", "works fine but smells", &["x.heic", "y.jpg"]),
        claim(6, "TW2544-10003", "fan rattles", &["clip.mov"]),
    ];
    let oem = OemDepot { list_prices: HashMap::from([("fan".to_string(), 1_800), ("psu-board".to_string(), 6_400), ("lcd-panel".to_string(), 5_100)]) };
    let broker = Broker { markup_pct: 15, stock: Mutex::new(HashMap::from([("fan".to_string(), 1), ("psu-board".to_string(), 2)])) };
    let log = Mutex::new(Vec::new());

    for c in &claims {
        let result = if c.rma % 2 == 1 { block_on(triage(c, &oem, &log)) } else { block_on(triage(c, &broker, &log)) };
        match result {
            Ok(Outcome::Repair { parts }) => println!("RMA{}: repair with {:?}", c.rma, parts.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>()),
            Ok(other) => println!("RMA{}: {other:?}", c.rma),
            Err(RmaError::Expired { weeks_over }) if weeks_over < 4 => println!("RMA{}: goodwill review ({weeks_over} weeks over)", c.rma),
            Err(e) => println!("RMA{}: {e:?}", c.rma),
        }
    }

    let compare = async |part: &str| -> String {
        let a = oem.quote(part).await;
        let b = broker.quote(part).await;
        match (a, b) {
            (Some(x), Some(y)) if y < x => format!("{part}: broker cheaper ({y} < {x})"),
            (Some(x), _) => format!("{part}: oem {x}"),
            (None, Some(y)) => format!("{part}: broker only {y}"),
            (None, None) => format!("{part}: unavailable"),
        }
    };
    for part in ["fan", "psu-board", "hinge"] {
        println!("{}", block_on(compare(part)));
    }
    println!("remaining warranty for RMA1: {:?} weeks", block_on(check_coverage(&claims[0])));
    let summary = block_on(async {
        yield_now().await;
        log.lock().unwrap().join("; ")
    });
    println!("{summary}");
}
