//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Yacht-club series scoring: reads finish sheets from async sources, computes PHRF
//! time-on-distance / time-on-time corrected times and ranks the series with discards.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct Yield { hit: bool }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.hit { Poll::Ready(()) } else { self.hit = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { break v; } }
}

#[derive(Debug, Clone)]
struct Boat { sail: String, name: String, phrf: i32 }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Finish { Time(u32), Dnf, Dns, Ocs }

#[derive(Debug)]
struct Race { number: u8, distance_nm: f64, start: u32, finishes: HashMap<String, Finish> }

#[derive(Debug)]
enum ScoreError { Parse { line: usize, msg: String }, UnknownBoat(String), Source(String) }

#[derive(Debug, Clone, Copy)]
enum Method { TimeOnDistance, TimeOnTime { a: f64, b: f64 } }

fn hms(s: &str) -> Option<u32> {
    let parts: Vec<u32> = s.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match parts.as_slice() { [h, m, sec] if *m < 60 && *sec < 60 => Some(h * 3600 + m * 60 + sec), _ => None }
}

fn parse_sheet(text: &str) -> Result<Race, ScoreError> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate();
    let (_, header) = lines.next().ok_or(ScoreError::Parse { line: 0, msg: "empty sheet".into() })?;
    let h: Vec<&str> = header.split_whitespace().collect();
    let (number, distance_nm, start) = match h.as_slice() {
        ["race", n, "distance", d, "start", t] => (n.parse().ok(), d.parse().ok(), hms(t)),
        _ => (None, None, None),
    };
    let perr = |line: usize, msg: &str| ScoreError::Parse { line, msg: msg.to_string() };
    let mut race = Race { number: number.ok_or_else(|| perr(1, "race number"))?, distance_nm: distance_nm.ok_or_else(|| perr(1, "distance"))?, start: start.ok_or_else(|| perr(1, "start"))?, finishes: HashMap::new() };
    for (i, l) in lines {
        let (sail, what) = l.split_once(char::is_whitespace).ok_or_else(|| perr(i + 1, "need sail and finish"))?;
        let f = match what.trim() {
            "DNF" => Finish::Dnf, "DNS" => Finish::Dns, "OCS" => Finish::Ocs,
            t => Finish::Time(hms(t).and_then(|t| t.checked_sub(race.start)).ok_or_else(|| perr(i + 1, "finish before start"))?),
        };
        race.finishes.insert(sail.to_string(), f);
    }
    Ok(race)
}

fn corrected(boat: &Boat, elapsed: u32, race: &Race, m: Method) -> f64 {
    match m {
        Method::TimeOnDistance => elapsed as f64 - boat.phrf as f64 * race.distance_nm,
        Method::TimeOnTime { a, b } => elapsed as f64 * a / (b + boat.phrf as f64),
    }
}

trait ResultsSource {
    fn label(&self) -> String;
    async fn fetch(&mut self, race: u8) -> Result<String, ScoreError>;
    async fn fetch_many(&mut self, races: &[u8]) -> Vec<Result<Race, ScoreError>> {
        let mut out = Vec::with_capacity(races.len());
        for &r in races { out.push(self.fetch(r).await.and_then(|t| parse_sheet(&t))); }
        out
    }
}

