//@ edition: 2024
//! Arguments are stored twice: an async fn's parameters are captured into the
//! future when it is created (upvars, visible in Unresumed), and on the first
//! poll they are moved into ordinary body locals.
//! Look for: `name` in `greet` appears as an upvar AND as a saved local; `id`
//! in `lookup` is used only before the first await, so no body copy is saved.
//! The tuple pattern `(tag, body)` is captured whole as `__arg0` and then split.
//! A `_` parameter is not thrown away: it is moved in and dropped at the end.

async fn send(code: u32) {
    let _ = code;
}

async fn fetch_row(id: u32) -> String {
    format!("row {id}")
}

pub async fn greet(name: String, times: u32) -> usize {
    send(times).await;
    name.len()
}

pub async fn lookup(id: u32, verbose: bool) -> String {
    let row: String = fetch_row(id).await;
    if verbose {
        send(1).await;
    }
    row
}

pub async fn tagged((tag, body): (u8, String)) -> usize {
    let code: u32 = tag as u32;
    send(code).await;
    body.len()
}

pub async fn ignored(_: String, id: u32) {
    send(id).await;
}

// A big argument costs twice: 512 bytes as an upvar plus 512 as a local.
pub async fn checksum(block: [u8; 512]) -> u32 {
    send(0).await;
    block.iter().map(|&b| b as u32).sum()
}
