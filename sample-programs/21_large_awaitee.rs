//@ edition: 2024
//! A big future inside small ones: `parse` keeps a 16 KiB buffer across its
//! await, and a future embeds every future it awaits, so `handle` and `serve`
//! are over 16 KiB too, though they keep almost nothing themselves.
//! Look for: `handle`'s biggest state is the one that awaits `parse`;
//! `futurelens top` follows that chain down to `buf`. Boxing the one await on
//! line 26 (`futurelens compare FILE::handle --box-await 26`; done by hand in
//! 22_large_awaitee_boxed.rs) leaves an 8-byte pointer in `handle`: `handle`
//! and `serve` shrink from 16 KiB to tens of bytes, and each call of `handle`
//! makes one heap allocation of `parse`'s size instead.
#![allow(unused_variables)]

async fn read_socket(buf: &mut [u8]) -> usize {
    buf.len()
}

async fn parse(limit: usize) -> u32 {
    let mut buf = [0u8; 16384];
    let n = read_socket(&mut buf).await;
    buf[..n.min(limit)].iter().map(|b| *b as u32).sum()
}

async fn log(line: &str) {}

pub async fn handle(id: u32) -> u32 {
    log("start").await;
    let total = parse(id as usize).await;
    log("done").await;
    total + id
}

pub async fn serve(ids: Vec<u32>) -> u32 {
    let mut sum = 0;
    for id in ids {
        sum += handle(id).await;
    }
    sum
}
