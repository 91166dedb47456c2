//@ edition: 2024
//! An argument stored twice, and the rewrite that stores it once. An async
//! fn's arguments are captured into the future (upvars, in every state), and
//! the body starts with `let name = name;`: when that copy is still needed
//! after an await, the suspended state keeps it too (rust-lang/rust#62958).
//! Written as a plain fn that returns an `async move` block, the block uses
//! the captured variable in place, with no second copy.
//! Look for: `report` in both the upvars and Suspend0 of `summary`, but only
//! among the upvars of `summary_once`'s async block, which is 1 KiB smaller.

use std::future::Future;

async fn publish(len: usize) -> usize {
    len
}

pub async fn summary(report: [u8; 1024]) -> usize {
    let sent = publish(report.len()).await;
    sent + report[0] as usize
}

pub fn summary_once(report: [u8; 1024]) -> impl Future<Output = usize> {
    async move {
        let sent = publish(report.len()).await;
        sent + report[0] as usize
    }
}
