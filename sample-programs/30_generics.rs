//@ edition: 2024
//! Generic async fns: rustc builds one state machine per type a generic fn
//! is called with, laid out for that type, but decides what each state keeps
//! once, on the generic body (where `T` may need drop). The generic body
//! itself has no size. Look for: `keep<u8>` (5 bytes) and `keep<[u64; 16]>`
//! (392 bytes) with the same fields, `value` and `copy` 1 byte each in one
//! and 128 bytes each in the other (`value` stays: in the generic body it
//! still needs dropping); the generic method `Inbox::push`, instantiated
//! with `u16`, keeps `self` and its 2-byte `item`.

async fn tick() {}

pub async fn keep<T: Clone>(value: T) -> T {
    let copy = value.clone();
    tick().await;
    copy
}

pub async fn small() -> u8 {
    keep(7u8).await
}

pub async fn large() -> [u64; 16] {
    keep([1u64; 16]).await
}

pub struct Inbox {
    count: usize,
}

impl Inbox {
    pub async fn push<T: Copy>(&mut self, item: T) -> T {
        tick().await;
        self.count += 1;
        item
    }
}

pub async fn receive(inbox: &mut Inbox) -> u16 {
    inbox.push(5u16).await
}
