//@ edition: 2021
//! `expr?` is `match Try::branch(expr) { Continue(v) => v, Break(r) => return .. }`: the
//! `ControlFlow` scrutinee is a temporary to the end of the statement, so an await later in
//! the same statement keeps it (here it needs drop: the error holds a `String`); its payload
//! always moves out, so it gets no drop flag.
pub struct E(String);
async fn s(_x: u8) -> Result<String, E> {
    Ok(String::new())
}
async fn n(_x: u8) -> Result<u64, E> {
    Ok(1)
}
async fn leaf() {}
fn take(s: String, _: ()) -> usize {
    s.len()
}
pub async fn two(a: u8, b: u8) -> Result<usize, E> {
    Ok(s(a).await?.len() + s(b).await?.len())
}
pub async fn two_u(a: u8, b: u8) -> Result<u64, E> {
    Ok(n(a).await? + n(b).await?)
}
pub async fn one(a: u8) -> Result<usize, E> {
    let x = s(a).await?.len();
    leaf().await;
    Ok(x)
}
pub async fn arg(a: u8) -> Result<usize, E> {
    Ok(take(s(a).await?, leaf().await))
}
