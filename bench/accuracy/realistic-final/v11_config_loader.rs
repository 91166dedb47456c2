#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::num::{ParseFloatError, ParseIntError};
use std::pin::Pin;
use std::str::ParseBoolError;
use std::task::{Context, Poll, Waker};

#[derive(Debug)]
enum ConfigError {
    Io(String),
    Syntax { source: String, line: usize, msg: &'static str },
    Missing(String),
    BadInt(ParseIntError),
    BadBool(ParseBoolError),
}

impl From<ParseIntError> for ConfigError {
    fn from(e: ParseIntError) -> Self {
        ConfigError::BadInt(e)
    }
}
impl From<ParseBoolError> for ConfigError {
    fn from(e: ParseBoolError) -> Self {
        ConfigError::BadBool(e)
    }
}

trait Source {
    fn label(&self) -> String;
    async fn load(&self) -> Result<String, ConfigError>;
}

struct FileSource {
    path: &'static str,
    contents: Option<&'static str>,
}
struct EnvSource {
    prefix: &'static str,
    vars: Vec<(&'static str, &'static str)>,
}

impl Source for FileSource {
    fn label(&self) -> String {
        format!("file:{}", self.path)
    }
    async fn load(&self) -> Result<String, ConfigError> {
        self.contents.map(str::to_owned).ok_or_else(|| ConfigError::Io(format!("{} not found", self.path)))
    }
}

impl Source for EnvSource {
    fn label(&self) -> String {
        format!("env:{}*", self.prefix)
    }
    async fn load(&self) -> Result<String, ConfigError> {
        let mut out = String::from("[env]\n");
        for (k, v) in self.vars.iter().filter(|(k, _)| k.starts_with(self.prefix)) {
            let key = k.trim_start_matches(self.prefix).to_lowercase().replace("__", ".");
            out.push_str(&format!("{} = {}\n", key, v));
        }
        Ok(out)
    }
}

#[derive(Debug, Default)]
struct Config {
    values: BTreeMap<String, String>,
    origins: BTreeMap<String, String>,
}

impl Config {
    fn merge_text(&mut self, label: &str, text: &str) -> Result<usize, ConfigError> {
        let mut section = String::new();
        let mut n = 0;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('[') {
                let name = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')).ok_or(ConfigError::Syntax {
                    source: label.to_string(),
                    line: i + 1,
                    msg: "unterminated section",
                })?;
                section = if name == "env" { String::new() } else { format!("{}.", name.trim()) };
                continue;
            }
            let (k, v) = line.split_once('=').ok_or(ConfigError::Syntax { source: label.to_string(), line: i + 1, msg: "expected '='" })?;
            let key = format!("{}{}", section, k.trim());
            self.values.insert(key.clone(), v.trim().trim_matches('"').to_string());
            self.origins.insert(key, label.to_string());
            n += 1;
        }
        Ok(n)
    }

    fn get_int(&self, key: &str) -> Result<i64, ConfigError> {
        let raw = self.values.get(key).ok_or_else(|| ConfigError::Missing(key.into()))?;
        Ok(raw.parse::<i64>()?)
    }

    fn get_bool(&self, key: &str) -> Result<bool, ConfigError> {
        let raw = self.values.get(key).ok_or_else(|| ConfigError::Missing(key.into()))?;
        Ok(raw.parse()?)
    }
}

async fn layer<S: Source>(cfg: &mut Config, src: &S, required: bool) -> Result<usize, ConfigError> {
    let text = match src.load().await {
        Ok(t) => t,
        Err(ConfigError::Io(msg)) if !required => {
            println!("skipping optional {}: {}", src.label(), msg);
            return Ok(0);
        }
        Err(e) => return Err(e),
    };
    cfg.merge_text(&src.label(), &text)
}

async fn load_all() -> Result<Config, ConfigError> {
    let mut cfg = Config::default();
    let base = FileSource { path: "app.ini", contents: Some("# defaults\n[server]\nport = 8080\ntls = false\n[db]\npool = 4\nurl = \"pg://localhost\"\n") };
    let local = FileSource { path: "local.ini", contents: None };
    let env = EnvSource { prefix: "APP_", vars: vec![("APP_SERVER__PORT", "9090"), ("HOME", "/root"), ("APP_DB__POOL", "16")] };
    let a = layer(&mut cfg, &base, true).await?;
    let b = layer(&mut cfg, &local, false).await?;
    let c = layer(&mut cfg, &env, true).await?;
    println!("layers contributed {} + {} + {}", a, b, c);
    Ok(cfg)
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let cfg = match block_on(load_all()) {
        Ok(c) => c,
        Err(e) => {
            println!("config failed: {:?}", e);
            return;
        }
    };
    for (k, v) in &cfg.values {
        println!("{} = {} (from {})", k, v, cfg.origins[k]);
    }
    println!("port {:?} tls {:?} missing {:?}", cfg.get_int("server.port"), cfg.get_bool("server.tls"), cfg.get_int("cache.ttl").is_err());

    let broken = block_on(async {
        let mut c = Config::default();
        let bad = FileSource { path: "bad.ini", contents: Some("[server\nport=1") };
        layer(&mut c, &bad, true).await
    });
    println!("broken -> {:?}", broken);
}
