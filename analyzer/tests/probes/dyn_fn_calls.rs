//@ edition: 2021
//! Calling through `&Box<dyn Fn(A) -> R>` gives `R` (rustc prints `dyn Future<Output = T> + Send`
//! with its output), which settles a generic fn's parameters; a closure making that call
//! captures the callee behind the reference, and one calling a fn pointer copies it.
use std::future::Future;
use std::pin::Pin;
type Svc = Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Result<String, u8>> + Send>> + Send + Sync>;
async fn leaf() {}
pub async fn guarded<T, E, F, Fut>(f: F) -> Option<T>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let r = f().await;
    leaf().await;
    r.ok()
}
pub async fn traffic(svc: &Svc, n: u32) -> usize {
    let mut total = 0usize;
    for r in 0..n {
        total += guarded(|| svc(r)).await.map_or(0, |s| s.len());
    }
    total
}
pub fn service(fail_when: fn(u32) -> bool) -> Svc {
    Box::new(move |req: u32| {
        Box::pin(async move {
            leaf().await;
            if fail_when(req) { Err(1) } else { Ok(String::new()) }
        })
    })
}
fn main() {
    let _ = traffic(&service(|r| r > 3), 5);
}
