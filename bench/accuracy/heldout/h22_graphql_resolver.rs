#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// GraphQL-ish resolver: resolves a small selection tree against async data loaders with batching.

use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Selection {
    Field(String),
    Nested(String, Vec<Selection>),
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    Int(i64),
    Str(String),
    List(Vec<Value>),
    Object(Vec<(String, Value)>),
}

#[derive(Debug, Clone)]
struct User {
    id: u32,
    name: String,
    friend_ids: Vec<u32>,
}

async fn load_users(ids: &[u32]) -> Vec<Option<User>> {
    ids.iter()
        .map(|&id| if id == 0 { None } else { Some(User { id, name: format!("user{}", id), friend_ids: vec![id + 1, id + 2] }) })
        .collect()
}

async fn load_post_count(user_id: u32) -> Result<i64, String> {
    if user_id > 100 { Err("shard offline".into()) } else { Ok(user_id as i64 * 3) }
}

struct Resolver {
    cache: HashMap<u32, User>,
    errors: Vec<String>,
}

impl Resolver {
    async fn user(&mut self, id: u32) -> Option<User> {
        if let Some(u) = self.cache.get(&id) {
            return Some(u.clone());
        }
        let loaded = load_users(&[id]).await.into_iter().next().flatten()?;
        self.cache.insert(id, loaded.clone());
        Some(loaded)
    }

    async fn prefetch(&mut self, ids: &[u32]) {
        let missing: Vec<u32> = ids.iter().copied().filter(|id| !self.cache.contains_key(id)).collect();
        if missing.is_empty() {
            return;
        }
        for u in load_users(&missing).await.into_iter().flatten() {
            self.cache.insert(u.id, u);
        }
    }

    async fn resolve_user(&mut self, user: &User, fields: &[Selection]) -> Value {
        let mut obj = Vec::new();
        for sel in fields {
            let (name, value) = match sel {
                Selection::Field(f) if f == "id" => (f.clone(), Value::Int(user.id as i64)),
                Selection::Field(f) if f == "name" => (f.clone(), Value::Str(user.name.clone())),
                Selection::Field(f) if f == "postCount" => match load_post_count(user.id).await {
                    Ok(n) => (f.clone(), Value::Int(n)),
                    Err(e) => {
                        self.errors.push(format!("{}.postCount: {}", user.id, e));
                        (f.clone(), Value::Null)
                    }
                },
                Selection::Nested(f, sub) if f == "friends" => {
                    self.prefetch(&user.friend_ids).await;
                    let mut list = Vec::new();
                    for fid in &user.friend_ids {
                        let Some(friend) = self.cache.get(fid).cloned() else { continue };
                        list.push(Box::pin(self.resolve_user(&friend, sub)).await);
                    }
                    (f.clone(), Value::List(list))
                }
                Selection::Field(f) | Selection::Nested(f, _) => (f.clone(), Value::Null),
            };
            obj.push((name, value));
        }
        Value::Object(obj)
    }
}

pub async fn execute_query(root_id: u32) -> (String, Vec<String>) {
    let query = vec![
        Selection::Field("name".into()),
        Selection::Field("postCount".into()),
        Selection::Nested("friends".into(), vec![Selection::Field("id".into()), Selection::Field("postCount".into())]),
    ];
    let mut r = Resolver { cache: HashMap::new(), errors: Vec::new() };
    let data = match r.user(root_id).await {
        Some(u) => r.resolve_user(&u, &query).await,
        None => Value::Null,
    };
    (format!("{:?}", data), r.errors)
}
