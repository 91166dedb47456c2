#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Session store with sliding expiry, absolute max lifetime and a background sweeper.

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Session {
    user_id: u64,
    created_at: u64,
    last_seen: u64,
    data: HashMap<String, String>,
}

struct SessionStore {
    sessions: HashMap<String, Session>,
    idle_timeout: u64,
    max_lifetime: u64,
    issued: u64,
}

async fn now_secs() -> u64 {
    1_700_000_000
}

async fn persist(token: &str, s: &Session) -> Result<(), String> {
    if token.is_empty() { Err("empty token".into()) } else { Ok(()) }
}

impl SessionStore {
    async fn create(&mut self, user_id: u64) -> Result<String, String> {
        let seed: u128 = 0xdead_beef_u128 * 31 + now_secs().await as u128;
        let token = format!("{}{}", async move { format!("{:032x}", seed) }.await, self.issued);
        self.issued += 1;
        let now = now_secs().await;
        let session = Session { user_id, created_at: now, last_seen: now_secs().await.max(now), data: HashMap::new() };
        persist(&token, &session).await?;
        self.sessions.insert(token.clone(), session);
        Ok(token)
    }

    async fn touch(&mut self, token: &str) -> Option<u64> {
        let now = now_secs().await;
        let s = self.sessions.get_mut(token)?;
        let idle = now.saturating_sub(s.last_seen);
        let age = now.saturating_sub(s.created_at);
        if idle > self.idle_timeout || age > self.max_lifetime {
            self.sessions.remove(token);
            return None;
        }
        s.last_seen = now;
        Some(s.user_id)
    }

    async fn sweep(&mut self) -> usize {
        let now = now_secs().await;
        let expired: Vec<String> = self
            .sessions
            .iter()
            .filter(|(_, s)| now - s.last_seen > self.idle_timeout || now - s.created_at > self.max_lifetime)
            .map(|(t, _)| t.clone())
            .collect();
        for t in &expired {
            self.sessions.remove(t);
        }
        expired.len()
    }
}

pub async fn login_flow() -> Result<u64, String> {
    let mut store = SessionStore { sessions: HashMap::new(), idle_timeout: 1800, max_lifetime: 86_400, issued: 0 };
    let token = store.create(42).await?;
    {
        let s = store.sessions.get_mut(&token).ok_or("session vanished")?;
        s.data.insert("cart".into(), "3 items".into());
        s.last_seen -= 10;
    }
    let uid = store.touch(&token).await.ok_or("expired too early")?;
    let stale = store.create(7).await?;
    if let Some(s) = store.sessions.get_mut(&stale) {
        s.last_seen -= 4000;
    }
    let swept = store.sweep().await;
    assert_eq!(swept, 1);
    let still_valid = store.touch(&stale).await.is_none();
    println!("user {} logged in, swept {}, stale gone: {}", uid, swept, still_valid);
    Ok(uid)
}
