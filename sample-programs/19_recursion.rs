//@ edition: 2024
//! Does not compile: unboxed recursion, rustc's error E0733, kept on purpose.
//! A future embeds the future it awaits, so an async fn that awaits itself,
//! directly (`walk`) or through another (`ping` → `pong` → `ping`), would
//! contain itself: it would be infinitely large. `caller` awaits `walk`, so it
//! is infinite too. futurelens still shows every state, names the cycle and
//! reports the size as infinite. The fix, allowed since Rust 1.77, is
//! `Box::pin(..)` on one await of each cycle: 20_recursion_boxed.rs is this
//! file with exactly that edit, line for line (try `futurelens compare`).
#![allow(unused_variables, unused_imports)]

use std::future::Future;
use std::pin::Pin;

pub struct Node {
    pub value: u64,
    pub children: Vec<Node>,
}

async fn visit(value: u64) -> u64 {
    value
}

pub async fn walk(node: &Node) -> u64 {
    let mut total = visit(node.value).await;
    for child in &node.children {
        total += walk(child).await;
    }
    total
}

pub async fn ping(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    pong(n - 1).await + 1
}

pub async fn pong(n: u32) -> u32 {
    let label = [n as u8; 32];
    if n == 0 {
        return 0;
    }
    ping(n - 1).await + label[0] as u32
}

pub async fn caller(root: Node) -> u64 {
    walk(&root).await
}
