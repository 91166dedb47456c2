//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a city streetlight fault desk that deduplicates resident reports, raises work orders per ward and batches them for bucket-truck crews.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

pub struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn yield_now() {
    YieldNow(false).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Fault {
    DayBurner,
    Out,
    Cycling,
    Knockdown,
}

#[derive(Debug, Clone)]
struct Report {
    reporter: String,
    text: String,
    received: u32,
}

#[derive(Debug, Clone)]
struct WorkOrder {
    pole: String,
    ward: u8,
    fault: Fault,
    reports: u16,
    first_seen: u32,
}

#[derive(Default)]
struct Desk {
    open: RefCell<HashMap<String, WorkOrder>>,
    rejected: RefCell<Vec<String>>,
    pole_ward: HashMap<&'static str, u8>,
}

fn extract_pole(text: &str) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let words: Vec<&str> = upper.split(|c: char| !c.is_ascii_alphanumeric() && c != '-').collect();
    words
        .iter()
        .find(|w| w.starts_with("SL-") && w.len() > 3 && w[3..].bytes().all(|b| b.is_ascii_digit()))
        .map(|w| w.to_string())
}

fn classify(text: &str) -> Fault {
    let t = text.to_lowercase();
    match () {
        _ if t.contains("hit") || t.contains("knocked") || t.contains("leaning") => Fault::Knockdown,
        _ if t.contains("flicker") || t.contains("on and off") => Fault::Cycling,
        _ if t.contains("daytime") || t.contains("all day") => Fault::DayBurner,
        _ => Fault::Out,
    }
}

impl Desk {
    async fn intake(&self, report: Report) -> bool {
        yield_now().await;
        let Some(pole) = extract_pole(&report.text) else {
            self.rejected.borrow_mut().push(format!("{}: no pole number", report.reporter));
            return false;
        };
        let Some(&ward) = self.pole_ward.get(pole.as_str()) else {
            self.rejected.borrow_mut().push(format!("{}: unknown pole {pole}", report.reporter));
            return false;
        };
        let fault = classify(&report.text);
        yield_now().await;
        let mut open = self.open.borrow_mut();
        let order = open.entry(pole.clone()).or_insert_with(|| WorkOrder { pole, ward, fault, reports: 0, first_seen: report.received });
        order.reports += 1;
        if fault > order.fault {
            order.fault = fault;
        }
        true
    }

    fn drain_ward(&self, ward: u8) -> impl Future<Output = Vec<WorkOrder>> + '_ {
        async move {
            yield_now().await;
            let mut open = self.open.borrow_mut();
            let all = std::mem::take(&mut *open);
            let (mine, rest): (HashMap<_, _>, HashMap<_, _>) = all.into_iter().partition(|(_, o)| o.ward == ward);
            *open = rest;
            let mut mine: Vec<WorkOrder> = mine.into_values().collect();
            mine.sort_by_key(|o| (std::cmp::Reverse(o.fault), o.first_seen));
            mine
        }
    }
}

async fn crew_shift(crew: &str, mut orders: VecDeque<WorkOrder>, budget: Duration) -> (Vec<String>, Vec<WorkOrder>) {
    let mut done = Vec::new();
    let mut left = budget;
    while let Some(order) = orders.pop_front() {
        let job = match order.fault {
            Fault::Knockdown => Duration::from_secs(3 * 3600),
            Fault::Cycling | Fault::Out => Duration::from_secs(40 * 60),
            Fault::DayBurner => Duration::from_secs(20 * 60),
        };
        let Some(rest) = left.checked_sub(job) else {
            orders.push_front(order);
            break;
        };
        left = rest;
        yield_now().await;
        done.push(format!("{crew} fixed {} ({:?}, {} reports)", order.pole, order.fault, order.reports));
    }
    (done, orders.into_iter().collect())
}

pub fn main() {
    let started = Instant::now();
    let desk = Rc::new(Desk {
        pole_ward: [("SL-1001", 3), ("SL-1002", 3), ("SL-2210", 7), ("SL-2211", 7), ("SL-0440", 1)].into_iter().collect(),
        ..Default::default()
    });
    let inbox = vec![
        ("r.hughes", "Light SL-1001 outside no.12 is out", 1),
        ("anon", "the one by the school keeps flickering", 2),
        ("k.osei", "sl-1001 still dark!!", 3),
        ("m.varga", "SL-2210 has been on all day", 4),
        ("police", "Pole SL-2211 hit by van, leaning over road", 5),
        ("j.chen", "SL-1002 flickering on and off", 6),
        ("d.ross", "SL-9999 out", 7),
        ("m.varga", "SL-2210 out now too", 8),
    ];
    let reports: Vec<Report> = inbox.into_iter().map(|(who, text, t)| Report { reporter: who.into(), text: text.into(), received: t }).collect();

    let accepted = block_on({
        let desk = Rc::clone(&desk);
        async move {
            let mut n = 0;
            for r in reports {
                if desk.intake(r).await {
                    n += 1;
                }
            }
            n
        }
    });
    println!("accepted {accepted} reports; rejected {:?}", desk.rejected.borrow());

    let mut backlog: BTreeMap<u8, Vec<WorkOrder>> = BTreeMap::new();
    let crews = [("Crew A", 7u8, Duration::from_secs(3 * 3600 + 600)), ("Crew B", 3, Duration::from_secs(30 * 60))];
    let shift = async |name: &str, ward: u8, budget: Duration| -> Vec<WorkOrder> {
        let orders = desk.drain_ward(ward).await;
        let (done, left) = crew_shift(name, orders.into(), budget).await;
        done.iter().for_each(|d| println!("{d}"));
        left
    };
    for (name, ward, budget) in crews {
        let left = block_on(shift(name, ward, budget));
        if !left.is_empty() {
            backlog.insert(ward, left);
        }
    }
    let untouched: HashSet<String> = desk.open.borrow().keys().cloned().collect();
    println!("carried over: {:?}", backlog.iter().map(|(w, v)| (w, v.iter().map(|o| o.pole.as_str()).collect::<Vec<_>>())).collect::<Vec<_>>());
    println!("no crew assigned yet: {untouched:?} (desk ran {:?})", started.elapsed() < Duration::from_secs(5));
}
