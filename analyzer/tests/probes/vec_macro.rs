//@ edition: 2021
//! `vec![a, b]` is `<[_]>::into_vec(box_new([a, b]))`: the box is allocated first and held
//! while the elements are evaluated, and every element evaluated before a later await is
//! kept. `vec![x; n]` is a call of `from_elem(x, n)`.
async fn one() -> String {
    String::new()
}
async fn num() -> u64 {
    1
}
pub async fn three() -> Vec<String> {
    vec![one().await, one().await, one().await]
}
pub async fn nums() -> Vec<u64> {
    vec![num().await, num().await]
}
pub async fn first_plain(s: String) -> Vec<String> {
    vec![s, one().await]
}
pub async fn rep() -> Vec<u64> {
    vec![num().await; 3]
}
