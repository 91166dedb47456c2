//@ edition: 2021
//! A `matches!` guard reads what it names (`matches!(s, Some((_, c)) if *c == code)` reads
//! `code`), here from inside a closure, so a use after an await keeps it, in both editions.
async fn y() {}
pub async fn pickup(slots: &[Option<(String, u32)>], code: u32) -> Option<usize> {
    y().await;
    slots.iter().position(|s| matches!(s, Some((_, c)) if *c == code))
}
pub async fn direct(slot: Option<u32>, limit: u32) -> bool {
    y().await;
    matches!(slot, Some(n) if n > limit)
}
pub fn main() {
    let _ = pickup(&[], 1);
    let _ = direct(None, 1);
}
