//@ edition: 2024
//! A realistic request handler that combines the earlier ideas: arguments
//! stored twice, `?`, an `if let` early return, and a `for` loop with an await.
//! Look for: `handle` has one state per await (authorize, cache lookup, the
//! `db.load` inside the loop, cache store). The loop state adds `rows`, the
//! loop's `iter`, and `ids` (moved into the loop, but borrowed earlier by
//! `ids.len()`). `db` and `cache` are references, 8 bytes each, while `req` (a
//! 56-byte Request) is stored as an upvar and again as a body local.

use std::collections::HashMap;

pub struct Request {
    path: String,
    user_id: u32,
    body: Vec<u8>,
}

pub struct Response {
    pub status: u16,
    pub body: String,
}

pub struct Db {
    rows: HashMap<u32, String>,
}

pub struct Cache {
    entries: Vec<(String, String)>,
}

impl Db {
    async fn load(&self, id: u32) -> Result<String, String> {
        self.rows.get(&id).cloned().ok_or(format!("row {id} not found"))
    }
}

impl Cache {
    async fn get(&self, key: &str) -> Option<String> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    async fn put(&mut self, key: String, value: String) {
        self.entries.push((key, value));
    }
}

async fn authorize(user_id: u32) -> Result<(), String> {
    if user_id == 0 { Err(String::from("anonymous user")) } else { Ok(()) }
}

// "1, 2, 3" -> [1, 2, 3]
fn parse_ids(body: &[u8]) -> Result<Vec<u32>, String> {
    let text: &str = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    text.split(',')
        .map(|part| part.trim().parse::<u32>().map_err(|e| e.to_string()))
        .collect()
}

pub async fn handle(req: Request, db: &Db, cache: &mut Cache) -> Result<Response, String> {
    authorize(req.user_id).await?;
    if let Some(hit) = cache.get(&req.path).await {
        return Ok(Response { status: 200, body: hit });
    }

    let ids: Vec<u32> = parse_ids(&req.body)?;
    let mut rows: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        let row: String = db.load(id).await?;
        rows.push(row);
    }

    let body: String = rows.join("\n");
    cache.put(req.path.clone(), body.clone()).await;
    Ok(Response { status: 200, body })
}

pub async fn handle_or_500(req: Request, db: &Db, cache: &mut Cache) -> Response {
    match handle(req, db, cache).await {
        Ok(response) => response,
        Err(message) => Response { status: 500, body: message },
    }
}
