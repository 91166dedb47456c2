//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Airport baggage handling: reads bag tag scans, screens each bag through hold-baggage
//! levels, and routes it to a make-up lateral, early-bag store or manual encoding.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
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

#[derive(Debug, Clone, PartialEq)]
enum Destination {
    Lateral(u8),
    EarlyStore,
    ManualEncode,
    Reject(String),
}

#[derive(Debug)]
enum BagError {
    NoRead(usize),
    BadTag(String),
    UnknownFlight(String),
}

#[derive(Clone, Debug)]
struct Bag {
    tag: String,
    flight: String,
    density: u32,
    weight_kg: u32,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Verdict {
    Clear,
    Alarm,
}

trait Screener {
    fn level(&self) -> u8;
    async fn inspect(&self, bag: &Bag) -> Verdict;
    async fn escalate_if(&self, bag: &Bag, prior: Verdict) -> Verdict {
        if prior == Verdict::Clear { prior } else { self.inspect(bag).await }
    }
}

struct CtScanner {
    threshold: u32,
}

struct Operator {
    name: String,
    reviewed: RefCell<Vec<String>>,
}

impl Screener for CtScanner {
    fn level(&self) -> u8 {
        1
    }
    async fn inspect(&self, bag: &Bag) -> Verdict {
        yield_now().await;
        if bag.density > self.threshold { Verdict::Alarm } else { Verdict::Clear }
    }
}

impl Screener for Operator {
    fn level(&self) -> u8 {
        2
    }
    async fn inspect(&self, bag: &Bag) -> Verdict {
        self.reviewed.borrow_mut().push(bag.tag.clone());
        yield_now().await;
        yield_now().await;
        if bag.density > 950 { Verdict::Alarm } else { Verdict::Clear }
    }
}

fn check_tag(tag: &str) -> Result<&str, BagError> {
    let ok = tag.len() == 10 && tag.chars().all(|c| c.is_ascii_digit());
    if ok { Ok(&tag[1..4]) } else { Err(BagError::BadTag(tag.to_string())) }
}

struct Sorter<'a> {
    departures: HashMap<String, (u8, u32)>,
    now: u32,
    log: Rc<RefCell<Vec<(String, Destination)>>>,
    pending: VecDeque<(usize, Option<Bag>)>,
    l1: &'a CtScanner,
    l2: &'a Operator,
}

impl Sorter<'_> {
    async fn route(&self, bag: &Bag) -> Result<Destination, BagError> {
        let carrier = check_tag(&bag.tag)?;
        let &(lateral, std) = self.departures.get(&bag.flight).ok_or_else(|| BagError::UnknownFlight(bag.flight.clone()))?;
        let v1 = self.l1.inspect(bag).await;
        let v2 = self.l2.escalate_if(bag, v1).await;
        Ok(match (v2, std.saturating_sub(self.now)) {
            (Verdict::Alarm, _) => Destination::Reject(format!("L{} alarm", self.l2.level())),
            (_, mins) if mins > 180 => Destination::EarlyStore,
            (_, mins) if mins < 20 => Destination::Reject("too late".into()),
            _ if bag.weight_kg > 32 => Destination::Reject("overweight".into()),
            _ => Destination::Lateral(lateral),
        })
    }

    async fn drain(&mut self) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        while let Some((seq, scan)) = self.pending.pop_front() {
            let dest = match scan {
                None => Err(BagError::NoRead(seq)),
                Some(ref bag) => self.route(bag).await,
            };
            let (tag, dest) = match dest {
                Ok(d) => (scan.map(|b| b.tag).unwrap_or_default(), d),
                Err(BagError::NoRead(n)) => (format!("seq{n}"), Destination::ManualEncode),
                Err(e) => (format!("{e:?}"), Destination::ManualEncode),
            };
            let key = match &dest {
                Destination::Lateral(n) => format!("lateral-{n}"),
                other => format!("{other:?}").split('(').next().unwrap_or("?").to_string(),
            };
            *counts.entry(key).or_insert(0) += 1;
            self.log.borrow_mut().push((tag, dest));
        }
        counts
    }
}

pub fn main() {
    let l1 = CtScanner { threshold: 700 };
    let l2 = Operator { name: "K. Osei".into(), reviewed: RefCell::new(Vec::new()) };
    let log = Rc::new(RefCell::new(Vec::new()));
    let base = Bag { tag: "0125123456".into(), flight: "BA117".into(), density: 300, weight_kg: 18 };
    let bags = vec![
        Some(base.clone()),
        Some(Bag { tag: "0125999999".into(), density: 820, ..base.clone() }),
        Some(Bag { tag: "0016000001".into(), flight: "AA100".into(), density: 990, ..base.clone() }),
        None,
        Some(Bag { tag: "01251".into(), ..base.clone() }),
        Some(Bag { flight: "EK004".into(), ..base.clone() }),
        Some(Bag { flight: "LH901".into(), ..base.clone() }),
        Some(Bag { weight_kg: 40, ..base }),
    ];
    let mut sorter = Sorter {
        departures: HashMap::from([("BA117".into(), (3, 600)), ("AA100".into(), (5, 640)), ("EK004".into(), (9, 900)), ("LH901".into(), (2, 545))]),
        now: 530,
        log: Rc::clone(&log),
        pending: bags.into_iter().enumerate().collect(),
        l1: &l1,
        l2: &l2,
    };
    let counts = block_on(sorter.drain());
    println!("{counts:?}");
    for (tag, dest) in log.borrow().iter() {
        println!("  {tag:<32} {dest:?}");
    }
    let recheck = Bag { tag: "0125000042".into(), flight: "BA117".into(), density: 720, weight_kg: 12 };
    println!("L1 recheck of prior alarm: {:?}", block_on(l1.escalate_if(&recheck, Verdict::Alarm)));
    println!("operator reviewed {:?}", l2.reviewed.borrow());
}
