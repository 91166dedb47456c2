#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Notification digest builder: collapses per-user events into periodic digests, respecting quiet hours and channel preferences.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use super::*;
    fn rw() -> RawWaker { RawWaker::new(std::ptr::null(), &VT) }
    static VT: RawWakerVTable = RawWakerVTable::new(|_| rw(), |_| {}, |_| {}, |_| {});
    pub fn block_on<F: Future>(fut: F) -> F::Output {
        let waker = unsafe { Waker::from_raw(rw()) };
        let mut cx = Context::from_waker(&waker);
        let mut fut = std::pin::pin!(fut);
        loop {
            if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
        }
    }
    pub struct Yield(pub u32);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
}
use rt::{block_on, Yield};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind { Mention, Comment, Follow, Release }

#[derive(Debug, Clone)]
struct Event { user: u32, kind: Kind, actor: String, subject: String, at_min: u32 }

#[derive(Debug, Clone, Copy)]
enum Channel { Email, Push, Off }

struct Prefs { channel: Channel, quiet: Option<(u32, u32)>, tz_offset_min: i32 }

impl Prefs {
    fn is_quiet(&self, utc_min: u32) -> bool {
        let local = (utc_min as i32 + self.tz_offset_min).rem_euclid(24 * 60) as u32;
        match self.quiet {
            Some((start, end)) if start <= end => (start..end).contains(&local),
            Some((start, end)) => local >= start || local < end,
            None => false,
        }
    }
}

fn summarize(kind: Kind, evs: &[&Event]) -> String {
    let mut actors: Vec<&str> = evs.iter().map(|e| e.actor.as_str()).collect();
    actors.dedup();
    let who = match actors.as_slice() {
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, rest @ ..] => format!("{a} and {} others", rest.len()),
        [] => "someone".into(),
    };
    match kind {
        Kind::Mention => format!("{who} mentioned you ({}x)", evs.len()),
        Kind::Comment => format!("{who} commented on {}", evs.last().map(|e| e.subject.as_str()).unwrap_or("?")),
        Kind::Follow => format!("{who} followed you"),
        Kind::Release => format!("new releases: {}", evs.iter().map(|e| e.subject.as_str()).collect::<Vec<_>>().join(", ")),
    }
}

async fn deliver(channel: Channel, user: u32, body: &str, sent: &RefCell<Vec<String>>) -> bool {
    match channel {
        Channel::Off => false,
        Channel::Email => { Yield(3).await; sent.borrow_mut().push(format!("email u{user}:\n{body}")); true }
        Channel::Push => { Yield(1).await; sent.borrow_mut().push(format!("push u{user}: {}", body.lines().next().unwrap_or(""))); true }
    }
}

async fn build_digest(user: u32, events: Vec<Event>) -> Option<String> {
    if events.is_empty() { return None; }
    Yield(1).await;
    let mut by_kind: BTreeMap<Kind, Vec<&Event>> = BTreeMap::new();
    for e in &events { by_kind.entry(e.kind).or_default().push(e); }
    let lines: Vec<String> = by_kind.iter().map(|(k, evs)| format!("• {}", summarize(*k, evs))).collect();
    Some(format!("{} updates\n{}", events.len(), lines.join("\n")))
}

async fn run_cycle(now: u32, queue: &mut VecDeque<Event>, prefs: &HashMap<u32, Prefs>, sent: &RefCell<Vec<String>>, deferred: &Cell<u32>) -> u32 {
    let mut per_user: BTreeMap<u32, Vec<Event>> = BTreeMap::new();
    let mut keep = VecDeque::new();
    while let Some(ev) = queue.pop_front() {
        let Some(p) = prefs.get(&ev.user) else { continue };
        if p.is_quiet(now) { deferred.set(deferred.get() + 1); keep.push_back(ev); continue; }
        per_user.entry(ev.user).or_default().push(ev);
    }
    *queue = keep;
    let mut delivered = 0;
    for (user, evs) in per_user {
        if let Some(body) = build_digest(user, evs).await {
            if deliver(prefs[&user].channel, user, &body, sent).await { delivered += 1; }
        }
    }
    delivered
}

async fn fetch_prefs(rows: &[(u32, &str, Option<(u32, u32)>, i32)]) -> HashMap<u32, Prefs> {
    let mut out = HashMap::new();
    for &(user, ch, quiet, tz) in rows {
        Yield(1).await;
        let channel = match ch { "email" => Channel::Email, "push" => Channel::Push, _ => Channel::Off };
        out.insert(user, Prefs { channel, quiet, tz_offset_min: tz });
    }
    out
}

async fn unsubscribe(prefs: &mut HashMap<u32, Prefs>, user: u32, queue: &mut VecDeque<Event>) -> usize {
    Yield(2).await;
    if let Some(p) = prefs.get_mut(&user) { p.channel = Channel::Off; }
    let before = queue.len();
    queue.retain(|e| e.user != user);
    before - queue.len()
}

fn main() {
    let mut prefs = block_on(fetch_prefs(&[(1, "email", Some((22 * 60, 7 * 60)), 60), (2, "push", None, -300), (3, "off", None, 0), (4, "push", None, 0)]));
    let raw = "4 follow zed - 5|1 mention ana pr#12 10|1 mention bo pr#12 15|1 comment cy issue#4 20|2 follow dee - 25|2 follow eli - 26|2 follow fay - 27|1 release bot v1.2 30|1 release bot v1.3 31|3 mention ana pr#9 33|9 mention x y 34";
    let mut queue: VecDeque<Event> = raw.split('|').filter_map(|rec| {
        let f: Vec<&str> = rec.split(' ').collect();
        let kind = match f.get(1).copied()? { "mention" => Kind::Mention, "comment" => Kind::Comment, "follow" => Kind::Follow, "release" => Kind::Release, _ => return None };
        Some(Event { user: f[0].parse().ok()?, kind, actor: f[2].into(), subject: f[3].into(), at_min: f[4].parse().ok()? })
    }).collect();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let deferred = Cell::new(0);
    let cycles = block_on(async {
        let removed = unsubscribe(&mut prefs, 4, &mut queue).await;
        let count_kind = async |k: Kind| queue.iter().filter(|e| e.kind == k).count();
        println!("unsubscribed u4 ({removed} pending dropped); mentions queued: {}", count_kind(Kind::Mention).await);
        let mut log = Vec::new();
        for now in [23 * 60, 3 * 60, 9 * 60] {
            let n = run_cycle(now, &mut queue, &prefs, &sent, &deferred).await;
            log.push((now / 60, n, queue.len()));
        }
        log
    });
    for s in sent.borrow().iter() { println!("{s}\n"); }
    println!("cycles (hour, delivered, still queued): {cycles:?}, deferrals={}", deferred.get());
    assert_eq!(cycles, vec![(23, 1, 5), (3, 0, 5), (9, 1, 0)]);
    assert!(sent.borrow()[1].contains("ana and bo mentioned you (2x)"));
}
