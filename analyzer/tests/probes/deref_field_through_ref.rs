//@ edition: 2021
//! A field reached through a reference and then an overloaded `Deref` (`bridge.gauges` with
//! `bridge: &Arc<Bridge>`) borrows what the reference points to: the reference is only read,
//! so it is not kept once it is no longer used, in both editions.
use std::sync::{Arc, RwLock};
async fn y() {}
pub struct Bridge {
    pub gauges: RwLock<Vec<u32>>,
}
pub async fn survey(bridge: &Arc<Bridge>) -> usize {
    let gauges = bridge.gauges.read().unwrap().clone();
    let mut n = 0;
    for g in gauges.iter() {
        y().await;
        n += *g as usize;
    }
    n
}
pub fn main() {
    drop(survey(&Arc::new(Bridge { gauges: RwLock::new(Vec::new()) })));
}
