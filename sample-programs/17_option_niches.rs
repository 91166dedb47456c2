//@ edition: 2024
//! `Option` often costs nothing: when a type has values it never uses (a
//! reference is never null, a `bool` is only 0 or 1, a `char` stops at
//! 0x10FFFF, an enum has spare discriminants), `None` is stored as one of
//! them. Look for: `Option<&u64>`, `Option<Box<u64>>`, `Option<bool>`,
//! `Option<char>` and `Option<Level>` are as big as what they wrap, while
//! `Option<u32>` needs a separate tag and grows from 4 to 8 bytes; the
//! future's own discriminant is a field like any other.
#![allow(unused_variables)]

#[derive(Clone, Copy)]
pub enum Level {
    Low,
    Mid,
    High,
}

async fn yield_now() {}

pub async fn niches(limit: &u64, boxed: Box<u64>, flag: bool, initial: char) -> u64 {
    let by_ref: Option<&u64> = Some(limit);
    let owned: Option<Box<u64>> = Some(boxed);
    let maybe_flag: Option<bool> = Some(flag);
    let maybe_char: Option<char> = Some(initial);
    let level: Option<Level> = Some(Level::Mid);
    yield_now().await;
    let a: u64 = by_ref.map(|v| *v).unwrap_or(0);
    let b: u64 = owned.map(|v| *v).unwrap_or(0);
    let c: bool = maybe_flag.unwrap_or(false);
    let d: char = maybe_char.unwrap_or('?');
    let e: u64 = match level {
        Some(Level::High) => 2,
        Some(_) => 1,
        None => 0,
    };
    a + b + c as u64 + d as u64 + e
}

pub async fn no_niche(count: u32) -> u32 {
    let maybe: Option<u32> = Some(count);
    yield_now().await;
    maybe.unwrap_or(0)
}

pub async fn nested(text: String) -> usize {
    let twice: Option<Option<String>> = Some(Some(text));
    yield_now().await;
    twice.flatten().map(|s| s.len()).unwrap_or(0)
}
