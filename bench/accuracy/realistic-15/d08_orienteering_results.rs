//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Orienteering event results: downloads e-punch cards at the finish, checks the punched
//! control codes against each course in order, computes leg splits and class results.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
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

const MAX_PUNCHES: usize = 32;

#[derive(Debug, Clone)]
struct Card { si: u32, start: u32, finish: u32, punches: [(u16, u32); MAX_PUNCHES], n: usize }

#[derive(Debug, PartialEq)]
enum Status { Ok { time: u32, splits: Vec<u32> }, Mispunch { missing: Vec<u16> }, DidNotFinish }

#[derive(Debug)]
enum ReadError { Checksum(u32), Format(String), NoStart(u32) }

fn clock(s: &str) -> Option<u32> {
    let parts: Vec<u32> = s.split(':').map(|p| p.parse().ok()).collect::<Option<Vec<_>>>()?;
    match parts.as_slice() {
        [h, m, s] => Some(h * 3600 + m * 60 + s),
        [m, s] => Some(m * 60 + s),
        _ => None,
    }
}

/// "si=8001234 start=10:02:00 31@10:05:11 45@10:09:40 ... finish=10:41:07"
fn parse_dump(line: &str) -> Result<Card, ReadError> {
    let mut card = Card { si: 0, start: 0, finish: 0, punches: [(0, 0); MAX_PUNCHES], n: 0 };
    for tok in line.split_whitespace() {
        if let Some(v) = tok.strip_prefix("si=") {
            card.si = v.parse().map_err(|_| ReadError::Format(tok.into()))?;
        } else if let Some(v) = tok.strip_prefix("start=") {
            card.start = clock(v).ok_or_else(|| ReadError::Format(tok.into()))?;
        } else if let Some(v) = tok.strip_prefix("finish=") {
            card.finish = clock(v).ok_or_else(|| ReadError::Format(tok.into()))?;
        } else if let Some((code, t)) = tok.split_once('@') {
            if card.n == MAX_PUNCHES { break; }
            let code: u16 = code.parse().map_err(|_| ReadError::Format(tok.into()))?;
            card.punches[card.n] = (code, clock(t).ok_or_else(|| ReadError::Format(tok.into()))?);
            card.n += 1;
        }
    }
    if card.start == 0 { return Err(ReadError::NoStart(card.si)); }
    Ok(card)
}

trait CardReader {
    async fn next_card(&mut self) -> Option<Result<Card, ReadError>>;
}

