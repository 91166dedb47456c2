//@ edition: 2021
//! An instance whose argument is a std type the analysis names by its module
//! (`Take<vec::IntoIter<u32>>`, rustc's `std::iter::Take<std::vec::IntoIter<u32>>`) is paired
//! with rustc's, in both editions.
async fn y() {}
pub async fn replay(txns: impl IntoIterator<Item = u32>) -> u32 {
    let mut total = 0;
    for t in txns {
        y().await;
        total += t;
    }
    total
}
pub fn main() {
    let v = vec![1u32, 2, 3];
    drop(replay(v.clone()));
    drop(replay(v.into_iter().take(2)));
}
