//@ edition: 2024
//! Straight-line async code: the smallest interesting state machine.
//! `two_awaits` has two `.await`s, so its future has five states:
//! Unresumed, Suspend0, Suspend1, Returned and Panicked.
//! Look for: `name` appears only in Suspend1 (it is created by the first await),
//! `bonus` is kept in both suspend states because it is used after the last await,
//! and `score`/`total` are never saved because they only exist after the last await.

async fn load_user(id: u32) -> String {
    format!("user-{id}")
}

async fn load_score(name: &str) -> u64 {
    name.len() as u64 * 10
}

pub async fn two_awaits(id: u32, bonus: u64) -> String {
    let name: String = load_user(id).await;
    let score: u64 = load_score(&name).await;
    let total: u64 = score + bonus;
    format!("{name}: {total}")
}
