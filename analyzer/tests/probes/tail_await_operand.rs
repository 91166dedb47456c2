//@ edition: 2021
//! Before edition 2024, the calls that make a future awaited in the tail of a block
//! (`take(next, round).await`) unwind through the block's locals apart from its statements, as
//! the await's own polls do: a local moved into that call needs no drop flag. Moved by a call
//! in a statement, or by a call in the tail that is not awaited, it still gets one. In
//! edition 2024 the tail's calls share the block's cleanup, so it gets one there too (checked
//! in both editions).
async fn halt() {}
async fn take(v: Vec<u8>, r: u8) -> u8 {
    v.len() as u8 + r
}
fn consume(v: Vec<u8>) -> u8 {
    v.len() as u8
}
pub async fn sync_tail(round: u8) -> u8 {
    let mut next = Vec::new();
    halt().await;
    next.push(round);
    consume(next)
}
pub async fn awaited_tail(round: u8) -> u8 {
    let mut next = Vec::new();
    halt().await;
    next.push(round);
    take(next, round).await
}
pub async fn in_statement(round: u8) -> u8 {
    let mut next = Vec::new();
    halt().await;
    next.push(round);
    let r = take(next, round).await;
    r
}
pub fn tail_of_block(round: u8) -> impl std::future::Future<Output = u8> {
    async move {
        let mut next = Vec::new();
        for i in 0..round {
            halt().await;
            next.push(i);
        }
        take(next, round).await
    }
}
pub fn main() {
    let _ = sync_tail(0);
    let _ = awaited_tail(0);
    let _ = in_statement(0);
    let _ = tail_of_block(0);
}
