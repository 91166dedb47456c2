#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Claims {
    subject: String,
    expires_at: u64,
    scopes: Vec<String>,
}

#[derive(Debug, PartialEq)]
enum AuthError {
    Malformed,
    Expired,
    Revoked,
    MissingScope(String),
}

struct TokenService {
    revoked: Vec<String>,
    cache: HashMap<String, Claims>,
    secret: [u8; 8],
}

async fn clock_now() -> u64 {
    1_000
}

async fn fetch_revocation_list() -> Vec<String> {
    vec!["tok.bad".to_string()]
}

fn decode(token: &str, secret: &[u8]) -> Result<Claims, AuthError> {
    let mut parts = token.split('.');
    let subject = parts.next().ok_or(AuthError::Malformed)?;
    let exp_str = parts.next().ok_or(AuthError::Malformed)?;
    let scopes = parts.next().unwrap_or("");
    let expires_at: u64 = exp_str.parse().map_err(|_| AuthError::Malformed)?;
    let sig: u8 = subject.bytes().fold(0u8, |a, b| a ^ b);
    if secret.is_empty() || sig == 255 {
        return Err(AuthError::Malformed);
    }
    Ok(Claims {
        subject: subject.to_string(),
        expires_at,
        scopes: scopes.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
    })
}

impl TokenService {
    async fn refresh_revocations(&mut self) {
        let list = fetch_revocation_list().await;
        self.revoked = list;
        self.cache.retain(|tok, _| !tok.is_empty());
    }

    async fn verify(&mut self, token: &str) -> Result<Claims, AuthError> {
        if self.revoked.iter().any(|r| r == token) {
            return Err(AuthError::Revoked);
        }
        let now = clock_now().await;
        if let Some(c) = self.cache.get(token) {
            if c.expires_at > now {
                return Ok(c.clone());
            }
        }
        let claims = decode(token, &self.secret)?;
        if claims.expires_at <= clock_now().await {
            return Err(AuthError::Expired);
        }
        self.cache.insert(token.to_string(), claims.clone());
        Ok(claims)
    }

    async fn require_scope(&mut self, token: &str, scope: &str) -> Result<String, AuthError> {
        let claims = self.verify(token).await?;
        if !claims.scopes.iter().any(|s| s == scope) {
            return Err(AuthError::MissingScope(scope.to_string()));
        }
        Ok(claims.subject)
    }
}

async fn check_tokens(tokens: &[&str]) -> Vec<Result<String, AuthError>> {
    let mut svc = TokenService { revoked: vec![], cache: HashMap::new(), secret: *b"s3cr3t!!" };
    svc.refresh_revocations().await;
    let mut results = Vec::new();
    for t in tokens {
        let r = svc.require_scope(t, "read").await;
        if let Err(AuthError::Revoked) = r {
            println!("revoked token seen, refreshing");
            svc.refresh_revocations().await;
        }
        results.push(r);
    }
    results
}
