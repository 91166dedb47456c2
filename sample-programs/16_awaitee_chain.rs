//@ edition: 2024
//! A chain of awaits three levels deep: each future embeds the future it is
//! awaiting, so sizes add up from the bottom of the chain to the top.
//! Look for: `level3` keeps a 512-byte buffer across its await; `level2`
//! embeds `level3`'s future (its `__awaitee`) and keeps its own 64-byte array;
//! `level1` embeds `level2`'s future, and `top` embeds `level1`'s. Each level is
//! a little bigger than the one below. `top_boxed` awaits the same chain
//! through `Box::pin(..)`: its own future only holds an 8-byte pointer.
#![allow(unused_variables)]

async fn tick() {}

async fn level3(seed: u8) -> u8 {
    let buffer = [seed; 512];
    tick().await;
    buffer[511]
}

async fn level2(seed: u8) -> u16 {
    let local = [seed; 64];
    let low: u8 = level3(seed).await;
    low as u16 + local[0] as u16
}

async fn level1(seed: u8) -> u32 {
    let mid: u16 = level2(seed).await;
    mid as u32 * 2
}

pub async fn top(label: String) -> String {
    let value: u32 = level1(label.len() as u8).await;
    format!("{label}={value}")
}

pub async fn top_boxed(label: String) -> String {
    let value: u32 = Box::pin(level1(label.len() as u8)).await;
    format!("{label}={value}")
}
