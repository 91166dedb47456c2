//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Ferry booking desk: allocates vehicle lane-metres and passenger seats on sailings, with waitlists and fare quotes.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Vehicle {
    None,
    Car { length_m: f32 },
    Camper { length_m: f32, height_m: f32 },
    Truck { axles: u8 },
}

impl Vehicle {
    fn lane_metres(&self) -> f32 {
        match self {
            Vehicle::None => 0.0,
            Vehicle::Car { length_m } => length_m + 0.5,
            Vehicle::Camper { length_m, .. } => length_m + 1.0,
            Vehicle::Truck { axles } => 6.0 + *axles as f32 * 2.5,
        }
    }
}

#[derive(Debug, Clone)]
struct Request {
    ref_code: String,
    passengers: u16,
    vehicle: Vehicle,
}

#[derive(Debug)]
enum BookingError {
    NoSuchSailing(u32),
    Cancelled(u32),
    Full { sailing: u32, waitlist_pos: usize },
}

impl fmt::Display for BookingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BookingError::NoSuchSailing(id) => write!(f, "no sailing {id}"),
            BookingError::Cancelled(id) => write!(f, "sailing {id} cancelled"),
            BookingError::Full { sailing, waitlist_pos } => write!(f, "sailing {sailing} full, waitlist #{waitlist_pos}"),
        }
    }
}

#[derive(Debug)]
struct Sailing {
    id: u32,
    departs: Duration,
    seats_left: u16,
    lane_left: f32,
    cancelled: bool,
    waitlist: VecDeque<Request>,
}

struct Desk {
    sailings: Mutex<BTreeMap<u32, Sailing>>,
    confirmed: Mutex<HashMap<String, u32>>,
}

impl Desk {
    async fn quote(&self, req: &Request) -> u32 {
        Yield { left: 1 }.await;
        let base = req.passengers as u32 * 1450;
        let veh = (req.vehicle.lane_metres() * 900.0) as u32;
        let surcharge = if let Vehicle::Camper { height_m, .. } = req.vehicle && height_m > 2.5 { 3000 } else { 0 };
        base + veh + surcharge
    }

    async fn book(&self, sailing_id: u32, req: Request) -> Result<u32, BookingError> {
        let price = self.quote(&req).await;
        {
            let mut sailings = self.sailings.lock().unwrap();
            let s = sailings.get_mut(&sailing_id).ok_or(BookingError::NoSuchSailing(sailing_id))?;
            if s.cancelled {
                return Err(BookingError::Cancelled(sailing_id));
            }
            let need = req.vehicle.lane_metres();
            if s.seats_left < req.passengers || s.lane_left < need {
                s.waitlist.push_back(req);
                return Err(BookingError::Full { sailing: sailing_id, waitlist_pos: s.waitlist.len() });
            }
            s.seats_left -= req.passengers;
            s.lane_left -= need;
        }
        Yield { left: 2 }.await;
        self.confirmed.lock().unwrap().insert(req.ref_code.clone(), sailing_id);
        Ok(price)
    }

    async fn book_with_fallback(&self, preferred: &[u32], req: Request) -> Result<(u32, u32), BookingError> {
        let mut last_err = None;
        for &id in preferred.iter() {
            match self.book(id, req.clone()).await {
                Ok(price) => return Ok((id, price)),
                Err(e @ BookingError::NoSuchSailing(_)) => return Err(e),
                Err(e) => last_err = Some(e),
            }
        }
        Err(last_err.unwrap_or(BookingError::NoSuchSailing(0)))
    }

    async fn cancel_sailing(&self, id: u32) -> Vec<String> {
        let moved: Vec<Request> = if let Some(s) = self.sailings.lock().unwrap().get_mut(&id) {
            s.cancelled = true;
            s.waitlist.drain(..).collect()
        } else {
            Yield { left: 1 }.await;
            Vec::new()
        };
        let mut rebooked = Vec::new();
        let next: Vec<u32> = self.sailings.lock().unwrap().keys().copied().filter(|k| *k > id).collect();
        for r in moved {
            if let Ok((sid, _)) = self.book_with_fallback(&next, r.clone()).await {
                rebooked.push(format!("{}->{sid}", r.ref_code));
            }
        }
        rebooked
    }
}

fn sailing(id: u32, hour: u64, seats: u16, lane: f32) -> (u32, Sailing) {
    (id, Sailing { id, departs: Duration::from_secs(hour * 3600), seats_left: seats, lane_left: lane, cancelled: false, waitlist: VecDeque::new() })
}

fn main() {
    let desk = Arc::new(Desk {
        sailings: Mutex::new(BTreeMap::from([sailing(101, 7, 6, 20.0), sailing(102, 9, 40, 120.0), sailing(103, 11, 40, 60.0)])),
        confirmed: Mutex::new(HashMap::new()),
    });
    let reqs = vec![
        Request { ref_code: "A1".into(), passengers: 4, vehicle: Vehicle::Car { length_m: 4.6 } },
        Request { ref_code: "B2".into(), passengers: 2, vehicle: Vehicle::Camper { length_m: 7.5, height_m: 3.1 } },
        Request { ref_code: "C3".into(), passengers: 1, vehicle: Vehicle::Truck { axles: 3 } },
    ];
    for r in reqs {
        let code = r.ref_code.clone();
        match block_on(desk.book(101, r)) {
            Ok(p) => println!("{code}: booked for {}.{:02}", p / 100, p % 100),
            Err(e) => println!("{code}: {e}"),
        }
    }
    println!("rebooked after cancel: {:?}", block_on(desk.cancel_sailing(101)));
    let fb = block_on(desk.book_with_fallback(&[101, 103], Request { ref_code: "D4".into(), passengers: 3, vehicle: Vehicle::None }));
    println!("fallback: {:?}", fb.map_err(|e| e.to_string()));
    let q = block_on(desk.quote(&Request { ref_code: "Q".into(), passengers: 1, vehicle: Vehicle::Car { length_m: 4.0 } }));
    println!("quote {q}, confirmed {}", desk.confirmed.lock().unwrap().len());
}
