//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, PartialEq)]
enum Method {
    Get,
    Post,
    Delete,
}

#[derive(Debug)]
struct Request {
    method: Method,
    path: String,
    body: Vec<u8>,
}

#[derive(Debug)]
struct Response {
    status: u16,
    body: String,
}

type BoxFut<'a> = Pin<Box<dyn Future<Output = Response> + Send + 'a>>;

trait Handler: Send + Sync {
    fn call<'a>(&'a self, req: &'a Request, params: Vec<(String, String)>) -> BoxFut<'a>;
}

struct FnHandler<F>(F);

impl<F> Handler for FnHandler<F>
where
    F: for<'a> Fn(&'a Request, Vec<(String, String)>) -> BoxFut<'a> + Send + Sync,
{
    fn call<'a>(&'a self, req: &'a Request, params: Vec<(String, String)>) -> BoxFut<'a> {
        (self.0)(req, params)
    }
}

struct Router {
    routes: RwLock<BTreeMap<String, Vec<(Method, Arc<dyn Handler>)>>>,
    hits: Mutex<Vec<String>>,
}

impl Router {
    fn new() -> Self {
        Router { routes: RwLock::new(BTreeMap::new()), hits: Mutex::new(Vec::new()) }
    }

    fn add(&self, method: Method, pattern: &str, h: Arc<dyn Handler>) {
        self.routes.write().unwrap().entry(pattern.to_string()).or_default().push((method, h));
    }

    fn route_count(&self) -> usize {
        // tail-expression temporary: guard is dropped before locals in 2024
        self.routes.read().unwrap().len()
    }

    fn patterns(&self) -> impl Iterator<Item = String> + '_ {
        let keys: Vec<String> = self.routes.read().unwrap().keys().cloned().collect();
        keys.into_iter()
    }

    fn matches(pattern: &str, path: &str) -> Option<Vec<(String, String)>> {
        let ps: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
        let xs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if ps.len() != xs.len() {
            return None;
        }
        let mut params = Vec::new();
        for (p, x) in ps.iter().zip(xs.iter()) {
            if let Some(name) = p.strip_prefix(':') {
                params.push((name.to_string(), x.to_string()));
            } else if p != x {
                return None;
            }
        }
        Some(params)
    }

    async fn dispatch(&self, req: Request) -> Response {
        self.hits.lock().unwrap().push(req.path.clone());
        let found = {
            let routes = self.routes.read().unwrap();
            let mut found = None;
            for (pat, handlers) in routes.iter() {
                if let Some(params) = Self::matches(pat, &req.path)
                    && let Some((_, h)) = handlers.iter().find(|(m, _)| *m == req.method)
                {
                    found = Some((h.clone(), params));
                    break;
                }
            }
            found
        };
        let Some((handler, params)) = found else {
            return Response { status: 404, body: format!("no route for {}", req.path) };
        };
        handler.call(&req, params).await
    }
}

async fn audit(tag: &str) -> usize {
    tag.len()
}

fn get_user<'a>(req: &'a Request, params: Vec<(String, String)>) -> BoxFut<'a> {
    Box::pin(async move {
        let id = params.iter().find(|(k, _)| k == "id").map(|(_, v)| v.as_str()).unwrap_or("?");
        let n = audit("get_user").await;
        Response { status: 200, body: format!("user {} ({})", id, n) }
    })
}

fn create_user<'a>(req: &'a Request, _params: Vec<(String, String)>) -> BoxFut<'a> {
    Box::pin(async move {
        let text = String::from_utf8_lossy(&req.body).to_string();
        let _ = audit(&text).await;
        if text.trim().is_empty() {
            return Response { status: 400, body: "empty".into() };
        }
        Response { status: 201, body: text.to_uppercase() }
    })
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            break out;
        }
    }
}

fn main() {
    let router = Router::new();
    router.add(Method::Get, "/users/:id", Arc::new(FnHandler(get_user)));
    router.add(Method::Post, "/users", Arc::new(FnHandler(create_user)));
    println!("{} routes: {:?}", router.route_count(), router.patterns().collect::<Vec<_>>());

    let reqs = vec![
        Request { method: Method::Get, path: "/users/42".into(), body: vec![] },
        Request { method: Method::Post, path: "/users".into(), body: b"alice".to_vec() },
        Request { method: Method::Delete, path: "/users/1".into(), body: vec![] },
    ];
    let all = async {
        let mut out = Vec::new();
        for r in reqs {
            out.push(router.dispatch(r).await);
        }
        out
    };
    for resp in block_on(all) {
        println!("{} {}", resp.status, resp.body);
    }
    if let Some(last) = router.hits.lock().unwrap().last() {
        println!("last hit {}", last);
    }
}