struct FinishStation { dumps: Vec<&'static str> }
struct RadioBackup { frames: Vec<(u32, Vec<u8>, u8)> }

fn crc8_sum(bytes: &[u8]) -> u8 { bytes.iter().fold(0u8, |a, b| a.wrapping_add(*b)) }

impl CardReader for FinishStation {
    async fn next_card(&mut self) -> Option<Result<Card, ReadError>> {
        yield_now().await;
        if self.dumps.is_empty() { return None; }
        Some(parse_dump(self.dumps.remove(0)))
    }
}

impl CardReader for RadioBackup {
    async fn next_card(&mut self) -> Option<Result<Card, ReadError>> {
        let (si, bytes, crc) = self.frames.pop()?;
        yield_now().await;
        if crc8_sum(&bytes) != crc { return Some(Err(ReadError::Checksum(si))); }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Some(parse_dump(&text))
    }
}

fn check_course(card: &Card, course: &[u16]) -> Status {
    if card.finish == 0 { return Status::DidNotFinish; }
    let punched = &card.punches[..card.n];
    let mut idx = 0;
    let mut times = Vec::with_capacity(course.len());
    let mut missing = Vec::new();
    for &ctrl in course {
        match punched[idx..].iter().position(|(c, _)| *c == ctrl) {
            Some(p) => { times.push(punched[idx + p].1); idx += p + 1; }
            None => missing.push(ctrl),
        }
    }
    if !missing.is_empty() { return Status::Mispunch { missing }; }
    times.push(card.finish);
    let splits = times.iter().scan(card.start, |prev, &t| { let s = t - *prev; *prev = t; Some(s) }).collect();
    Status::Ok { time: card.finish - card.start, splits }
}

async fn drain<R: CardReader>(reader: &mut R, entries: &HashMap<u32, (&str, &str)>, courses: &HashMap<&str, Vec<u16>>, results: &mut BTreeMap<String, Vec<(u32, String)>>) -> usize {
    let mut errors = 0;
    while let Some(next) = reader.next_card().await {
        let card = match next {
            Ok(c) => c,
            Err(ReadError::Checksum(si)) | Err(ReadError::NoStart(si)) if entries.contains_key(&si) => { errors += 1; continue; }
            Err(e) => { errors += 1; println!("  reader error {e:?}"); continue; }
        };
        let Some(&(name, class)) = entries.get(&card.si) else { errors += 1; continue };
        let course = &courses[class];
        let (key, line) = match check_course(&card, course) {
            Status::Ok { time, splits } => (time, format!("{name} {}:{:02} splits {splits:?}", time / 60, time % 60)),
            Status::Mispunch { missing } => (u32::MAX - 1, format!("{name} MP missing {missing:?}")),
            Status::DidNotFinish => (u32::MAX, format!("{name} DNF")),
        };
        results.entry(class.to_string()).or_default().push((key, line));
    }
    errors
}

fn main() {
    let courses: HashMap<&str, Vec<u16>> = HashMap::from([("M21E", vec![31, 45, 52, 38, 100]), ("W35", vec![31, 47, 100])]);
    let entries = HashMap::from([(8001, ("A. Berg", "M21E")), (8002, ("K. Vos", "M21E")), (8003, ("L. Moreno", "W35")), (8004, ("T. Hall", "W35"))]);
    let mut finish = FinishStation {
        dumps: vec![
            "si=8001 start=10:00:00 31@10:03:10 45@10:09:00 52@10:14:30 38@10:20:05 100@10:31:40 finish=10:32:02",
            "si=8002 start=10:02:00 31@10:05:50 52@10:16:00 38@10:22:00 100@10:33:10 finish=10:33:40",
            "si=8003 start=10:10:00 31@10:13:00 40@10:16:00 47@10:19:30 100@10:25:00 finish=10:25:19",
            "si=9999 start=bogus",
        ],
    };
    let good = b"si=8004 start=10:12:00 31@10:14:00 47@10:18:00 100@10:23:30 finish=10:23:51".to_vec();
    let crc = crc8_sum(&good);
    let mut radio = RadioBackup { frames: vec![(8002, b"si=8002 garbage".to_vec(), 0x5a), (8004, good, crc), (7777, b"si=7777".to_vec(), 0)] };

    let mut results = BTreeMap::new();
    let e1 = block_on(drain(&mut finish, &entries, &courses, &mut results));
    let e2 = block_on(drain(&mut radio, &entries, &courses, &mut results));
    for (class, mut rows) in results {
        rows.sort();
        println!("{class}:");
        for (i, (_, line)) in rows.iter().enumerate() { println!("  {}. {line}", i + 1); }
    }
    println!("reader errors: finish={e1} radio={e2}");

    let mut empty = FinishStation { dumps: vec![] };
    let none = block_on(empty.next_card());
    let mut empty_radio = RadioBackup { frames: vec![] };
    let none2 = block_on(empty_radio.next_card());
    let rerun = |dump: &'static str| async move {
        yield_now().await;
        parse_dump(dump).map(|c| check_course(&c, &[31, 100]))
    };
    let st = block_on(rerun("si=1 start=09:00:00 31@09:05:00 100@09:09:00 finish=09:09:30"));
    println!("{} {} {st:?}", none.is_none(), none2.is_none());
}
