//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Tram depot night allocation: reads returning trams from vehicle-location feeds and
//! assigns them to dead-end sidings so the morning run-out needs no shunting.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
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

#[derive(Debug, Clone)]
struct Tram { fleet_no: u16, arrives: u16, departs: u16, needs_pit: bool }

#[derive(Debug)]
enum FeedError { Garbled(String), Duplicate(u16) }

trait ArrivalFeed {
    async fn poll_next(&mut self) -> Option<Result<Tram, FeedError>>;

    async fn collect_night(&mut self, rejects: &RefCell<Vec<String>>) -> Vec<Tram> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        while let Some(item) = self.poll_next().await {
            match item {
                Ok(t) if seen.insert(t.fleet_no, ()).is_some() => rejects.borrow_mut().push(format!("{:?}", FeedError::Duplicate(t.fleet_no))),
                Ok(t) => out.push(t),
                Err(e) => rejects.borrow_mut().push(format!("{e:?}")),
            }
        }
        out.sort_by_key(|t| t.arrives);
        out
    }
}

struct AvlFeed { raw: Vec<String> }
struct ControllerLog { entries: Vec<(u16, u16, u16)>, pit_list: Vec<u16> }

fn hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    Some(h.parse::<u16>().ok()? * 60 + m.parse::<u16>().ok()?)
}

impl ArrivalFeed for AvlFeed {
    async fn poll_next(&mut self) -> Option<Result<Tram, FeedError>> {
        let line = self.raw.pop()?;
        yield_now().await;
        let mut it = line.split('|');
        let parsed = (|| {
            let fleet_no = it.next()?.trim_start_matches('T').parse().ok()?;
            let arrives = hhmm(it.next()?)?;
            let arrives = if arrives < 12 * 60 { arrives + 24 * 60 } else { arrives };
            let departs = hhmm(it.next()?)?;
            let needs_pit = it.next().is_some_and(|f| f.contains("PIT"));
            Some(Tram { fleet_no, arrives, departs, needs_pit })
        })();
        Some(parsed.ok_or(FeedError::Garbled(line)))
    }
}

impl ArrivalFeed for ControllerLog {
    async fn poll_next(&mut self) -> Option<Result<Tram, FeedError>> {
        let (fleet_no, arrives, departs) = self.entries.pop()?;
        yield_now().await;
        Some(Ok(Tram { fleet_no, arrives, departs, needs_pit: self.pit_list.contains(&fleet_no) }))
    }
}

struct Siding { name: String, capacity: usize, has_pit: bool }

fn place<'a>(trams: &'a [Tram], i: usize, sidings: &'a [Siding], stacks: &'a mut Vec<Vec<usize>>, nodes: &'a Cell<u32>) -> Pin<Box<dyn Future<Output = bool> + 'a>> {
    Box::pin(async move {
        if i == trams.len() {
            return true;
        }
        nodes.set(nodes.get() + 1);
        if nodes.get() % 8 == 0 {
            yield_now().await;
        }
        let tram = &trams[i];
        for s in 0..sidings.len() {
            let top_ok = stacks[s].last().is_none_or(|&top| trams[top].departs > tram.departs);
            let pit_ok = !tram.needs_pit || sidings[s].has_pit;
            if top_ok && pit_ok && stacks[s].len() < sidings[s].capacity {
                stacks[s].push(i);
                if place(trams, i + 1, sidings, stacks, nodes).await {
                    return true;
                }
                stacks[s].pop();
            }
        }
        false
    })
}

async fn plan_from<F>(feed: &mut F, sidings: &[Siding], rejects: &RefCell<Vec<String>>) -> Option<Vec<(String, Vec<u16>)>>
where
    F: ArrivalFeed,
{
    let trams = feed.collect_night(rejects).await;
    let mut stacks = vec![Vec::new(); sidings.len()];
    let nodes = Cell::new(0);
    if !place(&trams, 0, sidings, &mut stacks, &nodes).await {
        rejects.borrow_mut().push(format!("no shunt-free plan after {} nodes", nodes.get()));
        return None;
    }
    let named = sidings.iter().zip(stacks).map(|(s, st)| (s.name.clone(), st.iter().map(|&i| trams[i].fleet_no).collect()));
    Some(named.collect())
}

pub fn main() {
    let sidings = vec![
        Siding { name: "Road 1".into(), capacity: 3, has_pit: true },
        Siding { name: "Road 2".into(), capacity: 3, has_pit: false },
        Siding { name: "Road 3".into(), capacity: 2, has_pit: false },
    ];
    let rejects = Rc::new(RefCell::new(Vec::new()));
    let mut avl = AvlFeed {
        raw: ["T301|23:10|05:40", "T302|23:25|05:10|PIT", "T303|23:40|06:05", "T30x|??", "T304|00:05|05:25", "T305|00:20|04:55", "T302|00:30|05:00", "T306|00:45|05:55"]
            .iter().rev().map(|s| s.to_string()).collect(),
    };
    let mut log = ControllerLog { entries: vec![(410, 60, 300), (411, 30, 310), (412, 10, 330), (413, 0, 320)], pit_list: vec![412] };

    for (label, plan) in [("avl", block_on(plan_from(&mut avl, &sidings, &rejects))), ("log", block_on(plan_from(&mut log, &sidings, &rejects)))] {
        match plan {
            Some(roads) => roads.iter().for_each(|(road, fleet)| println!("{label} {road}: {fleet:?}")),
            None => println!("{label}: manual shunting required"),
        }
    }

    let tight = [Siding { name: "Spur".into(), capacity: 1, has_pit: false }];
    let mut small = ControllerLog { entries: vec![(1, 0, 10), (2, 5, 20)], pit_list: vec![] };
    println!("spur only: {:?}", block_on(plan_from(&mut small, &tight, &rejects)));

    let describe = async |fleet_no: u16| -> String {
        yield_now().await;
        let hits = rejects.borrow().iter().filter(|r| r.contains(&fleet_no.to_string())).count();
        format!("T{fleet_no}: {hits} feed problems")
    };
    println!("{}", block_on(describe(302)));
    let summary = block_on(async {
        let rejects = Rc::clone(&rejects);
        yield_now().await;
        rejects.borrow().join("\n  ")
    });
    println!("rejects:\n  {summary}");
}
