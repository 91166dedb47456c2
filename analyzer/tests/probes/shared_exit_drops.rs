//@ edition: 2021
//! The `return`s (and `?`s) of a body share one drop per local, as the `break`s to one loop
//! do: a local moved out on one `return` and still there on another gets a drop flag, kept
//! across the awaits before that other exit (`return Err(origin)` early, `drain().await?`
//! later). A single moving `return` with only the fall-through after it needs none, in both
//! editions.
use std::collections::HashSet;
async fn y() {}
async fn drain() -> Result<Vec<u8>, String> {
    Ok(Vec::new())
}
pub async fn ingest(seen: &mut HashSet<String>, o: &str) -> Result<usize, String> {
    let origin = o.to_string();
    if !seen.insert(origin.clone()) {
        return Err(origin);
    }
    let s = drain().await?;
    Ok(s.len())
}
pub async fn fall_through(n: usize, o: &str) -> Result<usize, String> {
    let origin = o.to_string();
    if n > 3 {
        return Err(origin);
    }
    y().await;
    Ok(n)
}
pub async fn two_returns(n: usize, o: &str) -> Result<usize, String> {
    let origin = o.to_string();
    if n > 3 {
        return Err(origin);
    }
    y().await;
    if n > 1 {
        return Ok(1);
    }
    Ok(n)
}
pub async fn inner_scope(n: usize, o: &str) -> Result<usize, String> {
    {
        let origin = o.to_string();
        if n > 3 {
            return Err(origin);
        }
        y().await;
    }
    y().await;
    if n > 1 {
        return Ok(1);
    }
    Ok(n)
}
pub async fn breaks(items: Vec<String>) -> usize {
    let mut n = 0;
    for item in items {
        let label = item.clone();
        if item.is_empty() {
            drop(label);
            break;
        }
        y().await;
        if item.len() > 3 {
            break;
        }
        n += label.len();
    }
    n
}
pub fn main() {
    let mut h = HashSet::new();
    drop(ingest(&mut h, ""));
    drop(fall_through(1, ""));
    drop(two_returns(1, ""));
    drop(inner_scope(1, ""));
    drop(breaks(Vec::new()));
}
