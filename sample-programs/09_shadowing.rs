//@ edition: 2024
//! Shadowing: `let x = ...; let x = ...;` creates a second variable, it does
//! not overwrite the first. The first one still exists until the end of scope.
//! Look for: in `shadow_copy` the first `limit` (a Copy u32) is dead once
//! shadowed, so only the new `limit` is saved. In `shadow_string` the first
//! `name` (a String) must still be dropped at the closing `}` (and the new
//! `&str` points into it), so BOTH `name`s are kept in Suspend0. In
//! `shadow_moved` the old `name` was moved into `normalize`: nothing is left
//! to drop, so only the new one is kept.

async fn tick() {}

fn normalize(name: String) -> String {
    name.trim().to_lowercase()
}

pub async fn shadow_copy() -> u32 {
    let limit: u32 = 10;
    let limit: u32 = limit * 2;
    tick().await;
    limit
}

pub async fn shadow_string() -> usize {
    let name: String = String::from("  Draft  ");
    let name: &str = name.trim();
    tick().await;
    name.len()
}

pub async fn shadow_moved() -> usize {
    let name: String = String::from("  Draft  ");
    let name: String = normalize(name);
    tick().await;
    name.len()
}

// The 64-byte `buf` is Copy and only indexed, never borrowed: only the 8-byte one is kept.
pub async fn shadow_array() -> u8 {
    let buf = [0u8; 64];
    let buf: [u8; 8] = [buf[0]; 8];
    tick().await;
    buf[7]
}
