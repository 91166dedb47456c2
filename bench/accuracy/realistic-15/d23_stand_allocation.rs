//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Airport stand allocation: takes the day's turnarounds from the operational database,
//! fits each to a compatible contact or remote stand (incl. MARS split stands) with buffers,
//! and tows long turns off contact stands.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

const BUFFER_MIN: u32 = 15;
const MAX_CONTACT_TURN_MIN: u32 = 150;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum IcaoCode { B, C, D, E, F }

#[derive(Debug, Clone, PartialEq)]
enum StandKind { Contact { gate: &'static str }, Remote, Mars { parent: &'static str, side: char } }

#[derive(Debug, Clone)]
struct Stand { id: &'static str, max: IcaoCode, kind: StandKind }

#[derive(Debug, Clone)]
struct Turn { flight: String, ac_type: String, on_blocks: u32, off_blocks: u32, schengen: bool }

#[derive(Debug)]
enum AllocError { UnknownType(String), NoStand { flight: String, code: IcaoCode }, BadRow(String) }

fn code_of(ac_type: &str) -> Result<IcaoCode, AllocError> {
    Ok(match ac_type {
        "DH8D" | "AT76" => IcaoCode::B,
        "E190" | "E195" => IcaoCode::C,
        t if t.starts_with("A32") || t.starts_with("B73") => IcaoCode::C,
        "B763" | "A310" => IcaoCode::D,
        "A359" | "B789" | "B77W" | "A333" => IcaoCode::E,
        "A388" | "B748" => IcaoCode::F,
        other => return Err(AllocError::UnknownType(other.to_string())),
    })
}

fn hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_at(s.len().checked_sub(2)?);
    Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

trait ScheduleFeed {
    async fn turns(&mut self) -> Result<Vec<Turn>, AllocError>;
}
struct Aodb { csv: &'static str }
struct OpsChanges { delays: HashMap<&'static str, u32>, base: Vec<Turn> }

impl ScheduleFeed for Aodb {
    async fn turns(&mut self) -> Result<Vec<Turn>, AllocError> {
        let mut out = Vec::new();
        for row in self.csv.lines().skip(1) {
            yield_now().await;
            let f: Vec<&str> = row.split(';').collect();
            let [flight, ty, on, off, area] = f[..] else { return Err(AllocError::BadRow(row.into())) };
            let on_blocks = hhmm(on).ok_or_else(|| AllocError::BadRow(row.into()))?;
            let off_blocks = hhmm(off).ok_or_else(|| AllocError::BadRow(row.into()))?;
            out.push(Turn { flight: flight.into(), ac_type: ty.into(), on_blocks, off_blocks, schengen: area == "S" });
        }
        Ok(out)
    }
}
impl ScheduleFeed for OpsChanges {
    async fn turns(&mut self) -> Result<Vec<Turn>, AllocError> {
        yield_now().await;
        Ok(self.base.iter().cloned().map(|mut t| {
            if let Some(d) = self.delays.get(t.flight.as_str()) { t.on_blocks += d; t.off_blocks += d; }
            t
        }).collect())
    }
}

type Plan = Rc<RefCell<BTreeMap<&'static str, Vec<(u32, u32, String)>>>>;

fn free(plan: &Plan, stand: &str, from: u32, to: u32) -> bool {
    plan.borrow().get(stand).map_or(true, |v| v.iter().all(|(a, b, _)| to + BUFFER_MIN <= *a || from >= *b + BUFFER_MIN))
}

fn mars_conflict(plan: &Plan, stands: &[Stand], s: &Stand, code: IcaoCode, from: u32, to: u32) -> bool {
    // a wide-body on the parent blocks both halves; a narrow-body on a half blocks the parent
    stands.iter().filter(|o| match (&s.kind, &o.kind) {
        (StandKind::Mars { parent, .. }, StandKind::Contact { .. }) => o.id == *parent,
        (StandKind::Contact { .. }, StandKind::Mars { parent, .. }) => *parent == s.id,
        _ => false,
    }).any(|o| !free(plan, o.id, from, to))
}

async fn allocate<F: ScheduleFeed>(feed: &mut F, stands: &[Stand], plan: Plan) -> Result<Vec<String>, AllocError> {
    let mut turns = feed.turns().await?;
    turns.sort_by_key(|t| (t.on_blocks, std::cmp::Reverse(t.off_blocks - t.on_blocks)));
    let mut log = Vec::new();
    for t in turns {
        let code = code_of(&t.ac_type)?;
        let long_turn = t.off_blocks - t.on_blocks > MAX_CONTACT_TURN_MIN;
        let mut candidates: Vec<&Stand> = stands.iter().filter(|s| s.max >= code).collect();
        candidates.sort_by_key(|s| (matches!(s.kind, StandKind::Remote) != long_turn, s.max));
        let pick = candidates.into_iter().find(|s| {
            let ok_kind = match &s.kind {
                StandKind::Contact { gate } if gate.starts_with('A') => t.schengen,
                StandKind::Contact { .. } | StandKind::Mars { .. } => !t.schengen || code <= IcaoCode::C,
                StandKind::Remote => true,
            };
            ok_kind && free(&plan, s.id, t.on_blocks, t.off_blocks) && !mars_conflict(&plan, stands, s, code, t.on_blocks, t.off_blocks)
        });
        let Some(stand) = pick else { return Err(AllocError::NoStand { flight: t.flight, code }) };
        plan.borrow_mut().entry(stand.id).or_default().push((t.on_blocks, t.off_blocks, t.flight.clone()));
        log.push(format!("{:<7} {:<5} {:02}:{:02}-{:02}:{:02} -> {} {:?}", t.flight, t.ac_type, t.on_blocks / 60, t.on_blocks % 60, t.off_blocks / 60, t.off_blocks % 60, stand.id, stand.kind));
        yield_now().await;
    }
    Ok(log)
}

fn main() {
    let stands = vec![
        Stand { id: "A1", max: IcaoCode::C, kind: StandKind::Contact { gate: "A1" } },
        Stand { id: "A2", max: IcaoCode::C, kind: StandKind::Contact { gate: "A2" } },
        Stand { id: "B10", max: IcaoCode::E, kind: StandKind::Contact { gate: "B10" } },
        Stand { id: "B10L", max: IcaoCode::C, kind: StandKind::Mars { parent: "B10", side: 'L' } },
        Stand { id: "B10R", max: IcaoCode::C, kind: StandKind::Mars { parent: "B10", side: 'R' } },
        Stand { id: "R40", max: IcaoCode::E, kind: StandKind::Remote },
        Stand { id: "R41", max: IcaoCode::C, kind: StandKind::Remote },
    ];
    let csv = "flight;type;on;off;area\nEZY12;A320;0610;0655;S\nBAW88;B789;0700;0905;N\nRYR3;B738;0615;0700;S\nUAE5;B77W;0930;1040;N\nLOG7;AT76;0640;1100;N\nAFR2;A321;0705;0750;S\nSAS9;A320;0905;0955;N";
    let plan: Plan = Rc::new(RefCell::new(BTreeMap::new()));
    let mut aodb = Aodb { csv };
    match block_on(allocate(&mut aodb, &stands, plan.clone())) {
        Ok(log) => log.iter().for_each(|l| println!("{l}")),
        Err(e) => println!("allocation failed: {e:?}"),
    }
    let base = block_on(Aodb { csv }.turns()).unwrap();
    let mut ops = OpsChanges { delays: HashMap::from([("BAW88", 40), ("UAE5", 0)]), base };
    let replan: Plan = Rc::new(RefCell::new(BTreeMap::new()));
    let r2 = block_on(allocate(&mut ops, &stands[..4], replan.clone()));
    println!("replan without remotes: {:?}", r2.map(|l| l.len()));
    let mut bad = Aodb { csv: "h\nXX1;C172;0800;0900;N" };
    let mut bad_row = Aodb { csv: "h\nXX1;A320;8am;0900" };
    println!("{:?} / {:?}", block_on(allocate(&mut bad, &stands, plan.clone())).err(), block_on(bad_row.turns()).err());
    let utilisation = async || {
        yield_now().await;
        plan.borrow().iter().map(|(s, v)| format!("{s}:{}min", v.iter().map(|(a, b, _)| b - a).sum::<u32>())).collect::<Vec<_>>().join(" ")
    };
    println!("{}", block_on(utilisation()));
}
