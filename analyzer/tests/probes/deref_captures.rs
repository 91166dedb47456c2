//@ edition: 2021
//! `*rc` through an overloaded `Deref` is `*Deref::deref(&rc)`: an async block captures the `Rc` or
//! `Arc` itself, never the value behind it (in both editions); `arc.clone()` is the `Arc`'s own
//! `Clone`, not the pointee's.
use std::sync::Arc;
use std::rc::Rc;
async fn leaf() {}
pub fn host() {
    let a = Arc::new(5u64);
    let b = a.clone();
    let c = Rc::new(String::new());
    let d = c.clone();
    let e = Arc::clone(&a);
    let w = async move { leaf().await; *b + *e + d.len() as u64 };
    let _ = w;
}
fn main() { host(); }
