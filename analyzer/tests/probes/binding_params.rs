//@ edition: 2021
//! Parameters bound by a non-simple binding pattern (in both editions): rustc names the
//! argument's upvar after the pattern's identifier, not `__argN`, and the body moves it into a
//! local of the same name before binding the pattern (`ref v: T` keeps the value and the
//! reference); other patterns (tuples, structs) become `__argN`.
async fn leaf() {}
pub async fn by_ref(ref v: Vec<u8>) -> usize {
    leaf().await;
    v.len()
}
pub async fn by_ref_mut(n: u32, ref mut v: Vec<u32>) {
    leaf().await;
    v.push(n);
}
pub async fn at_binding(whole @ (a, _): (u16, u64)) -> u64 {
    leaf().await;
    whole.1 + a as u64
}
pub async fn tuple((a, mut b): (Vec<u8>, Vec<u8>)) -> usize {
    leaf().await;
    b.push(1);
    a.len() + b.len()
}
pub fn main() {
    let _ = (by_ref(vec![]), by_ref_mut(1, vec![]), at_binding((1, 2)), tuple((vec![], vec![])));
}
