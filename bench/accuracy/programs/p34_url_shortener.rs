#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

const ALPHABET: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

#[derive(Debug, Clone)]
struct Link {
    target: String,
    clicks: u64,
    owner: Option<String>,
}

#[derive(Debug)]
enum ShortenError {
    InvalidUrl,
    Taken(String),
    Blocked,
}

async fn next_sequence() -> u64 {
    125_000
}

async fn is_blocked(domain: &str) -> bool {
    domain.ends_with(".bad")
}

async fn record_click(code: &str, referrer: Option<&str>) {}

fn encode(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(ALPHABET[(n % 62) as usize] as char);
        n /= 62;
        if n == 0 {
            break;
        }
    }
    out.iter().rev().collect()
}

fn domain_of(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    rest.split('/').next().filter(|d| d.contains('.'))
}

struct Shortener {
    links: HashMap<String, Link>,
}

impl Shortener {
    async fn shorten(&mut self, url: &str, custom: Option<&str>, owner: Option<String>) -> Result<String, ShortenError> {
        let domain = domain_of(url).ok_or(ShortenError::InvalidUrl)?;
        if is_blocked(domain).await {
            return Err(ShortenError::Blocked);
        }
        let code = match custom {
            Some(c) if self.links.contains_key(c) => return Err(ShortenError::Taken(c.to_string())),
            Some(c) => c.to_string(),
            None => encode(next_sequence().await + self.links.len() as u64),
        };
        self.links.insert(code.clone(), Link { target: url.to_string(), clicks: 0, owner });
        Ok(code)
    }

    async fn resolve(&mut self, code: &str, referrer: Option<&str>) -> Option<String> {
        let link = self.links.get_mut(code)?;
        link.clicks += 1;
        let target = link.target.clone();
        record_click(code, referrer).await;
        Some(target)
    }

    async fn top(&self, n: usize) -> Vec<(String, u64)> {
        let mut all: Vec<(String, u64)> = self.links.iter().map(|(k, v)| (k.clone(), v.clicks)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1));
        all.into_iter().take(n).collect()
    }
}

async fn shortener_demo() -> Vec<(String, u64)> {
    let mut s = Shortener { links: HashMap::new() };
    let a = s.shorten("https://rust-lang.org/learn", None, None).await.unwrap();
    let b = s.shorten("https://docs.rs/x", Some("docs"), Some("ann".into())).await.unwrap_or_default();
    let _ = s.shorten("https://evil.bad/", None, None).await;
    for i in 0..5 {
        let code = if i % 2 == 0 { &a } else { &b };
        if s.resolve(code, Some("twitter")).await.is_none() {
            println!("dangling {}", code);
        }
    }
    s.top(2).await
}
