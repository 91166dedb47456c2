//@ edition: 2021
//! Drop flags of parts moved out of enum variants (in both editions): drop elaboration tracks
//! `x` of `Some(x)` on its own, and on the path of an arm it knows the other variants' parts
//! are not there. A part gets a flag only where it may be there on one path and gone on
//! another: `Ok(s)` moved after a guard that may fail into `Ok(_)` (one flag, saved at the
//! await of another arm); `Err(e)` left in place by one arm and absent in another (one flag);
//! `if let Some(x)` whose `else` knows there is no `Some` (no flag).
pub struct Session {
    pub user: String,
    pub roles: Vec<String>,
}
pub enum Failure {
    Unknown,
    Other(String),
}
async fn leaf() {}
async fn auth(ok: bool) -> Result<Session, Failure> {
    if ok { Ok(Session { user: String::new(), roles: Vec::new() }) } else { Err(Failure::Unknown) }
}
async fn evict() -> Option<String> {
    None
}
pub async fn guarded(role: &str) -> Result<String, Failure> {
    match auth(true).await {
        Ok(s) if s.roles.iter().any(|r| r == role) => Ok(s.user),
        Ok(_) => Err(Failure::Unknown),
        Err(Failure::Unknown) => {
            leaf().await;
            Err(Failure::Unknown)
        }
        Err(e) => Err(e),
    }
}
pub async fn error_kept() -> Result<Vec<String>, Failure> {
    let mut out = Vec::new();
    for _ in 0..2 {
        let s = match auth(false).await {
            Ok(s) => s,
            Err(Failure::Unknown) => auth(true).await?,
            Err(e) => return Err(e),
        };
        out.push(s.user);
    }
    Ok(out)
}
pub async fn if_let() -> usize {
    let mut n = 0;
    if let Some(evicted) = evict().await {
        leaf().await;
        n += evicted.len();
    }
    n
}
