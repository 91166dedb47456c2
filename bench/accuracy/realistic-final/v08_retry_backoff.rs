#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::cell::Cell;
    thread_local! {
        pub static SLEPT: Cell<u64> = Cell::new(0);
    }
    pub async fn sleep(ms: u64) {
        SLEPT.with(|s| s.set(s.get() + ms));
    }
}

#[derive(Debug, Clone)]
enum NetError {
    Timeout,
    Refused(u16),
    Fatal(String),
}

#[derive(Debug)]
enum AppError {
    Net(NetError),
    Decode(String),
    GaveUp { attempts: u32, last: NetError },
}

impl From<NetError> for AppError {
    fn from(e: NetError) -> Self {
        AppError::Net(e)
    }
}

impl From<std::str::Utf8Error> for AppError {
    fn from(e: std::str::Utf8Error) -> Self {
        AppError::Decode(e.to_string())
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}", self)
    }
}

#[derive(Clone, Copy)]
struct Backoff {
    base_ms: u64,
    factor: u64,
    max_ms: u64,
    max_attempts: u32,
}

impl Backoff {
    fn delay(&self, attempt: u32) -> u64 {
        let raw = self.base_ms.saturating_mul(self.factor.saturating_pow(attempt));
        raw.min(self.max_ms)
    }
}

impl NetError {
    fn retryable(&self) -> bool {
        matches!(self, NetError::Timeout | NetError::Refused(503))
    }
}

async fn retry<T, F, Fut>(policy: Backoff, mut op: F) -> Result<T, AppError>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, NetError>>,
{
    let mut attempt = 0;
    loop {
        match op(attempt).await {
            Ok(v) => return Ok(v),
            Err(e) if e.retryable() && attempt + 1 < policy.max_attempts => {
                let d = policy.delay(attempt);
                rt::sleep(d).await;
                attempt += 1;
            }
            Err(e) if e.retryable() => {
                return Err(AppError::GaveUp { attempts: attempt + 1, last: e });
            }
            Err(e) => return Err(e.into()),
        }
    }
}

struct FlakyServer {
    fail_first: u32,
    calls: Cell<u32>,
}

impl FlakyServer {
    async fn get(&self, path: &str) -> Result<Vec<u8>, NetError> {
        let n = self.calls.get();
        self.calls.set(n + 1);
        if path == "/fatal" {
            return Err(NetError::Fatal("bad path".into()));
        }
        if n < self.fail_first {
            return Err(if n % 2 == 0 { NetError::Timeout } else { NetError::Refused(503) });
        }
        Ok(format!("body of {}", path).into_bytes())
    }
}

async fn fetch_text(srv: &FlakyServer, path: &str, policy: Backoff) -> Result<String, AppError> {
    let bytes = retry(policy, |_| srv.get(path)).await?;
    let s = std::str::from_utf8(&bytes)?;
    Ok(s.to_string())
}

async fn fetch_len(srv: Rc<FlakyServer>, policy: Backoff) -> Result<usize, AppError> {
    let n = retry(policy, move |attempt| {
        let srv = srv.clone();
        async move { srv.get("/len").await.map(|b| b.len() + attempt as usize) }
    })
    .await?;
    Ok(n)
}

fn boxed_probe(srv: Rc<FlakyServer>) -> Pin<Box<dyn Future<Output = bool>>> {
    Box::pin(async move { srv.get("/health").await.is_ok() })
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(x) = f.as_mut().poll(&mut cx) {
            return x;
        }
    }
}

fn main() {
    let policy = Backoff { base_ms: 10, factor: 2, max_ms: 100, max_attempts: 4 };
    let srv = Rc::new(FlakyServer { fail_first: 2, calls: Cell::new(0) });

    match block_on(fetch_text(&srv, "/users", policy)) {
        Ok(t) => println!("ok: {}", t),
        Err(e) => println!("err: {}", e),
    }
    let fatal = block_on(fetch_text(&srv, "/fatal", policy));
    println!("fatal -> {:?}", fatal.err());

    let stubborn = Rc::new(FlakyServer { fail_first: 10, calls: Cell::new(0) });
    let r = block_on(fetch_len(stubborn.clone(), policy));
    if let Err(AppError::GaveUp { attempts, last }) = &r {
        println!("gave up after {} ({:?})", attempts, last);
    }
    let counted: Result<u32, AppError> = block_on(retry(policy, |a| async move {
        if a < 1 { Err(NetError::Timeout) } else { Ok(a * 100) }
    }));
    println!("counted {:?}", counted.ok());
    println!("health {}", block_on(boxed_probe(srv.clone())));
    println!("total slept {}ms", rt::SLEPT.with(|s| s.get()));
}
