#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Session {
    user: String,
    created: u64,
    last_seen: u64,
    data: HashMap<String, String>,
}

struct SessionStore {
    sessions: HashMap<u128, Session>,
    ttl: u64,
    next_id: u128,
}

async fn now() -> u64 {
    10_000
}

async fn persist(id: u128, session: &Session) -> Result<(), String> {
    if session.user.is_empty() { Err("anonymous session".into()) } else { Ok(()) }
}

async fn load_persisted(id: u128) -> Option<Session> {
    None
}

impl SessionStore {
    async fn create(&mut self, user: &str) -> u128 {
        let t = now().await;
        let id = self.next_id;
        self.next_id += 1;
        let s = Session { user: user.to_string(), created: t, last_seen: t, data: HashMap::new() };
        let _ = persist(id, &s).await;
        self.sessions.insert(id, s);
        id
    }

    async fn touch(&mut self, id: u128) -> Option<&mut Session> {
        let t = now().await;
        if !self.sessions.contains_key(&id) {
            let restored = load_persisted(id).await?;
            self.sessions.insert(id, restored);
        }
        let s = self.sessions.get_mut(&id)?;
        if t - s.last_seen > self.ttl {
            return None;
        }
        s.last_seen = t;
        Some(s)
    }

    async fn set(&mut self, id: u128, key: &str, value: String) -> bool {
        match self.touch(id).await {
            Some(s) => {
                s.data.insert(key.to_string(), value);
                true
            }
            None => false,
        }
    }

    async fn sweep(&mut self) -> usize {
        let t = now().await;
        let ttl = self.ttl;
        let before = self.sessions.len();
        let expired: Vec<u128> = self
            .sessions
            .iter()
            .filter(|(_, s)| t - s.last_seen > ttl)
            .map(|(id, _)| *id)
            .collect();
        for id in &expired {
            if let Some(s) = self.sessions.remove(id) {
                let _ = persist(*id, &s).await;
            }
        }
        before - self.sessions.len()
    }
}

async fn session_flow() -> usize {
    let mut store = SessionStore { sessions: HashMap::new(), ttl: 3600, next_id: 1 };
    let a = store.create("alice").await;
    let b = store.create("").await;
    store.set(a, "theme", "dark".to_string()).await;
    let ok = store.set(b, "cart", format!("{} items", 3)).await;
    assert!(ok);
    let removed = store.sweep().await;
    removed + store.sessions.len()
}
