//@ edition: 2021
//! Trait impls for primitive types and tuples (in both editions): in `put::<u64>`, `value.encode()`
//! calls `<u64 as Encode>::encode(&self)`, a borrow, so `value` is still there, and saved, at
//! the await; the same for `(u8, u16)`.
trait Encode {
    fn encode(&self) -> String;
}
impl Encode for String {
    fn encode(&self) -> String {
        self.clone()
    }
}
impl Encode for u64 {
    fn encode(&self) -> String {
        format!("u:{self}")
    }
}
impl Encode for (u8, u16) {
    fn encode(&self) -> String {
        format!("{}-{}", self.0, self.1)
    }
}
async fn tick() {}
async fn put<V: Encode>(value: V) -> usize {
    let record = value.encode();
    tick().await;
    let again = value;
    record.len() + again.encode().len()
}
pub fn main() {
    let _ = put(String::new());
    let _ = put(7u64);
    let _ = put((1u8, 2u16));
}
