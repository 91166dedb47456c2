//@ edition: 2021
//! `Err(BatchError::Failed { unit, phase, why }) if why.contains(..)`: the guard reads the
//! fields by reference, and the arm moves them out after it. Each field of a variant nested
//! in another is its own move path: the guard's call can unwind while they are there and the
//! arm's calls after they moved, so each gets a drop flag of its own (besides the flags of
//! the value and of its outer part; in both editions).
async fn pause() -> f64 {
    1.0
}
pub enum BatchError {
    Failed { unit: String, phase: String, why: String },
    Aborted(String),
}
async fn execute(n: u32) -> Result<u32, BatchError> {
    Ok(n)
}
pub async fn guarded(n: u32) -> Result<u32, BatchError> {
    match execute(n).await {
        Err(BatchError::Failed { unit, phase, why }) if why.contains("overfill") => {
            let drained = pause().await;
            Err(BatchError::Aborted(format!("{unit}/{phase}: {why}; drained {drained}")))
        }
        other => other,
    }
}
pub fn main() {
    let _ = guarded(1);
}
