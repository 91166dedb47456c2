//@ edition: 2021
//! `concat` and `join` on slices give what std's `Concat`/`Join` impls give (in both
//! editions): a `Vec<T>` for slices of slices, arrays or vectors, a `String` for slices of
//! strings.
async fn y() {}
async fn f(a: Vec<u8>, words: Vec<String>, strs: [&str; 2]) -> usize {
    let doubled = [a.as_slice(), a.as_slice()].concat();
    let nested = [vec![1u64], vec![2u64]].concat();
    let line = words.join(", ");
    let glued = strs.concat();
    let arrays = [[1u16; 3], [2; 3]].join(&0);
    y().await;
    doubled.len() + nested.len() + line.len() + glued.len() + arrays.len()
}
pub fn main() { let _ = f(vec![], vec![], ["a", "b"]); }
