//@ edition: 2021
//! Drop flags read at awaits in the body's tail (in both editions): an async fn's body is the
//! tail of the block that holds its arguments' copies. An await there reads the flag of an
//! argument that is still in place (it is saved, in the window before the argument is moved),
//! and not the flag of one already moved out. Also: a parameter bound by `FnOnce` is moved
//! into its call, so its flag is saved before that call too.
async fn tick() {}
async fn moved_later(work: String) -> usize {
    tick().await;
    let w = work;
    tick().await;
    w.len()
}
async fn moved_before(work: String) -> usize {
    let n = work.len();
    drop(work);
    tick().await;
    n
}
async fn call_once<F: FnOnce() -> u8>(work: F) -> u8 {
    tick().await;
    work()
}
async fn call_once_then_await<F, Fut>(work: F) -> u8
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = u8>,
{
    let _ = tick().await;
    work().await
}
pub fn main() {
    let _ = moved_later(String::new());
    let _ = moved_before(String::new());
    let s = String::new();
    let _ = call_once(move || s.len() as u8);
    let s = String::new();
    let _ = call_once_then_await(move || async move { s.len() as u8 });
}
