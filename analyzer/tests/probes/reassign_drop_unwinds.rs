//@ edition: 2021
//! Reassigning a local drops its old value once the new one is built (`last = Some(e)` moves
//! `e` first). That drop can unwind, and it unwinds into the whole cleanup of the point it
//! runs at, whichever local was declared first: `e`, moved by then, needs a drop flag, kept
//! across the await before (in both editions).
async fn halt() {}
fn make(i: u32) -> String {
    i.to_string()
}
pub async fn keep_last(n: u32) -> Option<String> {
    let mut last: Option<String> = None;
    for i in 0..n {
        let e = make(i);
        halt().await;
        last = Some(e);
    }
    last
}
/// A `Copy` value reassigned drops nothing.
pub async fn keep_count(n: u32) -> u32 {
    let mut last = 0;
    for i in 0..n {
        let e = make(i);
        halt().await;
        last = e.len() as u32;
        drop(e);
    }
    last
}
pub fn main() {
    let _ = keep_last(2);
    let _ = keep_count(2);
}
