#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Bulk email unsubscribe handler: processes unsubscribe links, validates
// signatures and updates the subscription store in chunks.

use std::collections::HashSet;

#[derive(Debug)]
pub struct Request {
    pub email: String,
    pub list: String,
    pub signature: u32,
}

pub struct Store {
    pub unsubscribed: HashSet<(String, String)>,
    pub writes: u32,
}

fn sign(email: &str, list: &str) -> u32 {
    email.bytes().chain(list.bytes()).fold(7u32, |acc, b| acc.wrapping_mul(31).wrapping_add(b as u32))
}

async fn fetch_requests(page: u32) -> Vec<Request> {
    if page >= 3 {
        return Vec::new();
    }
    (0..4)
        .map(|i| {
            let email = format!("user{}@example.com", page * 10 + i);
            let list = "news".to_string();
            let signature = if i == 2 { 0 } else { sign(&email, &list) };
            Request { email, list, signature }
        })
        .collect()
}

async fn send_confirmation(email: &str) -> Result<(), String> {
    if email.contains('@') { Ok(()) } else { Err(format!("bad address {}", email)) }
}

impl Store {
    pub async fn apply_chunk(&mut self, chunk: &[Request]) -> usize {
        let mut added = 0;
        for req in chunk {
            if self.unsubscribed.insert((req.email.to_lowercase(), req.list.clone())) {
                added += 1;
            }
        }
        self.writes += 1;
        added
    }
}

pub async fn process_all(chunk_size: usize) -> (usize, usize, Vec<String>) {
    let mut store = Store { unsubscribed: HashSet::new(), writes: 0 };
    let mut invalid = 0usize;
    let mut bounced: Vec<String> = Vec::new();
    let mut page = 0;
    loop {
        let requests = fetch_requests(page).await;
        if requests.is_empty() {
            break;
        }
        page += 1;
        let (valid, bad): (Vec<Request>, Vec<Request>) =
            requests.into_iter().partition(|r| r.signature == sign(&r.email, &r.list));
        invalid += bad.len();
        for chunk in valid.chunks(chunk_size) {
            let added = store.apply_chunk(chunk).await;
            if added == 0 {
                continue;
            }
            for req in chunk {
                if let Err(e) = send_confirmation(&req.email).await {
                    let trimmed = req.email.trim().to_string();
                    if send_confirmation(&trimmed).await.is_err() {
                        bounced.push(e);
                    }
                }
            }
        }
    }
    (store.unsubscribed.len(), invalid, bounced)
}

pub async fn undo(store: &mut Store, email: &str) -> u32 {
    let email = email.trim().to_lowercase();
    if fetch_requests(0).await.iter().any(|r| r.email == email) {
        println!("pending unsubscribe request for {}", email);
    }
    let before = store.unsubscribed.len();
    store.unsubscribed.retain(|(e, _)| *e != email);
    let removed = (before - store.unsubscribed.len()) as u32;
    if removed > 0 {
        let notice = async move {
            send_confirmation(&email).await.is_ok()
        };
        assert!(notice.await || removed > 0);
    }
    removed
}
