//@ edition: 2021
//! A generic parameter settled only through an associated type the bounds equate it with
//! (`I: IntoIterator<Item = T>`, `Fut: Future<Output = R>`): rustc lays out the instance the
//! call's argument types make, with every parameter bound, and the futures it awaits.
use std::future::Future;
async fn leaf() {}
pub struct Tally<T> {
    seen: usize,
    last: Option<T>,
}
impl<T: Copy> Tally<T> {
    pub async fn note(&mut self, item: T) {
        self.last = Some(item);
        leaf().await;
        self.seen += 1;
    }
}
pub async fn feed<T, I>(items: I) -> usize
where
    T: Copy,
    I: IntoIterator<Item = T>,
{
    let mut tally: Tally<T> = Tally { seen: 0, last: None };
    for it in items {
        tally.note(it).await;
    }
    tally.seen
}
pub async fn keep_len<R, Fut: Future<Output = R>>(fut: Fut, keep: &[R]) -> usize {
    leaf().await;
    let _ = fut;
    keep.len()
}
async fn number() -> u64 {
    7
}
pub async fn drive() -> usize {
    let kept = [1u64, 2];
    keep_len(number(), &kept).await + feed(vec![1u64, 2]).await + feed(0..4u8).await
}
fn main() {
    let _ = drive;
}
