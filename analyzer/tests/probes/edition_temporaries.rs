//@ edition: 2021
//! Temporary scopes that differ between editions (checked in both by the probe test):
//! in both editions: an `if let` scrutinee's temporaries live through `else` before 2024 and end before it in
//! 2024; a block's tail temporaries live to the end of the enclosing statement before 2024
//! and end with the block in 2024.
use std::sync::Mutex;
pub struct G(u64);
impl Drop for G {
    fn drop(&mut self) {}
}
fn g() -> G {
    G(1)
}
pub async fn leaf() {}
pub async fn leaf_u8() -> u8 {
    1
}
fn opt(_: &G) -> Option<u8> {
    Some(1)
}
fn foo(a: Option<u8>, b: u8) -> u8 {
    a.unwrap_or(b)
}
pub async fn iflet_else() {
    if let Some(_) = opt(&g()) {
    } else {
        leaf().await
    }
}
pub async fn iflet_then() {
    if let Some(_) = opt(&g()) {
        leaf().await
    }
}
pub async fn tail_block(m: &Mutex<Vec<u8>>) -> usize {
    let n = { m.lock().unwrap().len() } + leaf_u8().await as usize;
    n
}
pub async fn tail_block2() -> u8 {
    let x = foo({ opt(&g()) }, leaf_u8().await);
    x
}
pub async fn match_guard(m: &Mutex<u64>) {
    match *m.lock().unwrap() {
        0 => leaf().await,
        _ => {}
    }
}
