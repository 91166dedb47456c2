//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    A(Ipv4Addr),
    Cname(String),
    Txt(String),
}

#[derive(Debug)]
pub enum ResolveError {
    NxDomain(String),
    Loop(String),
    Upstream(String),
    Parse { line: usize, reason: &'static str },
}

pub trait Upstream {
    async fn query(&self, name: &str) -> Result<Vec<(Record, u32)>, ResolveError>;
}

pub struct ZoneFile {
    records: HashMap<String, Vec<(Record, u32)>>,
}

impl ZoneFile {
    pub fn parse(text: &str) -> Result<Self, ResolveError> {
        let mut records: HashMap<String, Vec<(Record, u32)>> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split(';').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |reason| ResolveError::Parse { line: i + 1, reason };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [name, ttl, kind, rest @ ..] = fields.as_slice() else { return Err(err("too few fields")) };
            let ttl: u32 = ttl.parse().map_err(|_| err("bad ttl"))?;
            let value = rest.join(" ");
            let rec = match *kind {
                "A" => Record::A(value.parse().map_err(|_| err("bad address"))?),
                "CNAME" => Record::Cname(value.trim_end_matches('.').to_lowercase()),
                "TXT" => Record::Txt(value.trim_matches('"').to_string()),
                _ => return Err(err("unsupported type")),
            };
            records.entry(name.trim_end_matches('.').to_lowercase()).or_default().push((rec, ttl));
        }
        Ok(ZoneFile { records })
    }
}

impl Upstream for ZoneFile {
    async fn query(&self, name: &str) -> Result<Vec<(Record, u32)>, ResolveError> {
        rt::sleep(2).await;
        self.records.get(name).cloned().ok_or_else(|| ResolveError::NxDomain(name.to_string()))
    }
}

pub struct Forwarder {
    pub servers: Vec<String>,
    attempts: Cell<u32>,
}

impl Upstream for Forwarder {
    async fn query(&self, name: &str) -> Result<Vec<(Record, u32)>, ResolveError> {
        for server in &self.servers {
            self.attempts.set(self.attempts.get() + 1);
            rt::sleep(30).await;
            if server.starts_with("10.") {
                continue;
            }
            let octet = name.bytes().map(u32::from).sum::<u32>() % 250;
            return Ok(vec![(Record::A(Ipv4Addr::new(93, 184, 216, octet as u8)), 300)]);
        }
        Err(ResolveError::Upstream(format!("all {} servers failed", self.servers.len())))
    }
}

pub struct Resolver<U> {
    upstream: U,
    cache: RefCell<HashMap<String, (Vec<Record>, Instant)>>,
    max_chain: usize,
}

impl<U: Upstream> Resolver<U> {
    pub fn new(upstream: U) -> Self {
        Resolver { upstream, cache: RefCell::new(HashMap::new()), max_chain: 8 }
    }

    pub async fn lookup(&self, name: &str) -> Result<Vec<Record>, ResolveError> {
        let key = name.trim_end_matches('.').to_ascii_lowercase();
        if let Some((recs, expires)) = self.cache.borrow().get(&key) {
            if *expires > Instant::now() {
                return Ok(recs.clone());
            }
        }
        let answers = self.upstream.query(&key).await?;
        let min_ttl = answers.iter().map(|(_, ttl)| *ttl).min().unwrap_or(0);
        let recs: Vec<Record> = answers.into_iter().map(|(r, _)| r).collect();
        let expires = Instant::now() + Duration::from_secs(min_ttl as u64);
        self.cache.borrow_mut().insert(key, (recs.clone(), expires));
        Ok(recs)
    }

    pub async fn resolve_a(&self, name: &str) -> Result<Vec<Ipv4Addr>, ResolveError> {
        let mut current = name.to_ascii_lowercase();
        let mut seen = vec![current.clone()];
        'chase: loop {
            let recs = self.lookup(&current).await?;
            let mut addrs = Vec::new();
            for r in &recs {
                match r {
                    Record::A(ip) => addrs.push(*ip),
                    Record::Cname(target) if seen.contains(target) => return Err(ResolveError::Loop(target.clone())),
                    Record::Cname(_) if seen.len() >= self.max_chain => break 'chase,
                    Record::Cname(target) => {
                        seen.push(target.clone());
                        current = target.clone();
                        continue 'chase;
                    }
                    Record::Txt(_) => {}
                }
            }
            return if addrs.is_empty() { Err(ResolveError::NxDomain(current)) } else { Ok(addrs) };
        }
        Err(ResolveError::Loop(seen.join(" -> ")))
    }
}

pub async fn resolve_all(zone: &str, names: &[&str]) -> Result<Vec<String>, ResolveError> {
    let local = Resolver::new(ZoneFile::parse(zone)?);
    let remote = Resolver::new(Forwarder { servers: vec!["10.0.0.53".into(), "1.1.1.1".into()], attempts: Cell::new(0) });
    let mut out = Vec::new();
    for name in names {
        let addrs = match local.resolve_a(name).await {
            Ok(a) => a,
            Err(ResolveError::NxDomain(_)) => remote.resolve_a(name).await?,
            Err(e) => return Err(e),
        };
        out.push(format!("{name}: {}", addrs.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",")));
    }
    Ok(out)
}
