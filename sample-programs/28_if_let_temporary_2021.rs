//@ edition: 2021
//! A temporary of an `if let` scrutinee, in edition 2021: it lives until the
//! end of the whole `if let`, `else` block included. Here the scrutinee makes
//! a `String` (`label()`) and borrows it (`.len()`), so in 2021 that `String`
//! is still alive, and kept, while either block awaits. Edition 2024 drops it
//! before the `else` block (run `futurelens analyze --edition 2024` on this
//! file to compare); a `match` keeps it in both editions.
//! Look for: the unnamed `String` in Suspend1 (the `else` await), and the
//! `statement_temporary` hint of `explain`.

async fn tick() {}

fn label() -> String {
    String::from("ready")
}

pub async fn check() -> usize {
    if let Some(last) = label().len().checked_sub(1) {
        tick().await;
        last
    } else {
        tick().await;
        0
    }
}
