//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! OAuth2 client credential manager: caches access tokens per scope set, refreshes ahead of expiry, retries 401s.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    access: String,
    refresh: Option<String>,
    expires_at: u64,
    scopes: BTreeSet<String>,
}

#[derive(Debug)]
enum AuthError {
    InvalidGrant(String),
    Malformed(String),
    Unauthorized { status: u16, body: String },
}

fn field<'a>(json: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!("\"{name}\":");
    let rest = json.split_once(needle.as_str())?.1.trim_start();
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim().trim_matches('"'))
}

trait IdentityProvider {
    async fn token_endpoint(&self, form: &[(&str, &str)]) -> (u16, String);
}

struct FakeIdp {
    clock: Rc<Cell<u64>>,
    issued: Cell<u32>,
    revoked: RefCell<Vec<String>>,
}

impl IdentityProvider for FakeIdp {
    async fn token_endpoint(&self, form: &[(&str, &str)]) -> (u16, String) {
        Yield(3).await;
        let params: HashMap<&str, &str> = form.iter().copied().collect();
        if let Some(rt) = params.get("refresh_token")
            && self.revoked.borrow().iter().any(|r| r == rt)
        {
            return (400, r#"{"error":"invalid_grant"}"#.into());
        }
        self.issued.set(self.issued.get() + 1);
        let n = self.issued.get();
        let scope = params.get("scope").copied().unwrap_or("openid");
        (200, format!(r#"{{"access_token":"at-{n}","refresh_token":"rt-{n}","expires_in":{},"scope":"{scope}"}}"#, 30))
    }
}

struct TokenManager<P: IdentityProvider> {
    idp: P,
    clock: Rc<Cell<u64>>,
    skew: u64,
    cache: RefCell<HashMap<String, Token>>,
    refreshes: Cell<u32>,
}

impl<P: IdentityProvider> TokenManager<P> {
    fn scope_key(scopes: &[&str]) -> String {
        let mut s: Vec<&str> = scopes.to_vec();
        s.sort_unstable();
        s.dedup();
        s.join(" ")
    }

    async fn request(&self, form: &[(&str, &str)]) -> Result<Token, AuthError> {
        let (status, body) = self.idp.token_endpoint(form).await;
        if status != 200 {
            let err = field(&body, "error").unwrap_or("unknown").to_string();
            return Err(AuthError::InvalidGrant(err));
        }
        let access = field(&body, "access_token").ok_or_else(|| AuthError::Malformed(body.clone()))?.to_string();
        let ttl: u64 = field(&body, "expires_in").and_then(|v| v.parse().ok()).ok_or_else(|| AuthError::Malformed(body.clone()))?;
        let scopes = field(&body, "scope").unwrap_or("").split(' ').map(String::from).collect();
        Ok(Token { access, refresh: field(&body, "refresh_token").map(String::from), expires_at: self.clock.get() + ttl, scopes })
    }

    async fn access_token(&self, scopes: &[&str]) -> Result<String, AuthError> {
        let key = Self::scope_key(scopes);
        let now = self.clock.get();
        // 2024 edition: the cache Ref is gone before the else-branch takes borrow_mut
        let stale_refresh = if let Some(tok) = self.cache.borrow().get(&key).cloned()
            && tok.expires_at > now + self.skew
        {
            return Ok(tok.access);
        } else {
            self.cache.borrow_mut().remove(&key).and_then(|t| t.refresh)
        };
        self.refreshes.set(self.refreshes.get() + 1);
        let token = match stale_refresh {
            Some(rt) => match self.request(&[("grant_type", "refresh_token"), ("refresh_token", &rt), ("scope", &key)]).await {
                Ok(t) => t,
                Err(AuthError::InvalidGrant(_)) => self.request(&[("grant_type", "client_credentials"), ("scope", &key)]).await?,
                Err(e) => return Err(e),
            },
            None => self.request(&[("grant_type", "client_credentials"), ("scope", &key)]).await?,
        };
        let access = token.access.clone();
        self.cache.borrow_mut().insert(key, token);
        Ok(access)
    }

    fn cached_scopes(&self) -> usize {
        let cache = &self.cache;
        cache.borrow().len()
    }
}

async fn call_api<P: IdentityProvider>(mgr: &TokenManager<P>, path: &str, scopes: &[&str]) -> Result<String, AuthError> {
    let resource = async |bearer: &str| -> (u16, String) {
        Yield(1).await;
        if bearer.ends_with('1') && path.starts_with("/admin") { (401, "token lacks admin".into()) } else { (200, format!("{path} ok with {bearer}")) }
    };
    for attempt in 0..2 {
        let bearer = mgr.access_token(scopes).await?;
        match resource(&bearer).await {
            (200, body) => return Ok(body),
            (401, body) if attempt == 0 => {
                mgr.cache.borrow_mut().clear(); // force re-issue and retry once
            }
            (status, body) => return Err(AuthError::Unauthorized { status, body }),
        }
    }
    unreachable!("loop returns on every path")
}

fn main() {
    let clock = Rc::new(Cell::new(0));
    let mgr = TokenManager {
        idp: FakeIdp { clock: clock.clone(), issued: Cell::new(0), revoked: RefCell::new(vec!["rt-2".into()]) },
        clock: clock.clone(),
        skew: 5,
        cache: RefCell::default(),
        refreshes: Cell::new(0),
    };
    let schedule: [(u64, &str, &[&str]); 7] = [
        (0, "/admin/users", &["admin", "read"]),
        (3, "/orders", &["read"]),
        (10, "/orders/9", &["read", "read"]),
        (27, "/orders", &["read"]),
        (28, "/admin/users", &["read", "admin"]),
        (60, "/orders", &["read"]),
        (61, "/billing", &["billing:write"]),
    ];
    let log = block_on(async {
        let mut log = Vec::new();
        for (at, path, scopes) in schedule {
            clock.set(at);
            log.push((at, call_api(&mgr, path, scopes).await));
        }
        log
    });
    for (at, res) in &log {
        println!("t={at:>2} {res:?}");
    }
    println!("issued={} refreshes={} cached scope sets={}", mgr.idp.issued.get(), mgr.refreshes.get(), mgr.cached_scopes());
}
