//@ edition: 2021
//! Drop flags of arguments moved by an await (in both editions): the body is the tail of the
//! block that holds the arguments' copies, yet an await's calls unwind into the same cleanup as
//! the calls before it. A call made while the argument is there (`now()`), then an await that
//! moves it (`fut.await`, as a statement or as the tail, in a nested block or not), give the
//! argument a flag; with no call before the move there is none.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

fn now() -> u64 {
    3
}
async fn tick() {}

struct Leaf(String);
impl Future for Leaf {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}

async fn statement<F: Future>(fut: F) -> u64 {
    let start = now();
    fut.await;
    start
}
async fn no_call_before<F: Future>(fut: F) -> u64 {
    fut.await;
    5
}
async fn rebound<F: Future>(fut: F) -> u64 {
    let start = now();
    let x = fut;
    x.await;
    start
}
async fn concrete(fut: Leaf) -> u64 {
    let start = now();
    fut.await;
    start
}
async fn tail(fut: Leaf) {
    let _s = now();
    fut.await
}
async fn nested_tail(fut: Leaf) -> u8 {
    let _s = now();
    {
        let _t = now();
        fut.await
    };
    1
}
pub fn main() {
    let _ = statement(tick());
    let _ = no_call_before(tick());
    let _ = rebound(tick());
    let _ = concrete(Leaf(String::new()));
    let _ = tail(Leaf(String::new()));
    let _ = nested_tail(Leaf(String::new()));
}
