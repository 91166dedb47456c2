//@ edition: 2021
//! `Lease { expires_at, ..current }` moves each field of `current` that the literal does not
//! write. When that takes every field that needs drop, nothing of `current` is left to drop:
//! its drops read it only through a drop flag, when one is needed (in edition 2024 the tail's
//! calls share the block's cleanup, and the overflow check of `now + 1` runs while it is all
//! there, so it gets one and is kept across the await; checked in both editions).
struct Lease {
    holder: String,
    token: u64,
    expires_at: u64,
}
async fn get() -> Option<Lease> {
    None
}
async fn swap(l: Lease) -> Result<Lease, String> {
    Ok(l)
}
pub async fn renew(now: u64, token: u64) -> Result<Lease, String> {
    let Some(current) = get().await else { return Err("missing".into()) };
    if current.token != token {
        return Err(String::new());
    }
    let renewed = Lease { expires_at: now + 1, ..current };
    swap(renewed).await
}
pub async fn renew_unchecked(now: u64) -> Result<Lease, String> {
    let Some(current) = get().await else { return Err("missing".into()) };
    let renewed = Lease { expires_at: now + 1, ..current };
    swap(renewed).await
}
pub async fn renew_in_statement(now: u64, token: u64) -> Result<Lease, String> {
    let Some(current) = get().await else { return Err("missing".into()) };
    if current.token != token {
        return Err(String::new());
    }
    let renewed = Lease { expires_at: now + 1, ..current };
    let r = swap(renewed).await;
    r
}
/// The literal writes `holder`: `current.holder` stays and is dropped at the end.
pub async fn keeps_holder(now: u64) -> Result<Lease, String> {
    let Some(current) = get().await else { return Err("missing".into()) };
    let renewed = Lease { holder: String::from("next"), expires_at: now, ..current };
    swap(renewed).await
}
pub fn main() {
    let _ = renew(0, 0);
    let _ = renew_unchecked(0);
    let _ = renew_in_statement(0, 0);
    let _ = keeps_holder(0);
}
