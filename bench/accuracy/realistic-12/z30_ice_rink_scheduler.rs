//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Ice arena scheduler: books hockey, figure-skating and public sessions onto two rinks,
//! keeps resurfacing gaps between sessions, bumps lower-priority bookings and invoices.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

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

const RINKS: [&str; 2] = ["Main", "Studio"];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const FLOOD: Duration = Duration::from_secs(15 * 60);
const OPEN_MIN: u32 = 6 * 60;
const CLOSE_MIN: u32 = 23 * 60;

#[derive(Debug, Clone, PartialEq)]
enum Activity { Hockey { team: String, game: bool }, Figure { coach: String, skaters: u8 }, PublicSkate { capacity: u16 } }

impl Activity {
    fn priority(&self) -> u8 { match self { Activity::Hockey { game: true, .. } => 3, Activity::PublicSkate { .. } => 2, _ => 1 } }
    fn hourly(&self, prime: bool) -> f64 {
        let base = match self { Activity::Hockey { .. } => 310.0, Activity::Figure { skaters, .. } => 120.0 + 8.0 * *skaters as f64, Activity::PublicSkate { .. } => 0.0 };
        if prime { base * 1.25 } else { base }
    }
}

#[derive(Debug, Clone)]
struct Booking { id: u32, rink: usize, day: usize, start: u32, minutes: u32, activity: Activity, customer: String }

impl Booking {
    fn end_with_flood(&self) -> u32 { self.start + self.minutes + FLOOD.as_secs() as u32 / 60 }
    fn prime(&self) -> bool { self.day < 5 && self.start >= 17 * 60 || self.day >= 5 }
}

#[derive(Debug)]
enum RinkError { Parse(String), Hours { id: u32 }, Conflict { id: u32, with: u32 } }

fn parse_request(id: u32, line: &str) -> Result<Booking, RinkError> {
    let bad = || RinkError::Parse(line.to_string());
    let (head, customer) = line.split_once('"').map(|(h, c)| (h, c.trim_end_matches('"'))).ok_or_else(bad)?;
    let f: Vec<&str> = head.split_whitespace().collect();
    let [rink, day, time, mins, kind, rest @ ..] = f.as_slice() else { return Err(bad()) };
    let rink = RINKS.iter().position(|r| r.eq_ignore_ascii_case(rink)).ok_or_else(bad)?;
    let day = DAYS.iter().position(|d| d == day).ok_or_else(bad)?;
    let (h, m) = time.split_once(':').ok_or_else(bad)?;
    let start = h.parse::<u32>().map_err(|_| bad())? * 60 + m.parse::<u32>().map_err(|_| bad())?;
    let activity = match (*kind, rest) {
        ("hockey", [g]) => Activity::Hockey { team: customer.to_string(), game: *g == "game" },
        ("figure", [n]) => Activity::Figure { coach: customer.to_string(), skaters: n.parse().map_err(|_| bad())? },
        ("public", []) => Activity::PublicSkate { capacity: 250 },
        _ => return Err(bad()),
    };
    Ok(Booking { id, rink, day, start, minutes: mins.parse().map_err(|_| bad())?, activity, customer: customer.to_string() })
}

#[derive(Default)]
struct Schedule { slots: BTreeMap<(usize, usize, u32), Booking>, waitlist: VecDeque<Booking> }

impl Schedule {
    fn clashes(&self, b: &Booking) -> Vec<(usize, usize, u32)> {
        self.slots.range((b.rink, b.day, 0)..(b.rink, b.day + 1, 0))
            .filter(|(_, o)| o.start < b.end_with_flood() && b.start < o.end_with_flood())
            .map(|(k, _)| *k).collect()
    }

    fn place(&mut self, b: Booking) -> Result<Vec<Booking>, RinkError> {
        if b.start < OPEN_MIN || b.start + b.minutes > CLOSE_MIN { return Err(RinkError::Hours { id: b.id }); }
        let clashes = self.clashes(&b);
        if let Some(k) = clashes.iter().find(|k| self.slots[k].activity.priority() >= b.activity.priority()) {
            return Err(RinkError::Conflict { id: b.id, with: self.slots[k].id });
        }
        let bumped: Vec<Booking> = clashes.iter().filter_map(|k| self.slots.remove(k)).collect();
        self.slots.insert((b.rink, b.day, b.start), b);
        Ok(bumped)
    }
}

