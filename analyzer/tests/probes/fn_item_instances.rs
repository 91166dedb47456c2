//@ edition: 2021
//! A fn item passed for a generic parameter names the instance (`run<{fn longest}>`, which
//! rustc spells with the fn's signature), in both editions.
async fn y() {}
fn longest(v: &[String]) -> usize {
    v.iter().map(String::len).max().unwrap_or(0)
}
pub async fn run(v: Vec<String>, pick: impl Fn(&[String]) -> usize) -> usize {
    y().await;
    pick(&v)
}
pub async fn run_with<F: Fn(u8) -> u8>(f: F) -> u8 {
    y().await;
    f(1)
}
fn double(x: u8) -> u8 {
    x * 2
}
pub fn main() {
    drop(run(vec![String::new()], longest));
    drop(run(Vec::new(), |v| v.len()));
    drop(run_with(double));
}
