//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Radiology reading worklist router: parses DICOM-style tag dumps from the modalities,
//! derives study priority and subspecialty, and balances RVU load across reading sites.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

#[derive(Debug, Clone, PartialEq)]
enum Modality { Ct { contrast: bool }, Mr { sequences: u8 }, Xr, Us, Mg }

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Section { Neuro, Body, Msk, Breast, General }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Priority { Stat = 0, Urgent = 1, Routine = 2 }

#[derive(Debug, Clone)]
struct Study { accession: String, modality: Modality, body_part: String, priority: Priority, rvu_x10: u32 }

#[derive(Debug)]
enum RouteError { MissingTag(&'static str), UnknownModality(String), NoReader(Section) }

fn parse_tags(dump: &str) -> HashMap<(u16, u16), String> {
    dump.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (tag, rest) = l.strip_prefix('(')?.split_once(')')?;
            let (g, e) = tag.split_once(',')?;
            let value = rest.split_once('[')?.1.trim_end_matches(']').trim().to_string();
            Some(((u16::from_str_radix(g, 16).ok()?, u16::from_str_radix(e, 16).ok()?), value))
        })
        .collect()
}

fn study_from_tags(tags: &HashMap<(u16, u16), String>) -> Result<Study, RouteError> {
    let get = |k: (u16, u16), name: &'static str| tags.get(&k).cloned().ok_or(RouteError::MissingTag(name));
    let accession = get((0x0008, 0x0050), "AccessionNumber")?;
    let body_part = get((0x0018, 0x0015), "BodyPartExamined").unwrap_or_else(|_| "UNKNOWN".into());
    let desc = get((0x0008, 0x1030), "StudyDescription").unwrap_or_default().to_uppercase();
    let modality = match get((0x0008, 0x0060), "Modality")?.as_str() {
        "CT" => Modality::Ct { contrast: desc.contains("W CON") || desc.contains("CTA") },
        "MR" => Modality::Mr { sequences: desc.split('/').count() as u8 },
        "CR" | "DX" => Modality::Xr,
        "US" => Modality::Us,
        "MG" => Modality::Mg,
        other => return Err(RouteError::UnknownModality(other.to_string())),
    };
    let priority = match (desc.as_str(), &modality) {
        (d, _) if d.contains("STROKE") || d.contains("TRAUMA") => Priority::Stat,
        (_, Modality::Ct { contrast: true }) => Priority::Urgent,
        (d, _) if d.contains("ED ") => Priority::Urgent,
        _ => Priority::Routine,
    };
    let rvu_x10 = match &modality {
        Modality::Ct { contrast: true } => 19,
        Modality::Ct { .. } => 12,
        Modality::Mr { sequences } if *sequences > 3 => 24,
        Modality::Mr { .. } => 18,
        Modality::Mg => 9,
        Modality::Us => 7,
        Modality::Xr => 3,
    };
    Ok(Study { accession, modality, body_part, priority, rvu_x10 })
}

fn section_of(s: &Study) -> Section {
    match (&s.modality, s.body_part.as_str()) {
        (Modality::Mg, _) => Section::Breast,
        (_, "HEAD" | "BRAIN" | "CSPINE") => Section::Neuro,
        (Modality::Mr { .. } | Modality::Xr, "KNEE" | "SHOULDER" | "HIP") => Section::Msk,
        (Modality::Ct { .. } | Modality::Us, "ABDOMEN" | "CHEST" | "PELVIS") => Section::Body,
        _ => Section::General,
    }
}

trait ReadingSite {
    fn covers(&self, sec: Section) -> bool;
    async fn assign(&self, study: Study) -> String;
    async fn load_rvu_x10(&self) -> u32;
}

