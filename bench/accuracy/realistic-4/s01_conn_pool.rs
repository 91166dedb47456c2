#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Bounded database connection pool with health-checked checkout and RAII return.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw_waker() }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Sleep {
    remaining: u32,
}

impl Sleep {
    fn new(ticks: u32) -> Self { Sleep { remaining: ticks } }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 {
            Poll::Ready(())
        } else {
            self.remaining -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug)]
enum QueryError {
    Syntax(String),
    Closed,
}

#[derive(Debug)]
enum PoolError {
    Exhausted { waited: u32 },
    Connect(String),
    Query(QueryError),
}

impl From<QueryError> for PoolError {
    fn from(e: QueryError) -> Self {
        PoolError::Query(e)
    }
}

trait Connection: Sized {
    async fn connect(addr: &str, id: u32) -> Result<Self, PoolError>;
    async fn ping(&mut self) -> bool;
    async fn query(&mut self, sql: &str) -> Result<Vec<String>, QueryError>;
}

struct FakePg {
    id: u32,
    addr: String,
    queries: u32,
    healthy: bool,
}

impl Connection for FakePg {
    async fn connect(addr: &str, id: u32) -> Result<Self, PoolError> {
        Sleep::new(2).await;
        if addr.is_empty() {
            return Err(PoolError::Connect("empty address".into()));
        }
        Ok(FakePg { id, addr: addr.to_string(), queries: 0, healthy: true })
    }

    async fn ping(&mut self) -> bool {
        Sleep::new(1).await;
        self.healthy && self.queries < 3
    }

    async fn query(&mut self, sql: &str) -> Result<Vec<String>, QueryError> {
        Sleep::new(1).await;
        if !self.healthy {
            return Err(QueryError::Closed);
        }
        let sql = sql.trim();
        let lower = sql.to_ascii_lowercase();
        if !lower.starts_with("select") {
            return Err(QueryError::Syntax(sql.to_string()));
        }
        self.queries += 1;
        let end = lower.find(" from ").unwrap_or(sql.len());
        let projection = &sql["select".len()..end];
        let cols: Vec<String> = projection
            .split(',')
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .map(|c| format!("{}@conn{}", c, self.id))
            .collect();
        Ok(cols)
    }
}

struct PoolInner<C> {
    idle: VecDeque<C>,
    in_use: usize,
    created: u32,
    discarded: u32,
}

struct Pool<C: Connection> {
    addr: String,
    max: usize,
    inner: Rc<RefCell<PoolInner<C>>>,
}

struct PooledConn<C: Connection> {
    conn: Option<C>,
    pool: Rc<RefCell<PoolInner<C>>>,
}

impl<C: Connection> PooledConn<C> {
    fn get(&mut self) -> &mut C { self.conn.as_mut().expect("connection present until drop") }
}

impl<C: Connection> Drop for PooledConn<C> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            let mut inner = self.pool.borrow_mut();
            inner.in_use -= 1;
            inner.idle.push_back(c);
        }
    }
}

impl<C: Connection> Pool<C> {
    fn new(addr: &str, max: usize) -> Self {
        let inner = PoolInner { idle: VecDeque::new(), in_use: 0, created: 0, discarded: 0 };
        Pool { addr: addr.to_string(), max, inner: Rc::new(RefCell::new(inner)) }
    }

    async fn get(&self) -> Result<PooledConn<C>, PoolError> {
        let mut waited = 0u32;
        loop {
            let candidate = self.inner.borrow_mut().idle.pop_front();
            if let Some(mut conn) = candidate {
                if conn.ping().await {
                    self.inner.borrow_mut().in_use += 1;
                    return Ok(PooledConn { conn: Some(conn), pool: Rc::clone(&self.inner) });
                }
                self.inner.borrow_mut().discarded += 1;
                continue;
            }
            let can_create = {
                let inner = self.inner.borrow();
                inner.in_use + inner.idle.len() < self.max
            };
            if can_create {
                let id = {
                    let mut inner = self.inner.borrow_mut();
                    inner.created += 1;
                    inner.created
                };
                let conn = C::connect(&self.addr, id).await?;
                self.inner.borrow_mut().in_use += 1;
                return Ok(PooledConn { conn: Some(conn), pool: Rc::clone(&self.inner) });
            }
            waited += 1;
            if waited > 3 {
                return Err(PoolError::Exhausted { waited });
            }
            Sleep::new(1).await;
        }
    }

    async fn run(&self, sql: &str) -> Result<Vec<String>, PoolError> {
        let mut conn = self.get().await?;
        let rows = conn.get().query(sql).await?;
        Ok(rows)
    }

    fn stats(&self) -> String {
        let inner = self.inner.borrow();
        format!(
            "idle={} in_use={} created={} discarded={}",
            inner.idle.len(),
            inner.in_use,
            inner.created,
            inner.discarded
        )
    }
}

async fn workload(pool: &Pool<FakePg>, statements: &[&str]) -> Vec<String> {
    let mut log = Vec::new();
    for (i, sql) in statements.iter().enumerate() {
        match pool.run(sql).await {
            Ok(rows) => log.push(format!("#{} ok {}", i, rows.join("|"))),
            Err(PoolError::Query(QueryError::Syntax(s))) => log.push(format!("#{} syntax error near '{}'", i, s)),
            Err(e) => log.push(format!("#{} failed: {:?}", i, e)),
        }
    }
    log
}

async fn exhaust(pool: &Pool<FakePg>) -> Result<usize, PoolError> {
    let a = pool.get().await?;
    let b = pool.get().await?;
    let held = [a, b];
    let third = pool.get().await;
    match third {
        Err(PoolError::Exhausted { waited }) => Ok(waited as usize + held.len()),
        Err(other) => Err(other),
        Ok(_) => Ok(0),
    }
}

fn main() {
    let pool: Pool<FakePg> = Pool::new("postgres://db.internal:5432/app", 2);
    let statements = [
        "SELECT id, name FROM users",
        "select total FROM orders",
        "DELETE FROM users",
        "select a, b, c from t",
        "select x from y",
    ];
    let log = block_on(workload(&pool, &statements));
    for line in &log {
        println!("{}", line);
    }
    let exhausted = block_on(exhaust(&pool));
    println!("exhaust test: {:?}", exhausted.map_err(|e| format!("{:?}", e)));
    println!("pool stats: {}", pool.stats());
}
