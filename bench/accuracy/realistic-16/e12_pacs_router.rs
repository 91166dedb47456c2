//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Radiology PACS study router: parses DICOM-style tag dumps of incoming studies, applies
//! modality/body-part routing rules to reading worklists, and prefetches prior studies.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
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

type Tag = (u16, u16);
const MODALITY: Tag = (0x0008, 0x0060);
const PATIENT_ID: Tag = (0x0010, 0x0020);
const BODY_PART: Tag = (0x0018, 0x0015);
const STUDY_UID: Tag = (0x0020, 0x000D);
const PRIORITY: Tag = (0x0040, 0x1003);

#[derive(Debug)]
enum RouteError { Malformed { line: usize, col: usize }, MissingTag(Tag), NoRule(String) }

fn parse_dump(text: &str) -> Result<HashMap<Tag, String>, RouteError> {
    let mut tags = HashMap::new();
    for (ln, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let open = line.find('(').ok_or(RouteError::Malformed { line: ln, col: 0 })?;
        let close = line.char_indices().skip(open).find(|&(_, c)| c == ')').map(|(i, _)| i).ok_or(RouteError::Malformed { line: ln, col: open })?;
        let (g, e) = line[open + 1..close].split_once(',').ok_or(RouteError::Malformed { line: ln, col: open + 1 })?;
        let group = u16::from_str_radix(g.trim(), 16).map_err(|_| RouteError::Malformed { line: ln, col: open + 1 })?;
        let elem = u16::from_str_radix(e.trim(), 16).map_err(|_| RouteError::Malformed { line: ln, col: close - 4 })?;
        let value = line[close + 1..].trim().trim_matches(|c| c == '[' || c == ']');
        tags.insert((group, elem), value.to_string());
    }
    Ok(tags)
}

#[derive(Debug, Clone)]
struct Study { uid: String, patient: String, modality: String, body_part: String, stat: bool }

fn to_study(tags: &HashMap<Tag, String>) -> Result<Study, RouteError> {
    let get = |t: Tag| tags.get(&t).cloned().ok_or(RouteError::MissingTag(t));
    Ok(Study {
        uid: get(STUDY_UID)?,
        patient: get(PATIENT_ID)?,
        modality: get(MODALITY)?,
        body_part: tags.get(&BODY_PART).cloned().unwrap_or_default(),
        stat: tags.get(&PRIORITY).map_or(false, |p| p.eq_ignore_ascii_case("STAT")),
    })
}

trait Archive {
    async fn find_priors(&self, patient: &str, modality: &str) -> Vec<String>;
    async fn prefetch(&self, patient: &str, modality: &str, limit: usize) -> Vec<String> {
        let mut priors = self.find_priors(patient, modality).await;
        priors.sort_unstable_by(|a, b| b.cmp(a));
        priors.truncate(limit);
        priors
    }
}

struct VendorNeutralArchive { index: BTreeMap<(String, String), Vec<String>> }
struct CloudArchive { objects: Vec<(String, String, String)>, round_trips: std::cell::Cell<u32> }

impl Archive for VendorNeutralArchive {
    async fn find_priors(&self, patient: &str, modality: &str) -> Vec<String> {
        yield_now().await;
        self.index.get(&(patient.to_string(), modality.to_string())).cloned().unwrap_or_default()
    }
}
impl Archive for CloudArchive {
    async fn find_priors(&self, patient: &str, modality: &str) -> Vec<String> {
        let mut out = Vec::new();
        for page in self.objects.chunks(2) {
            self.round_trips.set(self.round_trips.get() + 1);
            yield_now().await;
            out.extend(page.iter().filter(|(p, m, _)| p == patient && m == modality).map(|(_, _, d)| d.clone()));
        }
        out
    }
}

type Worklists = Arc<RwLock<BTreeMap<&'static str, Vec<(bool, String)>>>>;

