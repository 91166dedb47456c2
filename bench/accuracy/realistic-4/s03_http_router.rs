#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! HTTP-style router with path parameters, boxed async handlers, shared state and internal redirects.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now() -> YieldNow {
    YieldNow(false)
}

fn block_on<T>(mut fut: Pin<Box<dyn Future<Output = T> + '_>>) -> T {
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Method {
    Get,
    Post,
    Delete,
}

#[derive(Debug, Clone)]
struct Request {
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

#[derive(Debug)]
struct Response {
    status: u16,
    body: String,
    location: Option<String>,
}

impl Response {
    fn text(status: u16, body: impl Into<String>) -> Self {
        Response { status, body: body.into(), location: None }
    }
}

type Params = HashMap<String, String>;

trait Handler: Send + Sync {
    fn call<'a>(&'a self, req: Request, params: Params) -> BoxFut<'a, Response>;
}

impl<F, Fut> Handler for F
where
    F: Fn(Request, Params) -> Fut + Send + Sync,
    Fut: Future<Output = Response> + Send + 'static,
{
    fn call<'a>(&'a self, req: Request, params: Params) -> BoxFut<'a, Response> {
        Box::pin((self)(req, params))
    }
}

struct StaticFiles {
    files: HashMap<String, String>,
}

impl Handler for StaticFiles {
    fn call<'a>(&'a self, req: Request, params: Params) -> BoxFut<'a, Response> {
        Box::pin(async move {
            yield_now().await;
            let name = params.get("file").cloned().unwrap_or_default();
            match self.files.get(&name) {
                Some(content) => Response::text(200, content.clone()),
                None => Response::text(404, format!("no such file: {}", name)),
            }
        })
    }
}

struct Route {
    method: Method,
    segments: Vec<String>,
    handler: Box<dyn Handler>,
}

#[derive(Default)]
struct Router {
    routes: Vec<Route>,
    hits: RwLock<HashMap<String, u32>>,
}

impl Router {
    fn route(mut self, method: Method, pattern: &str, handler: impl Handler + 'static) -> Self {
        let segments = pattern.split('/').filter(|s| !s.is_empty()).map(String::from).collect();
        self.routes.push(Route { method, segments, handler: Box::new(handler) });
        self
    }

    fn match_route(&self, method: Method, path: &str) -> Option<(&Route, Params)> {
        let parts: Vec<&str> = path.split('?').next()?.split('/').filter(|s| !s.is_empty()).collect();
        'routes: for route in self.routes.iter().filter(|r| r.method == method) {
            if route.segments.len() != parts.len() {
                continue;
            }
            let mut params = Params::new();
            for (seg, part) in route.segments.iter().zip(parts.iter()) {
                if let Some(name) = seg.strip_prefix(':') {
                    params.insert(name.to_string(), part.to_string());
                } else if seg != part {
                    continue 'routes;
                }
            }
            return Some((route, params));
        }
        None
    }

    fn dispatch<'a>(&'a self, req: Request, depth: u8) -> BoxFut<'a, Response> {
        Box::pin(async move {
            let Some((route, params)) = self.match_route(req.method, &req.path) else {
                return Response::text(404, format!("no route for {:?} {}", req.method, req.path));
            };
            {
                let mut hits = self.hits.write().unwrap();
                *hits.entry(route.segments.join("/")).or_insert(0) += 1;
            }
            let resp = route.handler.call(req.clone(), params).await;
            match (resp.status, resp.location.clone()) {
                (308, Some(loc)) if depth < 3 => {
                    let next = Request { path: loc, ..req };
                    self.dispatch(next, depth + 1).await
                }
                (308, _) => Response::text(508, "redirect loop"),
                _ => resp,
            }
        })
    }
}

#[derive(Clone, Debug)]
struct User {
    id: u64,
    name: String,
    email: String,
}

type Db = Arc<RwLock<HashMap<u64, User>>>;

fn parse_form(body: &str) -> HashMap<&str, &str> {
    body.split('&').filter_map(|kv| kv.split_once('=')).collect()
}

fn build_router(db: Db) -> Router {
    let db_get = db.clone();
    let db_post = db.clone();
    let db_list = db;
    let mut files = HashMap::new();
    files.insert("robots.txt".to_string(), "User-agent: *".to_string());
    Router::default()
        .route(Method::Get, "/users", move |_req: Request, _p: Params| {
            let db = db_list.clone();
            async move {
                yield_now().await;
                let mut names: Vec<String> = db.read().unwrap().values().map(|u| u.name.clone()).collect();
                names.sort();
                Response::text(200, names.join(","))
            }
        })
        .route(Method::Get, "/users/:id", move |_req: Request, p: Params| {
            let db = db_get.clone();
            async move {
                let Some(id) = p.get("id").and_then(|s| s.parse::<u64>().ok()) else {
                    return Response::text(400, "bad id");
                };
                yield_now().await;
                let found = db.read().unwrap().get(&id).cloned();
                match found {
                    Some(u) => Response::text(200, format!("{} <{}>", u.name, u.email)),
                    None => Response::text(404, format!("user {} not found", id)),
                }
            }
        })
        .route(Method::Post, "/users", move |req: Request, _p: Params| {
            let db = db_post.clone();
            async move {
                let form = parse_form(&req.body);
                let (Some(name), Some(email)) = (form.get("name"), form.get("email")) else {
                    return Response::text(422, "name and email required");
                };
                let user = User { id: 0, name: name.to_string(), email: email.to_string() };
                yield_now().await;
                let mut guard = db.write().unwrap();
                let id = guard.keys().max().copied().unwrap_or(0) + 1;
                guard.insert(id, User { id, ..user });
                Response::text(201, format!("created {}", id))
            }
        })
        .route(Method::Get, "/me", |_req: Request, _p: Params| async move {
            Response { status: 308, body: String::new(), location: Some("/users/1".into()) }
        })
        .route(Method::Get, "/static/:file", StaticFiles { files })
}

fn main() {
    let db: Db = Arc::new(RwLock::new(HashMap::new()));
    db.write().unwrap().insert(1, User { id: 1, name: "ada".into(), email: "ada@example.com".into() });
    let router = build_router(db.clone());
    let reqs = vec![
        (Method::Post, "/users", "name=grace&email=grace@example.com"),
        (Method::Get, "/users", ""),
        (Method::Get, "/users/2", ""),
        (Method::Get, "/users/x", ""),
        (Method::Get, "/me", ""),
        (Method::Post, "/users", "name=bob"),
        (Method::Get, "/static/robots.txt", ""),
        (Method::Delete, "/users/1", ""),
    ];
    let router_ref = &router;
    let out = block_on(Box::pin(async move {
        let mut lines = Vec::new();
        for (m, path, body) in reqs {
            let req = Request { method: m, path: path.to_string(), headers: vec![], body: body.to_string() };
            let resp = router_ref.dispatch(req, 0).await;
            lines.push(format!("{:?} {} -> {} {}", m, path, resp.status, resp.body));
        }
        lines
    }));
    out.iter().for_each(|l| println!("{}", l));
    println!("hits: {:?}", router.hits.read().unwrap().len());
}
