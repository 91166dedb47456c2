#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Record {
    A([u8; 4]),
    Cname(String),
    Nx,
}

struct Resolver {
    cache: HashMap<String, (Record, u32)>,
    upstreams: Vec<String>,
    now: u32,
}

async fn query_upstream(server: &str, name: &str) -> Result<(Record, u32), String> {
    if server.contains("dead") {
        return Err(format!("{} timed out", server));
    }
    if name.starts_with("www.") {
        return Ok((Record::Cname(name[4..].to_string()), 300));
    }
    if name.ends_with(".invalid") {
        return Ok((Record::Nx, 60));
    }
    let b = name.len() as u8;
    Ok((Record::A([10, 0, b, 1]), 600))
}

async fn sleep_ms(ms: u64) {}

impl Resolver {
    async fn lookup_once(&mut self, name: &str) -> Result<Record, String> {
        if let Some((rec, expires)) = self.cache.get(name) {
            if *expires > self.now {
                return Ok(rec.clone());
            }
        }
        let mut last_err = String::from("no upstreams");
        for server in self.upstreams.clone() {
            match query_upstream(&server, name).await {
                Ok((rec, ttl)) => {
                    self.cache.insert(name.to_string(), (rec.clone(), self.now + ttl));
                    return Ok(rec);
                }
                Err(e) => {
                    last_err = e;
                    sleep_ms(20).await;
                }
            }
        }
        Err(last_err)
    }

    async fn resolve(&mut self, name: &str) -> Result<[u8; 4], String> {
        let mut current = name.to_string();
        let mut depth = 0u8;
        loop {
            if depth > 8 {
                return Err("CNAME chain too long".to_string());
            }
            let rec = self.lookup_once(&current).await?;
            match rec {
                Record::A(ip) => return Ok(ip),
                Record::Cname(target) => {
                    current = target;
                    depth += 1;
                }
                Record::Nx => return Err(format!("NXDOMAIN {}", current)),
            }
        }
    }
}

async fn resolve_all(names: &[&str]) -> Vec<String> {
    let mut r = Resolver {
        cache: HashMap::new(),
        upstreams: vec!["dead.example".to_string(), "8.8.8.8".to_string()],
        now: 0,
    };
    let warm_names: Vec<String> = names.iter().take(2).map(|n| n.to_string()).collect();
    let warm = async move {
        let mut ok = 0u32;
        for n in warm_names {
            if query_upstream("8.8.8.8", &n).await.is_ok() {
                ok += 1;
            }
        }
        ok
    };
    println!("warmed {}", warm.await);
    let mut out = Vec::new();
    for name in names {
        r.now += 1;
        let line = match r.resolve(name).await {
            Ok([a, b, c, d]) => format!("{} -> {}.{}.{}.{}", name, a, b, c, d),
            Err(e) => format!("{} !! {}", name, e),
        };
        out.push(line);
    }
    out
}
