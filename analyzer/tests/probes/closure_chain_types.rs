//@ edition: 2021
//! A closure's tuple pattern over a reference binds references (`|(n, _)| *n` over
//! `&(&str, u32)` gives a `&str`), and an adapter chained onto another keeps the closure
//! type the receiver was lowered with (`split(';').filter(|f| ..).peekable()`), in both
//! editions.
async fn y() {}
pub async fn pick(v: Vec<(&'static str, u32)>, raw: &str) -> usize {
    let chosen = v.iter().find(|(_, w)| *w > 2).map(|(n, _)| *n).unwrap_or("control");
    let mut frames = raw.split(';').filter(|f| !f.is_empty()).peekable();
    y().await;
    let mut n = chosen.len();
    while let Some(f) = frames.next() {
        y().await;
        n += f.len() + frames.peek().map_or(0, |p| p.len());
    }
    n
}
pub fn main() {
    drop(pick(Vec::new(), ""));
}
