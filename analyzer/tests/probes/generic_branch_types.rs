//@ edition: 2021
//! The type of an `if`/`else` or a `match` is what all its branches say together: one arm's
//! `Err(e)` and another's `Ok(n)` make `Result<N, E>`. An async block returning such a value
//! settles the generic parameters of the fn it is passed to, and rustc lays out that instance.
use std::future::Future;
async fn leaf() {}
pub async fn attempt<T, F, Fut>(mut op: F) -> Option<T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let first = op(0).await;
    leaf().await;
    first.ok()
}
pub fn start() {
    let _ = attempt(|a| async move {
        leaf().await;
        if a < 1 { Err(String::new()) } else { Ok(a as u64 * 100) }
    });
    let _ = attempt(|a| async move {
        match a % 3 {
            0 => Err(String::from("zero")),
            1 => Err(String::from("one")),
            n => Ok([n as u8; 5]),
        }
    });
}
fn main() {
    start();
}
