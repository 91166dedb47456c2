//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Airline crew scheduling legality checker: parses a crew member's roster of duties,
//! and checks duty length, minimum rest and rolling-window limits under two rulebooks.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
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
enum RosterError {
    Line(usize, String),
    Overlap { first: String, second: String },
}

#[derive(Debug, Clone)]
struct Duty {
    id: String,
    start: u32,
    end: u32,
    sectors: u8,
}

#[derive(Debug, PartialEq)]
enum Breach {
    DutyTooLong { duty: String, mins: u32, limit: u32 },
    ShortRest { before: String, mins: u32, needed: u32 },
    Rolling { window_end: String, mins: u32 },
}

fn hm(s: &str) -> Option<u32> {
    let (d, t) = s.split_once('T')?;
    let day: u32 = d.trim_start_matches('D').parse().ok()?;
    let (h, m) = (t.get(..2)?, t.get(2..)?);
    Some(day * 1440 + h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

fn parse_roster(text: &str) -> Result<Vec<Duty>, RosterError> {
    let mut duties: Vec<Duty> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        let duty = match f.as_slice() {
            [id, s, e, sectors] => Duty {
                id: id.to_string(),
                start: hm(s).ok_or_else(|| RosterError::Line(n + 1, s.to_string()))?,
                end: hm(e).ok_or_else(|| RosterError::Line(n + 1, e.to_string()))?,
                sectors: sectors.parse().map_err(|_| RosterError::Line(n + 1, sectors.to_string()))?,
            },
            _ => return Err(RosterError::Line(n + 1, line.to_string())),
        };
        if let Some(prev) = duties.last() {
            if duty.start < prev.end {
                return Err(RosterError::Overlap { first: prev.id.clone(), second: duty.id });
            }
        }
        duties.push(duty);
    }
    Ok(duties)
}

trait Rulebook {
    fn name(&self) -> &'static str;
    fn max_duty(&self, d: &Duty) -> u32;
    fn rolling_window(&self) -> (u32, u32);
    async fn min_rest(&self, previous: &Duty) -> u32;

    async fn audit(&self, duties: &[Duty]) -> Vec<Breach> {
        let mut out = Vec::new();
        for d in duties {
            let limit = self.max_duty(d);
            if d.end - d.start > limit {
                out.push(Breach::DutyTooLong { duty: d.id.clone(), mins: d.end - d.start, limit });
            }
        }
        for pair in duties.windows(2) {
            let needed = self.min_rest(&pair[0]).await;
            let rest = pair[1].start - pair[0].end;
            if rest < needed {
                out.push(Breach::ShortRest { before: pair[1].id.clone(), mins: rest, needed });
            }
        }
        let (window, cap) = self.rolling_window();
        let mut inside: VecDeque<&Duty> = VecDeque::new();
        let mut total = 0;
        for d in duties {
            inside.push_back(d);
            total += d.end - d.start;
            while let Some(front) = inside.front() {
                if front.start + window > d.end {
                    break;
                }
                total -= front.end - front.start;
                inside.pop_front();
            }
            if total > cap {
                out.push(Breach::Rolling { window_end: d.id.clone(), mins: total });
            }
            yield_now().await;
        }
        out
    }
}

struct EuStyle;
struct UsStyle {
    home_base_rest: u32,
}

impl Rulebook for EuStyle {
    fn name(&self) -> &'static str { "EU-style" }
    fn max_duty(&self, d: &Duty) -> u32 {
        let base = if (d.start % 1440) < 6 * 60 { 11 * 60 } else { 13 * 60 };
        base - 30 * u32::from(d.sectors.saturating_sub(2)).min(4)
    }
    fn rolling_window(&self) -> (u32, u32) { (7 * 1440, 60 * 60) }
    async fn min_rest(&self, previous: &Duty) -> u32 {
        (previous.end - previous.start).max(12 * 60)
    }
}

impl Rulebook for UsStyle {
    fn name(&self) -> &'static str { "US-style" }
    fn max_duty(&self, d: &Duty) -> u32 {
        match (d.start % 1440 / 60, d.sectors) {
            (0..=4, _) => 9 * 60,
            (_, s) if s >= 5 => 12 * 60,
            _ => 14 * 60,
        }
    }
    fn rolling_window(&self) -> (u32, u32) { (168 * 60, 60 * 60) }
    async fn min_rest(&self, previous: &Duty) -> u32 {
        yield_now().await;
        self.home_base_rest
    }
}

async fn check<R>(rules: &R, crew: &str, roster: &str) -> Result<BTreeMap<&'static str, usize>, RosterError>
where
    R: Rulebook,
{
    let duties = parse_roster(roster)?;
    let breaches = rules.audit(&duties).await;
    let mut tally = BTreeMap::new();
    for b in &breaches {
        let key = match b {
            Breach::DutyTooLong { .. } => "duty",
            Breach::ShortRest { mins, .. } if *mins < 8 * 60 => "rest-severe",
            Breach::ShortRest { .. } => "rest",
            Breach::Rolling { .. } => "rolling",
        };
        *tally.entry(key).or_insert(0) += 1;
    }
    println!("{crew} under {}: {:?}", rules.name(), breaches);
    Ok(tally)
}

pub fn main() {
    let roster = "P1 | D0T0500 | D0T1700 | 4
                  P2 | D1T0600 | D1T1500 | 2
                  P3 | D1T2300 | D2T0900 | 1
                  P4 | D3T0700 | D3T2000 | 6
                  P5 | D4T0800 | D4T1900 | 3
                  P6 | D5T0700 | D5T1800 | 2";
    println!("{:?}", block_on(check(&EuStyle, "FO Lind", roster)));
    println!("{:?}", block_on(check(&UsStyle { home_base_rest: 10 * 60 }, "FO Lind", roster)));
    println!("{:?}", block_on(check(&EuStyle, "CPT Ruiz", "A | D0T0800 | D0T1200 | 2\nB | D0T1100 | D0T1500 | 1")));
    println!("{:?}", block_on(check(&UsStyle { home_base_rest: 600 }, "CPT Ruiz", "A | D0T08 | D0T1200 | 2")));
}
