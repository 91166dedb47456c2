//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Hotel reservation desk: checks room availability, holds rooms, and confirms bookings.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum RoomKind {
    Single,
    Double,
    Suite,
}

#[derive(Debug, Clone)]
struct Booking {
    guest: String,
    room: u16,
    nights: u8,
    kind: RoomKind,
}

#[derive(Debug)]
enum BookingError {
    NoVacancy(RoomKind),
    InvalidStay(u8),
    Blacklisted(String),
}

struct Hotel {
    free_rooms: Mutex<BTreeMap<RoomKind, Vec<u16>>>,
    rates: HashMap<RoomKind, u32>,
    bookings: Mutex<Vec<Booking>>,
    blacklist: Vec<&'static str>,
}

impl Hotel {
    fn new() -> Self {
        let mut free = BTreeMap::new();
        free.insert(RoomKind::Single, vec![101, 102, 103]);
        free.insert(RoomKind::Double, vec![201, 202]);
        free.insert(RoomKind::Suite, vec![301]);
        let rates = HashMap::from([
            (RoomKind::Single, 90),
            (RoomKind::Double, 140),
            (RoomKind::Suite, 320),
        ]);
        Hotel {
            free_rooms: Mutex::new(free),
            rates,
            bookings: Mutex::new(Vec::new()),
            blacklist: vec!["mallory"],
        }
    }
}

async fn check_channel_manager(kind: RoomKind) -> Option<u16> {
    Yield { left: 2 }.await;
    match kind {
        RoomKind::Double => Some(205),
        _ => None,
    }
}

async fn hold_room(hotel: &Hotel, kind: RoomKind) -> Result<u16, BookingError> {
    // The lock guard is a temporary of the scrutinee; in 2024 it is released before `else`.
    if let Some(room) = hotel.free_rooms.lock().unwrap().get_mut(&kind).and_then(|v| v.pop()) {
        Yield { left: 1 }.await;
        Ok(room)
    } else {
        let external = check_channel_manager(kind).await;
        external.ok_or(BookingError::NoVacancy(kind))
    }
}

async fn quote(hotel: &Hotel, kind: RoomKind, nights: u8) -> u32 {
    Yield { left: 1 }.await;
    let base = hotel.rates.get(&kind).copied().unwrap_or(100);
    let discount = if nights >= 5 { 10 } else { 0 };
    base * nights as u32 * (100 - discount) / 100
}

async fn reserve(hotel: &Hotel, guest: &str, kind: RoomKind, nights: u8) -> Result<Booking, BookingError> {
    if nights == 0 || nights > 30 {
        return Err(BookingError::InvalidStay(nights));
    }
    if hotel.blacklist.iter().any(|b| *b == guest) {
        return Err(BookingError::Blacklisted(guest.to_string()));
    }
    let room = hold_room(hotel, kind).await?;
    let price = quote(hotel, kind, nights).await;
    let booking = Booking { guest: guest.to_string(), room, nights, kind };
    Yield { left: 2 }.await;
    hotel.bookings.lock().unwrap().push(booking.clone());
    println!("reserved room {room} for {guest}: {price} EUR");
    Ok(booking)
}

async fn upgrade_if_possible(hotel: &Hotel, booking: &mut Booking) -> bool {
    if booking.nights >= 3
        && booking.kind == RoomKind::Double
        && let Some(suite) = hotel.free_rooms.lock().unwrap().get_mut(&RoomKind::Suite).and_then(|v| v.pop())
    {
        Yield { left: 1 }.await;
        booking.room = suite;
        booking.kind = RoomKind::Suite;
        return true;
    }
    Yield { left: 1 }.await;
    false
}

fn occupancy_report(hotel: &Hotel) -> impl Future<Output = String> + '_ {
    async move {
        Yield { left: 1 }.await;
        let list = hotel.bookings.lock().unwrap();
        let mut out = String::new();
        for b in list.iter() {
            out.push_str(&format!("{}:{}:{:?} ", b.guest, b.room, b.kind));
        }
        out
    }
}

fn main() {
    let hotel = Arc::new(Hotel::new());
    let requests = vec![
        ("alice", RoomKind::Double, 4u8),
        ("bob", RoomKind::Suite, 2),
        ("carol", RoomKind::Suite, 1),
        ("mallory", RoomKind::Single, 2),
        ("dave", RoomKind::Single, 0),
        ("erin", RoomKind::Double, 3),
        ("frank", RoomKind::Double, 3),
    ];
    let mut confirmed = Vec::new();
    for (guest, kind, nights) in requests {
        match block_on(reserve(&hotel, guest, kind, nights)) {
            Ok(b) => confirmed.push(b),
            Err(e) => println!("{guest}: {e:?}"),
        }
    }
    let h2 = Arc::clone(&hotel);
    let upgrade_all = async |mut bs: Vec<Booking>| -> usize {
        let mut n = 0;
        for b in bs.iter_mut() {
            if upgrade_if_possible(&h2, b).await {
                n += 1;
            }
        }
        n
    };
    let upgraded = block_on(upgrade_all(confirmed));
    println!("upgrades: {upgraded}");
    println!("report: {}", block_on(occupancy_report(&hotel)));
    let q = block_on(quote(&hotel, RoomKind::Suite, 6));
    println!("suite quote 6 nights: {q}");
}
