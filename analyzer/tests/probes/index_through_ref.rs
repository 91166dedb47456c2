//@ edition: 2021
//! Indexing through a reference (`new[p]` with `new: &HashMap<..>`, `v[0]` with `v: &Vec<..>`)
//! reborrows what it points to: the reference is read, not borrowed, and is not kept after its
//! last use, in both editions.
use std::collections::HashMap;
async fn y() {}
pub async fn a(new: &HashMap<String, u64>, p: &String) -> u64 {
    let meta = &new[p];
    y().await;
    let x = *meta;
    y().await;
    x
}
pub async fn b(new: &HashMap<String, u64>, p: &String) -> u64 {
    let x = new[p];
    y().await;
    x
}
pub async fn c(v: &Vec<u64>) -> u64 {
    let m = &v[0];
    y().await;
    let x = *m;
    y().await;
    x
}
pub async fn d(new: &HashMap<String, u64>) -> u64 {
    let blk = async { y().await; new["k"] };
    blk.await
}
pub async fn e(new: &HashMap<String, u64>) -> u64 {
    let blk = async move { y().await; new["k"] + 1 };
    blk.await
}
pub async fn f(v: &mut Vec<u64>) -> u64 {
    let m = &v[0];
    y().await;
    *m
}
pub fn main() {
    let m = HashMap::new();
    let s = String::new();
    drop(a(&m, &s));
    drop(b(&m, &s));
    drop(c(&vec![]));
    drop(d(&m));
    drop(e(&m));
    drop(f(&mut vec![]));
}
