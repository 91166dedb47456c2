//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Kayak and paddleboard rental counter: checks wind and tide conditions before launch,
//! hands out craft by type and skill, and settles deposits and late fees on return.

use std::cell::RefCell;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Craft { SitOnTop, Touring, Tandem, Sup }

#[derive(Debug)]
enum CounterError { Unsafe { hour: u32, reason: String }, NoneLeft(Craft), SkillTooLow { craft: Craft, needed: u8 }, UnknownTicket(u32) }

struct Rental { ticket: u32, customer: String, craft: Craft, out_hour: u32, hours: u32, deposit: u32 }

struct Counter { fleet: RefCell<HashMap<Craft, u32>>, open: RefCell<Vec<Rental>>, till: Rc<RefCell<i64>>, next_ticket: RefCell<u32> }

trait ConditionsFeed {
    async fn wind_kts(&self, hour: u32) -> Option<f32>;
    async fn ebbing(&self, hour: u32) -> bool { yield_now().await; false }

    async fn go_no_go(&self, hour: u32, hours: u32, craft: Craft) -> Result<(), CounterError> {
        let limit = match craft { Craft::Sup => 10.0, Craft::Touring => 18.0, _ => 14.0 };
        for h in hour..hour + hours {
            let wind = self.wind_kts(h).await.ok_or_else(|| CounterError::Unsafe { hour: h, reason: "no forecast".into() })?;
            if wind > limit {
                return Err(CounterError::Unsafe { hour: h, reason: format!("{wind:.0} kt > {limit:.0} kt for {craft:?}") });
            }
            if craft == Craft::Sup && self.ebbing(h).await && wind > 6.0 {
                return Err(CounterError::Unsafe { hour: h, reason: "offshore ebb for boards".into() });
            }
        }
        Ok(())
    }
}

struct HarbourMaster { bulletin: HashMap<u32, f32> }
struct BuoyFeed { readings: Vec<(u32, f32)>, high_water: u32 }

impl ConditionsFeed for HarbourMaster {
    async fn wind_kts(&self, hour: u32) -> Option<f32> {
        yield_now().await;
        self.bulletin.get(&hour).copied()
    }
}

impl ConditionsFeed for BuoyFeed {
    async fn wind_kts(&self, hour: u32) -> Option<f32> {
        yield_now().await;
        let nearest = self.readings.iter().min_by_key(|(h, _)| (*h as i32 - hour as i32).abs())?;
        if (nearest.0 as i32 - hour as i32).abs() > 2 { None } else { Some(nearest.1 * 1.1) }
    }
    async fn ebbing(&self, hour: u32) -> bool {
        let since_high = (hour + 24 - self.high_water) % 12;
        (1..6).contains(&since_high)
    }
}

impl Counter {
    async fn check_out<F>(&self, feed: &F, customer: &str, skill: u8, craft: Craft, hour: u32, hours: u32) -> Result<u32, CounterError>
    where
        F: ConditionsFeed,
    {
        let needed = match craft { Craft::Touring => 3, Craft::Sup => 2, _ => 1 };
        if skill < needed {
            return Err(CounterError::SkillTooLow { craft, needed });
        }
        feed.go_no_go(hour, hours, craft).await?;
        {
            let mut fleet = self.fleet.borrow_mut();
            let left = fleet.get_mut(&craft).filter(|n| **n > 0).ok_or(CounterError::NoneLeft(craft))?;
            *left -= 1;
        }
        let ticket = { let mut t = self.next_ticket.borrow_mut(); *t += 1; *t };
        let deposit = if craft == Craft::Touring { 15_000 } else { 5_000 };
        *self.till.borrow_mut() += deposit as i64;
        self.open.borrow_mut().push(Rental { ticket, customer: customer.to_string(), craft, out_hour: hour, hours, deposit });
        Ok(ticket)
    }

