//@ edition: 2021
//! An async closure's body keeps its arguments first, then what the closure captured (in both
//! editions), whether the closure borrows or moves its captures.
async fn leaf() {}
pub async fn drive() -> usize {
    let pool = String::from("p");
    let owned = String::from("o");
    let by_ref = async |sql: &str| -> usize { leaf().await; sql.len() + pool.len() };
    let by_move = async move |n: u64| -> usize { leaf().await; owned.len() + n as usize };
    let a = by_ref("x").await;
    let b = by_move(3).await;
    a + b
}
fn main() { let _ = drive(); }
