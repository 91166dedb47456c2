//@ edition: 2021
//! `let Job { ship, berth, .. } = job;` moves out every part of `job` that needs drop (the
//! rest are `Copy`, or references), so `job` is not kept, in both editions.
async fn y() {}
pub struct Job {
    pub ship: String,
    pub dwt: u32,
    pub berth: &'static str,
    pub outbound: bool,
}
pub async fn perform(job: Job) -> usize {
    let Job { ship, berth, outbound, .. } = job;
    y().await;
    ship.len() + berth.len() + outbound as usize
}
pub fn main() {
    drop(perform(Job { ship: String::new(), dwt: 1, berth: "b", outbound: true }));
}
