//@ edition: 2024
//! The large-awaitee chain with its one big await boxed: 21_large_awaitee.rs
//! with `Box::pin(..)` around `parse(..)` on line 26, every other line
//! unchanged. Look for: `handle` keeps an 8-byte `Pin<Box<..>>` where it kept
//! the 16 KiB `parse` future, so `handle` is 40 bytes and `serve`, which
//! embeds `handle`, 104; `parse` itself is as big as before, and now lives on
//! the heap, one allocation per call of `handle`. Boxing pays off where one
//! await is much bigger than the rest of its future, and the await is not in
//! a hot loop.
//! `futurelens compare` on the two files shows the change state by state.
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
    let total = Box::pin(parse(id as usize)).await;
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
