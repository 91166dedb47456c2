//@ edition: 2024
//! Which futures are `Send`: `tokio::spawn` runs a future on any worker
//! thread, so it requires `Send`, and a future is `Send` only if everything it
//! keeps in any state is. A value that is not `Send` is harmless until it is
//! held across an await; then the whole future stops being `Send`.
//! Look for: the `Send` verdict of each future (`explain`, or `"send"` in
//! `analyze --format json`): `Rc`, `RefCell`'s `Ref`, a raw pointer, a struct
//! holding one, and a boxed `dyn Future` without `+ Send` each make a future
//! not `Send` when kept across an await; `Arc`, a scoped `Rc` and
//! `dyn Future + Send` do not; `awaits_rc` is not `Send` because the future it
//! awaits is not.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

async fn tick() {}

pub struct Handle {
    raw: *const u8,
}

pub async fn rc_across() -> u32 {
    let shared = Rc::new(5u32);
    tick().await;
    *shared
}

pub async fn rc_scoped() -> u32 {
    let n: u32 = {
        let shared = Rc::new(5u32);
        *shared
    };
    tick().await;
    n
}

pub async fn arc_across() -> u32 {
    let shared = Arc::new(Mutex::new(5u32));
    tick().await;
    let n: u32 = *shared.lock().unwrap();
    n
}

pub async fn ref_across(cell: &RefCell<u32>) -> u32 {
    let value = cell.borrow();
    tick().await;
    *value
}

pub async fn pointer_across() -> bool {
    let raw: *const u8 = std::ptr::null();
    tick().await;
    raw.is_null()
}

pub async fn handle_across() -> bool {
    let handle = Handle { raw: std::ptr::null() };
    tick().await;
    handle.raw.is_null()
}

pub async fn boxed_local() {
    let fut: Pin<Box<dyn Future<Output = ()>>> = Box::pin(tick());
    fut.await;
}

pub async fn boxed_send() {
    let fut: Pin<Box<dyn Future<Output = ()> + Send>> = Box::pin(tick());
    fut.await;
}

pub async fn awaits_rc() -> u32 {
    rc_across().await + 1
}
