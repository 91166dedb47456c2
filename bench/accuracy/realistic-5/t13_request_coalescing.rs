#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Singleflight-style request coalescing: concurrent callers for the same key share one backend fetch.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Debug;
use std::future::{poll_fn, Future};
use std::hash::Hash;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

enum Slot<V> {
    InFlight { waiters: usize },
    Done(V),
}

trait Backend {
    type Key: Hash + Eq + Clone + Debug;
    type Value: Clone + Debug;
    async fn fetch(&self, key: &Self::Key) -> Self::Value;
}

struct Group<B: Backend> {
    backend: B,
    slots: RefCell<HashMap<B::Key, Rc<RefCell<Slot<B::Value>>>>>,
    backend_calls: Cell<u32>,
    shared_hits: Cell<u32>,
}

impl<B: Backend> Group<B> {
    fn new(backend: B) -> Self {
        Group { backend, slots: RefCell::new(HashMap::new()), backend_calls: Cell::new(0), shared_hits: Cell::new(0) }
    }

    async fn wait_for(slot: Rc<RefCell<Slot<B::Value>>>) -> B::Value {
        poll_fn(|cx| match &*slot.borrow() {
            Slot::Done(v) => Poll::Ready(v.clone()),
            Slot::InFlight { .. } => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await
    }

    async fn get(&self, key: B::Key) -> B::Value {
        let existing = self.slots.borrow().get(&key).cloned();
        if let Some(slot) = existing {
            if let Slot::InFlight { ref mut waiters } = *slot.borrow_mut() {
                *waiters += 1;
            }
            self.shared_hits.set(self.shared_hits.get() + 1);
            return Self::wait_for(slot).await;
        }
        let slot = Rc::new(RefCell::new(Slot::InFlight { waiters: 0 }));
        self.slots.borrow_mut().insert(key.clone(), Rc::clone(&slot));
        self.backend_calls.set(self.backend_calls.get() + 1);
        let value = self.backend.fetch(&key).await;
        *slot.borrow_mut() = Slot::Done(value.clone());
        // forget the key so later callers trigger a fresh fetch
        self.slots.borrow_mut().remove(&key);
        value
    }
}

struct ProfileService {
    latency: u8,
}

impl Backend for ProfileService {
    type Key = u32;
    type Value = Rc<str>;
    async fn fetch(&self, key: &u32) -> Rc<str> {
        Yield(self.latency).await;
        format!("profile:{key}:{}", ["free", "pro", "team"][*key as usize % 3]).into()
    }
}

struct PriceFeed;

impl Backend for PriceFeed {
    type Key = (String, String);
    type Value = f64;
    async fn fetch(&self, key: &(String, String)) -> f64 {
        let (base, quote) = key;
        Yield(4).await;
        let seed: u32 = base.bytes().chain(quote.bytes()).map(u32::from).sum();
        (seed % 1000) as f64 / 7.0
    }
}

async fn fan_in<T: Debug>(mut tasks: Vec<Pin<Box<dyn Future<Output = T> + '_>>>) -> Vec<T> {
    let mut results: Vec<Option<T>> = tasks.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut pending = 0;
        for (i, t) in tasks.iter_mut().enumerate() {
            if results[i].is_some() {
                continue;
            }
            match t.as_mut().poll(cx) {
                Poll::Ready(v) => results[i] = Some(v),
                Poll::Pending => pending += 1,
            }
        }
        if pending == 0 { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
    results.into_iter().map(Option::unwrap).collect()
}

fn main() {
    let profiles = Group::new(ProfileService { latency: 5 });
    let prices = Group::new(PriceFeed);

    let profile_ids = [7u32, 7, 8, 7, 9, 8, 7];
    let profile_results = block_on(fan_in(profile_ids.iter().map(|&id| Box::pin(profiles.get(id)) as Pin<Box<dyn Future<Output = _>>>).collect()));

    let pairs = "BTC/USD ETH/USD BTC/USD BTC/EUR ETH/USD BTC/USD";
    let price_tasks: Vec<Pin<Box<dyn Future<Output = (String, f64)> + '_>>> = pairs
        .split(' ')
        .filter_map(|p| p.split_once('/'))
        .map(|(b, q)| {
            let key = (b.to_string(), q.to_string());
            let prices = &prices;
            Box::pin(async move {
                let label = format!("{}/{}", key.0, key.1);
                (label, prices.get(key).await)
            }) as Pin<Box<dyn Future<Output = _>>>
        })
        .collect();
    let quotes = block_on(fan_in(price_tasks));

    println!("profiles: {} results, backend calls={} shared={}", profile_results.len(), profiles.backend_calls.get(), profiles.shared_hits.get());
    for (id, p) in profile_ids.iter().zip(&profile_results).take(3) {
        println!("  {id} -> {p}");
    }
    println!("prices: backend calls={} shared={}", prices.backend_calls.get(), prices.shared_hits.get());
    for (pair, px) in &quotes {
        println!("  {pair:<8} {px:>8.3}");
    }

    let late = block_on(profiles.get(7));
    println!("late fetch after completion: {late} (calls now {})", profiles.backend_calls.get());
}