fn pick_worklist(s: &Study) -> Option<&'static str> {
    match (s.modality.as_str(), s.body_part.as_str()) {
        ("CT" | "MR", "HEAD" | "BRAIN") => Some("neuro"),
        ("MG", _) => Some("breast"),
        ("CT", part) if part.starts_with("CHEST") => Some("thoracic"),
        ("CR" | "DX", _) => Some("general"),
        ("US", _) => Some("ultrasound"),
        _ => None,
    }
}

async fn route<A: Archive>(dump: &str, archive: &A, lists: Worklists) -> Result<(String, usize), RouteError> {
    let study = to_study(&parse_dump(dump)?)?;
    let list = pick_worklist(&study).ok_or_else(|| RouteError::NoRule(format!("{}/{}", study.modality, study.body_part)))?;
    let priors = archive.prefetch(&study.patient, &study.modality, 2).await;
    {
        let mut w = lists.write().unwrap();
        let queue = w.entry(list).or_default();
        let entry = (study.stat, study.uid.clone());
        if study.stat { queue.insert(0, entry) } else { queue.push(entry) }
    }
    Ok((list.to_string(), priors.len()))
}

fn main() {
    let vna = VendorNeutralArchive {
        index: BTreeMap::from([(("P100".to_string(), "CT".to_string()), vec!["2021-03-02".into(), "2023-07-19".into(), "2019-11-30".into()])]),
    };
    let cloud = CloudArchive {
        objects: vec![
            ("P200".into(), "MG".into(), "2022-01-10".into()),
            ("P200".into(), "MG".into(), "2023-01-12".into()),
            ("P300".into(), "US".into(), "2023-05-05".into()),
        ],
        round_trips: std::cell::Cell::new(0),
    };
    let lists: Worklists = Arc::new(RwLock::new(BTreeMap::new()));
    let ct_head = "(0008,0060) [CT]\n(0010,0020) [P100]\n(0018,0015) [HEAD]\n(0020,000D) [1.2.840.1]\n";
    let ct_stat = "(0008,0060) [CT]\n(0010,0020) [P100]\n(0018,0015) [BRAIN]\n(0020,000D) [1.2.840.2]\n(0040,1003) [stat]\n";
    let mammo = "(0008,0060) [MG]\n(0010,0020) [P200]\n(0020,000d) [1.2.840.3]\n";
    let nm = "(0008,0060) [NM]\n(0010,0020) [P400]\n(0020,000D) [1.2.840.4]\n";

    assert_eq!(block_on(route(ct_head, &vna, Arc::clone(&lists))).unwrap(), ("neuro".to_string(), 2));
    assert_eq!(block_on(route(ct_stat, &vna, Arc::clone(&lists))).unwrap().0, "neuro");
    assert_eq!(block_on(route(mammo, &cloud, Arc::clone(&lists))).unwrap(), ("breast".to_string(), 2));
    assert_eq!(cloud.round_trips.get(), 2);
    assert!(matches!(block_on(route(nm, &cloud, Arc::clone(&lists))), Err(RouteError::NoRule(_))));
    assert!(matches!(block_on(route("(0008 0060) CT", &vna, Arc::clone(&lists))), Err(RouteError::Malformed { .. })));
    assert!(matches!(block_on(route("(0008,0060) CT", &vna, Arc::clone(&lists))), Err(RouteError::MissingTag(STUDY_UID))));

    let latest = block_on(vna.prefetch("P100", "CT", 1));
    assert_eq!(latest, vec!["2023-07-19".to_string()]);

    let reader = Arc::clone(&lists);
    let summary = block_on(async move {
        yield_now().await;
        let w = reader.read().unwrap();
        w.iter().map(|(k, v)| format!("{k}:{}({} stat)", v.len(), v.iter().filter(|e| e.0).count())).collect::<Vec<_>>().join(" ")
    });
    assert_eq!(lists.read().unwrap()["neuro"][0].1, "1.2.840.2");
    println!("{summary}");
}
