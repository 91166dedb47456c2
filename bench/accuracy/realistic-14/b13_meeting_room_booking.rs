//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Office meeting-room booking: expands weekly recurring reservations, checks conflicts
//! against each room's calendar backend and finds the earliest free slot that fits.

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
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield(false).await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum BookingError {
    Parse(String),
    Conflict { room: String, at: u32, with: String },
    TooSmall { room: String, capacity: u32 },
}

const DAYS: [&str; 5] = ["Mon", "Tue", "Wed", "Thu", "Fri"];

fn minutes(hhmm: &str) -> Option<u32> {
    if let Some((h, m)) = hhmm.split_once(':')
        && let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>())
        && h < 24
        && m < 60
    {
        return Some(h * 60 + m);
    }
    None
}

/// "WEEKLY Mon,Wed 09:30-10:15 x3" -> absolute minute ranges from the start of week 0.
fn expand(rule: &str) -> Result<Vec<(u32, u32)>, BookingError> {
    let err = || BookingError::Parse(rule.to_string());
    let parts: Vec<&str> = rule.split_whitespace().collect();
    let [kind, days, span, rest @ ..] = parts.as_slice() else { return Err(err()) };
    let weeks = match (*kind, rest) {
        ("ONCE", []) => 1,
        ("WEEKLY", [n]) => n.strip_prefix('x').and_then(|n| n.parse().ok()).ok_or_else(err)?,
        _ => return Err(err()),
    };
    let (from, to) = span.split_once('-').ok_or_else(err)?;
    let (from, to) = (minutes(from).ok_or_else(err)?, minutes(to).ok_or_else(err)?);
    if to <= from {
        return Err(err());
    }
    let mut out = Vec::new();
    for week in 0..weeks {
        for d in days.split(',') {
            let idx = DAYS.iter().position(|x| *x == d).ok_or_else(err)? as u32;
            let base = (week * 7 + idx) * 1440;
            out.push((base + from, base + to));
        }
    }
    out.sort();
    Ok(out)
}

trait RoomCalendar {
    fn room(&self) -> &str;
    fn capacity(&self) -> u32;
    async fn busy(&self) -> Vec<(u32, u32, String)>;
    async fn insert(&self, slots: &[(u32, u32)], title: &str);
    async fn reserve(&self, rule: &str, title: &str, people: u32) -> Result<usize, BookingError> {
        if people > self.capacity() {
            return Err(BookingError::TooSmall { room: self.room().to_string(), capacity: self.capacity() });
        }
        let wanted = expand(rule)?;
        let busy = self.busy().await;
        for &(s, e) in &wanted {
            if let Some((bs, _, who)) = busy.iter().find(|(bs, be, _)| s < *be && *bs < e) {
                return Err(BookingError::Conflict { room: self.room().to_string(), at: s, with: who.clone() });
            }
        }
        self.insert(&wanted, title).await;
        Ok(wanted.len())
    }
}

struct LocalRoom {
    name: String,
    seats: u32,
    entries: RefCell<Vec<(u32, u32, String)>>,
}

struct ExchangeRoom {
    mailbox: String,
    seats: u32,
    feed: Rc<RefCell<BTreeMap<u32, (u32, String)>>>,
    round_trips: RefCell<u32>,
}

impl RoomCalendar for LocalRoom {
    fn room(&self) -> &str { &self.name }
    fn capacity(&self) -> u32 { self.seats }
    async fn busy(&self) -> Vec<(u32, u32, String)> {
        self.entries.borrow().clone()
    }
    async fn insert(&self, slots: &[(u32, u32)], title: &str) {
        self.entries.borrow_mut().extend(slots.iter().map(|&(s, e)| (s, e, title.to_string())));
    }
}

impl RoomCalendar for ExchangeRoom {
    fn room(&self) -> &str { self.mailbox.split('@').next().unwrap_or(&self.mailbox) }
    fn capacity(&self) -> u32 { self.seats }
    async fn busy(&self) -> Vec<(u32, u32, String)> {
        *self.round_trips.borrow_mut() += 1;
        yield_now().await;
        self.feed.borrow().iter().map(|(s, (e, t))| (*s, *e, t.clone())).collect()
    }
    async fn insert(&self, slots: &[(u32, u32)], title: &str) {
        for &(s, e) in slots {
            *self.round_trips.borrow_mut() += 1;
            yield_now().await;
            self.feed.borrow_mut().insert(s, (e, title.to_string()));
        }
    }
}

async fn earliest_free<C>(cal: &C, day: u32, len: u32) -> Option<String>
where
    C: RoomCalendar,
{
    let mut busy = cal.busy().await;
    busy.sort();
    let (open, close) = (day * 1440 + 8 * 60, day * 1440 + 18 * 60);
    let mut cursor = open;
    for (s, e, _) in busy.iter().filter(|(s, e, _)| *e > open && *s < close) {
        if *s >= cursor + len {
            break;
        }
        cursor = cursor.max(*e);
    }
    (cursor + len <= close).then(|| format!("{} {} {:02}:{:02}", cal.room(), DAYS[(day % 7) as usize], cursor % 1440 / 60, cursor % 60))
}

pub fn main() {
    let huddle = LocalRoom { name: "Huddle-2".into(), seats: 4, entries: RefCell::new(vec![]) };
    let board = ExchangeRoom { mailbox: "boardroom@corp.example".into(), seats: 14, feed: Rc::new(RefCell::new(BTreeMap::new())), round_trips: RefCell::new(0) };

    let requests = [
        ("WEEKLY Mon,Wed 09:00-10:00 x2", "standup", 4),
        ("ONCE Wed 09:30-11:00", "interview", 3),
        ("ONCE Tue 08:00-12:00", "offsite prep", 6),
        ("WEEKLY Fri 25:00-26:00 x1", "typo", 2),
    ];
    for (rule, title, people) in requests {
        println!("huddle {title:<13} {:?}", block_on(huddle.reserve(rule, title, people)));
    }
    for (rule, title, people) in [("WEEKLY Mon 08:00-09:30 x3", "exec sync", 9), ("ONCE Mon 09:00-09:45", "board call", 12)] {
        println!("board  {title:<13} {:?}", block_on(board.reserve(rule, title, people)));
    }
    println!("{:?}", block_on(earliest_free(&huddle, 0, 45)));
    println!("{:?}", block_on(earliest_free(&board, 0, 60)));
    println!("exchange round trips: {}", board.round_trips.borrow());
}
