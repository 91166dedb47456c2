#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// URL health checker: probes a list of endpoints, follows redirects,
// measures latency and summarises status per host.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Health {
    Up { latency_ms: u32 },
    Degraded { latency_ms: u32 },
    Down(String),
}

#[derive(Debug)]
pub struct Probe {
    pub status: u16,
    pub location: Option<String>,
    pub latency_ms: u32,
}

async fn head(url: &str) -> Result<Probe, String> {
    if !url.starts_with("http") {
        return Err(format!("unsupported scheme in {}", url));
    }
    if url.ends_with("/old") {
        return Ok(Probe { status: 301, location: Some(url.replace("/old", "/new")), latency_ms: 20 });
    }
    Ok(Probe { status: 200, location: None, latency_ms: url.len() as u32 * 3 })
}

async fn resolve_dns(host: &str) -> Option<[u8; 4]> {
    if host.is_empty() { None } else { Some([10, 0, 0, host.len() as u8]) }
}

fn host_of(url: &str) -> &str {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split('/').next().unwrap_or(rest)
}

pub async fn check(url: &str, max_redirects: u32) -> Health {
    let host = host_of(url);
    if resolve_dns(host).await.is_none() {
        return Health::Down("dns".into());
    }
    let mut current = url.to_string();
    let mut total_latency = 0;
    for hop in 0..=max_redirects {
        let probe = match head(&current).await {
            Ok(p) => p,
            Err(e) => return Health::Down(e),
        };
        total_latency += probe.latency_ms;
        match probe.status {
            200..=299 if total_latency > 500 => return Health::Degraded { latency_ms: total_latency },
            200..=299 => return Health::Up { latency_ms: total_latency },
            301 | 302 | 307 | 308 => {
                let Some(next) = probe.location else {
                    return Health::Down("redirect without location".into());
                };
                current = next;
            }
            code => return Health::Down(format!("status {}", code)),
        }
    }
    Health::Down("too many redirects".into())
}

pub async fn sweep(urls: Vec<String>) -> HashMap<String, (u32, u32)> {
    let mut per_host: HashMap<String, (u32, u32)> = HashMap::new();
    for url in &urls {
        let health = check(url, 3).await;
        let entry = per_host.entry(host_of(url).to_string()).or_insert((0, 0));
        if let Health::Down(reason) = &health {
            entry.1 += 1;
            println!("{} down: {}", url, reason);
        } else {
            entry.0 += 1;
        }
    }
    for (host, (up, down)) in per_host.iter() {
        if *up == 0 && resolve_dns(host).await.is_some() {
            println!("{} resolves but every probe failed ({} checks)", host, down);
        }
    }
    per_host
}

pub async fn flapping(url: String, samples: u32) -> bool {
    let mut previous: Option<bool> = None;
    let mut changes = 0;
    let mut i = 0;
    while i < samples {
        i += 1;
        let up = matches!(check(&url, 1).await, Health::Up { .. } | Health::Degraded { .. });
        if let Some(prev) = previous {
            if prev != up {
                changes += 1;
            }
        }
        previous = Some(up);
    }
    let dns_ok = async { resolve_dns(host_of(&url)).await.is_some() };
    changes >= 2 || !dns_ok.await
}
