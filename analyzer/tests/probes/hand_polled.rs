//@ edition: 2021
//! Futures joined by hand (in both editions): `f.as_mut().poll(cx)` on a pinned future of the
//! file is `Future::poll`, giving `Poll<Output>`; `Poll::Ready(v)` binds the output; a
//! variable declared `None` and assigned `Some(v)` inside the `poll_fn` closure is typed by
//! that assignment.
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;
async fn yield_now() {}
async fn big() -> u8 { let b = [0u8; 100]; yield_now().await; b[3] }
async fn by_hand() -> u8 {
    let mut f = pin!(big());
    let n = poll_fn(|cx| f.as_mut().poll(cx)).await;
    yield_now().await;
    n
}
async fn join2() -> (u8, u8) {
    let mut a = pin!(big());
    let mut b = pin!(big());
    let (mut ra, mut rb) = (None, None);
    poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) { ra = Some(v); }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) { rb = Some(v); }
        }
        if ra.is_some() && rb.is_some() { Poll::Ready(()) } else { Poll::Pending }
    }).await;
    yield_now().await;
    (ra.unwrap(), rb.unwrap())
}
pub fn main() { let _ = (by_hand(), join2()); }
