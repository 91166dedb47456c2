//@ edition: 2021
//! Promotion (in both editions): a shared borrow of a constant expression (a unit struct, a
//! struct literal or a tuple-struct or variant constructor of constants, a constant) is a
//! static, not a temporary of the future; a type with a `Drop` impl is never promoted.
pub struct Unit;
pub struct Batch {
    pub size: u32,
}
pub struct Pair(pub u8, pub u16);
pub struct Loud;
impl Drop for Loud {
    fn drop(&mut self) {}
}
pub const LIMIT: Batch = Batch { size: 7 };
async fn leaf() {}
async fn take<T>(_: &T) -> usize {
    leaf().await;
    1
}
pub async fn unit() -> usize {
    take(&Unit).await + take(&Batch { size: 50 }).await
}
pub async fn ctor() -> usize {
    take(&Pair(1, 2)).await + take(&Some(3u64)).await + take(&LIMIT).await
}
pub async fn not_promoted() -> usize {
    take(&Loud).await
}
fn main() {
    let _ = unit();
    let _ = ctor();
    let _ = not_promoted();
}
