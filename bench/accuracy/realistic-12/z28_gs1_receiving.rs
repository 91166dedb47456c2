//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Warehouse receiving dock: parses GS1-128 scans (SSCC, GTIN, batch, expiry, serial,
//! count), checks digits, reconciles against the advance ship notice and posts to a WMS.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const GS: char = '\u{1d}';

#[derive(Debug, Default, Clone, PartialEq)]
struct Gs1 { sscc: Option<String>, gtin: Option<String>, batch: Option<String>, expiry: Option<u32>, serial: Option<String>, count: Option<u32> }

#[derive(Debug, PartialEq)]
enum ScanError { UnknownAi(String), Short { ai: &'static str }, CheckDigit(String), BadDate(String), DuplicatePallet(String), NotOnAsn(String), Expired { gtin: String, expiry: u32 }, Wms(String) }

fn mod10_ok(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != digits.len() || d.is_empty() { return false; }
    let (body, check) = d.split_at(d.len() - 1);
    let sum: u32 = body.iter().rev().enumerate().map(|(i, v)| if i % 2 == 0 { v * 3 } else { *v }).sum();
    (10 - sum % 10) % 10 == check[0]
}

fn parse_gs1(scan: &str) -> Result<Gs1, ScanError> {
    let mut rest = scan.trim_start_matches("]C1");
    let mut out = Gs1::default();
    while !rest.is_empty() {
        let fixed = |rest: &str, ai: &'static str, n: usize| -> Result<(String, usize), ScanError> {
            rest.get(2..2 + n).map(|v| (v.to_string(), 2 + n)).ok_or(ScanError::Short { ai })
        };
        let variable = |rest: &str, ai_len: usize| { let body = &rest[ai_len..]; let end = body.find(GS).unwrap_or(body.len()); (body[..end].to_string(), ai_len + end + (end < body.len()) as usize) };
        let (ai, used) = match rest.get(..2) {
            Some("00") => { let (v, n) = fixed(rest, "00", 18)?; if !mod10_ok(&v) { return Err(ScanError::CheckDigit(v)); } out.sscc = Some(v); ("00", n) }
            Some("01") => { let (v, n) = fixed(rest, "01", 14)?; if !mod10_ok(&v) { return Err(ScanError::CheckDigit(v)); } out.gtin = Some(v); ("01", n) }
            Some("17") => {
                let (v, n) = fixed(rest, "17", 6)?;
                let mm: u32 = v[2..4].parse().map_err(|_| ScanError::BadDate(v.clone()))?;
                if !(1..=12).contains(&mm) { return Err(ScanError::BadDate(v)); }
                out.expiry = v.parse().ok();
                ("17", n)
            }
            Some("10") => { let (v, n) = variable(rest, 2); out.batch = Some(v); ("10", n) }
            Some("21") => { let (v, n) = variable(rest, 2); out.serial = Some(v); ("21", n) }
            Some("37") => { let (v, n) = variable(rest, 2); out.count = v.parse().ok(); ("37", n) }
            other => return Err(ScanError::UnknownAi(other.unwrap_or(rest).to_string())),
        };
        rest = &rest[used..];
    }
    Ok(out)
}

#[derive(Debug, Clone)]
struct Receipt { gtin: String, batch: String, qty: u32, pallet: Option<String> }

trait Wms {
    async fn post_receipt(&mut self, r: &Receipt) -> Result<u64, ScanError>;
    async fn post_all(&mut self, rs: &[Receipt]) -> Vec<Result<u64, ScanError>> {
        let mut out = Vec::new();
        for r in rs { out.push(self.post_receipt(r).await); }
        out
    }
}

struct RestWms { next_id: u64, reject_gtin: Option<String> }
struct CsvDropWms { lines: Vec<String> }

impl Wms for RestWms {
    async fn post_receipt(&mut self, r: &Receipt) -> Result<u64, ScanError> {
        Yield(false).await;
        if self.reject_gtin.as_deref() == Some(r.gtin.as_str()) { return Err(ScanError::Wms(format!("409 item master missing {}", r.gtin))); }
        self.next_id += 1;
        Ok(self.next_id)
    }
}

impl Wms for CsvDropWms {
    async fn post_receipt(&mut self, r: &Receipt) -> Result<u64, ScanError> {
        self.lines.push(format!("{},{},{},{}", r.gtin, r.batch, r.qty, r.pallet.as_deref().unwrap_or("")));
        Ok(self.lines.len() as u64)
    }
    async fn post_all(&mut self, rs: &[Receipt]) -> Vec<Result<u64, ScanError>> {
        self.lines.push("gtin,batch,qty,sscc".into());
        let mut ids = Vec::new();
        for chunk in rs.chunks(2) {
            Yield(false).await;
            for r in chunk { ids.push(self.post_receipt(r).await); }
        }
        ids
    }
}

async fn receive<W: Wms>(scans: &[&str], asn: &HashMap<(String, String), u32>, today: u32, wms: &mut W) -> (BTreeMap<String, i64>, Vec<ScanError>, usize) {
    let (mut seen_pallets, mut errors, mut receipts) = (HashSet::new(), Vec::new(), Vec::new());
    let mut pallet: Option<String> = None;
    for scan in scans {
        Yield(false).await;
        let g = match parse_gs1(scan) { Ok(g) => g, Err(e) => { errors.push(e); continue } };
        if let Some(s) = &g.sscc {
            if !seen_pallets.insert(s.clone()) { errors.push(ScanError::DuplicatePallet(s.clone())); pallet = None; continue; }
            pallet = Some(s.clone());
        }
        let (Some(gtin), Some(batch)) = (g.gtin.clone(), g.batch.clone()) else { continue };
        match g.expiry { Some(e) if e < today => { errors.push(ScanError::Expired { gtin, expiry: e }); continue } _ => {} }
        if !asn.contains_key(&(gtin.clone(), batch.clone())) { errors.push(ScanError::NotOnAsn(format!("{gtin}/{batch}"))); continue; }
        receipts.push(Receipt { gtin, batch, qty: g.count.unwrap_or(1), pallet: pallet.clone() });
    }
    let mut variance: BTreeMap<String, i64> = asn.iter().map(|((g, b), q)| (format!("{g}/{b}"), -(*q as i64))).collect();
    for r in &receipts { *variance.get_mut(&format!("{}/{}", r.gtin, r.batch)).unwrap() += r.qty as i64; }
    let posted = wms.post_all(&receipts).await;
    errors.extend(posted.into_iter().filter_map(Result::err));
    (variance, errors, receipts.len())
}

fn main() {
    let scans = [
        "]C100030123456789012340", "]C10109501101530003172612311012AB\u{1d}3724",
        "0109501101530003172612311012AB\u{1d}3712", "0109501101530003172201011099OLD\u{1d}376",
        "]C100030123456789012340", "001301234567890123470104012345678901104X\u{1d}3710", "0104012345678902104X",
        "00301234567890123457", "0109501101530003171399011012AB", "9912345", "010950110153000310LOT9\u{1d}21SN001",
    ];
    let asn = HashMap::from([(("09501101530003".to_string(), "12AB".to_string()), 40), (("04012345678901".to_string(), "4X".to_string()), 10), (("09501101530003".to_string(), "LOT9".to_string()), 2)]);
    let mut rest = RestWms { next_id: 1000, reject_gtin: Some("04012345678901".into()) };
    let (variance, errors, n) = block_on(receive(&scans, &asn, 240601, &mut rest));
    println!("received {n} lines, variance {variance:?}");
    errors.iter().for_each(|e| println!("  {e:?}"));
    let mut csv = CsvDropWms { lines: vec![] };
    let (_, errs2, _) = block_on(receive(&scans[..4], &asn, 240601, &mut csv));
    println!("csv {:?} errors {}", csv.lines, errs2.len());
    let check = async |codes: &[&str]| -> Vec<bool> {
        let mut v = Vec::new();
        for c in codes { Yield(false).await; v.push(mod10_ok(c)); }
        v
    };
    println!("{:?}", block_on(check(&["09501101530003", "4006381333931", "4006381333932", ""])));
}
