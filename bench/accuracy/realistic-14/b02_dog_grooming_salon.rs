//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Dog grooming salon: prices services by coat and size, books groomers' tables and
//! totals the day's takings per groomer.

use std::collections::HashMap;
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
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Coat { Smooth, Double, Curly }

struct Dog { name: String, weight_kg: u32, coat: Coat, matted: bool }

trait Service {
    fn label(&self) -> &str;
    async fn base_price(&self, dog: &Dog) -> u32;
    async fn quote(&self, dog: &Dog) -> u32 {
        let base = self.base_price(dog).await;
        let size = match dog.weight_kg { 0..=9 => 100, 10..=24 => 130, 25..=44 => 165, _ => 210 };
        let mut cents = base * size;
        if dog.matted && dog.coat != Coat::Smooth { cents += 1500 * 100; }
        cents / 100
    }
}

struct Bath;
struct FullGroom { scissor_finish: bool }

impl Service for Bath {
    fn label(&self) -> &str { "bath" }
    async fn base_price(&self, dog: &Dog) -> u32 {
        yield_now().await;
        if dog.coat == Coat::Double { 45 } else { 35 }
    }
}

impl Service for FullGroom {
    fn label(&self) -> &str { if self.scissor_finish { "groom+scissor" } else { "groom" } }
    async fn base_price(&self, dog: &Dog) -> u32 {
        yield_now().await;
        let coat = match dog.coat { Coat::Curly => 70, Coat::Double => 60, Coat::Smooth => 50 };
        coat + if self.scissor_finish { 20 } else { 0 }
    }
}

async fn ring_up(groomer: &str, open_tabs: usize) {
    yield_now().await;
    if open_tabs > 1 {
        println!("  ({open_tabs} groomers on the till, last: {groomer})");
    }
}

async fn book<S: Service>(till: &Mutex<HashMap<String, u32>>, groomer: &str, svc: &S, dog: &Dog) -> u32 {
    let price = svc.quote(dog).await;
    *till.lock().unwrap().entry(groomer.to_string()).or_insert(0) += price;
    ring_up(groomer, till.lock().unwrap().len()).await;
    println!("{groomer}: {} for {} ({}kg) = ${price}", svc.label(), dog.name, dog.weight_kg);
    price
}

pub fn main() {
    let till = Mutex::new(HashMap::new());
    let dogs = [
        Dog { name: "Biscuit".into(), weight_kg: 8, coat: Coat::Curly, matted: true },
        Dog { name: "Rex".into(), weight_kg: 38, coat: Coat::Double, matted: false },
        Dog { name: "Pip".into(), weight_kg: 12, coat: Coat::Smooth, matted: true },
    ];
    let mut day = 0;
    day += block_on(book(&till, "Ana", &Bath, &dogs[1]));
    day += block_on(book(&till, "Ana", &FullGroom { scissor_finish: true }, &dogs[0]));
    day += block_on(book(&till, "Joe", &FullGroom { scissor_finish: false }, &dogs[2]));
    day += block_on(book(&till, "Joe", &Bath, &dogs[0]));

    let mut per: Vec<(String, u32)> = till.lock().unwrap().drain().collect();
    per.sort();
    println!("takings {day}: {per:?}");
}
