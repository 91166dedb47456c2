//@ edition: 2021
//! A type alias's parameters reach into a `dyn` type's output (in both editions):
//! `type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>`, used as
//! `BoxFut<'a, Result<usize, String>>`, is awaited to a `Result<usize, String>`, and the same
//! through a boxed `dyn Fn` returning it.
use std::future::Future;
use std::pin::Pin;
type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;
type Exporter<'a> = Box<dyn Fn(Vec<u8>) -> BoxFut<'a, Result<usize, String>> + 'a>;
async fn y() {}
fn mk<'a>() -> BoxFut<'a, Result<usize, String>> { Box::pin(async { Ok(1) }) }
async fn f() -> usize {
    let r = mk().await;
    y().await;
    r.map_or(0, |x| x)
}
async fn g(exporters: &[Exporter<'_>]) -> usize {
    let mut n = 0;
    for exp in exporters {
        let res = exp(vec![1]).await;
        y().await;
        n += res.unwrap_or(0);
    }
    n
}
pub fn main() {
    let _ = f();
    let e: Vec<Exporter<'static>> = vec![Box::new(|v: Vec<u8>| -> BoxFut<'static, Result<usize, String>> { Box::pin(async move { Ok(v.len()) }) })];
    let _ = g(&e);
}
