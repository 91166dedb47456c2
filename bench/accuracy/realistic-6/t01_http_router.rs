#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! HTTP router with composable async middleware chains and path-parameter extraction.

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 { return Poll::Ready(()); }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
fn yield_now(n: u32) -> Yield { Yield { left: n } }

#[derive(Debug, Clone)]
struct Request { method: &'static str, path: String, headers: HashMap<String, String>, user_id: Option<u64> }

#[derive(Debug)]
struct Response { status: u16, body: String }

#[derive(Debug)]
enum HttpError { Unauthorized(String), BadParam(ParseIntError), NotFound(String) }

impl From<ParseIntError> for HttpError {
    fn from(e: ParseIntError) -> Self { HttpError::BadParam(e) }
}

impl HttpError {
    fn status(&self) -> u16 {
        match self { HttpError::Unauthorized(_) => 401, HttpError::BadParam(_) => 400, HttpError::NotFound(_) => 404 }
    }
}

trait Middleware {
    async fn handle(&self, req: &mut Request) -> Result<(), HttpError>;
    async fn describe(&self) -> String {
        yield_now(1).await;
        String::from("middleware")
    }
}

struct Auth { tokens: HashMap<&'static str, u64> }
impl Middleware for Auth {
    async fn handle(&self, req: &mut Request) -> Result<(), HttpError> {
        yield_now(2).await;
        let token = req.headers.get("authorization")
            .map(|h| h.trim_start_matches("Bearer ").to_string())
            .ok_or_else(|| HttpError::Unauthorized("missing header".into()))?;
        let uid = self.tokens.get(token.as_str()).copied()
            .ok_or(HttpError::Unauthorized(format!("bad token {token}")))?;
        req.user_id = Some(uid);
        Ok(())
    }
    async fn describe(&self) -> String { format!("auth({} tokens)", self.tokens.len()) }
}

struct RequestId { next: Cell<u32> }
impl Middleware for RequestId {
    async fn handle(&self, req: &mut Request) -> Result<(), HttpError> {
        let id = self.next.get();
        self.next.set(id + 1);
        yield_now(1).await;
        req.headers.insert("x-request-id".into(), format!("req-{id:04}"));
        Ok(())
    }
}

struct Chain<A, B>(A, B);
impl<A: Middleware, B: Middleware> Middleware for Chain<A, B> {
    async fn handle(&self, req: &mut Request) -> Result<(), HttpError> {
        self.0.handle(req).await?;
        self.1.handle(req).await
    }
    async fn describe(&self) -> String {
        format!("{} -> {}", self.0.describe().await, self.1.describe().await)
    }
}

type Handler = Box<dyn Fn(Request, Vec<String>) -> Pin<Box<dyn Future<Output = Result<Response, HttpError>>>>>;

struct Router { routes: Vec<(&'static str, &'static str, Handler)> }

impl Router {
    fn route<F, Fut>(mut self, method: &'static str, pattern: &'static str, f: F) -> Self
    where
        F: Fn(Request, Vec<String>) -> Fut + 'static,
        Fut: Future<Output = Result<Response, HttpError>> + 'static,
    {
        self.routes.push((method, pattern, Box::new(move |r, p| Box::pin(f(r, p)))));
        self
    }

    fn matches(pattern: &str, path: &str) -> Option<Vec<String>> {
        let (ps, xs): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
        if ps.len() != xs.len() { return None; }
        let mut params = Vec::new();
        for (p, x) in ps.iter().zip(xs.iter()) {
            match p.strip_prefix(':') {
                Some(_) if !x.is_empty() => params.push(x.to_string()),
                None if p == x => {}
                _ => return None,
            }
        }
        Some(params)
    }

    async fn dispatch<M: Middleware>(&self, mw: &M, mut req: Request) -> Response {
        if let Err(e) = mw.handle(&mut req).await {
            return Response { status: e.status(), body: format!("{e:?}") };
        }
        for (method, pattern, h) in &self.routes {
            if *method != req.method { continue; }
            if let Some(params) = Self::matches(pattern, &req.path) {
                return match h(req.clone(), params).await {
                    Ok(r) => r,
                    Err(e) => Response { status: e.status(), body: format!("{e:?}") },
                };
            }
        }
        Response { status: 404, body: format!("no route for {} {}", req.method, req.path) }
    }
}

async fn get_user(req: Request, params: Vec<String>) -> Result<Response, HttpError> {
    let id: u64 = params[0].parse()?;
    yield_now(3).await;
    if id > 1000 { return Err(HttpError::NotFound(format!("user {id}"))); }
    Ok(Response { status: 200, body: format!("user {id} viewed by {:?}", req.user_id) })
}

async fn list_orders(req: Request, params: Vec<String>) -> Result<Response, HttpError> {
    let (uid, page) = (params[0].parse::<u64>()?, params[1].parse::<u32>()?);
    yield_now(2).await;
    let orders: Vec<String> = (0..3).map(|i| format!("o{}-{}", uid, page * 10 + i)).collect();
    Ok(Response { status: 200, body: orders.join(",") })
}

fn mk(method: &'static str, path: &str, token: Option<&str>) -> Request {
    let mut headers = HashMap::new();
    if let Some(t) = token { headers.insert("authorization".to_string(), format!("Bearer {t}")); }
    Request { method, path: path.to_string(), headers, user_id: None }
}

fn main() {
    let router = Router { routes: Vec::new() }
        .route("GET", "/users/:id", get_user)
        .route("GET", "/users/:id/orders/:page", list_orders)
        .route("POST", "/echo", |req: Request, _p: Vec<String>| async move {
            yield_now(1).await;
            Ok(Response { status: 201, body: req.headers.get("x-request-id").cloned().unwrap_or_default() })
        });
    let mw = Chain(RequestId { next: Cell::new(1) }, Auth { tokens: HashMap::from([("alice-tok", 7), ("bob-tok", 9)]) });
    let requests = vec![
        mk("GET", "/users/42", Some("alice-tok")),
        mk("GET", "/users/abc", Some("bob-tok")),
        mk("GET", "/users/5000", Some("bob-tok")),
        mk("GET", "/users/7/orders/2", Some("alice-tok")),
        mk("POST", "/echo", Some("alice-tok")),
        mk("GET", "/users/1", None),
        mk("DELETE", "/users/1", Some("bob-tok")),
    ];
    let codes = block_on(async {
        println!("chain: {}", mw.describe().await);
        let mut codes = Vec::new();
        for (i, req) in requests.into_iter().enumerate() {
            let resp = router.dispatch(&mw, req).await;
            println!("#{i} {} {}", resp.status, resp.body);
            codes.push(resp.status);
        }
        codes
    });
    assert_eq!(codes, vec![200, 400, 404, 200, 201, 401, 404]);
}