trait Notifier {
    async fn send(&mut self, customer: &str, msg: String) -> bool;
    async fn notify_bumped(&mut self, bumped: &[Booking], by: &Booking) -> usize {
        let mut n = 0;
        for b in bumped {
            let msg = format!("Booking #{} on {} {} {:02}:{:02} moved: rink needed for {:?}", b.id, RINKS[b.rink], DAYS[b.day], b.start / 60, b.start % 60, by.activity);
            n += self.send(&b.customer, msg).await as usize;
        }
        n
    }
}

struct EmailDesk { outbox: Vec<(String, String)> }
struct PaBoard { shown: u32 }

impl Notifier for EmailDesk {
    async fn send(&mut self, customer: &str, msg: String) -> bool { Yield(false).await; self.outbox.push((customer.to_string(), msg)); true }
}
impl Notifier for PaBoard {
    async fn send(&mut self, customer: &str, msg: String) -> bool { Yield(false).await; self.shown += 1; msg.len() < 120 }
}

async fn book_all<N: Notifier>(sched: &mut Schedule, requests: &[&str], first_id: u32, notifier: &mut N) -> Vec<RinkError> {
    let mut errors = Vec::new();
    for (i, line) in requests.iter().enumerate() {
        let result = parse_request(first_id + i as u32, line).and_then(|b| { let copy = b.clone(); sched.place(b).map(|bumped| (copy, bumped)) });
        match result {
            Ok((by, bumped)) if !bumped.is_empty() => { notifier.notify_bumped(&bumped, &by).await; sched.waitlist.extend(bumped); }
            Ok(_) => Yield(false).await,
            Err(e) => errors.push(e),
        }
    }
    errors
}

fn invoices(s: &Schedule) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for b in s.slots.values() { *out.entry(b.customer.clone()).or_insert(0.0) += b.activity.hourly(b.prime()) * b.minutes as f64 / 60.0; }
    out.retain(|_, v| *v > 0.0);
    out
}

fn main() {
    let mut sched = Schedule::default();
    let mut email = EmailDesk { outbox: vec![] };
    let week = ["Main Mon 18:00 60 figure 6 \"Coach Ito\"", "Main Mon 19:00 90 hockey practice \"Northside Hawks\"", "Main Sat 13:00 120 public \"Arena\"",
        "Studio Mon 05:00 60 figure 2 \"Early Bird\"", "Main Mon 18:30 75 hockey game \"Eastside Owls\"", "Main Sat 14:00 60 hockey practice \"Northside Hawks\"", "Mainn Tue 10:00 60 public \"x\""];
    for e in block_on(book_all(&mut sched, &week, 1, &mut email)) { println!("error {e:?}"); }
    let mut pa = PaBoard { shown: 0 };
    let late = ["Main Sat 12:30 90 hockey game \"Eastside Owls\"", "Studio Sun 09:00 45 figure 12 \"Coach Ito\""];
    println!("{:?}", block_on(book_all(&mut sched, &late, 100, &mut pa)));
    for b in sched.slots.values() { println!("{:<6} {} {:02}:{:02} {:>3}m #{:<3} {}", RINKS[b.rink], DAYS[b.day], b.start / 60, b.start % 60, b.minutes, b.id, b.customer); }
    println!("waitlist {:?}", sched.waitlist.iter().map(|b| b.id).collect::<Vec<_>>());
    email.outbox.iter().for_each(|(c, m)| println!("to {c}: {m}"));
    let rebook = async |s: &mut Schedule, shift_min: u32| -> Vec<String> {
        let mut log = Vec::new();
        while let Some(mut b) = s.waitlist.pop_front() {
            Yield(false).await;
            b.start += shift_min;
            let id = b.id;
            let mut line = String::new();
            let _ = write!(line, "#{id} -> {:?}", s.place(b).map(|v| v.len()));
            log.push(line);
        }
        log
    };
    println!("{:?}", block_on(rebook(&mut sched, 150)));
    println!("invoices {:?}", invoices(&sched));
}

