//@ edition: 2021
//! A temporary in a block's tail expression, in edition 2021: it lives until the
//! end of the statement that holds the block, not the end of the block. Here
//! `{ cache.lock().unwrap().len() }` makes a `MutexGuard` in a block's tail, so
//! in 2021 the guard is still alive while the same statement awaits `fetch()`:
//! the future keeps it (16 bytes) and is not `Send`. Edition 2024 (RFC 3606)
//! drops it at the end of the block (`futurelens compare
//! sample-programs/31_tail_temporary_2021.rs::total --edition 2021 --edition 2024`).
//! Binding the length first, as `total_bound` does, ends the guard in both.
//! Look for: the unnamed `MutexGuard` in `total`'s Suspend0, and none in
//! `total_bound`'s.

use std::sync::Mutex;

async fn fetch() -> usize {
    7
}

pub async fn total(cache: &Mutex<Vec<u8>>) -> usize {
    let n = { cache.lock().unwrap().len() } + fetch().await;
    n
}

pub async fn total_bound(cache: &Mutex<Vec<u8>>) -> usize {
    let cached = cache.lock().unwrap().len();
    cached + fetch().await
}
