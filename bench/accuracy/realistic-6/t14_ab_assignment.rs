#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! A/B experiment assignment: deterministic hashing of units into weighted variants with holdouts, overrides and exposure logging.

use std::collections::HashMap;
use std::fmt::Debug;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_waker() -> Waker {
    const VT: RawWakerVTable = RawWakerVTable::new(|_| RawWaker::new(std::ptr::null(), &VT), |_| {}, |_| {}, |_| {});
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

struct Fnv64(u64);
impl Hasher for Fnv64 {
    fn finish(&self) -> u64 { self.0 }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes { self.0 ^= *b as u64; self.0 = self.0.wrapping_mul(0x100000001b3); }
    }
}

#[derive(Debug, Clone)]
struct Experiment { key: &'static str, salt: u32, traffic_pct: u32, variants: Vec<(&'static str, u32)>, overrides: HashMap<String, &'static str> }

#[derive(Debug, Clone, PartialEq)]
enum Assignment { Variant(&'static str), Holdout, Override(&'static str) }

fn bucket<T: Hash>(unit: &T, salt: u32, space: u64) -> u64 {
    let mut h = Fnv64(0xcbf29ce484222325);
    salt.hash(&mut h);
    unit.hash(&mut h);
    h.finish() % space
}

async fn assign<T: Hash + Debug>(exp: &Experiment, unit: &T, log: &Rc<RefCell<Vec<String>>>) -> Assignment {
    Yield(1).await;
    let unit_key = format!("{unit:?}");
    if let Some(v) = exp.overrides.get(&unit_key) {
        return Assignment::Override(v);
    }
    if bucket(unit, exp.salt ^ 0xdead, 100) >= exp.traffic_pct as u64 {
        return Assignment::Holdout;
    }
    let total: u32 = exp.variants.iter().map(|(_, w)| w).sum();
    let b = bucket(unit, exp.salt, total as u64) as u32;
    let mut acc = 0;
    let chosen = exp.variants.iter().find(|(_, w)| { acc += w; b < acc }).map(|(n, _)| *n).unwrap_or("control");
    Yield(1).await;
    log.borrow_mut().push(format!("{}:{unit_key}->{chosen}", exp.key));
    Assignment::Variant(chosen)
}

async fn assign_all<T: Hash + Debug>(exp: &Experiment, units: &[T], log: &Rc<RefCell<Vec<String>>>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for u in units {
        let label = match assign(exp, u, log).await {
            Assignment::Variant(v) | Assignment::Override(v) => v.to_string(),
            Assignment::Holdout => "holdout".into(),
        };
        *counts.entry(label).or_insert(0) += 1;
    }
    counts
}

async fn chi_square(counts: &HashMap<String, usize>, exp: &Experiment) -> f64 {
    Yield(2).await;
    let n: usize = exp.variants.iter().map(|(v, _)| counts.get(*v).copied().unwrap_or(0)).sum();
    let total_w: u32 = exp.variants.iter().map(|(_, w)| w).sum();
    exp.variants.iter().map(|(v, w)| {
        let expected = n as f64 * *w as f64 / total_w as f64;
        let observed = counts.get(*v).copied().unwrap_or(0) as f64;
        (observed - expected).powi(2) / expected
    }).sum()
}

fn main() {
    let checkout = Experiment {
        key: "checkout_v2", salt: 7, traffic_pct: 80,
        variants: vec![("control", 50), ("one_page", 30), ("express", 20)],
        overrides: HashMap::from([("\"qa-bot\"".to_string(), "express")]),
    };
    let search = Experiment { key: "search_rank", salt: 99, traffic_pct: 100, variants: vec![("bm25", 1), ("neural", 1)], overrides: HashMap::new() };
    let log = Rc::new(RefCell::new(Vec::new()));
    let user_ids: Vec<u64> = (1..=2000).collect();
    let emails = ["ann@x.io", "bo@y.io", "qa-bot", "cy@z.io"];
    let sessions: Vec<(u32, u16)> = (0..500).map(|i| (i, (i % 7) as u16)).collect();
    let (by_user, by_email, by_session, chi) = block_on(async {
        let a = assign_all(&checkout, &user_ids, &log).await;
        let b = assign_all(&checkout, &emails, &log).await;
        let c = assign_all(&search, &sessions, &log).await;
        let chi = chi_square(&a, &checkout).await;
        let again = assign(&checkout, &"qa-bot", &log).await;
        assert_eq!(again, Assignment::Override("express"));
        (a, b, c, chi)
    });
    let mut rows: Vec<_> = by_user.iter().collect();
    rows.sort();
    println!("users: {rows:?}  chi2={chi:.2}");
    println!("emails: {by_email:?}");
    println!("sessions: {by_session:?}");
    println!("exposures logged: {}", log.borrow().len());
    let holdout = by_user["holdout"] as f64 / user_ids.len() as f64;
    assert!((0.1..0.3).contains(&holdout), "holdout share {holdout}");
    assert!(chi < 13.8, "assignment skewed: chi2={chi}");
    assert_eq!(by_session.values().sum::<usize>(), 500);
}
