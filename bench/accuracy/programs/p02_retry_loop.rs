#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, Copy, PartialEq)]
enum FetchError {
    Timeout,
    Refused,
    Fatal,
}

struct RetryPolicy {
    max_attempts: u32,
    base_delay_ms: u64,
    max_delay_ms: u64,
}

impl RetryPolicy {
    fn delay_for(&self, attempt: u32) -> u64 {
        let d = self.base_delay_ms.saturating_mul(1u64 << attempt.min(16));
        d.min(self.max_delay_ms)
    }
}

async fn sleep_ms(ms: u64) {}

async fn fetch_once(url: &str, attempt: u32) -> Result<Vec<u8>, FetchError> {
    if url.is_empty() {
        return Err(FetchError::Fatal);
    }
    if attempt < 2 {
        Err(FetchError::Timeout)
    } else {
        Ok(url.as_bytes().to_vec())
    }
}

async fn fetch_with_retry(url: &str, policy: &RetryPolicy) -> Result<Vec<u8>, FetchError> {
    let mut attempt: u32 = 0;
    let mut last_err = FetchError::Timeout;
    while attempt < policy.max_attempts {
        match fetch_once(url, attempt).await {
            Ok(data) => return Ok(data),
            Err(FetchError::Fatal) => return Err(FetchError::Fatal),
            Err(e) => {
                last_err = e;
                let delay = policy.delay_for(attempt);
                println!("attempt {} failed: {:?}, sleeping {}ms", attempt, e, delay);
                sleep_ms(delay).await;
            }
        }
        attempt += 1;
    }
    Err(last_err)
}

async fn fetch_all(urls: &[&str]) -> (Vec<Vec<u8>>, usize) {
    let policy = RetryPolicy { max_attempts: 5, base_delay_ms: 50, max_delay_ms: 2000 };
    let mut ok = Vec::with_capacity(urls.len());
    let mut failures = 0usize;
    for (i, url) in urls.iter().enumerate() {
        let res = fetch_with_retry(url, &policy).await;
        if let Ok(bytes) = res {
            ok.push(bytes);
        } else {
            failures += 1;
            if failures > 3 {
                println!("too many failures at index {}", i);
                break;
            }
        }
    }
    (ok, failures)
}

async fn fetch_first_available(mirrors: Vec<String>) -> Option<Vec<u8>> {
    let policy = RetryPolicy { max_attempts: 2, base_delay_ms: 10, max_delay_ms: 100 };
    let attempt_mirror = async |m: String| -> Option<Vec<u8>> {
        let r = fetch_with_retry(&m, &policy).await;
        r.ok()
    };
    for m in mirrors {
        if let Some(bytes) = attempt_mirror(m).await {
            return Some(bytes);
        }
        sleep_ms(5).await;
    }
    None
}
