//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Auth middleware chain for an HTTP service: bearer tokens, API keys, role checks.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { return Poll::Ready(()); }
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
    pub fn yield_now() -> Yield { Yield(false) }
}

#[derive(Debug, Clone, Default)]
struct Request { method: String, path: String, headers: HashMap<String, String>, principal: Option<Principal> }

#[derive(Debug, Clone, PartialEq)]
struct Principal { subject: String, roles: Vec<String> }

#[derive(Debug)]
struct Response { status: u16, body: String }

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

trait Middleware: Send + Sync {
    fn handle<'a>(&'a self, req: &'a mut Request) -> BoxFut<'a, Result<(), Response>>;
}

struct TokenIntrospector { tokens: RwLock<HashMap<String, Principal>>, lookups: Mutex<u64> }

impl TokenIntrospector {
    async fn introspect(&self, token: &str) -> Option<Principal> {
        *self.lookups.lock().unwrap() += 1;
        rt::yield_now().await;
        self.tokens.read().unwrap().get(token).cloned()
    }
}

struct BearerAuth { introspector: Arc<TokenIntrospector> }

impl Middleware for BearerAuth {
    fn handle<'a>(&'a self, req: &'a mut Request) -> BoxFut<'a, Result<(), Response>> {
        Box::pin(async move {
            if req.principal.is_some() { return Ok(()); }
            if let Some(h) = req.headers.get("authorization")
                && let Some(token) = h.strip_prefix("Bearer ")
                && !token.is_empty()
            {
                let token = token.to_string();
                match self.introspector.introspect(&token).await {
                    Some(p) => { req.principal = Some(p); Ok(()) }
                    None => Err(Response { status: 401, body: "invalid token".into() }),
                }
            } else {
                Ok(())
            }
        })
    }
}

struct ApiKeyAuth { keys: HashMap<String, String> }

impl Middleware for ApiKeyAuth {
    fn handle<'a>(&'a self, req: &'a mut Request) -> BoxFut<'a, Result<(), Response>> {
        Box::pin(async move {
            rt::yield_now().await;
            if req.principal.is_none() && let Some(key) = req.headers.get("x-api-key") {
                let Some(svc) = self.keys.get(key) else {
                    return Err(Response { status: 401, body: "unknown api key".into() });
                };
                req.principal = Some(Principal { subject: svc.clone(), roles: vec!["service".into()] });
            }
            Ok(())
        })
    }
}

struct RequireRole { prefix: &'static str, role: &'static str }

impl Middleware for RequireRole {
    fn handle<'a>(&'a self, req: &'a mut Request) -> BoxFut<'a, Result<(), Response>> {
        let prefix = self.prefix;
        let role = self.role;
        Box::pin(async move {
            if !req.path.starts_with(prefix) { return Ok(()); }
            match &req.principal {
                None => Err(Response { status: 401, body: "authentication required".into() }),
                Some(p) if p.roles.iter().any(|r| r == role || r == "admin") => Ok(()),
                Some(p) => Err(Response { status: 403, body: format!("{} lacks {}", p.subject, role) }),
            }
        })
    }
}

struct Pipeline { layers: Vec<Box<dyn Middleware>>, audit: Mutex<Vec<String>> }

impl Pipeline {
    async fn serve(&self, mut req: Request) -> Response {
        for layer in &self.layers {
            if let Err(resp) = layer.handle(&mut req).await {
                self.audit.lock().unwrap().push(format!("{} {} -> {}", req.method, req.path, resp.status));
                return resp;
            }
        }
        let who = req.principal.as_ref().map(|p| p.subject.as_str()).unwrap_or("anonymous");
        let body = format!("hello {who}, you reached {}", req.path);
        rt::yield_now().await;
        Response { status: 200, body }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(r) = fut.as_mut().poll(&mut cx) { return r; }
    }
}

fn main() {
    let introspector = Arc::new(TokenIntrospector {
        tokens: RwLock::new(HashMap::from([
            ("tok-admin".to_string(), Principal { subject: "root".into(), roles: vec!["admin".into()] }),
            ("tok-user".to_string(), Principal { subject: "ana".into(), roles: vec!["reader".into()] }),
        ])),
        lookups: Mutex::new(0),
    });
    let pipeline = Pipeline {
        layers: vec![
            Box::new(BearerAuth { introspector: Arc::clone(&introspector) }),
            Box::new(ApiKeyAuth { keys: HashMap::from([("k-123".to_string(), "billing-svc".to_string())]) }),
            Box::new(RequireRole { prefix: "/admin", role: "admin" }),
            Box::new(RequireRole { prefix: "/reports", role: "reader" }),
        ],
        audit: Mutex::new(Vec::new()),
    };
    let requests = [
        ("GET", "/public", vec![]),
        ("GET", "/admin/users", vec![("authorization", "Bearer tok-user")]),
        ("GET", "/admin/users", vec![("authorization", "Bearer tok-admin")]),
        ("POST", "/reports/run", vec![("x-api-key", "k-123")]),
        ("GET", "/reports/q1", vec![("authorization", "Bearer nope")]),
    ];
    let statuses: Vec<u16> = block_on(async {
        let mut out = Vec::new();
        for (method, path, headers) in requests {
            let req = Request {
                method: method.into(),
                path: path.into(),
                headers: headers.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
                ..Default::default()
            };
            out.push(pipeline.serve(req).await.status);
        }
        out
    });
    println!("statuses={:?} lookups={}", statuses, introspector.lookups.lock().unwrap());
    println!("audit={:?}", pipeline.audit.lock().unwrap());
}
