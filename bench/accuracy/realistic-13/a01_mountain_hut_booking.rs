//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Mountain hut reservation desk: allocates dormitory bunks to hiking groups per night,
//! counts half-board meals and keeps a waitlist for nights that are full.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
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
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) { return out; }
    }
}

#[derive(Debug)]
enum BookingError {
    UnknownNight(u32),
    NoCapacity { night: u32, wanted: usize, free: usize },
    BadRequest(String),
}

#[derive(Debug, Clone)]
struct Request { leader: String, nights: Vec<u32>, size: usize, half_board: bool }

struct Room { name: String, bunks: usize, occupants: Vec<String> }

struct Hut { name: String, nights: Mutex<BTreeMap<u32, Vec<Room>>>, waitlist: Mutex<HashMap<u32, Vec<String>>>, meals: Mutex<HashMap<u32, usize>> }

fn parse_request(line: &str) -> Result<Request, BookingError> {
    let bad = || BookingError::BadRequest(line.to_string());
    let mut parts = line.split(';').map(str::trim);
    let leader = parts.next().filter(|s| !s.is_empty()).ok_or_else(bad)?;
    let nights = parts.next().ok_or_else(bad)?.split(',');
    let nights = nights.map(|n| n.trim().parse::<u32>().map_err(|_| bad())).collect::<Result<Vec<_>, _>>()?;
    let size: usize = parts.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
    let half_board = matches!(parts.next(), Some("hb"));
    Ok(Request { leader: leader.to_string(), nights, size, half_board })
}

trait RequestSource {
    fn label(&self) -> &str;
    async fn next_line(&mut self) -> Option<String>;

    async fn drain(&mut self) -> Vec<Request> {
        let mut out = Vec::new();
        while let Some(line) = self.next_line().await {
            out.extend(parse_request(&line).ok());
        }
        out
    }
}

struct PhoneDesk { notes: Vec<String> }
struct OnlinePortal { pages: Vec<Vec<String>>, page: usize, cursor: usize }

impl RequestSource for PhoneDesk {
    fn label(&self) -> &str { "phone" }
    async fn next_line(&mut self) -> Option<String> {
        yield_now().await;
        self.notes.pop()
    }
}

impl RequestSource for OnlinePortal {
    fn label(&self) -> &str { "portal" }
    async fn next_line(&mut self) -> Option<String> {
        loop {
            let page = self.pages.get(self.page)?;
            if let Some(line) = page.get(self.cursor) {
                self.cursor += 1;
                return Some(line.clone());
            }
            self.page += 1;
            self.cursor = 0;
            yield_now().await;
        }
    }
}

async fn record_meals(meals: &Mutex<HashMap<u32, usize>>, night: u32, covers: usize) {
    yield_now().await;
    *meals.lock().unwrap().entry(night).or_insert(0) += covers;
}

impl Hut {
    fn free_on(&self, night: u32) -> Result<usize, BookingError> {
        let nights = self.nights.lock().unwrap();
        let rooms = nights.get(&night).ok_or(BookingError::UnknownNight(night))?;
        Ok(rooms.iter().map(|r| r.bunks - r.occupants.len()).sum())
    }

    async fn place(&self, req: &Request) -> Result<usize, BookingError> {
        for &night in &req.nights {
            let free = self.free_on(night)?;
            if free < req.size { return Err(BookingError::NoCapacity { night, wanted: req.size, free }); }
            yield_now().await;
        }
        let mut placed = 0;
        for &night in &req.nights {
            {
                let mut nights = self.nights.lock().unwrap();
                let rooms = nights.get_mut(&night).ok_or(BookingError::UnknownNight(night))?;
                let mut left = req.size;
                for room in rooms.iter_mut() {
                    while left > 0 && room.occupants.len() < room.bunks {
                        room.occupants.push(format!("{}+{}", req.leader, req.size - left));
                        left -= 1;
                    }
                }
                placed += req.size;
            }
            if req.half_board {
                record_meals(&self.meals, night, req.size).await;
            }
        }
        Ok(placed)
    }
}

async fn intake<S>(hut: &Hut, source: &mut S) -> (usize, Vec<String>)
where
    S: RequestSource,
{
    let label = source.label().to_string();
    let requests = source.drain().await;
    let (mut booked, mut log) = (0, Vec::new());
    for req in requests {
        let res = hut.place(&req).await;
        if let Err(BookingError::NoCapacity { night, .. }) = &res && req.size <= 4 {
            hut.waitlist.lock().unwrap().entry(*night).or_default().push(req.leader.clone());
            log.push(format!("[{label}] waitlisted {} for night {night}", req.leader));
            continue;
        }
        match res {
            Ok(n) => { booked += n; log.push(format!("[{label}] booked {} x{}", req.leader, req.size)) }
            Err(e) => log.push(format!("[{label}] rejected {}: {e:?}", req.leader)),
        }
    }
    (booked, log)
}

fn build_hut() -> Hut {
    let room = |name: &str, bunks| Room { name: name.into(), bunks, occupants: Vec::new() };
    let nights = (1..=4u32).map(|n| (n, vec![room("Lager A", 6), room("Lager B", 4)])).collect();
    Hut { name: "Rifugio Alto".into(), nights: Mutex::new(nights), waitlist: Mutex::new(HashMap::new()), meals: Mutex::new(HashMap::new()) }
}

pub fn main() {
    let hut = build_hut();
    let page = |lines: &[&str]| lines.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut phone = PhoneDesk { notes: page(&["Keller; 1,2; 5; hb", "Rossi; 2; 3", "broken line"]) };
    let pages = vec![page(&["Dubois; 2,3; 4; hb", "Novak; 2; 2; hb"]), page(&["Tanaka; 9; 2", "Berg; 3; 8"])];
    let mut portal = OnlinePortal { pages, page: 0, cursor: 0 };

    let (a, log_a) = block_on(intake(&hut, &mut phone));
    let (b, log_b) = block_on(intake(&hut, &mut portal));
    log_a.iter().chain(&log_b).for_each(|line| println!("{line}"));

    let occupancy = async |night: u32| -> String {
        yield_now().await;
        match hut.free_on(night) {
            Ok(free) if free == 0 => format!("night {night}: full"),
            Ok(free) => format!("night {night}: {free} bunks free"),
            Err(e) => format!("night {night}: {e:?}"),
        }
    };
    (1..=5).for_each(|night| println!("{}", block_on(occupancy(night))));

    let kitchen = async {
        let (meals, name) = (&hut.meals, &hut.name);
        yield_now().await;
        let total: usize = meals.lock().unwrap().values().sum();
        format!("{name}: {total} half-board covers, booked {}", a + b)
    };
    println!("{}", block_on(kitchen));
    block_on(record_meals(&hut.meals, 4, 1));
    println!("waitlisted nights: {}", hut.waitlist.lock().unwrap().len());
}