    async fn check_in(&self, ticket: u32, back_hour: u32, damage: Option<&str>) -> Result<i64, CounterError> {
        let idx = self.open.borrow().iter().position(|r| r.ticket == ticket).ok_or(CounterError::UnknownTicket(ticket))?;
        let rental = self.open.borrow_mut().remove(idx);
        yield_now().await;
        let rate = match rental.craft { Craft::Tandem => 3_000, Craft::Touring => 2_500, _ => 2_000 };
        let late = back_hour.saturating_sub(rental.out_hour + rental.hours);
        let fee = rate * rental.hours + late * rate * 3 / 2;
        let damage_charge = match damage {
            Some(d) if d.contains("paddle") => 4_000,
            Some(d) if d.contains("hull") => rental.deposit,
            Some(_) => 1_000,
            None => 0,
        };
        let refund = rental.deposit as i64 - damage_charge as i64;
        *self.till.borrow_mut() += fee as i64 - refund;
        *self.fleet.borrow_mut().entry(rental.craft).or_insert(0) += 1;
        Ok(refund)
    }
}

pub fn main() {
    let till = Rc::new(RefCell::new(0i64));
    let counter = Counter {
        fleet: RefCell::new(HashMap::from([(Craft::SitOnTop, 2), (Craft::Touring, 1), (Craft::Tandem, 1), (Craft::Sup, 2)])),
        open: RefCell::new(Vec::new()),
        till: Rc::clone(&till),
        next_ticket: RefCell::new(100),
    };
    let harbour = HarbourMaster { bulletin: (8..=18).map(|h| (h, if h < 13 { 8.0 } else { 8.0 + (h - 12) as f32 * 2.5 })).collect() };
    let buoy = BuoyFeed { readings: vec![(9, 5.0), (11, 7.0), (13, 12.0)], high_water: 9 };

    let mut tickets = Vec::new();
    let requests = [("Ines", 1, Craft::SitOnTop, 9, 2), ("Tom", 3, Craft::Touring, 10, 4), ("Ola", 1, Craft::Touring, 10, 2), ("Sam", 2, Craft::Sup, 9, 1), ("Kit", 2, Craft::Sup, 11, 2), ("Pat", 1, Craft::Tandem, 16, 2)];
    for (i, (who, skill, craft, hour, hours)) in requests.iter().enumerate() {
        let result = if i % 2 == 0 { block_on(counter.check_out(&harbour, who, *skill, *craft, *hour, *hours)) } else { block_on(counter.check_out(&buoy, who, *skill, *craft, *hour, *hours)) };
        match result {
            Ok(t) => { println!("{who}: ticket {t} ({craft:?})"); tickets.push((t, *hour + *hours)); }
            Err(CounterError::Unsafe { hour, reason }) => println!("{who}: not launching at {hour}:00 - {reason}"),
            Err(e) => println!("{who}: {e:?}"),
        }
    }

    let returns: Vec<Pin<Box<dyn Future<Output = Result<i64, CounterError>> + '_>>> = tickets
        .iter()
        .enumerate()
        .map(|(i, &(t, due))| -> Pin<Box<dyn Future<Output = Result<i64, CounterError>> + '_>> {
            let damage = if i == 1 { Some("cracked paddle") } else { None };
            Box::pin(counter.check_in(t, due + i as u32, damage))
        })
        .collect();
    for (r, (t, _)) in returns.into_iter().zip(&tickets) {
        println!("return {t}: refund {:?}", block_on(r));
    }
    println!("bogus return: {:?}", block_on(counter.check_in(999, 12, None)).err());

    let availability = async |craft: Craft| -> String {
        yield_now().await;
        format!("{craft:?}: {}", counter.fleet.borrow().get(&craft).copied().unwrap_or(0))
    };
    for c in [Craft::SitOnTop, Craft::Touring, Craft::Sup] {
        println!("{}", block_on(availability(c)));
    }
    println!("till {:.2}, open rentals {}", *till.borrow() as f64 / 100.0, counter.open.borrow().len());
}
