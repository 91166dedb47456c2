#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Default)]
struct Config {
    host: String,
    port: u16,
    workers: usize,
    debug: bool,
    extra: HashMap<String, String>,
}

#[derive(Debug)]
enum ConfigError {
    Missing(&'static str),
    Invalid { key: String, value: String },
    Io(String),
}

async fn read_file(path: &str) -> Result<String, ConfigError> {
    if path.ends_with(".conf") {
        Ok(String::from("host = localhost\nport = 8080\nworkers = 4\ndebug = true\n"))
    } else {
        Err(ConfigError::Io(format!("cannot open {}", path)))
    }
}

async fn read_env(name: &str) -> Option<String> {
    if name == "APP_PORT" { Some("9090".to_string()) } else { None }
}

fn parse_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (k, v) = line.split_once('=')?;
    Some((k.trim().to_string(), v.trim().to_string()))
}

async fn parse_config(text: String) -> Result<Config, ConfigError> {
    let mut cfg = Config::default();
    for line in text.lines() {
        let Some((key, value)) = parse_line(line) else { continue };
        match key.as_str() {
            "host" => cfg.host = value,
            "port" => {
                cfg.port = value
                    .parse()
                    .map_err(|_| ConfigError::Invalid { key: key.clone(), value: value.clone() })?
            }
            "workers" => cfg.workers = value.parse().unwrap_or(1),
            "debug" => cfg.debug = value == "true",
            _ => {
                cfg.extra.insert(key, value);
            }
        }
    }
    if cfg.host.is_empty() {
        return Err(ConfigError::Missing("host"));
    }
    Ok(cfg)
}

async fn apply_env_overrides(mut cfg: Config) -> Config {
    if let Some(port) = read_env("APP_PORT").await {
        if let Ok(p) = port.parse::<u16>() {
            cfg.port = p;
        }
    }
    let workers = read_env("APP_WORKERS").await;
    cfg.workers = match workers {
        Some(w) => w.parse().unwrap_or(cfg.workers),
        None => cfg.workers,
    };
    cfg
}

async fn load_config(paths: &[&str]) -> Result<Config, ConfigError> {
    let mut last_err = ConfigError::Missing("path");
    for path in paths {
        let text = match read_file(path).await {
            Ok(t) => t,
            Err(e) => {
                last_err = e;
                continue;
            }
        };
        let cfg = parse_config(text).await?;
        return Ok(apply_env_overrides(cfg).await);
    }
    Err(last_err)
}
