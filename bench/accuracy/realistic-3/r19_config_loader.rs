#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Layered service configuration: defaults < file < remote KV < environment, with validation.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::num::ParseIntError;
use std::str::ParseBoolError;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::collections::HashMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub async fn read_to_string(path: &str, fs: &HashMap<&str, &str>) -> std::io::Result<String> {
        Io(false).await;
        fs.get(path).map(|s| s.to_string()).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, path.to_string()))
    }
    pub struct Consul { pub kv: HashMap<String, String>, pub available: bool }
    impl Consul {
        pub async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, String> {
            Io(false).await;
            if !self.available { return Err("consul: no leader".into()); }
            let mut v: Vec<_> = self.kv.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k[prefix.len()..].to_string(), v.clone())).collect();
            v.sort();
            Ok(v)
        }
    }
}

#[derive(Debug)]
enum ConfigError { Io(std::io::Error), Int { key: String, err: ParseIntError }, Bool(ParseBoolError), Invalid(String) }

impl From<std::io::Error> for ConfigError { fn from(e: std::io::Error) -> Self { ConfigError::Io(e) } }
impl From<ParseBoolError> for ConfigError { fn from(e: ParseBoolError) -> Self { ConfigError::Bool(e) } }
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Io(e) => write!(f, "io: {e}"),
            ConfigError::Int { key, err } => write!(f, "{key}: {err}"),
            ConfigError::Bool(e) => write!(f, "bool: {e}"),
            ConfigError::Invalid(s) => write!(f, "invalid: {s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Config { listen_port: u16, workers: usize, db_url: String, log_level: String, tls: bool, allowed_origins: Vec<String>, pool_size: u32 }

impl Default for Config {
    fn default() -> Self {
        Config { listen_port: 8080, workers: 4, db_url: "postgres://localhost/app".into(), log_level: "info".into(), tls: false, allowed_origins: vec![], pool_size: 10 }
    }
}

type Layer = BTreeMap<String, String>;

fn parse_ini(text: &str) -> Layer {
    let mut section = String::new();
    let mut out = Layer::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() { continue; }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.trim().to_string();
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            let key = if section.is_empty() { k.trim().to_string() } else { format!("{}.{}", section, k.trim()) };
            out.insert(key, v.trim().trim_matches('"').to_string());
        }
    }
    out
}

fn int<T: std::str::FromStr<Err = ParseIntError>>(layer: &Layer, key: &str) -> Result<Option<T>, ConfigError> {
    layer.get(key).map(|v| v.parse::<T>().map_err(|err| ConfigError::Int { key: key.to_string(), err })).transpose()
}

fn apply(mut cfg: Config, layer: &Layer) -> Result<Config, ConfigError> {
    if let Some(p) = int::<u16>(layer, "server.port")? { cfg.listen_port = p; }
    if let Some(w) = int::<usize>(layer, "server.workers")? { cfg.workers = w; }
    if let Some(p) = int::<u32>(layer, "db.pool_size")? { cfg.pool_size = p; }
    if let Some(u) = layer.get("db.url") { cfg.db_url = u.clone(); }
    if let Some(l) = layer.get("log.level") { cfg.log_level = l.to_lowercase(); }
    if let Some(t) = layer.get("server.tls") { cfg.tls = t.parse()?; }
    if let Some(o) = layer.get("cors.origins") {
        cfg.allowed_origins = o.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
    }
    Ok(cfg)
}

fn env_layer(env: &[(&str, &str)], prefix: &str) -> Layer {
    env.iter()
        .filter_map(|(k, v)| k.strip_prefix(prefix).map(|rest| (rest.to_lowercase().replacen('_', ".", 1), v.to_string())))
        .collect()
}

async fn load(fs: &std::collections::HashMap<&str, &str>, consul: &rt::Consul, env: &[(&str, &str)], path: &str) -> Result<(Config, Vec<String>), ConfigError> {
    let mut sources = vec!["defaults".to_string()];
    let mut cfg = Config::default();
    match rt::read_to_string(path, fs).await {
        Ok(text) => { cfg = apply(cfg, &parse_ini(&text))?; sources.push(path.to_string()); }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => sources.push(format!("{path} (missing)")),
        Err(e) => return Err(e.into()),
    }
    let remote_layer = async |prefix: &str| -> Result<Layer, String> {
        let pairs = consul.list(prefix).await?;
        Ok(pairs.into_iter().map(|(k, v)| (k.replace('/', "."), v)).collect())
    };
    for prefix in ["services/shared/", "services/api/"] {
        match remote_layer(prefix).await {
            Ok(layer) if layer.is_empty() => continue,
            Ok(layer) => {
                cfg = apply(cfg, &layer)?;
                sources.push(format!("consul {prefix} ({} keys)", layer.len()));
            }
            Err(e) => { sources.push(format!("consul skipped: {e}")); break; }
        }
    }
    let cfg = apply(cfg, &env_layer(env, "APP_"))?;
    sources.push("env".into());
    if cfg.tls && cfg.listen_port == 80 { return Err(ConfigError::Invalid("tls on port 80".into())); }
    if !["debug", "info", "warn", "error"].contains(&cfg.log_level.as_str()) {
        return Err(ConfigError::Invalid(format!("log level {}", cfg.log_level)));
    }
    Ok((cfg, sources))
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let fs = std::collections::HashMap::from([(
        "/etc/api/config.ini",
        "# api config\n[server]\nport = 9000\nworkers=8 # per core\n[db]\nurl=\"postgres://db.internal/api\"\n[cors]\norigins = https://a.example, https://b.example,\n",
    )]);
    let consul = rt::Consul { kv: [("services/shared/server/workers", "6"), ("services/api/db/pool_size", "32"), ("services/api/log/level", "WARN"), ("services/web/log/level", "debug")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), available: true };
    let env = [("APP_SERVER_TLS", "true"), ("HOME", "/root"), ("APP_SERVER_WORKERS", "16")];
    let (cfg, sources) = block_on(load(&fs, &consul, &env, "/etc/api/config.ini")).expect("config");
    println!("{:?}\nsources={:?}", cfg, sources);
    let down = rt::Consul { available: false, ..consul };
    let bad_env = [("APP_DB_POOL_SIZE", "lots")];
    let r = block_on(load(&fs, &down, &bad_env, "/etc/api/missing.ini"));
    println!("second load: {}", r.map(|(c, s)| format!("{s:?}")).unwrap_or_else(|e| e.to_string()));
}
