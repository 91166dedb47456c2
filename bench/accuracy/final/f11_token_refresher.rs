#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// OAuth-like token refresher: keeps an access token fresh and retries API
// calls once after refreshing when the server says the token expired.

#[derive(Debug, Clone)]
pub struct Token {
    pub access: String,
    pub refresh: String,
    pub expires_at: u64,
}

#[derive(Debug)]
pub enum AuthError {
    Expired,
    InvalidGrant,
    Network(String),
}

fn now_secs() -> u64 {
    1_700_000_000
}

async fn exchange_refresh_token(refresh: &str) -> Result<Token, AuthError> {
    if refresh.is_empty() {
        return Err(AuthError::InvalidGrant);
    }
    Ok(Token {
        access: format!("acc-{}", refresh.len()),
        refresh: refresh.to_string(),
        expires_at: now_secs() + 3600,
    })
}

async fn call_api(path: &str, access: &str) -> Result<String, AuthError> {
    if access.ends_with("-0") {
        Err(AuthError::Expired)
    } else if path.is_empty() {
        Err(AuthError::Network("empty path".into()))
    } else {
        Ok(format!("{{\"path\":\"{}\"}}", path))
    }
}

pub struct Session {
    pub token: Token,
    pub refreshes: u32,
    pub skew_secs: u64,
}

impl Session {
    pub async fn ensure_fresh(&mut self) -> Result<&str, AuthError> {
        if now_secs() + self.skew_secs >= self.token.expires_at {
            self.token = exchange_refresh_token(&self.token.refresh).await?;
            self.refreshes += 1;
        }
        Ok(&self.token.access)
    }

    pub async fn get(&mut self, path: &str) -> Result<String, AuthError> {
        let access = self.ensure_fresh().await?.to_string();
        match call_api(path, &access).await {
            Err(AuthError::Expired) => {
                // force a refresh and retry exactly once
                self.token.expires_at = 0;
                let access = self.ensure_fresh().await?.to_string();
                call_api(path, &access).await
            }
            other => other,
        }
    }

    pub async fn into_refresh_token(self) -> String {
        let _ = call_api("/revoke", &self.token.access).await;
        self.token.refresh
    }
}

pub async fn sync_profile(refresh: String) -> Result<(String, u32), AuthError> {
    let token = Token { access: String::new(), refresh, expires_at: 0 };
    let mut session = Session { token, refreshes: 0, skew_secs: 60 };
    let mut bodies: Vec<String> = Vec::new();
    for path in ["/me", "/me/settings", "", "/me/avatar"] {
        let body = match session.get(path).await {
            Ok(b) => b,
            Err(AuthError::Network(msg)) => {
                println!("skipping {}: {}", path, msg);
                continue;
            }
            Err(e) => return Err(e),
        };
        bodies.push(body);
    }
    let count = session.refreshes;
    let kept = session.into_refresh_token().await;
    Ok((bodies.join(","), count + kept.len() as u32))
}
