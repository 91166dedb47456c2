//@ edition: 2021
//! Drop flags of an async block's by-value captures (in both editions): the body moves out of
//! the upvar (`fut.await` on a captured future, `consume(d)`, `let x = d`), and rustc gives
//! the upvar a flag, saved like an argument's, when a call ran while it was there. Moved
//! before any call (`take(d)` first, `for x in v`), it gets none.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

async fn yield_now() {}
struct D(Vec<u8>);
async fn consume(_d: D) {}
fn take(_d: D) {}

struct Leaf(String);
impl Future for Leaf {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}

struct Job {
    payload: Vec<u8>,
    id: u32,
}

pub fn main() {
    let d = D(vec![]);
    let awaited_arg = async move {
        yield_now().await;
        consume(d).await;
        yield_now().await;
    };
    let d = D(vec![]);
    let moved_between = async move {
        yield_now().await;
        take(d);
        yield_now().await;
    };
    let d = D(vec![]);
    let moved_first = async move {
        take(d);
        yield_now().await;
    };
    let d = D(vec![]);
    let rebound = async move {
        yield_now().await;
        let x = d;
        yield_now().await;
        drop(x);
    };
    let v = vec![1u8];
    let looped = async move {
        for _x in v {
            yield_now().await;
        }
    };
    let fut = Leaf(String::new());
    let captured_future = async move {
        let _n = String::from("n");
        fut.await;
        yield_now().await;
    };
    let job = Job { payload: vec![1], id: 7 };
    let field = async move {
        yield_now().await;
        consume(D(job.payload)).await;
        job.id
    };
    let d = D(vec![]);
    let not_move = async {
        yield_now().await;
        consume(d).await;
    };
    std::mem::drop((awaited_arg, moved_between, moved_first, rebound, looped, captured_future, field, not_move));
}