struct RaceOfficer { sheets: HashMap<u8, String> }
struct TrackerFeed { start: u32, distance: f64, pings: Vec<(&'static str, u8, Option<u32>)> }

impl ResultsSource for RaceOfficer {
    fn label(&self) -> String { "RO clipboard".into() }
    async fn fetch(&mut self, race: u8) -> Result<String, ScoreError> {
        Yield::default().await;
        self.sheets.remove(&race).ok_or_else(|| ScoreError::Source(format!("no sheet for race {race}")))
    }
}

impl ResultsSource for TrackerFeed {
    fn label(&self) -> String { format!("tracker ({} pings)", self.pings.len()) }
    async fn fetch(&mut self, race: u8) -> Result<String, ScoreError> {
        let fmt = |t: u32| format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
        let mut sheet = format!("race {race} distance {} start {}\n", self.distance, fmt(self.start));
        for (sail, r, t) in self.pings.iter().filter(|p| p.1 == race) {
            Yield::default().await;
            sheet += &format!("{sail} {}\n", t.map_or("DNF".to_string(), |t| fmt(self.start + t)));
        }
        Ok(sheet)
    }
}

async fn score_series<S: ResultsSource>(src: &mut S, fleet: &[Boat], races: &[u8], m: Method, discards: usize) -> Result<Vec<(String, Vec<u32>, u32)>, ScoreError> {
    let by_sail: HashMap<&str, &Boat> = fleet.iter().map(|b| (b.sail.as_str(), b)).collect();
    let mut points: BTreeMap<String, Vec<u32>> = fleet.iter().map(|b| (b.sail.clone(), Vec::new())).collect();
    for race in src.fetch_many(races).await {
        let race = race?;
        if let Some(s) = race.finishes.keys().find(|s| !by_sail.contains_key(s.as_str())) { return Err(ScoreError::UnknownBoat(s.clone())); }
        let mut ranked: Vec<(f64, &str)> = race.finishes.iter()
            .filter_map(|(s, f)| match f { Finish::Time(e) => Some((corrected(by_sail[s.as_str()], *e, &race, m), s.as_str())), _ => None })
            .collect();
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let penalty = fleet.len() as u32 + 1;
        for (sail, pts) in points.iter_mut() {
            pts.push(ranked.iter().position(|(_, s)| s == sail).map_or(penalty, |p| p as u32 + 1));
        }
    }
    let mut table: Vec<(String, Vec<u32>, u32)> = points.into_iter().map(|(sail, pts)| {
        let mut sorted = pts.clone();
        sorted.sort_unstable();
        let net = sorted.iter().take(sorted.len().saturating_sub(discards)).sum();
        (sail, pts, net)
    }).collect();
    table.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.iter().min().cmp(&b.1.iter().min())));
    Ok(table)
}

fn main() {
    let fleet: Vec<Boat> = [("USA1", "Kestrel", 96), ("USA22", "Blue Note", 132), ("CAN7", "Loon", 171), ("USA303", "Tern", 60)]
        .iter().map(|(s, n, r)| Boat { sail: s.to_string(), name: n.to_string(), phrf: *r }).collect();
    let mut ro = RaceOfficer { sheets: HashMap::from([
        (1, "race 1 distance 6.2 start 13:00:00\nUSA1 13:52:10\nUSA22 13:55:40\nCAN7 13:58:02\nUSA303 13:49:30".to_string()),
        (2, "race 2 distance 8.0 start 14:20:00\nUSA1 15:31:00\nUSA22 DNF\nCAN7 15:36:45\nUSA303 OCS".to_string()),
        (3, "race 3 distance 5.5 start 15:50:00\nUSA1 16:35:12\nUSA22 16:36:00\nCAN7 16:41:19\nUSA303 16:31:58".to_string()),
    ]) };
    let tod = block_on(score_series(&mut ro, &fleet, &[1, 2, 3], Method::TimeOnDistance, 1));
    for row in tod.iter().flatten() { println!("ToD {row:?}"); }
    let mut tracker = TrackerFeed { start: 11 * 3600, distance: 7.1, pings: vec![("USA1", 4, Some(3300)), ("USA22", 4, Some(3390)), ("CAN7", 4, None), ("USA303", 4, Some(3212)), ("USA1", 5, Some(2990)), ("CAN7", 5, Some(3105)), ("XYZ9", 6, Some(1))] };
    let label = tracker.label();
    let tot = block_on(score_series(&mut tracker, &fleet, &[4, 5], Method::TimeOnTime { a: 650.0, b: 550.0 }, 0));
    println!("{label}: {:?}", tot.map(|t| t.into_iter().map(|(s, _, n)| (s, n)).collect::<Vec<_>>()));
    println!("unknown: {:?}", block_on(score_series(&mut tracker, &fleet, &[6], Method::TimeOnDistance, 0)).err());
    println!("missing: {:?}", block_on(score_series(&mut ro, &fleet, &[1], Method::TimeOnDistance, 0)).err());
    let delta = async |sail: &str, secs: u32| -> Option<f64> {
        Yield::default().await;
        let race = parse_sheet("race 9 distance 10 start 10:00:00").ok()?;
        fleet.iter().find(|b| b.sail == sail).map(|b| corrected(b, secs, &race, Method::TimeOnDistance))
    };
    println!("{:?} {:?}", block_on(delta("CAN7", 5400)), block_on(delta("NOPE", 5400)));
    println!("{:?}", parse_sheet("race 1 distance 3 start 12:00:00\nUSA1 11:59:00").err());
}
