#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Restaurant kitchen display system: splits tickets into station tasks, fires courses in order and bumps finished orders.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Station { Grill, Fry, Salad, Pastry }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Course { Starter, Main, Dessert }

#[derive(Debug, Clone)]
struct Item { name: String, station: Station, course: Course, cook: Duration, mods: Vec<String> }

#[derive(Debug)]
struct Ticket { table: u8, items: Vec<Item>, fired: Option<Course> }

fn menu_lookup(name: &str) -> Option<(Station, Course, u64)> {
    Some(match name {
        "caesar" => (Station::Salad, Course::Starter, 4),
        "calamari" => (Station::Fry, Course::Starter, 6),
        "ribeye" => (Station::Grill, Course::Main, 14),
        "burger" => (Station::Grill, Course::Main, 10),
        "fries" => (Station::Fry, Course::Main, 5),
        "tiramisu" => (Station::Pastry, Course::Dessert, 2),
        _ => return None,
    })
}

fn parse_ticket(table: u8, text: &str) -> (Ticket, Vec<String>) {
    let mut items = Vec::new();
    let mut unknown = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let mut words = part.split(" w/ ");
        let name = words.next().unwrap_or("").to_lowercase();
        let mods: Vec<String> = words.map(|m| m.to_string()).collect();
        match menu_lookup(&name) {
            Some((station, course, mins)) => items.push(Item { name, station, course, cook: Duration::from_secs(mins * 60), mods }),
            None => unknown.push(name),
        }
    }
    (Ticket { table, items, fired: None }, unknown)
}

struct Line {
    queues: RefCell<HashMap<Station, VecDeque<(u8, String, Duration)>>>,
    clock: Cell<Duration>,
    window: RefCell<Vec<(u8, String)>>,
}

impl Line {
    async fn fire(&self, ticket: &mut Ticket) -> Option<Course> {
        let next = ticket.items.iter().map(|i| i.course).filter(|c| ticket.fired.map_or(true, |f| *c > f)).min()?;
        Yield { left: 1 }.await;
        let mut queues = self.queues.borrow_mut();
        for item in ticket.items.iter().filter(|i| i.course == next) {
            let label = if item.mods.is_empty() { item.name.clone() } else { format!("{} ({})", item.name, item.mods.join(", ")) };
            queues.entry(item.station).or_default().push_back((ticket.table, label, item.cook));
        }
        ticket.fired = Some(next);
        Some(next)
    }

    async fn cook_station(&self, station: Station) -> usize {
        let mut done = 0;
        loop {
            let job = self.queues.borrow_mut().get_mut(&station).and_then(|q| q.pop_front());
            let (table, label, cook) = match job {
                Some(j) => j,
                None => break,
            };
            Yield { left: (cook.as_secs() / 240) as u32 }.await;
            self.clock.set(self.clock.get() + cook);
            self.window.borrow_mut().push((table, label));
            done += 1;
        }
        done
    }

    async fn service(&self, tickets: &mut [Ticket]) -> BTreeMap<u8, Vec<String>> {
        let mut bumped: BTreeMap<u8, Vec<String>> = BTreeMap::new();
        let stations = [Station::Salad, Station::Fry, Station::Grill, Station::Pastry];
        loop {
            let mut fired_any = false;
            for t in tickets.iter_mut() {
                if let Some(course) = self.fire(t).await {
                    fired_any = true;
                }
            }
            if !fired_any {
                break;
            }
            for s in stations.iter() {
                self.cook_station(*s).await;
            }
            for (table, label) in self.window.borrow_mut().drain(..) {
                bumped.entry(table).or_default().push(label);
            }
        }
        bumped
    }
}

fn main() {
    let orders = [(4, "caesar, ribeye w/ medium rare w/ no butter, fries, tiramisu"), (7, "calamari, burger, fries, lobster"), (9, "tiramisu, tiramisu")];
    let mut tickets = Vec::new();
    for (table, text) in orders.iter() {
        let (t, unknown) = parse_ticket(*table, text);
        if !unknown.is_empty() {
            println!("table {}: 86'd items {:?}", table, unknown);
        }
        tickets.push(t);
    }
    let line = Line { queues: RefCell::new(HashMap::new()), clock: Cell::new(Duration::ZERO), window: RefCell::new(Vec::new()) };
    let bumped = block_on(line.service(&mut tickets));
    let mut extra = parse_ticket(1, "burger").0;
    let fired = block_on(line.fire(&mut extra));
    let grilled = block_on(line.cook_station(Station::Grill));
    for (table, items) in &bumped {
        println!("table {}: {}", table, items.join(" | "));
    }
    println!("fired={:?} grilled={} kitchen time={}min", fired, grilled, line.clock.get().as_secs() / 60);
}
