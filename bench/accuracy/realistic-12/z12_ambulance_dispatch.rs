//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Ambulance dispatch centre: triages calls into a priority heap, sends the closest
//! suitable unit by grid travel time and confirms each assignment over the radio.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

static VTABLE: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VTABLE), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield { yielded: bool }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded { return Poll::Ready(()); }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
fn yield_now() -> Yield { Yield { yielded: false } }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Priority { Alpha, Bravo, Charlie, Delta, Echo }

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Crew { Bls, Als }

#[derive(Debug, Clone, PartialEq, Eq)]
struct Incident { id: u32, priority: Priority, loc: (i32, i32), received: Duration, complaint: String }

impl Ord for Incident {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority.cmp(&other.priority).then_with(|| other.received.cmp(&self.received)).then_with(|| other.id.cmp(&self.id))
    }
}
impl PartialOrd for Incident {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> { Some(self.cmp(other)) }
}

#[derive(Debug, Clone, PartialEq)]
enum Status { Available, EnRoute { incident: u32, eta: Duration }, OutOfService(&'static str) }

#[derive(Debug, Clone)]
struct Unit { callsign: String, loc: (i32, i32), crew: Crew, status: Status, speed_blocks_per_min: u32 }

#[derive(Debug)]
enum DispatchError { NoUnits(u32), RadioTimeout(String), Parse(String) }

fn parse_call(line: &str, received: Duration) -> Result<Incident, DispatchError> {
    let bad = || DispatchError::Parse(line.to_string());
    let mut parts = line.splitn(4, ' ');
    let id = parts.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
    let priority = match parts.next().ok_or_else(bad)?.to_ascii_uppercase().as_str() {
        "ECHO" => Priority::Echo, "DELTA" => Priority::Delta, "CHARLIE" => Priority::Charlie,
        "BRAVO" => Priority::Bravo, "ALPHA" => Priority::Alpha, _ => return Err(bad()),
    };
    let (x, y) = parts.next().and_then(|s| s.split_once(',')).ok_or_else(bad)?;
    let loc = (x.trim().parse().map_err(|_| bad())?, y.trim().parse().map_err(|_| bad())?);
    Ok(Incident { id, priority, loc, received, complaint: parts.next().unwrap_or("").to_string() })
}

trait Radio {
    async fn page(&mut self, unit: &str, msg: &str) -> Result<(), DispatchError>;
    async fn page_with_retry(&mut self, unit: &str, msg: &str, tries: u8) -> Result<u8, DispatchError> {
        let mut last = None;
        for attempt in 1..=tries {
            match self.page(unit, msg).await {
                Ok(()) => return Ok(attempt),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| DispatchError::RadioTimeout(unit.to_string())))
    }
}

struct Trunked { dead_spots: HashSet<String>, log: Vec<String> }
struct Mdt { flaky_every: u32, sent: u32 }

impl Radio for Trunked {
    async fn page(&mut self, unit: &str, msg: &str) -> Result<(), DispatchError> {
        yield_now().await;
        if self.dead_spots.contains(unit) { return Err(DispatchError::RadioTimeout(unit.into())); }
        self.log.push(format!("{unit} <- {msg}"));
        Ok(())
    }
}

impl Radio for Mdt {
    async fn page(&mut self, unit: &str, _msg: &str) -> Result<(), DispatchError> {
        self.sent += 1;
        yield_now().await;
        if self.sent % self.flaky_every == 0 { Err(DispatchError::RadioTimeout(unit.into())) } else { Ok(()) }
    }
}

fn travel(u: &Unit, to: (i32, i32)) -> Duration {
    let blocks = ((u.loc.0 - to.0).abs() + (u.loc.1 - to.1).abs()) as u64;
    Duration::from_secs(blocks * 60 / u.speed_blocks_per_min as u64 + 45)
}

async fn dispatch_all<R: Radio>(queue: &mut BinaryHeap<Incident>, units: &mut [Unit], radio: &mut R) -> Vec<(u32, Result<String, DispatchError>)> {
    let mut out = Vec::new();
    let mut held = Vec::new();
    while let Some(inc) = queue.pop() {
        let needs_als = inc.priority >= Priority::Delta;
        let mut ranked: Vec<(Duration, usize)> = units.iter().enumerate()
            .filter(|(_, u)| u.status == Status::Available && (!needs_als || u.crew == Crew::Als || inc.priority < Priority::Echo))
            .map(|(i, u)| (travel(u, inc.loc), i))
            .collect();
        ranked.sort();
        let mut assigned = None;
        for (eta, idx) in ranked.into_iter().take(2) {
            let msg = format!("{:?} #{} at {:?}: {}", inc.priority, inc.id, inc.loc, inc.complaint);
            if radio.page_with_retry(&units[idx].callsign, &msg, 2).await.is_ok() {
                units[idx].status = Status::EnRoute { incident: inc.id, eta };
                assigned = Some(format!("{} eta {}s", units[idx].callsign, eta.as_secs()));
                break;
            }
        }
        match assigned {
            Some(a) => out.push((inc.id, Ok(a))),
            None if inc.priority <= Priority::Bravo => held.push(inc),
            None => out.push((inc.id, Err(DispatchError::NoUnits(inc.id)))),
        }
    }
    queue.extend(held);
    out
}

fn unit(cs: &str, loc: (i32, i32), crew: Crew, speed: u32) -> Unit {
    Unit { callsign: cs.into(), loc, crew, status: Status::Available, speed_blocks_per_min: speed }
}

fn main() {
    let calls = "101 DELTA 4,5 chest pain\n102 ALPHA 0,1 sprained ankle\n103 ECHO 9,9 cardiac arrest\n104 charlie 3,-2 fall\nxx BRAVO 1,1 nope\n105 BRAVO 7,1 nausea\n106 DELTA 2,2 breathing";
    let mut queue = BinaryHeap::new();
    for (i, line) in calls.lines().enumerate() {
        match parse_call(line, Duration::from_secs(i as u64 * 30)) { Ok(inc) => queue.push(inc), Err(e) => println!("{e:?}") }
    }
    let mut units = vec![unit("Medic 1", (0, 0), Crew::Als, 2), unit("Medic 2", (8, 8), Crew::Als, 2), unit("Ambo 7", (3, 3), Crew::Bls, 3), unit("Ambo 9", (6, 0), Crew::Bls, 3)];
    units[3].status = Status::OutOfService("restock");
    let mut trunked = Trunked { dead_spots: HashSet::from(["Medic 2".to_string()]), log: vec![] };
    for (id, r) in block_on(dispatch_all(&mut queue, &mut units, &mut trunked)) { println!("#{id}: {r:?}"); }
    println!("held: {:?}", queue.iter().map(|i| i.id).collect::<Vec<_>>());

    let reset = async |units: &mut Vec<Unit>| {
        for u in units.iter_mut() {
            yield_now().await;
            if let Status::EnRoute { incident, .. } = u.status { u.status = Status::Available; u.loc = (incident as i32 % 10, 5); }
        }
    };
    block_on(reset(&mut units));
    let mut mdt = Mdt { flaky_every: 3, sent: 0 };
    queue.push(parse_call("107 ECHO 5,5 unconscious", Duration::from_secs(400)).unwrap());
    for (id, r) in block_on(dispatch_all(&mut queue, &mut units, &mut mdt)) { println!("mdt #{id}: {r:?}"); }
    println!("radio log {} lines, mdt sent {}", trunked.log.len(), mdt.sent);
}
