//@ edition: 2024
//! Drop flags: when a value with a destructor may or may not have been moved
//! away by the time its scope ends, the compiler keeps a hidden `bool` that
//! says whether it still has to be dropped. A flag that is needed across an
//! await becomes a 1-byte field of the future (`..coroutine_fieldN: bool`).
//! Look for: `maybe_sent` moves `msg` on one branch only, so it gets a flag;
//! `moved_after` moves `buf` after the await (with unwinding, the cleanup path
//! still needs to know), so `buf` and a flag are kept; `reassigned` drops its
//! old String when it assigns a new one after the await; `plain` has no flag.
#![allow(unused_variables, unused_assignments)]

async fn network() {}

fn consume(s: String) -> usize {
    s.len()
}

pub async fn maybe_sent(msg: String, urgent: bool) -> usize {
    let msg = msg;
    let mut sent = 0;
    if urgent {
        sent = consume(msg);
    }
    network().await;
    sent
}

pub async fn moved_after() -> usize {
    let buf: Vec<u8> = vec![1, 2, 3];
    network().await;
    let n: usize = buf.len();
    drop(buf);
    n
}

pub async fn reassigned() -> usize {
    let mut name: String = String::from("first");
    network().await;
    name = String::from("second");
    network().await;
    name.len()
}

pub async fn plain(count: u64) -> u64 {
    network().await;
    count + 1
}
