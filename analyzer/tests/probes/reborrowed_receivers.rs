//@ edition: 2021
//! A shared reference used by value inside a closure, as a method's receiver (`line.into()`)
//! or a call's argument (`take(line)`), is reborrowed (`&*line`), so the closure captures the
//! reference itself by value and the variable is not borrowed (in both editions); a `u64`
//! used the same way is captured by reference and stays borrowed.
async fn yield_now() {}
#[derive(Debug)]
enum E {
    Parse(String),
}
fn take(_s: &str) -> usize {
    1
}
fn take_u(_s: u64) -> usize {
    1
}
async fn receiver(batch: &str) -> Result<usize, E> {
    let mut n = 0;
    for line in batch.lines() {
        let (k, v) = line.split_once('=').ok_or_else(|| E::Parse(line.into()))?;
        yield_now().await;
        n += k.len() + v.len();
    }
    Ok(n)
}
async fn argument(batch: &str) -> usize {
    let line = batch;
    let c = || take(line);
    let n = c();
    drop(c);
    yield_now().await;
    n
}
async fn copied(x: u64) -> usize {
    let y = x + 1;
    let c = || take_u(y);
    let n = c();
    drop(c);
    yield_now().await;
    n
}
pub fn main() {
    let _ = (receiver("a=b"), argument("b"), copied(1));
}
