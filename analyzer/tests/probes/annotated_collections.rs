//@ edition: 2021
//! Collections whose element types come from later or from the annotation: `HashMap::new()`
//! passed as `&mut HashMap<String, u32>`, `let w: Vec<_> = .. .collect()`, a `partition`
//! into `(Vec<_>, Vec<_>)`, and `next_back()` on a map's iterator, in both editions.
use std::collections::{BTreeMap, HashMap};
async fn y() {}
async fn fill(m: &mut HashMap<String, u32>) {
    m.insert(String::from("a"), 1);
    y().await;
}
pub async fn run(series: BTreeMap<u32, f32>, v: Vec<(String, u8)>) -> usize {
    let mut anc = HashMap::new();
    fill(&mut anc).await;
    let (big, small): (Vec<_>, Vec<_>) = v.into_iter().partition(|(_, x)| *x > 1);
    let keys: Vec<_> = anc.keys().collect();
    let last = series.iter().next_back();
    y().await;
    let mut n = keys.len() + last.map_or(0, |(k, _)| *k as usize);
    for (name, _) in &big {
        y().await;
        n += name.len();
    }
    n + small.len()
}
pub fn main() {
    drop(run(BTreeMap::new(), Vec::new()));
}
