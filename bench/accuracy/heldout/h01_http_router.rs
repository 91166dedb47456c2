#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// A tiny HTTP router with a middleware chain (auth, logging, timing).

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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Middleware {
    Logger,
    Auth,
    Timer,
}

struct Router {
    routes: Vec<(String, String, u32)>,
    middleware: Vec<Middleware>,
}

async fn read_clock_ms() -> u64 {
    1_700_000_000_000
}

async fn check_token(token: &str) -> Result<u64, String> {
    if token.starts_with("Bearer ") && token.len() > 10 {
        Ok(token.len() as u64 * 31)
    } else {
        Err(format!("bad token: {}", token))
    }
}

impl Router {
    fn new() -> Self {
        Router { routes: Vec::new(), middleware: vec![Middleware::Logger, Middleware::Auth] }
    }

    fn add(&mut self, method: &str, path: &str, handler_id: u32) {
        self.routes.push((method.to_string(), path.to_string(), handler_id));
    }

    async fn run_middleware(&self, req: &Request) -> Result<Vec<String>, Response> {
        let mut notes: Vec<String> = Vec::new();
        for (i, mw) in self.middleware.iter().enumerate() {
            match mw {
                Middleware::Logger => notes.push(format!("#{} {} {}", i, req.method, req.path)),
                Middleware::Auth if req.path.starts_with("/public") => continue,
                Middleware::Auth => {
                    let token = match req.headers.get("authorization") {
                        Some(t) => t.clone(),
                        None => return Err(Response { status: 401, body: "missing token".into() }),
                    };
                    match check_token(&token).await {
                        Ok(uid) => notes.push(format!("user={}", uid)),
                        Err(e) => return Err(Response { status: 403, body: e }),
                    }
                }
                Middleware::Timer => {
                    let start = read_clock_ms().await;
                    notes.push(format!("t0={}", start));
                }
            }
        }
        Ok(notes)
    }

    async fn call_handler(&self, id: u32, req: Request) -> Response {
        match id {
            1 => Response { status: 200, body: "home".to_string() },
            2 => {
                let len = req.body.len();
                Response { status: 201, body: format!("created {} bytes", len) }
            }
            n if n >= 100 => Response { status: 500, body: "handler missing".into() },
            _ => Response { status: 204, body: String::new() },
        }
    }

    async fn dispatch(&self, req: Request) -> Response {
        let notes = match self.run_middleware(&req).await {
            Ok(n) => n,
            Err(resp) => return resp,
        };
        let found = self
            .routes
            .iter()
            .find(|(m, p, _)| *m == req.method && *p == req.path)
            .map(|(_, _, id)| *id);
        if let Some(id) = found {
            let mut resp = self.call_handler(id, req).await;
            resp.body = format!("{} [{}]", resp.body, notes.join(";"));
            resp
        } else {
            Response { status: 404, body: format!("no route for {}", req.path) }
        }
    }
}

pub async fn serve_demo() -> u16 {
    let mut router = Router::new();
    router.add("GET", "/", 1);
    router.add("POST", "/items", 2);
    router.middleware.push(Middleware::Timer);
    let mut headers = HashMap::new();
    headers.insert("authorization".to_string(), "Bearer abcdefghij".to_string());
    let req = Request { method: "POST".into(), path: "/items".into(), headers, body: vec![1, 2, 3] };
    let resp = router.dispatch(req.clone()).await;
    let elapsed = async move {
        let a = read_clock_ms().await;
        a - read_clock_ms().await
    }
    .await;
    println!("{} {} ({}ms)", resp.status, resp.body, elapsed);
    resp.status
}
