//@ edition: 2021
//! `format!` takes its explicit arguments first, then the variables its string names inline,
//! each once (in both editions): a closure or async block captures them in that order.
async fn leaf() {}
pub async fn drive() -> usize {
    let prefix = "svc";
    let count = 3u64;
    let started = String::from("t");
    let fut = async {
        leaf().await;
        format!("{prefix}.{count} {} {prefix}", started.len()).len()
    };
    fut.await
}
fn main() {
    let _ = drive();
}
