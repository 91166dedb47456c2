//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::BTreeMap;
use std::num::ParseIntError;
use std::sync::{Arc, RwLock};
use std::time::Duration;

mod rt {
    pub async fn sleep(_ms: u64) {}
    pub async fn read_to_string(path: &str) -> std::io::Result<String> {
        Ok(format!("# {path}\n[server]\nport = 8080\nworkers = 4\n[cache]\nttl_secs = 30\n"))
    }
}

#[derive(Debug)]
pub enum ConfigError {
    Io(std::io::Error),
    BadNumber { key: String, source: ParseIntError },
    Syntax { line: usize, text: String },
    Missing(&'static str),
}

impl From<std::io::Error> for ConfigError {
    fn from(e: std::io::Error) -> Self {
        ConfigError::Io(e)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    pub port: u16,
    pub workers: usize,
    pub cache_ttl: Duration,
    pub raw: BTreeMap<String, String>,
}

fn parse(text: &str) -> Result<BTreeMap<String, String>, ConfigError> {
    let mut section = String::new();
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = line[1..line.len() - 1].trim().to_string();
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| ConfigError::Syntax { line: n + 1, text: line.to_string() })?;
        out.insert(format!("{}.{}", section, k.trim()), v.trim().trim_matches('"').to_string());
    }
    Ok(out)
}

fn number<T: std::str::FromStr<Err = ParseIntError>>(raw: &BTreeMap<String, String>, key: &'static str) -> Result<T, ConfigError> {
    let v = raw.get(key).ok_or(ConfigError::Missing(key))?;
    v.parse().map_err(|source| ConfigError::BadNumber { key: key.to_string(), source })
}

pub async fn load(path: &str) -> Result<Config, ConfigError> {
    let text = rt::read_to_string(path).await?;
    let raw = parse(&text)?;
    Ok(Config {
        port: number(&raw, "server.port")?,
        workers: number(&raw, "server.workers")?,
        cache_ttl: Duration::from_secs(number(&raw, "cache.ttl_secs")?),
        raw,
    })
}

pub struct Reloader {
    path: String,
    current: Arc<RwLock<Arc<Config>>>,
    generation: u64,
}

impl Reloader {
    pub fn handle(&self) -> Arc<RwLock<Arc<Config>>> {
        Arc::clone(&self.current)
    }

    pub async fn reload_once(&mut self) -> Result<bool, ConfigError> {
        let fresh = load(&self.path).await?;
        if **self.current.read().unwrap() == fresh {
            return Ok(false);
        }
        *self.current.write().unwrap() = Arc::new(fresh);
        self.generation += 1;
        Ok(true)
    }

    pub async fn watch(&mut self, max_polls: u32) -> u64 {
        let mut consecutive_errors = 0u32;
        'poll: for tick in 0..max_polls {
            match self.reload_once().await {
                Ok(true) => {
                    let cfg = self.current.read().unwrap();
                    println!("gen {} loaded: port={} workers={}", self.generation, cfg.port, cfg.workers);
                    consecutive_errors = 0;
                }
                Ok(false) => {}
                Err(ConfigError::Syntax { line, ref text }) if consecutive_errors < 3 => {
                    eprintln!("syntax error at line {line}: {text}");
                    consecutive_errors += 1;
                }
                Err(e) => {
                    eprintln!("giving up on {}: {:?}", self.path, e);
                    break 'poll;
                }
            }
            rt::sleep(1000).await;
        }
        self.generation
    }
}

pub async fn serve_with_config(path: &str) -> Result<u16, ConfigError> {
    let initial = load(path).await?;
    let mut reloader = Reloader { path: path.to_string(), current: Arc::new(RwLock::new(Arc::new(initial))), generation: 0 };
    let handle = reloader.handle();
    let guard = handle.read().unwrap();
    let port = guard.port;
    reloader.reload_once().await.ok();
    drop(guard);
    reloader.watch(3).await;
    let workers = handle.read().unwrap().workers;
    Ok(port + workers as u16)
}
