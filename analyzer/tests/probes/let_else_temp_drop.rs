//@ edition: 2021
//! A `let`'s initialiser temporaries are dropped once the binding holds its value, and that
//! drop can unwind into the binding's cleanup, in both editions: a value bound by `let-else`
//! out of a map's `remove(..)` and moved later into an awaited call gets a drop flag, kept
//! across the awaits before.
use std::collections::HashMap;
async fn y() {}
async fn fill(rx: String, days: u32) -> Result<String, String> {
    y().await;
    if days > 30 { Ok(rx) } else { Err(rx) }
}
pub async fn serve(mut by_number: HashMap<u64, (String, bool)>, mut queue: Vec<u64>) -> usize {
    let mut filled = 0;
    while let Some(number) = queue.pop() {
        let Some((rx, urgent)) = by_number.remove(&number) else { continue };
        let days = if urgent { 40 } else { 25 };
        let outcome = fill(rx, days).await;
        match outcome {
            Ok(msg) => {
                filled += msg.len();
                y().await;
            }
            Err(e) => filled += e.len(),
        }
    }
    filled
}
pub fn main() {
    let _ = serve(HashMap::new(), Vec::new());
}
