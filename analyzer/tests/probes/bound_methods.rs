//@ edition: 2021
//! A method of a type parameter comes from the traits it is bound by, with the trait's
//! arguments from the bound (in both editions): `value.into()` on `impl Into<Vec<u8>>` is a
//! `Vec<u8>`, in the generic body and in each instance (`put::<&str>`, `put::<String>`).
async fn yield_now() {}
async fn put(key: &str, value: impl Into<Vec<u8>>) -> usize {
    if key.len() > 64 {
        return 0;
    }
    let value = value.into();
    let mut record = Vec::with_capacity(key.len() + value.len());
    record.extend_from_slice(&value);
    yield_now().await;
    record.len() + value.len()
}
async fn both() -> usize {
    put("a", "b").await + put("c", String::from("d")).await
}
pub fn main() {
    let _ = both();
}
