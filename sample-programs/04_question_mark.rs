//@ edition: 2024
//! `?` and early return: `?` is a hidden `match` that may `return`, but it
//! adds no state of its own; only `.await` creates a suspend state.
//! Look for: `load_port` has exactly two suspend states, one per `.await`,
//! even though each `?` is a way out. In `stops_early`, the await written
//! after `return` is unreachable: rustc removes it, so it gets no state and
//! `second` appears nowhere in the layout.
#![allow(unreachable_code)]

async fn fetch(id: u32) -> Result<String, String> {
    if id == 0 {
        Err(String::from("no such id"))
    } else {
        Ok(format!("port={}", 8000 + id))
    }
}

async fn parse_port(text: &str) -> Result<u16, String> {
    let digits: &str = text.strip_prefix("port=").ok_or("missing key")?;
    digits.parse::<u16>().map_err(|e| e.to_string())
}

async fn find_user(name: &str) -> Option<u32> {
    if name.is_empty() { None } else { Some(name.len() as u32) }
}

pub async fn load_port(id: u32) -> Result<u16, String> {
    let text: String = fetch(id).await?;
    let port: u16 = parse_port(&text).await?;
    Ok(port)
}

// A guard clause before the first await: the `return` path never suspends.
pub async fn body_length(id: u32) -> Result<usize, String> {
    if id > 1000 {
        return Err(format!("id {id} out of range"));
    }
    let body: String = fetch(id).await?;
    Ok(body.len())
}

// `?` works on Option too.
pub async fn user_port(name: &str) -> Option<u16> {
    let id: u32 = find_user(name).await?;
    let port: u16 = load_port(id).await.ok()?;
    Some(port)
}

pub async fn stops_early(id: u32) -> Result<String, String> {
    let first: String = fetch(id).await?;
    return Ok(first);
    let second: String = fetch(id + 1).await?;
    Ok(second)
}
