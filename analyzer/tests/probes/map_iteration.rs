//@ edition: 2021
//! Iterating a map by reference (in both editions): `for (k, v) in &map` over a `HashMap` or a
//! `BTreeMap` (through a type alias too) goes through std's `impl IntoIterator for &Map`, whose
//! iterator and `(&K, &V)` items are typed.
use std::collections::{BTreeMap, HashMap};
async fn yield_now() {}
type Config = BTreeMap<String, String>;
fn parse() -> Result<Config, ()> { Ok(BTreeMap::new()) }
async fn a() -> Result<usize, ()> {
    let next = parse()?;
    let mut n = 0;
    for (k, v) in &next { yield_now().await; n += k.len() + v.len(); }
    Ok(n)
}
async fn b() -> usize {
    let next: HashMap<String, String> = HashMap::new();
    let mut n = 0;
    for (k, v) in &next { yield_now().await; n += k.len() + v.len(); }
    n
}
async fn c() -> usize {
    let next: BTreeMap<String, String> = BTreeMap::new();
    let mut n = 0;
    for (k, v) in &next { yield_now().await; n += k.len() + v.len(); }
    n
}
pub fn main() { let _ = (a(), b(), c()); }
async fn d() -> usize {
    let next: Vec<String> = Vec::new();
    let mut n = 0;
    for k in &next { yield_now().await; n += k.len(); }
    n
}
async fn e() -> usize {
    let next: BTreeMap<String, String> = BTreeMap::new();
    let mut n = 0;
    for kv in &next { yield_now().await; n += kv.0.len(); }
    n
}
