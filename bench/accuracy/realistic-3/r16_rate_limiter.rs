#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! API gateway rate limiting: token buckets per client, sliding-window quotas, queued waits.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll};

    /// Virtual clock; sleeping advances it after one pending poll.
    #[derive(Clone, Default)]
    pub struct Clock(pub Arc<Mutex<u64>>);
    pub struct Sleep { clock: Clock, ms: u64, armed: bool }
    impl Future for Sleep {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.armed {
                *self.clock.0.lock().unwrap() += self.ms;
                return Poll::Ready(());
            }
            self.armed = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
    impl Clock {
        pub fn now(&self) -> u64 { *self.0.lock().unwrap() }
        pub fn sleep(&self, ms: u64) -> Sleep { Sleep { clock: self.clone(), ms, armed: false } }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket { tokens: f64, last: u64 }

#[derive(Debug, Clone, Copy)]
struct Plan { rate_per_s: f64, burst: f64, daily_quota: usize }

struct Limiter {
    clock: rt::Clock,
    plans: HashMap<&'static str, Plan>,
    buckets: Mutex<HashMap<String, Bucket>>,
    windows: Mutex<HashMap<String, VecDeque<u64>>>,
    allowed: Mutex<u64>,
    throttled: Mutex<u64>,
}

#[derive(Debug, PartialEq)]
enum Decision { Allow, Wait(u64), QuotaExceeded }

impl Limiter {
    fn decide(&self, client: &str, tier: &str) -> Decision {
        let plan = self.plans[tier];
        let now = self.clock.now();
        {
            let mut windows = self.windows.lock().unwrap();
            let w = windows.entry(client.to_string()).or_default();
            while w.front().map_or(false, |t| now - t >= 86_400_000) {
                w.pop_front();
            }
            if w.len() >= plan.daily_quota {
                return Decision::QuotaExceeded;
            }
        }
        let mut buckets = self.buckets.lock().unwrap();
        let b = buckets.entry(client.to_string()).or_insert(Bucket { tokens: plan.burst, last: now });
        let elapsed = (now - b.last) as f64 / 1000.0;
        b.tokens = (b.tokens + elapsed * plan.rate_per_s).min(plan.burst);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            self.windows.lock().unwrap().get_mut(client).unwrap().push_back(now);
            Decision::Allow
        } else {
            Decision::Wait(((1.0 - b.tokens) / plan.rate_per_s * 1000.0).ceil() as u64)
        }
    }

    async fn acquire(&self, client: &str, tier: &str, max_wait: u64) -> Result<u64, Decision> {
        let mut waited = 0;
        loop {
            match self.decide(client, tier) {
                Decision::Allow => {
                    *self.allowed.lock().unwrap() += 1;
                    return Ok(waited);
                }
                Decision::Wait(ms) if waited + ms <= max_wait => {
                    self.clock.sleep(ms).await;
                    waited += ms;
                }
                other => {
                    *self.throttled.lock().unwrap() += 1;
                    return Err(other);
                }
            }
        }
    }
}

async fn handle_request(limiter: &Limiter, client: &str, tier: &str, path: &str) -> (u16, String) {
    match limiter.acquire(client, tier, 1500).await {
        Ok(0) => (200, format!("{path} ok")),
        Ok(waited) => (200, format!("{path} ok after {waited}ms")),
        Err(Decision::QuotaExceeded) => (429, "daily quota exceeded".to_string()),
        Err(d) => (429, format!("slow down: {d:?}")),
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    static VT: RawWakerVTable = RawWakerVTable::new(|d| RawWaker::new(d, &VT), |_| {}, |_| {}, |_| {});
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let clock = rt::Clock::default();
    let limiter = Arc::new(Limiter {
        clock: clock.clone(),
        plans: HashMap::from([
            ("free", Plan { rate_per_s: 1.0, burst: 2.0, daily_quota: 4 }),
            ("pro", Plan { rate_per_s: 10.0, burst: 5.0, daily_quota: 1000 }),
        ]),
        buckets: Mutex::new(HashMap::new()),
        windows: Mutex::new(HashMap::new()),
        allowed: Mutex::new(0),
        throttled: Mutex::new(0),
    });
    let traffic = "free-1 free /search\nfree-1 free /search\nfree-1 free /search\npro-9 pro /export\npro-9 pro /export\nfree-1 free /search\nfree-1 free /item/3\nfree-1 free /item/4\npro-9 pro /export";
    let l = Arc::clone(&limiter);
    let codes = block_on(async move {
        let mut codes = HashMap::new();
        for line in traffic.lines() {
            let cols: Vec<&str> = line.split(' ').collect();
            let (status, msg) = handle_request(&l, cols[0], cols[1], cols[2]).await;
            *codes.entry(status).or_insert(0) += 1;
            if status != 200 || msg.contains("after") { println!("{} {} -> {} {}", cols[0], cols[2], status, msg); }
        }
        codes
    });
    println!("codes={:?} allowed={} throttled={} clock={}ms", codes, limiter.allowed.lock().unwrap(), limiter.throttled.lock().unwrap(), clock.now());
}
