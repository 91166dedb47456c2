//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Intercity seat reservation: seats are sold per journey leg as bitmasks over the stop
//! sequence, so one seat can carry several passengers on disjoint legs of the same train.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

#[derive(Debug)]
enum ReserveError {
    UnknownStop(String),
    WrongDirection { from: String, to: String },
    SoldOut { coach_class: char, legs: u16 },
    PaymentDeclined(String),
}

#[derive(Clone, Debug)]
struct Seat {
    coach: u8,
    number: u8,
    class: char,
    window: bool,
    sold: u16,
}

struct Train {
    service: String,
    stops: Vec<&'static str>,
    seats: Arc<Mutex<Vec<Seat>>>,
    tickets: Mutex<BTreeMap<u32, (String, u8, u8, u16)>>,
}

type Charge<'a> = Pin<Box<dyn Future<Output = Result<String, ReserveError>> + 'a>>;

fn charge_card<'a>(card: &'a str, cents: u32) -> Charge<'a> {
    Box::pin(async move {
        yield_now().await;
        if card.ends_with("0000") {
            Err(ReserveError::PaymentDeclined(card[card.len() - 4..].to_string()))
        } else {
            Ok(format!("auth-{}-{cents}", &card[card.len() - 4..]))
        }
    })
}

fn charge_voucher<'a>(code: &'a str, cents: u32) -> Charge<'a> {
    Box::pin(async move { Ok(format!("voucher-{code}")) })
}

impl Train {
    fn leg_mask(&self, from: &str, to: &str) -> Result<u16, ReserveError> {
        let pos = |s: &str| self.stops.iter().position(|x| *x == s).ok_or_else(|| ReserveError::UnknownStop(s.to_string()));
        let (a, b) = (pos(from)?, pos(to)?);
        if a >= b {
            return Err(ReserveError::WrongDirection { from: from.to_string(), to: to.to_string() });
        }
        Ok((a..b).fold(0u16, |m, i| m | (1 << i)))
    }

    async fn reserve(&self, pnr: u32, name: &str, from: &str, to: &str, class: char, want_window: bool, pay: Charge<'_>) -> Result<String, ReserveError> {
        let legs = self.leg_mask(from, to)?;
        let chosen = {
            let mut seats = self.seats.lock().unwrap();
            let mut candidates: Vec<usize> = seats
                .iter()
                .enumerate()
                .filter(|(_, s)| s.class == class && s.sold & legs == 0)
                .map(|(i, _)| i)
                .collect();
            candidates.sort_by_key(|&i| (seats[i].window != want_window, (seats[i].sold | legs).count_ones() == legs.count_ones(), seats[i].coach, seats[i].number));
            let idx = *candidates.first().ok_or(ReserveError::SoldOut { coach_class: class, legs })?;
            seats[idx].sold |= legs;
            (idx, seats[idx].coach, seats[idx].number)
        };
        match pay.await {
            Ok(auth) => {
                self.tickets.lock().unwrap().insert(pnr, (name.to_string(), chosen.1, chosen.2, legs));
                Ok(format!("{} {}->{} coach {} seat {} [{auth}]", self.service, from, to, chosen.1, chosen.2))
            }
            Err(e) => {
                self.seats.lock().unwrap()[chosen.0].sold &= !legs;
                Err(e)
            }
        }
    }

    async fn occupancy(&self) -> Vec<(String, u32)> {
        let seats = self.seats.lock().unwrap().clone();
        yield_now().await;
        self.stops
            .windows(2)
            .enumerate()
            .map(|(i, w)| (format!("{}-{}", w[0], w[1]), seats.iter().filter(|s| s.sold & (1 << i) != 0).count() as u32))
            .collect()
    }
}

pub fn main() {
    let mut seats = Vec::new();
    for coach in 1..=2u8 {
        for number in 1..=4u8 {
            seats.push(Seat { coach, number, class: if coach == 1 { 'F' } else { 'S' }, window: number % 2 == 1, sold: 0 });
        }
    }
    let train = Train {
        service: "IC 714".to_string(),
        stops: vec!["Leeds", "York", "Newcastle", "Berwick", "Edinburgh"],
        seats: Arc::new(Mutex::new(seats)),
        tickets: Mutex::new(BTreeMap::new()),
    };
    let requests = [
        (1, "Ada", "Leeds", "York", 'S', true, "4111111111111111"),
        (2, "Bo", "York", "Edinburgh", 'S', true, "5500000000000004"),
        (3, "Cy", "Leeds", "Edinburgh", 'F', false, "4000000000000000"),
        (4, "Di", "Newcastle", "Leeds", 'S', true, "4111111111111111"),
        (5, "Ed", "Leeds", "Berwick", 'S', false, "V-77"),
        (6, "Fi", "Leeds", "Berwick", 'S', false, "V-78"),
        (7, "Gu", "Leeds", "Berwick", 'S', true, "V-79"),
        (8, "Ha", "York", "Newcastle", 'S', true, "V-80"),
        (9, "Io", "Leeds", "Dundee", 'S', true, "V-81"),
    ];
    for (pnr, name, from, to, class, window, payment) in requests {
        let pay = if payment.starts_with("V-") { charge_voucher(payment, 0) } else { charge_card(payment, 4_500) };
        match block_on(train.reserve(pnr, name, from, to, class, window, pay)) {
            Ok(t) => println!("{pnr} {name}: {t}"),
            Err(e) => println!("{pnr} {name}: {e:?}"),
        }
    }
    println!("{:?}", block_on(train.occupancy()));
    println!("tickets issued: {}", train.tickets.lock().unwrap().len());
}
