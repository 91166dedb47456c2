#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Waker};

#[derive(Debug)]
enum PoolError {
    Exhausted { max: usize },
    Connect(String),
    Closed,
}

trait Connector {
    type Conn: Send;
    async fn connect(&self, id: u32) -> Result<Self::Conn, PoolError>;
    async fn ping(&self, conn: &mut Self::Conn) -> bool;
}

#[derive(Debug)]
struct PgConn {
    id: u32,
    queries: u32,
    broken: bool,
}

struct PgConnector {
    dsn: String,
    next_fail: AtomicU32,
}

impl Connector for PgConnector {
    type Conn = PgConn;
    async fn connect(&self, id: u32) -> Result<PgConn, PoolError> {
        if self.next_fail.load(Ordering::Relaxed) == id {
            return Err(PoolError::Connect(format!("{}: refused", self.dsn)));
        }
        Ok(PgConn { id, queries: 0, broken: false })
    }
    async fn ping(&self, conn: &mut PgConn) -> bool {
        !conn.broken
    }
}

struct Shared<C: Connector> {
    idle: Mutex<VecDeque<C::Conn>>,
    open: AtomicU32,
    max: usize,
    closed: Mutex<bool>,
}

struct Pool<C: Connector> {
    connector: C,
    shared: Arc<Shared<C>>,
}

struct Pooled<C: Connector> {
    conn: Option<C::Conn>,
    home: Weak<Shared<C>>,
}

impl<C: Connector> Drop for Pooled<C> {
    fn drop(&mut self) {
        if let (Some(c), Some(home)) = (self.conn.take(), self.home.upgrade()) {
            home.idle.lock().unwrap().push_back(c);
        }
    }
}

impl<C: Connector> Pooled<C> {
    fn get_mut(&mut self) -> &mut C::Conn {
        self.conn.as_mut().expect("conn taken")
    }
}

impl<C: Connector> Pool<C> {
    fn new(connector: C, max: usize) -> Self {
        let shared = Arc::new(Shared { idle: Mutex::new(VecDeque::new()), open: AtomicU32::new(0), max, closed: Mutex::new(false) });
        Pool { connector, shared }
    }

    async fn acquire(&self) -> Result<Pooled<C>, PoolError> {
        if *self.shared.closed.lock().unwrap() {
            return Err(PoolError::Closed);
        }
        loop {
            let candidate = self.shared.idle.lock().unwrap().pop_front();
            let Some(mut conn) = candidate else { break };
            if self.connector.ping(&mut conn).await {
                return Ok(Pooled { conn: Some(conn), home: Arc::downgrade(&self.shared) });
            }
            self.shared.open.fetch_sub(1, Ordering::Relaxed);
        }
        let open = self.shared.open.load(Ordering::Relaxed) as usize;
        if open >= self.shared.max {
            return Err(PoolError::Exhausted { max: self.shared.max });
        }
        let id = self.shared.open.fetch_add(1, Ordering::Relaxed) + 1;
        let conn = self.connector.connect(id).await.map_err(|e| {
            self.shared.open.fetch_sub(1, Ordering::Relaxed);
            e
        })?;
        Ok(Pooled { conn: Some(conn), home: Arc::downgrade(&self.shared) })
    }

    fn idle_count(&self) -> usize {
        self.shared.idle.lock().unwrap().len()
    }
}

async fn run_query(pool: &Pool<PgConnector>, sql: &str) -> Result<String, PoolError> {
    let mut c = pool.acquire().await?;
    let conn = c.get_mut();
    conn.queries += 1;
    if sql.contains("DROP") {
        conn.broken = true;
    }
    let words = sql.split_whitespace().count();
    Ok(format!("conn#{} ran {} words (q={})", conn.id, words, conn.queries))
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => {}
        }
    }
}

fn main() {
    let pool = Pool::new(PgConnector { dsn: "pg://db".into(), next_fail: AtomicU32::new(99) }, 2);
    let batch = async {
        let mut results = Vec::new();
        for sql in ["SELECT 1", "SELECT * FROM t", "DROP TABLE t", "SELECT 2"] {
            results.push(run_query(&pool, sql).await);
        }
        results
    };
    for r in block_on(batch) {
        println!("{:?}", r);
    }
    println!("idle {}", pool.idle_count());

    let hold_two = async {
        let a = pool.acquire().await?;
        let b = pool.acquire().await?;
        let c = pool.acquire().await;
        drop(a);
        let d = pool.acquire().await?;
        Ok::<_, PoolError>(c.is_err())
    };
    println!("third blocked: {:?}", block_on(hold_two));

    *pool.shared.closed.lock().unwrap() = true;
    let after_close = block_on(async { pool.acquire().await.map(|_| ()) });
    println!("after close {:?}", after_close);
}
