#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Podcast feed fetcher: downloads RSS-ish feeds, extracts episode titles
// and keeps track of which episodes are new since the last poll.

use std::collections::HashSet;

#[derive(Debug, Clone)]
pub struct Episode {
    pub guid: String,
    pub title: String,
    pub seconds: u32,
}

pub struct Feed {
    pub url: String,
    pub seen: HashSet<String>,
    pub failures: u8,
}

async fn http_get(url: &str) -> Result<String, u16> {
    if url.starts_with("https://") {
        Ok("<item>1|Pilot|1800</item><item>2|Second|2400</item>".to_string())
    } else {
        Err(404)
    }
}

async fn sleep_ms(ms: u64) {}

fn parse_items(body: &str) -> Vec<Episode> {
    let mut out = Vec::new();
    for chunk in body.split("<item>") {
        let Some(inner) = chunk.strip_suffix("</item>") else { continue };
        let parts: Vec<&str> = inner.split('|').collect();
        if let [guid, title, secs] = parts.as_slice() {
            out.push(Episode { guid: guid.to_string(), title: title.to_string(), seconds: secs.parse().unwrap_or(0) });
        }
    }
    out
}

impl Feed {
    pub async fn fetch_with_retry(&mut self, attempts: u32) -> Result<String, u16> {
        let mut last = 0u16;
        for attempt in 0..attempts {
            match http_get(&self.url).await {
                Ok(body) => {
                    self.failures = 0;
                    return Ok(body);
                }
                Err(code) if code >= 500 => {
                    last = code;
                    sleep_ms(100 * (attempt as u64 + 1)).await;
                }
                Err(code) => {
                    self.failures += 1;
                    return Err(code);
                }
            }
        }
        Err(last)
    }

    pub async fn new_episodes(&mut self) -> Vec<Episode> {
        let body = match self.fetch_with_retry(3).await {
            Ok(b) => b,
            Err(_) => return Vec::new(),
        };
        let mut fresh = Vec::new();
        for ep in parse_items(&body) {
            if self.seen.insert(ep.guid.clone()) {
                fresh.push(ep);
            }
        }
        fresh
    }
}

pub async fn poll_all(urls: Vec<String>) -> u32 {
    let mut feeds: Vec<Feed> = urls
        .into_iter()
        .map(|url| Feed { url, seen: HashSet::new(), failures: 0 })
        .collect();
    let mut total_minutes = 0u32;
    for feed in feeds.iter_mut() {
        let episodes = feed.new_episodes().await;
        for (i, ep) in episodes.iter().enumerate() {
            println!("[{}] {} - {}", i, feed.url, ep.title);
            total_minutes += ep.seconds / 60;
        }
    }
    let broken = feeds.iter().filter(|f| f.failures > 0).count();
    if broken > 0 {
        sleep_ms(broken as u64 * 10).await;
    }
    total_minutes
}

pub async fn title_lengths(url: String) -> Vec<usize> {
    let fetch = async move {
        let body = http_get(&url).await.ok()?;
        Some(parse_items(&body))
    };
    let Some(items) = fetch.await else {
        return vec![];
    };
    items.iter().map(|e| e.title.chars().count()).collect()
}
