#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Web crawler frontier: BFS over links with per-host politeness and a depth limit.

use std::collections::{HashMap, HashSet, VecDeque};

#[derive(Debug, Clone)]
struct Page {
    url: String,
    status: u16,
    links: Vec<String>,
}

struct Frontier {
    queue: VecDeque<(String, u8)>,
    seen: HashSet<String>,
    per_host: HashMap<String, u32>,
    max_per_host: u32,
    max_depth: u8,
}

async fn http_get(url: &str) -> Result<Page, String> {
    if url.contains("broken") {
        return Err(format!("connection reset: {}", url));
    }
    let links = (0..3).map(|i| format!("{}/p{}", url.trim_end_matches('/'), i)).collect();
    Ok(Page { url: url.to_string(), status: 200, links })
}

async fn robots_allows(host: &str, path: &str) -> bool {
    !path.starts_with("/admin") && host != "private.example"
}

async fn fetch_sitemap(host: &str) -> Option<Vec<String>> {
    if host.starts_with("docs") {
        Some(vec![format!("https://{}/guide", host), format!("https://{}/api", host)])
    } else {
        None
    }
}

fn split_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("https://")?;
    let slash = rest.find('/').unwrap_or(rest.len());
    Some((rest[..slash].to_string(), rest[slash..].to_string()))
}

impl Frontier {
    fn push(&mut self, url: String, depth: u8) -> bool {
        if depth > self.max_depth || !self.seen.insert(url.clone()) {
            return false;
        }
        self.queue.push_back((url, depth));
        true
    }

    async fn next_allowed(&mut self) -> Option<(String, u8)> {
        while let Some((url, depth)) = self.queue.pop_front() {
            let (host, path) = split_url(&url)?;
            let count = self.per_host.entry(host.clone()).or_insert(0);
            if *count >= self.max_per_host {
                continue;
            }
            if robots_allows(&host, &path).await {
                *self.per_host.get_mut(&host).unwrap() += 1;
                return Some((url, depth));
            }
        }
        None
    }
}

pub async fn crawl(seed: &str, budget: usize) -> Vec<String> {
    let mut frontier = Frontier {
        queue: VecDeque::new(),
        seen: HashSet::new(),
        per_host: HashMap::new(),
        max_per_host: 5,
        max_depth: 2,
    };
    frontier.push(seed.to_string(), 0);
    if let Some((host, _)) = split_url(seed) {
        let extra = async {
            let urls = fetch_sitemap(&host).await?;
            Some(urls.into_iter().filter(|u| !u.contains("#")).collect::<Vec<String>>())
        }
        .await
        .unwrap_or_default();
        for u in extra {
            frontier.push(u, 1);
        }
    }
    let mut fetched: Vec<String> = Vec::new();
    let mut errors = 0u32;

    'crawl: while fetched.len() < budget {
        let Some((url, depth)) = frontier.next_allowed().await else {
            break 'crawl;
        };
        let page = match http_get(&url).await {
            Ok(p) if p.status == 200 => p,
            Ok(_) => continue 'crawl,
            Err(e) => {
                errors += 1;
                if errors > 3 {
                    break 'crawl;
                }
                continue;
            }
        };
        for link in page.links {
            frontier.push(link, depth + 1);
        }
        fetched.push(page.url);
    }
    fetched
}

pub async fn crawl_docs() -> usize {
    let seeds = ["https://docs.example/", "https://private.example/x"];
    let mut total = 0;
    let crawl_one = async |seed: &str| -> usize { crawl(seed, 10).await.len() };
    for seed in seeds {
        total += crawl_one(seed).await;
    }
    total
}
