//@ edition: 2021
//! Calling a closure behind a shared pointer (`describe()` with `describe: &Rc<dyn Fn() ->
//! String>`, or `f()` with `f: Arc<dyn Fn(u32) -> u32>`) borrows the pointer to reach the
//! closure, so a call after an await keeps it, in both editions.
use std::rc::Rc;
use std::sync::Arc;
async fn tick() {}
pub async fn ward_round(pumps: Vec<Rc<dyn Fn() -> String>>) -> Vec<String> {
    let mut notes = Vec::new();
    for (bed, describe) in pumps.iter().enumerate() {
        tick().await;
        notes.push(format!("bed {}: {}", bed + 1, describe()));
    }
    notes
}
pub async fn owned(f: Arc<dyn Fn(u32) -> u32>, n: u32) -> u32 {
    let g = f.clone();
    tick().await;
    g(n) + 1
}
pub fn main() {
    let _ = ward_round(Vec::new());
    let _ = owned(Arc::new(|x| x), 1);
}
