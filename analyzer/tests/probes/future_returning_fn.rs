//@ edition: 2021
//! A fn that returns a future without being async (`-> impl Future<Output = (usize, ..)>`,
//! `-> Pin<Box<dyn Future<Output = u64>>>`) says what its async block produces: a number
//! literal the block returns (`let mut frames = 0; .. (frames, errors)`) takes that type
//! (in both editions).
use std::future::Future;
use std::pin::Pin;
async fn halt() {}
pub fn reader(chunks: Vec<Vec<u8>>) -> impl Future<Output = (usize, Vec<String>)> {
    async move {
        let mut frames = 0;
        let mut errors = Vec::new();
        for chunk in chunks {
            halt().await;
            if chunk.is_empty() {
                errors.push(String::from("empty"));
                return (frames, errors);
            }
            frames += 1;
        }
        (frames, errors)
    }
}
pub fn counter(limit: u64) -> Pin<Box<dyn Future<Output = u64>>> {
    Box::pin(async move {
        let mut seen = 0;
        while seen < limit {
            halt().await;
            seen += 1;
        }
        seen
    })
}
pub fn main() {
    let _ = reader(vec![vec![1]]);
    let _ = counter(3);
}
