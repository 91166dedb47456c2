//@ edition: 2021
//! `std::pin::pin!` (in both editions): `pin!(value)` moves the value into a local rustc
//! names `pinned`, borrowed by the `Pin<&mut T>` it returns. In a `let` initialiser `pinned`
//! lives to the end of the block (saved while the `let`'s binding is); elsewhere to the end
//! of the statement. Awaiting the pin itself moves only the pointer.
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;

async fn yield_now() {}
async fn big() -> u8 {
    let b = [0u8; 100];
    yield_now().await;
    b[3]
}

async fn polled_by_hand() -> u8 {
    let mut f = pin!(big());
    let n: u8 = poll_fn(|cx| f.as_mut().poll(cx)).await;
    yield_now().await;
    n
}
async fn reborrowed() -> u8 {
    let fut = big();
    let mut f = pin!(fut);
    f.as_mut().await
}
async fn moved_pin() -> u8 {
    let s = String::new();
    let f = std::pin::pin!(async move { s.len() as u8 });
    f.await
}
async fn in_a_statement() -> u8 {
    let n = pin!(big()).await;
    yield_now().await;
    n
}
pub fn main() {
    let _ = (polled_by_hand(), reborrowed(), moved_pin(), in_a_statement());
}
