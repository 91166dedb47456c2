//@ edition: 2024
//! Recursion made finite by boxing: 19_recursion.rs with `Box::pin(..)` on one
//! await of each cycle (lines 26 and 35), every other line unchanged.
//! Look for: `walk`'s recursive awaitee is an 8-byte `Pin<Box<..>>`, and each
//! level of the recursion is one heap allocation of a `walk` future; boxing
//! `ping`'s await of `pong` is enough to break the `ping` → `pong` cycle, so
//! `pong` still embeds a (now small) `ping` inline. `walk_dyn` is the style
//! from before Rust 1.77: a plain fn returning `Pin<Box<dyn Future>>`, whose
//! async block awaits the 16-byte boxed trait object.
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
        total += Box::pin(walk(child)).await;
    }
    total
}

pub async fn ping(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    Box::pin(pong(n - 1)).await + 1
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

/// The older style, before Rust 1.77: a plain fn returns a boxed trait object.
pub fn walk_dyn(node: &Node) -> Pin<Box<dyn Future<Output = u64> + '_>> {
    Box::pin(async move {
        let mut total = visit(node.value).await;
        for child in &node.children {
            total += walk_dyn(child).await;
        }
        total
    })
}
