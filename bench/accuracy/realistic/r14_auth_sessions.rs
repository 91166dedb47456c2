//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone)]
pub struct Session {
    pub user_id: u64,
    pub roles: Vec<String>,
    pub expires: Instant,
    pub csrf: String,
}

#[derive(Debug, PartialEq)]
pub enum AuthError {
    MissingHeader,
    Malformed,
    Unknown,
    Forbidden(&'static str),
}

pub trait IdentityProvider {
    async fn introspect(&self, token: &str) -> Result<(u64, Vec<String>), AuthError>;
}

fn bearer<'h>(headers: &[(&str, &'h str)]) -> Result<&'h str, AuthError> {
    let (_, v) = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("authorization")).ok_or(AuthError::MissingHeader)?;
    if let Some(tok) = v.strip_prefix("Bearer ")
        && !tok.is_empty()
        && tok.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        Ok(tok)
    } else {
        Err(AuthError::Malformed)
    }
}

pub fn roles_with_prefix<'a>(session: &'a Session, prefix: &str) -> impl Iterator<Item = &'a str> {
    session.roles.iter().filter(move |r| r.starts_with(prefix)).map(String::as_str)
}

pub struct SessionStore<P> {
    provider: P,
    sessions: Mutex<HashMap<String, Session>>,
    revoked: RwLock<Vec<String>>,
    ttl: Duration,
}

impl<P: IdentityProvider> SessionStore<P> {
    pub fn new(provider: P, ttl: Duration) -> Self {
        SessionStore { provider, sessions: Mutex::default(), revoked: RwLock::default(), ttl }
    }

    pub async fn authenticate(&self, headers: &[(&str, &str)]) -> Result<Session, AuthError> {
        let token = bearer(headers)?;
        if self.revoked.read().unwrap().iter().any(|t| t == token) {
            return Err(AuthError::Unknown);
        }
        if let Some(s) = self.sessions.lock().unwrap().get(token).cloned()
            && s.expires > Instant::now()
        {
            Ok(s)
        } else {
            let (user_id, roles) = self.provider.introspect(token).await?;
            let csrf = format!("{:016x}", user_id.wrapping_mul(0x9e3779b97f4a7c15));
            let session = Session { user_id, roles, expires: Instant::now() + self.ttl, csrf };
            self.sessions.lock().unwrap().insert(token.to_string(), session.clone());
            Ok(session)
        }
    }

    pub async fn require(&self, headers: &[(&str, &str)], role: &'static str) -> Result<u64, AuthError> {
        match self.authenticate(headers).await {
            Ok(s) if s.roles.iter().any(|r| r == role || r == "admin") => Ok(s.user_id),
            Ok(_) => Err(AuthError::Forbidden(role)),
            Err(AuthError::Unknown) => {
                rt::sleep(250).await;
                Err(AuthError::Unknown)
            }
            Err(e) => Err(e),
        }
    }

    pub async fn revoke(&self, token: &str) -> bool {
        let removed = self.sessions.lock().unwrap().remove(token).is_some();
        self.revoked.write().unwrap().push(token.to_owned());
        rt::sleep(1).await;
        removed
    }

    pub fn live_sessions(&self) -> usize {
        let now = Instant::now();
        let sessions = Mutex::new(self.sessions.lock().unwrap().clone());
        sessions.lock().unwrap().values().filter(|s| s.expires > now).count()
    }
}

pub struct StaticProvider(pub HashMap<String, (u64, Vec<String>)>);

impl IdentityProvider for StaticProvider {
    async fn introspect(&self, token: &str) -> Result<(u64, Vec<String>), AuthError> {
        self.0.get(token).cloned().ok_or(AuthError::Unknown)
    }
}

pub struct OAuthProvider {
    pub issuer: String,
}

impl IdentityProvider for OAuthProvider {
    async fn introspect(&self, token: &str) -> Result<(u64, Vec<String>), AuthError> {
        rt::sleep(40).await;
        let mut parts = token.split('.');
        let (Some(uid), Some(scopes)) = (parts.next(), parts.next()) else { return Err(AuthError::Malformed) };
        let uid = uid.parse().map_err(|_| AuthError::Malformed)?;
        Ok((uid, scopes.split('-').map(|s| format!("{}:{}", self.issuer, s)).collect()))
    }
}

pub async fn handle_request(store: &SessionStore<OAuthProvider>, fallback: &SessionStore<StaticProvider>) -> Vec<Result<u64, AuthError>> {
    let headers = [("Authorization", "Bearer 42.read-write"), ("Accept", "*/*")];
    let a = store.require(&headers, "acme:write").await;
    let b = fallback.require(&[("authorization", "Bearer svc-token")], "ops").await;
    if let Ok(s) = store.authenticate(&headers).await {
        let scoped: Vec<&str> = roles_with_prefix(&s, "acme:").collect();
        println!("user {} scopes {:?}, {} live", s.user_id, scoped, store.live_sessions());
    }
    store.revoke("42.read-write").await;
    vec![a, b, store.require(&headers, "acme:read").await]
}
