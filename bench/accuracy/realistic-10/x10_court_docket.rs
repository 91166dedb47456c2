//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a county court clerk's docket that files cases, assigns courtrooms and runs the daily calendar of hearings.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Recess {
    called: bool,
}

impl Future for Recess {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.called {
            Poll::Ready(())
        } else {
            self.called = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn brief_recess() {
    Recess { called: false }.await;
}

async fn clerk_stamp(times: usize) -> usize {
    for _ in 0..times {
        brief_recess().await;
    }
    times
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Division {
    Civil,
    Criminal,
    SmallClaims,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct CaseNo {
    division: Division,
    year: u16,
    seq: u32,
}

#[derive(Debug)]
enum DocketError {
    Malformed(String),
    Conflict { room: u8, slot: u8 },
    Continued(CaseNo),
}

fn parse_case_no(raw: &str) -> Result<CaseNo, DocketError> {
    let bad = || DocketError::Malformed(raw.to_string());
    let mut parts = raw.split('-');
    let division = match parts.next().ok_or_else(bad)? {
        "CV" => Division::Civil,
        "CR" => Division::Criminal,
        "SC" => Division::SmallClaims,
        _ => return Err(bad()),
    };
    let year: u16 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
    let seq_str = parts.next().ok_or_else(bad)?;
    if !seq_str.chars().all(|c| c.is_ascii_digit()) || parts.next().is_some() {
        return Err(bad());
    }
    Ok(CaseNo { division, year, seq: seq_str.trim_start_matches('0').parse().unwrap_or(0) })
}

trait Proceeding {
    fn case(&self) -> &CaseNo;
    fn minutes(&self) -> u16;
    fn ready_for_hearing(&self) -> bool {
        true
    }
    async fn hear(&self, judge: &str) -> Cow<'static, str>;
}

struct Arraignment {
    case: CaseNo,
    defendant: String,
    counsel_present: bool,
}

struct CivilMotion {
    case: CaseNo,
    motion: &'static str,
    briefs_filed: (bool, bool),
}

impl Proceeding for Arraignment {
    fn case(&self) -> &CaseNo {
        &self.case
    }
    fn minutes(&self) -> u16 {
        15
    }
    fn ready_for_hearing(&self) -> bool {
        self.counsel_present
    }
    async fn hear(&self, judge: &str) -> Cow<'static, str> {
        clerk_stamp(2).await;
        Cow::Owned(format!("{} arraigned before {judge}; plea entered: not guilty", self.defendant))
    }
}

impl Proceeding for CivilMotion {
    fn case(&self) -> &CaseNo {
        &self.case
    }
    fn minutes(&self) -> u16 {
        match self.motion {
            "summary judgment" => 45,
            m if m.starts_with("compel") => 20,
            _ => 30,
        }
    }
    async fn hear(&self, _judge: &str) -> Cow<'static, str> {
        brief_recess().await;
        match self.briefs_filed {
            (true, true) => Cow::Borrowed("motion argued and taken under advisement"),
            (true, false) => Cow::Borrowed("opposition not filed; motion granted"),
            _ => Cow::Borrowed("moving papers missing; motion denied without prejudice"),
        }
    }
}

struct Calendar {
    rooms: RefCell<BTreeMap<(u8, u8), CaseNo>>,
    minutes_by_room: RefCell<HashMap<u8, u16>>,
}

impl Calendar {
    async fn book(&self, room: u8, slot: u8, case: CaseNo, minutes: u16) -> Result<(), DocketError> {
        clerk_stamp(1).await;
        let mut rooms = self.rooms.borrow_mut();
        if rooms.contains_key(&(room, slot)) {
            return Err(DocketError::Conflict { room, slot });
        }
        rooms.insert((room, slot), case);
        drop(rooms);
        brief_recess().await;
        *self.minutes_by_room.borrow_mut().entry(room).or_default() += minutes;
        Ok(())
    }
}

async fn calendar_hearing<P>(cal: &Calendar, proc_: &P, room: u8, slot: u8, judge: &str) -> Result<String, DocketError>
where
    P: Proceeding,
{
    brief_recess().await;
    if !proc_.ready_for_hearing() {
        return Err(DocketError::Continued(proc_.case().clone()));
    }
    cal.book(room, slot, proc_.case().clone(), proc_.minutes()).await?;
    let outcome = proc_.hear(judge).await;
    Ok(format!("[{room}:{slot:02}] {:?}-{}-{:05} {outcome}", proc_.case().division, proc_.case().year, proc_.case().seq))
}

async fn file_batch(raw_numbers: impl IntoIterator<Item = &'static str>) -> (Vec<CaseNo>, Vec<String>) {
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    for raw in raw_numbers {
        match parse_case_no(raw) {
            Ok(c) if c.year < 2000 => rejected.push(format!("{raw}: archived year")),
            Ok(c) => ok.push(c),
            Err(DocketError::Malformed(s)) => rejected.push(s),
            Err(other) => rejected.push(format!("{other:?}")),
        }
        brief_recess().await;
    }
    ok.sort();
    (ok, rejected)
}

pub fn main() {
    let (mut filed, rejected) = block_on(file_batch(["CR-2024-00412", "CV-2023-01877", "XX-2024-1", "SC-1998-00003", "CV-2024-00009", "CR-2024-0A1"]));
    println!("filed {} cases, rejected {rejected:?}", filed.len());

    let mut take = |div: Division| -> Option<CaseNo> {
        let idx = filed.iter().position(|c| c.division == div)?;
        Some(filed.remove(idx))
    };
    let a1 = Arraignment { case: take(Division::Criminal).unwrap(), defendant: "R. Keller".into(), counsel_present: true };
    let m1 = CivilMotion { case: take(Division::Civil).unwrap(), motion: "compel discovery", briefs_filed: (true, false) };
    let mut m2 = CivilMotion { case: take(Division::Civil).unwrap(), motion: "summary judgment", briefs_filed: (false, true) };
    let mut a2 = Arraignment { case: CaseNo { division: Division::Criminal, year: 2024, seq: 500 }, defendant: "T. Osei".into(), counsel_present: false };

    // the clerk swaps the briefing status after a late filing is found in the mailroom
    let mut late = (true, true);
    std::mem::swap(&mut m2.briefs_filed, &mut late);
    let absent_defendant = std::mem::take(&mut a2.defendant);

    let cal = Calendar { rooms: RefCell::new(BTreeMap::new()), minutes_by_room: RefCell::new(HashMap::new()) };

    let mut morning: Vec<Pin<Box<dyn Future<Output = Result<String, DocketError>> + '_>>> = Vec::new();
    morning.push(Box::pin(calendar_hearing(&cal, &a1, 3, 9, "Judge Ramos")));
    morning.push(Box::pin(calendar_hearing(&cal, &m1, 5, 9, "Judge Whitfield")));
    morning.push(Box::pin(calendar_hearing(&cal, &m2, 5, 9, "Judge Whitfield")));
    morning.push(Box::pin(calendar_hearing(&cal, &a2, 3, 10, "Judge Ramos")));

    let results = block_on(async {
        let mut out = Vec::with_capacity(morning.len());
        for hearing in morning {
            let line = match hearing.await {
                Ok(s) => s,
                Err(DocketError::Conflict { room, slot }) => format!("conflict in room {room} at {slot}:00 - reset to afternoon"),
                Err(DocketError::Continued(c)) => format!("case {} continued ({absent_defendant} absent counsel)", c.seq),
                Err(e) => format!("{e:?}"),
            };
            out.push(line);
        }
        out
    });
    results.iter().for_each(|r| println!("{r}"));
    println!("room load: {:?}", cal.minutes_by_room.borrow().iter().collect::<BTreeMap<_, _>>());
}
