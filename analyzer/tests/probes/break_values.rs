//@ edition: 2021
//! Types that come from a loop's `break value` (a `loop` or a labelled block is as typed as
//! its breaks, in both editions), and collections built from arrays (`VecDeque::from([..])`,
//! `BTreeSet::from`, `HashMap::from`, `Vec::from`).
use std::collections::{VecDeque, BTreeSet, HashMap};
async fn yield_now() {}
enum D { A { r: u32 }, B }
async fn f(seed: &str) -> usize {
    let mut frontier = VecDeque::from([(0u8, seed.to_string())]);
    let seen = BTreeSet::from([seed.to_string()]);
    let m = HashMap::from([(1u32, 2u64)]);
    let v = Vec::from([1u16, 2]);
    while let Some((depth, url)) = frontier.pop_front() {
        yield_now().await;
        let _ = (depth, url);
    }
    let r = loop {
        match (D::A { r: 3 }) { D::A { r } => break r, D::B => {} }
    };
    let q = 'b: { if r > 2 { break 'b 5u64; } 6u64 };
    yield_now().await;
    seen.len() + m.len() + v.len() + r as usize + q as usize
}
pub fn main() { let _ = f("x"); }
