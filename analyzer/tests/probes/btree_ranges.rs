//@ edition: 2021
//! `BTreeMap::range_mut` and `BTreeSet::range` are std's iterators (48 bytes): what is found
//! through them has a known type and drop glue, so the drop of `skis` at the end (its payload
//! moved out by `let Some(..) else`) unwinds into the cleanup of `boots` and `s`, moved by then,
//! and both get a drop flag kept across the await; a `for` over a range keeps the iterator
//! (checked in both editions).
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
struct Skier {
    name: String,
    age: u32,
}
struct Rental {
    skier: String,
    boots: String,
    skis: String,
    notes: Vec<String>,
}
async fn tick() {}
pub async fn fit(s: Skier, m: &Mutex<BTreeMap<u32, Vec<String>>>) -> Result<Rental, u32> {
    let boots = String::new();
    tick().await;
    let skis = m.lock().unwrap().range_mut(1..=2).rev().find_map(|(len, v)| v.pop().map(|m| format!("{m} {len}cm")));
    let Some(skis) = skis else { return Err(1) };
    let mut notes = Vec::new();
    if s.age >= 50 {
        notes.push("senior".to_string());
    }
    Ok(Rental { skier: s.name, boots, skis, notes })
}
pub async fn walk(set: &BTreeSet<u64>, from: u64) -> u64 {
    let mut total = 0;
    for v in set.range(from..) {
        tick().await;
        total += *v;
    }
    total
}
pub fn main() {
    let m = Mutex::new(BTreeMap::new());
    let _ = fit(Skier { name: String::new(), age: 1 }, &m);
    let set = BTreeSet::new();
    let _ = walk(&set, 3);
}
