//@ edition: 2024
//! Async blocks and closures: every `async { }` block, `async move { }` block
//! and async closure body is its own future with its own state machine.
//! Look for: `async move` turns captured variables into upvars (`name` and the
//! 128-byte `buf` in `make_upload`); a plain `async` block captures by reference,
//! so `label` is an 8-byte `&String` upvar in `nested_block`. The async
//! closure's body is printed as `{async closure body@..}`, the `|id| async move`
//! closure's as `{async block@..}`, and each inner future sits inside its
//! parent's state while it is being awaited.

use std::future::Future;

async fn fetch(id: u32) -> String {
    format!("item {id}")
}

// An async block is just a value: nothing runs until it is awaited.
pub fn make_job() -> impl Future<Output = usize> {
    async {
        let item: String = fetch(1).await;
        item.len()
    }
}

pub fn make_upload(name: String) -> impl Future<Output = usize> {
    let buf = [0u8; 128];
    async move {
        let item: String = fetch(2).await;
        name.len() + buf.len() + item.len()
    }
}

pub async fn nested_block() -> usize {
    let label: String = String::from("outer");
    let inner = async {
        let item: String = fetch(3).await;
        item.len() + label.len()
    };
    inner.await
}

// Async closure (stable since Rust 1.85); its body may borrow from the closure.
pub async fn use_async_closure() -> usize {
    let prefix: String = String::from("item");
    let lookup = async |id: u32| {
        let item: String = fetch(id).await;
        item.len() + prefix.len()
    };
    lookup(4).await + lookup(5).await
}

// The older pattern: an ordinary closure that returns an async block.
pub async fn closure_returning_block() -> usize {
    let make = |id: u32| async move {
        let item: String = fetch(id).await;
        item.len()
    };
    make(6).await
}

// A block with no await still becomes a (tiny) future.
pub async fn ready_block() -> u32 {
    let seven = async { 7u32 };
    seven.await + std::future::ready(1u32).await
}
