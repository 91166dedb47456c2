//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::time::Duration;

mod rt {
    pub async fn sleep(_d: std::time::Duration) {}
}

pub trait Retryable {
    fn is_retryable(&self) -> bool;
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    max: Duration,
    factor: u32,
    seed: Cell<u64>,
}

impl Backoff {
    pub fn new(base_ms: u64, max_ms: u64) -> Self {
        Backoff { base: Duration::from_millis(base_ms), max: Duration::from_millis(max_ms), factor: 2, seed: Cell::new(0x2545f4914f6cdd1d) }
    }

    fn next_delay(&self, attempt: u32) -> Duration {
        let capped = self.base.saturating_mul(self.factor.saturating_pow(attempt)).min(self.max);
        let mut x = self.seed.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.seed.set(x);
        let jitter = x % (capped.as_millis() as u64 / 4 + 1);
        capped.saturating_sub(Duration::from_millis(jitter))
    }
}

#[derive(Debug)]
pub enum RetryError<E> {
    Exhausted { attempts: u32, last: E },
    Fatal(E),
}

pub async fn retry<F, Fut, T, E>(policy: &Backoff, max_attempts: u32, mut op: F) -> Result<T, RetryError<E>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: Retryable + fmt::Debug,
{
    let mut attempt = 0;
    let mut last_err = None;
    while attempt < max_attempts {
        attempt += 1;
        match op(attempt).await {
            Ok(v) => return Ok(v),
            Err(e) if !e.is_retryable() => return Err(RetryError::Fatal(e)),
            Err(e) => {
                let delay = e.retry_after().unwrap_or_else(|| policy.next_delay(attempt));
                println!("attempt {attempt} failed: {e:?}, sleeping {delay:?}");
                last_err = Some(e);
                rt::sleep(delay).await;
            }
        }
    }
    Err(RetryError::Exhausted { attempts: attempt, last: last_err.expect("max_attempts must be > 0") })
}

#[derive(Debug)]
pub enum HttpError {
    Status(u16),
    Timeout,
    Dns(String),
}

impl Retryable for HttpError {
    fn is_retryable(&self) -> bool {
        match *self {
            HttpError::Status(s) => s == 429 || s >= 500,
            HttpError::Timeout => true,
            HttpError::Dns(_) => false,
        }
    }
    fn retry_after(&self) -> Option<Duration> {
        matches!(self, HttpError::Status(429)).then(|| Duration::from_secs(1))
    }
}

#[derive(Debug)]
pub struct DbError {
    code: String,
}

impl Retryable for DbError {
    fn is_retryable(&self) -> bool {
        self.code.starts_with("40")
    }
}

async fn fetch(url: &str, attempt: u32) -> Result<String, HttpError> {
    rt::sleep(Duration::from_millis(3)).await;
    let host = url.trim_start_matches("https://").split('/').next().unwrap_or_default();
    match (host, attempt) {
        ("", _) => Err(HttpError::Dns(url.to_string())),
        (_, 1) => Err(HttpError::Status(503)),
        (_, 2) if host.ends_with(".slow") => Err(HttpError::Timeout),
        _ => Ok(format!("<html>{host}</html>")),
    }
}

async fn insert_row(table: &str, row: &[(&str, i64)]) -> Result<u64, DbError> {
    if row.iter().any(|(col, _)| col.is_empty()) {
        return Err(DbError { code: "42703".into() });
    }
    rt::sleep(Duration::from_millis(1)).await;
    Ok(row.iter().map(|&(_, v)| v.unsigned_abs()).sum())
}

pub async fn sync_remote(urls: &[&str]) -> Vec<Result<String, RetryError<HttpError>>> {
    let policy = Backoff::new(100, 5_000);
    let mut out = Vec::with_capacity(urls.len());
    for url in urls {
        out.push(retry(&policy, 4, |n| fetch(url, n)).await);
    }
    out
}

pub async fn persist(rows: Vec<Vec<(&str, i64)>>) -> Result<u64, RetryError<DbError>> {
    let policy = Backoff::new(20, 1_000);
    let mut total = 0;
    for row in &rows {
        total += retry(&policy, 3, |attempt| async move { insert_row("events", row).await }).await?;
    }
    Ok(total)
}
