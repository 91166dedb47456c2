//@ edition: 2021
//! `format!` (like `println!`) expands to a block, `{ let res = format(format_args!(..)); res }`:
//! the temporaries its arguments make end with that block, so an await later in the same
//! statement keeps only the `String`, not a `usize` from `v.len()` or a reference to a constant.
async fn take(_s: &str, _n: usize) {}
pub trait Kind {
    const KIND: &'static str;
}
pub struct A;
impl Kind for A {
    const KIND: &'static str = "a";
}
const PREFIX: &str = "p";
pub async fn lengths(v: Vec<u8>) {
    take(&format!("{}-{}", v.len(), PREFIX), v.len()).await;
}
pub async fn kinds<T: Kind>(id: u32) {
    take(&format!("{}-{}", T::KIND, id), 0).await;
}
pub async fn logged(v: Vec<u8>) {
    println!("{}", v.len());
    take("", { println!("{}", v.len() + 1); 0 }).await;
}
pub fn start() {
    let _ = kinds::<A>(1);
}
fn main() {}
