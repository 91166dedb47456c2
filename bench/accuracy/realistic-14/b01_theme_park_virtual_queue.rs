//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Theme park virtual queue: guests join ride queues from the app, return windows are
//! issued against ride throughput, and no-shows are released after a grace period.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::{Debug, Display};
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
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug)]
enum QueueError {
    UnknownRide(String),
    AlreadyQueued { guest: u32, ride: String },
    Closed(String),
    BadCommand(String),
}

#[derive(Clone, Debug)]
struct Ride {
    name: String,
    per_cycle: u32,
    cycle_mins: u32,
    open: bool,
}

#[derive(Debug)]
struct Booking { guest: u32, party: u32, window_start: u32 }

struct ParkQueues {
    rides: HashMap<String, Ride>,
    queues: RefCell<BTreeMap<String, VecDeque<Booking>>>,
    holders: RefCell<HashMap<u32, String>>,
    log: Rc<RefCell<Vec<String>>>,
}

impl ParkQueues {
    fn new(rides: Vec<Ride>, log: Rc<RefCell<Vec<String>>>) -> Self {
        let rides = rides.into_iter().map(|r| (r.name.clone(), r)).collect();
        ParkQueues { rides, queues: RefCell::new(BTreeMap::new()), holders: RefCell::new(HashMap::new()), log }
    }

    async fn record(&self, line: &str) {
        yield_now().await;
        self.log.borrow_mut().push(line.to_owned());
    }

    async fn join(&self, guest: u32, party: u32, ride: &str, now: u32) -> Result<u32, QueueError> {
        let Some(r) = self.rides.get(ride) else {
            return Err(QueueError::UnknownRide(ride.to_string()));
        };
        if !r.open {
            return Err(QueueError::Closed(r.name.clone()));
        }
        if let Some(existing) = self.holders.borrow().get(&guest)
            && existing.as_str() != ride
        {
            return Err(QueueError::AlreadyQueued { guest, ride: existing.clone() });
        }
        yield_now().await;
        let ahead: u32 = self.queues.borrow().get(ride).map(|q| q.iter().map(|b| b.party).sum()).unwrap_or(0);
        let cycles = (ahead + party).div_ceil(r.per_cycle);
        let window = now + cycles * r.cycle_mins;
        self.queues
            .borrow_mut()
            .entry(ride.to_string())
            .or_default()
            .push_back(Booking { guest, party, window_start: window });
        self.holders.borrow_mut().insert(guest, ride.to_string());
        self.record(&format!("guest {guest} x{party} -> {ride} @ {window}")).await;
        Ok(window)
    }

    async fn release_no_shows(&self, now: u32, grace: u32) -> usize {
        let mut released = 0;
        let names: Vec<String> = self.queues.borrow().keys().cloned().collect();
        for name in names {
            loop {
                let expired = {
                    let q = self.queues.borrow();
                    matches!(q.get(&name).and_then(|q| q.front()), Some(b) if b.window_start + grace < now)
                };
                if !expired {
                    break;
                }
                let b = self.queues.borrow_mut().get_mut(&name).and_then(|q| q.pop_front()).unwrap();
                self.holders.borrow_mut().remove(&b.guest);
                self.record(&format!("released {} from {}", b.guest, name)).await;
                released += 1;
            }
        }
        released
    }
}

fn parse_command(line: &str) -> Result<(u32, u32, &str, u32), QueueError> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    match parts.as_slice() {
        ["JOIN", guest, party, ride, at] => {
            let bad = || QueueError::BadCommand(line.to_string());
            Ok((guest.parse().map_err(|_| bad())?, party.parse().map_err(|_| bad())?, ride, at.parse().map_err(|_| bad())?))
        }
        _ => Err(QueueError::BadCommand(line.to_string())),
    }
}

async fn replay(park: &ParkQueues, script: &str) -> Result<u32, QueueError> {
    let mut latest = 0;
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (guest, party, ride, at) = parse_command(line)?;
        let window = park.join(guest, party, ride, at).await?;
        latest = latest.max(window);
    }
    Ok(latest)
}

async fn render_board<K, V>(title: &str, rows: &BTreeMap<K, V>) -> String
where
    K: Display + Ord,
    V: Debug,
{
    yield_now().await;
    let mut out = format!("== {title} ==\n");
    for (i, (k, v)) in rows.iter().enumerate() {
        out.push_str(&format!("{:>2}. {k}: {v:?}\n", i + 1));
    }
    out
}

pub fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let park = ParkQueues::new(
        vec![
            Ride { name: "Coaster".into(), per_cycle: 24, cycle_mins: 3, open: true },
            Ride { name: "Flume".into(), per_cycle: 8, cycle_mins: 5, open: true },
            Ride { name: "Tower".into(), per_cycle: 12, cycle_mins: 4, open: false },
        ],
        Rc::clone(&log),
    );

    let script = "# morning\nJOIN 1 4 Coaster 600\nJOIN 2 6 Flume 602\nJOIN 3 20 Coaster 605\nJOIN 4 3 Flume 610\n";
    let latest = block_on(replay(&park, script));
    println!("latest window: {:?}", latest);

    for bad in ["JOIN 5 2 Tower 611", "JOIN 1 2 Flume 612", "JOIN x 2 Flume 612", "JOIN 6 2 Ghost 613"] {
        let res = block_on(async { replay(&park, bad).await });
        println!("{bad:<22} => {res:?}");
    }

    let depth = async |ride: &str| -> usize { park.queues.borrow().get(ride).map_or(0, |q| q.len()) };
    println!("coaster depth {}", block_on(depth("Coaster")));

    let released = block_on(park.release_no_shows(612, 5));
    println!("released {released}");

    let windows: BTreeMap<String, u32> = park
        .queues
        .borrow()
        .iter()
        .map(|(k, q)| (k.clone(), q.iter().map(|b| b.window_start).max().unwrap_or(0)))
        .collect();
    print!("{}", block_on(render_board("next windows", &windows)));
    let parties: BTreeMap<u32, Vec<u32>> =
        park.queues.borrow().values().flatten().map(|b| (b.guest, vec![b.party, b.window_start])).collect();
    print!("{}", block_on(render_board("parties", &parties)));

    println!("log lines: {}", log.borrow().len());
}
