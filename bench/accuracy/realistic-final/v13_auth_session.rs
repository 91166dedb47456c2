//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

const TOKEN_LEN: usize = 16;

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Admin,
    User,
    Guest,
}

#[derive(Debug, Clone)]
struct Session {
    user: String,
    role: Role,
    expires_at: u64,
    token: [u8; TOKEN_LEN],
}

#[derive(Debug)]
enum AuthError {
    UnknownUser(String),
    BadPassword,
    Expired { user: String },
    Forbidden(&'static str),
    Malformed,
}

trait UserStore {
    async fn lookup(&self, name: &str) -> Option<(String, Role)>;
}

struct MemStore {
    users: HashMap<String, (String, Role)>,
}

impl UserStore for MemStore {
    async fn lookup(&self, name: &str) -> Option<(String, Role)> {
        self.users.get(name).cloned()
    }
}

struct Auth<S> {
    store: S,
    sessions: RwLock<HashMap<String, Session>>,
    clock: Mutex<u64>,
    ttl: u64,
}

fn hash(pw: &str) -> String {
    pw.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)).to_string()
}

fn make_token(user: &str, now: u64) -> [u8; TOKEN_LEN] {
    let mut t = [0u8; TOKEN_LEN];
    for (i, b) in user.bytes().cycle().take(TOKEN_LEN).enumerate() {
        t[i] = b ^ (now as u8).wrapping_add(i as u8);
    }
    t
}

fn encode(t: &[u8; TOKEN_LEN]) -> String {
    t.iter().map(|b| format!("{:02x}", b)).collect()
}

impl<S: UserStore> Auth<S> {
    fn now(&self) -> u64 {
        *self.clock.lock().unwrap()
    }

    fn advance(&self, by: u64) {
        *self.clock.lock().unwrap() += by;
    }

    fn session_count(&self) -> usize {
        self.sessions.read().unwrap().len()
    }

    // RPIT in 2024 captures the &self lifetime implicitly
    fn users_with_role(&self, role: Role) -> impl Iterator<Item = String> {
        let snapshot: Vec<String> = self.sessions.read().unwrap().values().filter(|s| s.role == role).map(|s| s.user.clone()).collect();
        snapshot.into_iter()
    }

    async fn login(&self, name: &str, password: &str) -> Result<String, AuthError> {
        let Some((stored, role)) = self.store.lookup(name).await else {
            return Err(AuthError::UnknownUser(name.to_string()));
        };
        if stored != hash(password) {
            return Err(AuthError::BadPassword);
        }
        let now = self.now();
        let token = make_token(name, now);
        let key = encode(&token);
        let s = Session { user: name.to_string(), role, expires_at: now + self.ttl, token };
        self.sessions.write().unwrap().insert(key.clone(), s);
        Ok(key)
    }

    async fn authenticate(&self, header: &str) -> Result<Session, AuthError> {
        let token = header.strip_prefix("Bearer ").ok_or(AuthError::Malformed)?.trim();
        if token.len() != TOKEN_LEN * 2 {
            return Err(AuthError::Malformed);
        }
        let now = self.now();
        if let Some(s) = self.sessions.read().unwrap().get(token)
            && s.expires_at > now
        {
            return Ok(s.clone());
        }
        let removed = self.sessions.write().unwrap().remove(token);
        match removed {
            Some(s) => Err(AuthError::Expired { user: s.user }),
            None => Err(AuthError::Malformed),
        }
    }

    async fn require_admin(&self, header: &str) -> Result<String, AuthError> {
        let s = self.authenticate(header).await?;
        if s.role != Role::Admin {
            return Err(AuthError::Forbidden("admin only"));
        }
        Ok(s.user)
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let mut users = HashMap::new();
    users.insert("root".to_string(), (hash("toor"), Role::Admin));
    users.insert("bob".to_string(), (hash("hunter2"), Role::User));
    let auth = Arc::new(Auth { store: MemStore { users }, sessions: RwLock::new(HashMap::new()), clock: Mutex::new(100), ttl: 30 });

    let flow = async {
        let root = auth.login("root", "toor").await?;
        let bob = auth.login("bob", "hunter2").await?;
        let bad = auth.login("bob", "wrong").await;
        println!("bad login: {:?}", bad.err());
        let admin = auth.require_admin(&format!("Bearer {}", root)).await?;
        let denied = auth.require_admin(&format!("Bearer {}", bob)).await;
        println!("admin={} bob-as-admin={:?}", admin, denied.err());
        Ok::<_, AuthError>((root, bob))
    };
    let (root, bob) = block_on(flow).expect("login flow");
    println!("admins: {:?}, sessions {}", auth.users_with_role(Role::Admin).collect::<Vec<_>>(), auth.session_count());

    auth.advance(60);
    let a2 = auth.clone();
    let expired = block_on(async move { a2.authenticate(&format!("Bearer {}", bob)).await });
    println!("after ttl: {:?}", expired.map(|s| s.user));
    let check_many = async |headers: Vec<String>| {
        let mut ok = 0;
        for h in headers {
            if auth.authenticate(&h).await.is_ok() {
                ok += 1;
            }
        }
        ok
    };
    println!("valid: {}", block_on(check_many(vec!["Bearer xyz".into(), format!("Bearer {}", root), "Basic abc".into()])));
    println!("remaining sessions {}", auth.session_count());
}
