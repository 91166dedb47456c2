//@ edition: 2021
//! Two `impl Trait` arguments with the same bounds are two generic parameters: each call
//! settles both (`d<A, B>`, `d<B, A>`), in both editions.
pub trait Codec {
    fn id(&self) -> u8;
}
pub struct A;
pub struct B(pub [u64; 4]);
impl Codec for A {
    fn id(&self) -> u8 { 1 }
}
impl Codec for B {
    fn id(&self) -> u8 { 2 }
}
async fn y() {}
pub async fn by_ref(framed: &[u8], first: &impl Codec, second: &impl Codec) -> usize {
    let v = framed.to_vec();
    y().await;
    v.len() + first.id() as usize + second.id() as usize
}
pub async fn by_value(first: impl Codec, second: impl Codec) -> u8 {
    y().await;
    first.id() + second.id()
}
pub fn main() {
    let packed = vec![1u8, 2];
    drop(by_ref(&packed, &A, &B([0; 4])));
    drop(by_ref(b"NOPE", &B([0; 4]), &A));
    drop(by_value(A, B([1; 4])));
    drop(by_value(B([1; 4]), A));
}
