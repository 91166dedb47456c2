//@ edition: 2021
//! An integer literal on the left of an operator takes the other operand's type
//! (`42_000 + hive as i64 * 1_300` is an `i64`), in both editions.
async fn y() {}
pub async fn read(hive: u16, minutes: u32) -> i64 {
    let mut grams = 42_000 + hive as i64 * 1_300;
    for m in 0..minutes {
        y().await;
        grams += m as i64;
    }
    grams
}
pub async fn wide(x: u64) -> u64 {
    let t = 7 * x;
    y().await;
    t
}
pub fn main() {
    drop(read(1, 2));
    drop(wide(3));
}
