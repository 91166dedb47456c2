//@ edition: 2024
//! Dropping before an await: a value with a destructor (String, Vec, Box) is
//! kept in every suspend state until the end of its scope, because its drop
//! at the closing `}` counts as a use, even if nothing else touches it.
//! Look for: `label` is kept in Suspend0 of `kept_to_end` but not in
//! `dropped_early` (explicit `drop(label)`); `buf` is gone in `inner_scope`.
//! `let _ = make_label()` drops the String at once, so nothing is kept;
//! `let _label = make_label()` is a real binding, kept until the end.
#![allow(unused_variables)]

async fn flush() {}

fn make_label() -> String {
    String::from("request-42")
}

pub async fn kept_to_end() {
    let label: String = make_label();
    flush().await;
} // `label` is dropped here, so it must survive the await

pub async fn dropped_early() {
    let label: String = make_label();
    drop(label);
    flush().await;
}

pub async fn inner_scope() -> usize {
    let n: usize = {
        let buf: Vec<u8> = vec![0; 100];
        buf.len()
    };
    flush().await;
    n
}

// Pitfall: `drop()` ends ownership, not an earlier borrow. `buf.len()` borrowed
// `buf`, so rustc still reserves its slot (plus a drop flag) in Suspend0.
// The `{ }` scope in `inner_scope` is the reliable fix.
pub async fn borrowed_then_dropped() -> usize {
    let buf: Vec<u8> = vec![0; 100];
    let n: usize = buf.len();
    drop(buf);
    flush().await;
    n
}

pub async fn let_underscore() {
    let _ = make_label();
    flush().await;
}

pub async fn let_underscore_name() {
    let _label = make_label();
    flush().await;
}

// A Copy array has no destructor: after its last use it is not kept.
pub async fn copy_array() -> u8 {
    let block = [9u8; 256];
    let first: u8 = block[0];
    flush().await;
    first
}
