//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::time::{Duration, Instant};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct Sleep {
        polled: bool,
        pub ms: u64,
    }

    impl Future for Sleep {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.polled {
                Poll::Ready(())
            } else {
                self.polled = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    pub fn sleep(ms: u64) -> Sleep {
        Sleep { polled: false, ms }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub burst: u32,
    pub per_second: u32,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

#[derive(Debug)]
pub struct Limited {
    pub retry_after: Duration,
}

pub struct RateLimiter {
    quota: Quota,
    buckets: RefCell<HashMap<String, Bucket>>,
    rejected: Cell<u64>,
}

impl RateLimiter {
    pub fn new(quota: Quota) -> Rc<Self> {
        Rc::new(RateLimiter { quota, buckets: RefCell::new(HashMap::new()), rejected: Cell::new(0) })
    }

    fn try_acquire(&self, key: &str) -> Result<(), Limited> {
        let mut buckets = self.buckets.borrow_mut();
        let now = Instant::now();
        let burst = self.quota.burst as f64;
        let b = buckets.entry(key.to_owned()).or_insert_with(|| Bucket { tokens: burst, last: now });
        let elapsed = now.duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.quota.per_second as f64).min(burst);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            self.rejected.set(self.rejected.get() + 1);
            let missing = 1.0 - b.tokens;
            let rate = self.quota.per_second.max(1) as f64;
            Err(Limited { retry_after: Duration::from_secs_f64(missing / rate) })
        }
    }

    pub async fn acquire(&self, key: &str) {
        loop {
            match self.try_acquire(key) {
                Ok(()) => return,
                Err(Limited { retry_after }) => rt::sleep(retry_after.as_millis() as u64).await,
            }
        }
    }

    pub async fn throttled<F, Fut, T>(&self, key: &str, f: F) -> Result<T, Limited>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = T>,
    {
        self.try_acquire(key)?;
        Ok(f().await)
    }
}

pub async fn handle_burst(limiter: Rc<RateLimiter>, clients: &[&str]) -> (u32, u32) {
    let mut ok = 0;
    let mut denied = 0;
    for (i, client) in clients.iter().enumerate() {
        let res = limiter.throttled(client, || async move { i * 2 }).await;
        match res {
            Ok(v) if v % 4 == 0 => ok += 2,
            Ok(_) => ok += 1,
            Err(e) => {
                denied += 1;
                println!("{client} limited, retry in {:?}", e.retry_after);
            }
        }
    }
    let buckets = limiter.buckets.borrow();
    let low = buckets.values().filter(|b| b.tokens < 1.0).count();
    rt::sleep(5).await;
    println!("{} of {} buckets drained", low, buckets.len());
    (ok, denied)
}

pub async fn polite_client(limiter: &RateLimiter, urls: Vec<String>) -> Vec<usize> {
    let mut sizes = Vec::with_capacity(urls.len());
    for url in &urls {
        let host = url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or("unknown");
        limiter.acquire(host).await;
        let body = limiter
            .throttled(host, || async { url.len() * 10 })
            .await
            .unwrap_or_default();
        sizes.push(body);
    }
    sizes
}
