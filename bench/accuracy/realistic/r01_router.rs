//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method { Get, Post, Delete }

#[derive(Debug)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Vec<u8>,
}

#[derive(Debug)]
pub struct Response { pub status: u16, pub body: String }

impl Response {
    fn text(status: u16, body: impl Into<String>) -> Self {
        Response { status, body: body.into() }
    }
}

pub type Params = Vec<(String, String)>;

pub trait Handler {
    fn handle<'a>(&'a self, req: &'a Request, params: Params) -> BoxFuture<'a, Response>;
}

enum Segment { Lit(String), Param(String) }

struct Route {
    method: Method,
    segments: Vec<Segment>,
    handler: Box<dyn Handler>,
}

#[derive(Default)]
pub struct Router {
    routes: Vec<Route>,
}

impl Router {
    pub fn route(mut self, method: Method, pattern: &str, handler: impl Handler + 'static) -> Self {
        let segments = pattern
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match s.strip_prefix(':') {
                Some(name) => Segment::Param(name.to_string()),
                None => Segment::Lit(s.to_string()),
            })
            .collect();
        self.routes.push(Route { method, segments, handler: Box::new(handler) });
        self
    }

    fn matches(route: &Route, parts: &[&str]) -> Option<Params> {
        if route.segments.len() != parts.len() {
            return None;
        }
        let mut params = Vec::new();
        for (seg, part) in route.segments.iter().zip(parts) {
            match seg {
                Segment::Lit(l) if l == part => {}
                Segment::Lit(_) => return None,
                Segment::Param(name) => params.push((name.clone(), part.to_string())),
            }
        }
        Some(params)
    }

    pub async fn dispatch(&self, req: Request) -> Response {
        let path = req.path.split('?').next().unwrap_or("");
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        for route in self.routes.iter().filter(|r| r.method == req.method) {
            if let Some(params) = Self::matches(route, &parts) {
                return route.handler.handle(&req, params).await;
            }
        }
        Response::text(404, format!("no route for {}", req.path))
    }
}

pub struct UserHandler {
    pub users: Arc<Mutex<HashMap<u64, String>>>,
}

impl Handler for UserHandler {
    fn handle<'a>(&'a self, req: &'a Request, params: Params) -> BoxFuture<'a, Response> {
        Box::pin(async move {
            let id = match params.iter().find(|(k, _)| k == "id").map(|(_, v)| v.parse::<u64>()) {
                Some(Ok(id)) => id,
                _ => return Response::text(400, "bad id"),
            };
            match req.method {
                Method::Get => {
                    let name = self.users.lock().unwrap().get(&id).cloned();
                    name.map_or_else(|| Response::text(404, "no such user"), |n| Response::text(200, n))
                }
                Method::Post => {
                    let body = String::from_utf8_lossy(&req.body).trim().to_string();
                    audit("create", id).await;
                    self.users.lock().unwrap().insert(id, body);
                    Response::text(201, "created")
                }
                Method::Delete => {
                    let removed = self.users.lock().unwrap().remove(&id);
                    audit("delete", id).await;
                    Response::text(if removed.is_some() { 204 } else { 404 }, "")
                }
            }
        })
    }
}

pub struct Health;

impl Handler for Health {
    fn handle<'a>(&'a self, _req: &'a Request, _params: Params) -> BoxFuture<'a, Response> {
        Box::pin(async { Response::text(200, "ok") })
    }
}

async fn audit(action: &str, id: u64) {
    println!("audit: {} {}", action, id);
}

pub async fn serve_one(router: &Router, raw: &str) -> Response {
    let mut lines = raw.lines();
    let first = lines.next().unwrap_or_default();
    let mut it = first.split_whitespace();
    let method = match it.next() {
        Some("GET") => Method::Get,
        Some("POST") => Method::Post,
        Some("DELETE") => Method::Delete,
        _ => return Response::text(405, "method not allowed"),
    };
    let path = it.next().unwrap_or("/").to_string();
    let body = lines.skip_while(|l| !l.is_empty()).skip(1).collect::<Vec<_>>().join("\n");
    router.dispatch(Request { method, path, body: body.into_bytes() }).await
}

pub async fn app() -> Vec<u16> {
    let users = Arc::new(Mutex::new(HashMap::new()));
    let router = Router::default()
        .route(Method::Get, "/health", Health)
        .route(Method::Get, "/users/:id", UserHandler { users: users.clone() })
        .route(Method::Post, "/users/:id", UserHandler { users: users.clone() });
    let mut statuses = Vec::new();
    for raw in ["GET /health", "POST /users/7\n\nalice", "GET /users/7", "GET /nope"] {
        statuses.push(serve_one(&router, raw).await.status);
    }
    statuses
}