struct InHouse { rads: Vec<(&'static str, Section)>, hourly: Mutex<[u32; 24]>, hour: usize }
struct Teleradiology { vendor: &'static str, queue: Arc<Mutex<VecDeque<Study>>> }

impl ReadingSite for InHouse {
    fn covers(&self, sec: Section) -> bool { self.rads.iter().any(|r| r.1 == sec || r.1 == Section::General) }
    async fn assign(&self, study: Study) -> String {
        let sec = section_of(&study);
        let rad = self.rads.iter().find(|r| r.1 == sec).or(self.rads.iter().find(|r| r.1 == Section::General)).map(|r| r.0).unwrap_or("?");
        self.hourly.lock().unwrap()[self.hour] += study.rvu_x10;
        yield_now().await;
        format!("{} -> {rad} ({sec:?}, {:?})", study.accession, study.priority)
    }
    async fn load_rvu_x10(&self) -> u32 { yield_now().await; self.hourly.lock().unwrap().iter().sum::<u32>() }
}

impl ReadingSite for Teleradiology {
    fn covers(&self, sec: Section) -> bool { sec != Section::Breast }
    async fn assign(&self, study: Study) -> String {
        let acc = study.accession.clone();
        let depth = {
            let mut q = self.queue.lock().unwrap();
            q.push_back(study);
            q.len()
        };
        yield_now().await;
        format!("{acc} -> {} queue depth {depth}", self.vendor)
    }
    async fn load_rvu_x10(&self) -> u32 { self.queue.lock().unwrap().iter().map(|s| s.rvu_x10).sum::<u32>() }
}

async fn route<A: ReadingSite, B: ReadingSite>(primary: &A, overflow: &B, dumps: &[&str], cap_rvu_x10: u32) -> Vec<Result<String, RouteError>> {
    let mut studies: Vec<Study> = Vec::new();
    let mut out = Vec::new();
    for d in dumps {
        match study_from_tags(&parse_tags(d)) { Ok(s) => studies.push(s), Err(e) => out.push(Err(e)) }
    }
    studies.sort_by_key(|s| s.priority);
    for s in studies {
        let sec = section_of(&s);
        let line = if primary.covers(sec) && primary.load_rvu_x10().await + s.rvu_x10 <= cap_rvu_x10 {
            Ok(primary.assign(s).await)
        } else if overflow.covers(sec) {
            Ok(overflow.assign(s).await)
        } else {
            Err(RouteError::NoReader(sec))
        };
        out.push(line);
    }
    out
}

fn main() {
    let dumps = [
        "(0008,0050) SH [A1001]\n(0008,0060) CS [CT]\n(0018,0015) CS [HEAD]\n(0008,1030) LO [CT Head Stroke Protocol]",
        "(0008,0050) SH [A1002]\n(0008,0060) CS [MR]\n(0018,0015) CS [KNEE]\n(0008,1030) LO [MR Knee T1/T2/PD/STIR]",
        "(0008,0050) SH [A1003]\n(0008,0060) CS [CT]\n(0018,0015) CS [ABDOMEN]\n(0008,1030) LO [CT Abd/Pel W CON]",
        "(0008,0050) SH [A1004]\n(0008,0060) CS [MG]\n(0008,1030) LO [Screening mammo]",
        "(0008,0050) SH [A1005]\n(0008,0060) CS [PT]",
        "(0008,0060) CS [DX]",
        "(0008,0050) SH [A1007]\n(0008,0060) CS [DX]\n(0018,0015) CS [CHEST]\n(0008,1030) LO [ED chest 2v]",
    ];
    let house = InHouse { rads: vec![("Dr Patel", Section::Neuro), ("Dr Chen", Section::Body), ("Dr Ruiz", Section::General)], hourly: Mutex::new([0; 24]), hour: 2 };
    let queue = Arc::new(Mutex::new(VecDeque::new()));
    let tele = Teleradiology { vendor: "NightHawk", queue: queue.clone() };

    for r in block_on(route(&house, &tele, &dumps, 35)) {
        match r { Ok(s) => println!("{s}"), Err(e) => println!("not routed: {e:?}") }
    }
    let reversed = block_on(route(&tele, &house, &dumps[..2], 1000));
    let house_load = block_on(house.load_rvu_x10());
    let tele_load = block_on(tele.load_rvu_x10());
    println!("reversed {} house {house_load} tele {tele_load} queued {}", reversed.len(), queue.lock().unwrap().len());
}
