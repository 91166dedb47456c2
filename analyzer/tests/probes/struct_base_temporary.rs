//@ edition: 2021
//! `..Default::default()`: the base is a temporary whose fields the literal writes stay in it
//! until the end of the statement; when one of them needs drop, the temporary is kept across
//! an await in that statement, in both editions.
#[derive(Default)]
pub struct Session { pub csrf: String, pub cart: Vec<u32>, pub id: u64 }
async fn put(_s: &Session) -> u8 { 1 }
pub async fn lit() -> u8 {
    put(&Session { csrf: "x".into(), ..Default::default() }).await
}
pub async fn lit_copy() -> u8 {
    put(&Session { id: 3, ..Default::default() }).await
}
pub async fn from_place(base: Session) -> u8 {
    put(&Session { csrf: "x".into(), ..base }).await
}
pub fn main() {
    drop(lit());
    drop(lit_copy());
    drop(from_place(Session::default()));
}
