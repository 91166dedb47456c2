//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a railway signalling interlocking that sets and locks routes through points, checks train detection and releases sections behind trains.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Settle {
    polls: u8,
}

impl Future for Settle {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polls == 0 {
            Poll::Ready(())
        } else {
            self.polls -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn relay_settle() {
    Settle { polls: 2 }.await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PointPos {
    Normal,
    Reverse,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Aspect {
    Danger,
    Caution,
    Proceed,
}

#[derive(Debug)]
enum Refusal {
    Occupied(&'static str),
    Locked(&'static str),
    NoPath { from: &'static str, to: &'static str },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Occupied(s) => write!(f, "section {s} occupied"),
            Refusal::Locked(s) => write!(f, "section {s} locked by another route"),
            Refusal::NoPath { from, to } => write!(f, "no path {from} -> {to}"),
        }
    }
}

#[derive(Debug, Default)]
struct Layout {
    links: HashMap<&'static str, Vec<(&'static str, Option<(&'static str, PointPos)>)>>,
    locked: HashSet<&'static str>,
    points: BTreeMap<&'static str, PointPos>,
}

trait Detector {
    fn kind(&self) -> &'static str;
    async fn occupied(&self, section: &str) -> bool;
    async fn all_clear(&self, sections: &[&'static str]) -> Result<(), Refusal> {
        for s in sections {
            if self.occupied(s).await {
                return Err(Refusal::Occupied(s));
            }
        }
        Ok(())
    }
}

struct TrackCircuits {
    shunted: HashSet<&'static str>,
}

struct AxleCounters {
    counts: HashMap<&'static str, (u16, u16)>,
}

impl Detector for TrackCircuits {
    fn kind(&self) -> &'static str {
        "track circuit"
    }
    async fn occupied(&self, section: &str) -> bool {
        relay_settle().await;
        self.shunted.contains(section)
    }
}

impl Detector for AxleCounters {
    fn kind(&self) -> &'static str {
        "axle counter"
    }
    async fn occupied(&self, section: &str) -> bool {
        Settle { polls: 1 }.await;
        match self.counts.get(section) {
            Some(&(inn, out)) if inn != out => true,
            Some(_) => false,
            None => true,
        }
    }
}

fn find_path<'a>(
    layout: &'a Layout,
    at: &'static str,
    to: &'static str,
    seen: Vec<&'static str>,
) -> Pin<Box<dyn Future<Output = Option<Vec<(&'static str, Option<(&'static str, PointPos)>)>>> + 'a>> {
    Box::pin(async move {
        if at == to {
            return Some(vec![(at, None)]);
        }
        Settle { polls: 1 }.await;
        for &(next, point) in layout.links.get(at).map(|v| v.as_slice()).unwrap_or(&[]) {
            if seen.contains(&next) {
                continue;
            }
            let mut seen2 = seen.clone();
            seen2.push(next);
            if let Some(mut rest) = find_path(layout, next, to, seen2).await {
                rest.insert(0, (at, point));
                return Some(rest);
            }
        }
        None
    })
}

async fn set_route<D>(layout: Arc<RwLock<Layout>>, detect: &D, from: &'static str, to: &'static str) -> Result<Aspect, Refusal>
where
    D: Detector,
{
    let path = {
        let guard = layout.read().unwrap();
        find_path(&guard, from, to, vec![from]).await.ok_or(Refusal::NoPath { from, to })?
    };
    let sections: Vec<&'static str> = path.iter().map(|(s, _)| *s).collect();
    if let Some(s) = sections.iter().find(|s| layout.read().unwrap().locked.contains(*s)) {
        return Err(Refusal::Locked(s));
    }
    detect.all_clear(&sections).await?;
    let mut guard = layout.write().unwrap();
    for (_, point) in &path {
        if let Some((id, pos)) = point {
            guard.points.insert(id, *pos);
            relay_settle().await;
        }
    }
    guard.locked.extend(sections.iter().copied());
    let reverse_moves = path.iter().filter(|(_, p)| matches!(p, Some((_, PointPos::Reverse)))).count();
    Ok(match (reverse_moves, sections.len()) {
        (0, n) if n >= 3 => Aspect::Proceed,
        (_, _) => Aspect::Caution,
    })
}

async fn release_behind(layout: &RwLock<Layout>, passed: impl Iterator<Item = &'static str>) -> usize {
    let mut n = 0;
    for s in passed {
        relay_settle().await;
        if layout.write().unwrap().locked.remove(s) {
            n += 1;
        }
    }
    n
}

pub fn main() {
    let mut layout = Layout::default();
    let links = [
        ("AA", "AB", None),
        ("AB", "AC", Some(("P101", PointPos::Normal))),
        ("AB", "BC", Some(("P101", PointPos::Reverse))),
        ("AC", "AD", None),
        ("BC", "BD", Some(("P102", PointPos::Normal))),
        ("AD", "PLAT1", None),
        ("BD", "PLAT2", None),
    ];
    for (a, b, p) in links {
        layout.links.entry(a).or_default().push((b, p));
    }
    layout.points.insert("P101", PointPos::Normal);
    let layout = Arc::new(RwLock::new(layout));
    let tc = TrackCircuits { shunted: ["BD"].into_iter().collect() };
    let ac = AxleCounters { counts: [("AA", (4, 4)), ("AB", (8, 8)), ("BC", (0, 0)), ("BD", (2, 2)), ("PLAT2", (0, 0)), ("AC", (4, 0))].into_iter().collect() };

    let requests: [(&'static str, &'static str); 4] = [("AA", "PLAT1"), ("AA", "PLAT2"), ("BC", "PLAT2"), ("AD", "AA")];
    for (from, to) in requests {
        let r1 = block_on(set_route(Arc::clone(&layout), &tc, from, to));
        let r2 = block_on(set_route(Arc::clone(&layout), &ac, from, to));
        for (kind, r) in [(tc.kind(), r1), (ac.kind(), r2)] {
            match r {
                Ok(aspect @ Aspect::Proceed) => println!("{from}->{to} via {kind}: green {aspect:?}"),
                Ok(aspect) => println!("{from}->{to} via {kind}: {aspect:?}"),
                Err(e) => println!("{from}->{to} via {kind}: refused, {e}"),
            }
        }
    }
    let freed = block_on(release_behind(&layout, ["AA", "AB", "AC"].into_iter()));
    let guard = layout.read().unwrap();
    let mut still: Vec<_> = guard.locked.iter().collect();
    still.sort();
    println!("released {freed}, still locked {still:?}, points {:?}", guard.points);
}
