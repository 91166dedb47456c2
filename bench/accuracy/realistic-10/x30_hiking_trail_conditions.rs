//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a park ranger station that aggregates hiker trail reports into segment conditions, hazards and closure notices.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::fmt::Display;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

struct Yield {
    yielded: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn yield_now() {
    Yield { yielded: false }.await
}

async fn radio_relay(hops: usize) {
    for _ in 0..hops {
        yield_now().await;
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Hazard {
    Mud = 1,
    Blowdown = 2,
    SnowPatch = 3,
    Washout = 4,
    BearActivity = 5,
}

#[derive(Debug, Clone)]
struct Report {
    segment: &'static str,
    mile: f32,
    hazard: Option<Hazard>,
    passable: bool,
    reporter: String,
    hours_ago: u16,
}

#[derive(Debug, Default)]
struct SegmentStatus {
    reports: u32,
    blocked_votes: u32,
    worst: Option<Hazard>,
    freshest_h: Option<u16>,
}

#[derive(Debug)]
enum Notice {
    Closed { segment: &'static str, reason: Hazard },
    Caution { segment: &'static str, items: Vec<(f32, Hazard)> },
    Open(&'static str),
}

fn parse_report(line: &str) -> Option<Report> {
    // "Ridge Loop @4.2 | blowdown | ok | @sam | 3h"
    let mut fields = line.split('|').map(str::trim);
    let (segment_part, hazard_part, pass_part, who, age) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?, fields.next()?);
    let (seg, mile) = segment_part.split_once('@')?;
    let hazard = match hazard_part.to_lowercase().as_str() {
        "" | "none" | "clear" => None,
        "mud" => Some(Hazard::Mud),
        "blowdown" | "tree down" => Some(Hazard::Blowdown),
        "snow" => Some(Hazard::SnowPatch),
        "washout" => Some(Hazard::Washout),
        h if h.contains("bear") => Some(Hazard::BearActivity),
        _ => return None,
    };
    let segment: &'static str = match seg.trim() {
        "Ridge Loop" => "Ridge Loop",
        "Falls Trail" => "Falls Trail",
        "Lakeshore" => "Lakeshore",
        _ => return None,
    };
    Some(Report {
        segment,
        mile: mile.trim().parse().ok()?,
        hazard,
        passable: pass_part.eq_ignore_ascii_case("ok"),
        reporter: who.trim_start_matches('@').to_string(),
        hours_ago: age.trim_end_matches('h').parse().ok()?,
    })
}

async fn ingest(raw: &str, board: &Mutex<BTreeMap<&'static str, SegmentStatus>>, hazards: &mut BinaryHeap<(Hazard, Reverse<u16>, &'static str)>) -> (usize, Vec<String>) {
    let mut accepted = 0;
    let mut rejected = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some(r) = parse_report(line) else {
            rejected.push(line.chars().take(24).collect());
            continue;
        };
        if r.hours_ago > 72 {
            continue; // stale, ignored
        }
        let mut guard = board.lock().unwrap();
        let status = guard.entry(r.segment).or_default();
        status.reports += 1;
        status.blocked_votes += u32::from(!r.passable);
        status.worst = status.worst.max(r.hazard);
        status.freshest_h = Some(status.freshest_h.map_or(r.hours_ago, |h| h.min(r.hours_ago)));
        radio_relay(1).await; // the station log is updated while the board stays locked
        drop(guard);
        if let Some(h) = r.hazard {
            hazards.push((h, Reverse(r.hours_ago), r.segment));
        }
        accepted += 1;
    }
    (accepted, rejected)
}

async fn decide(board: &Mutex<BTreeMap<&'static str, SegmentStatus>>, reports_by_mile: &HashMap<&'static str, Vec<(f32, Hazard)>>) -> Vec<Notice> {
    let snapshot: Vec<(&'static str, u32, u32, Option<Hazard>)> = board.lock().unwrap().iter().map(|(k, s)| (*k, s.reports, s.blocked_votes, s.worst)).collect();
    let mut notices = Vec::new();
    for (segment, reports, blocked, worst) in snapshot {
        yield_now().await;
        let notice = match worst {
            Some(h @ (Hazard::Washout | Hazard::BearActivity)) => Notice::Closed { segment, reason: h },
            Some(h) if blocked * 2 > reports => Notice::Closed { segment, reason: h },
            Some(_) => Notice::Caution { segment, items: reports_by_mile.get(segment).cloned().unwrap_or_default() },
            None => Notice::Open(segment),
        };
        notices.push(notice);
    }
    notices
}

async fn summarize<K, V>(title: &str, data: &BTreeMap<K, V>) -> String
where
    K: Display + Ord,
    V: Into<f64> + Copy,
{
    let total: f64 = data.values().map(|v| (*v).into()).sum();
    yield_now().await;
    let parts: Vec<String> = data.iter().map(|(k, v)| format!("{k}={:.1}", (*v).into())).collect();
    format!("{title}: {} (total {total:.1})", parts.join(", "))
}

pub fn main() {
    let started = Instant::now();
    let raw = "
        Ridge Loop @ 1.5 | mud | ok | @sam | 3h
        Ridge Loop @ 4.2 | tree down | ok | @ivy | 20h
        Falls Trail @ 0.8 | washout | blocked | @ranger_kim | 1h
        Falls Trail @ 2.0 | none | ok | @lee | 50h
        Lakeshore @ 3.1 | clear | ok | @dee | 6h
        Lakeshore @ 1.0 | Bear sighting | ok | @ola | 2h
        Summit Spur @ 0.4 | snow | ok | @max | 4h
        Ridge Loop @ 5.0 | snow | blocked | @pat | 100h
        Ridge Loop @ 2.2 | rockfall | ok | @ana | 5h";

    let board: Mutex<BTreeMap<&'static str, SegmentStatus>> = Mutex::new(BTreeMap::new());
    let mut hazards = BinaryHeap::new();
    let mut by_mile: HashMap<&'static str, Vec<(f32, Hazard)>> = HashMap::new();
    for r in raw.lines().filter_map(|l| parse_report(l.trim())).filter(|r| r.hours_ago <= 72) {
        if let Some(h) = r.hazard {
            by_mile.entry(r.segment).or_default().push((r.mile, h));
        }
    }

    let post = async move |notice: &Notice| -> String {
        radio_relay(2).await;
        match notice {
            Notice::Closed { segment, reason } => format!("CLOSED  {segment}: {reason:?}"),
            Notice::Caution { segment, items } => {
                let list: Vec<String> = items.iter().map(|(m, h)| format!("{h:?} at mi {m}")).collect();
                format!("CAUTION {segment}: {}", list.join("; "))
            }
            Notice::Open(segment) => format!("OPEN    {segment}"),
        }
    };

    let (accepted, rejected, notices) = block_on(async {
        let (accepted, rejected) = ingest(raw, &board, &mut hazards).await;
        let notices = decide(&board, &by_mile).await;
        (accepted, rejected, notices)
    });
    println!("accepted {accepted} reports; rejected {rejected:?}");
    let lines = block_on(async {
        let mut out = Vec::new();
        for n in &notices {
            out.push(post(n).await);
        }
        out
    });
    lines.iter().for_each(|l| println!("{l}"));

    let top: Vec<String> = std::iter::from_fn(|| hazards.pop()).take(3).map(|(h, Reverse(age), seg)| format!("{h:?} on {seg} ({age}h ago)")).collect();
    println!("top hazards: {top:?}");

    let miles: BTreeMap<&str, f32> = by_mile.iter().map(|(seg, v)| (*seg, v.iter().map(|(m, _)| *m).fold(0.0, f32::max))).collect();
    let counts: BTreeMap<String, u32> = board.lock().unwrap().iter().map(|(k, s)| (k.to_string(), s.reports)).collect();
    let (a, b) = block_on(async { (summarize("furthest hazard mile", &miles).await, summarize("reports", &counts).await) });
    println!("{a}\n{b}");
    let _uptime: Duration = started.elapsed();
}
