#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

#[derive(Debug)]
struct Response {
    status: u16,
    body: String,
}

#[derive(Debug)]
enum HandlerError {
    NotFound,
    Unauthorized,
    BadRequest(String),
}

async fn lookup_user(token: &str) -> Option<u64> {
    if token.starts_with("tok_") {
        Some(token.len() as u64)
    } else {
        None
    }
}

async fn load_profile(user_id: u64) -> Result<String, HandlerError> {
    if user_id == 0 {
        return Err(HandlerError::NotFound);
    }
    Ok(format!("user-{}", user_id))
}

async fn authenticate(req: &Request) -> Result<u64, HandlerError> {
    let token = req
        .headers
        .get("authorization")
        .ok_or(HandlerError::Unauthorized)?;
    let user_id: u64 = lookup_user(token).await.ok_or(HandlerError::Unauthorized)?;
    Ok(user_id)
}

async fn handle_profile(req: Request) -> Result<Response, HandlerError> {
    let user_id = authenticate(&req).await?;
    let profile = load_profile(user_id).await?;
    let body = format!("{{\"name\":\"{}\"}}", profile);
    Ok(Response { status: 200, body })
}

async fn handle_echo(req: Request) -> Result<Response, HandlerError> {
    if req.body.is_empty() {
        return Err(HandlerError::BadRequest("empty body".to_string()));
    }
    let text = String::from_utf8(req.body.clone())
        .map_err(|e| HandlerError::BadRequest(e.to_string()))?;
    let user = authenticate(&req).await.ok();
    let prefix = match user {
        Some(id) if id > 10 => "vip",
        Some(_) => "user",
        None => "anon",
    };
    Ok(Response {
        status: 200,
        body: format!("{}: {}", prefix, text),
    })
}

async fn route(req: Request) -> Response {
    let method = req.method.clone();
    let path = req.path.clone();
    let result = match (method.as_str(), path.as_str()) {
        ("GET", "/profile") => handle_profile(req).await,
        ("POST", "/echo") => handle_echo(req).await,
        _ => Err(HandlerError::NotFound),
    };
    match result {
        Ok(resp) => resp,
        Err(HandlerError::NotFound) => Response { status: 404, body: String::new() },
        Err(HandlerError::Unauthorized) => Response { status: 401, body: "denied".into() },
        Err(HandlerError::BadRequest(msg)) => Response { status: 400, body: msg },
    }
}

async fn serve_batch(requests: Vec<Request>) -> Vec<u16> {
    let mut statuses = Vec::new();
    for req in requests {
        let resp = route(req).await;
        println!("-> {} ({} bytes)", resp.status, resp.body.len());
        statuses.push(resp.status);
    }
    statuses
}
