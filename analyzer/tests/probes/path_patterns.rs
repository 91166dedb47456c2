//@ edition: 2021
//! Path patterns (in both editions): a lone name in a pattern that names a unit variant or a
//! constant (`None`, an imported `Off`, `LIMIT`) binds nothing and moves nothing, and testing
//! it reads the scrutinee, which keeps the scrutinee alive until the `match`.
use Mode::*;
pub enum Mode {
    On(String),
    Off,
}
const LIMIT: u32 = 7;
async fn tick() {}
async fn fetch(key: &str) -> Option<String> {
    if key.is_empty() { None } else { Some(key.to_string()) }
}
async fn arms(key: &str) -> usize {
    let found = match fetch(key).await {
        Some(v) => v,
        None => fetch("fallback").await.unwrap_or_default(),
    };
    found.len()
}
async fn mode(m: Mode, n: u32) -> usize {
    tick().await;
    let a = match m {
        Off => 0,
        On(s) => s.len(),
    };
    tick().await;
    match n {
        LIMIT => a + 1,
        _ => a,
    }
}
async fn discriminant_only(level: Option<u8>) -> u8 {
    tick().await;
    match level {
        Some(_) => 1,
        None => 0,
    }
}
pub fn main() {
    let _ = arms("k");
    let _ = mode(Off, 3);
    let _ = discriminant_only(None);
}
