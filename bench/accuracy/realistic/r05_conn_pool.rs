//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug)]
pub enum PoolError {
    Exhausted,
    Connect(String),
    Closed,
}

pub struct Conn {
    id: u32,
    created: Instant,
    last_used: Cell<Instant>,
    broken: Cell<bool>,
}

impl Conn {
    pub async fn query(&self, sql: &str) -> Result<Vec<String>, PoolError> {
        rt::sleep(1).await;
        if sql.trim().is_empty() {
            self.broken.set(true);
            return Err(PoolError::Connect("connection reset".into()));
        }
        self.last_used.set(Instant::now());
        Ok(sql.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
    }
}

struct Inner {
    idle: VecDeque<Conn>,
    open: u32,
    max: u32,
    next_id: u32,
    closed: bool,
}

pub struct Pooled {
    conn: Option<Conn>,
    pool: Weak<RefCell<Inner>>,
}

impl std::ops::Deref for Pooled {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn.as_ref().expect("connection taken")
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && let Some(inner) = self.pool.upgrade()
        {
            let mut inner = inner.borrow_mut();
            if conn.broken.get() || inner.closed {
                inner.open -= 1;
            } else {
                inner.idle.push_back(conn);
            }
        }
    }
}

async fn connect(id: u32) -> Result<Conn, PoolError> {
    rt::sleep(5).await;
    let now = Instant::now();
    Ok(Conn { id, created: now, last_used: Cell::new(now), broken: Cell::new(false) })
}

pub struct Pool {
    inner: Rc<RefCell<Inner>>,
    max_idle: Duration,
}

impl Pool {
    pub fn new(max: u32, max_idle: Duration) -> Self {
        let inner = Inner { idle: VecDeque::new(), open: 0, max, next_id: 0, closed: false };
        Pool { inner: Rc::new(RefCell::new(inner)), max_idle }
    }

    fn wrap(&self, conn: Conn) -> Pooled {
        Pooled { conn: Some(conn), pool: Rc::downgrade(&self.inner) }
    }

    fn reserve(&self) -> Result<Option<u32>, PoolError> {
        let mut inner = self.inner.borrow_mut();
        if inner.closed {
            return Err(PoolError::Closed);
        }
        if inner.open >= inner.max {
            return Ok(None);
        }
        inner.open += 1;
        inner.next_id += 1;
        Ok(Some(inner.next_id))
    }

    pub async fn get(&self) -> Result<Pooled, PoolError> {
        for _ in 0..20 {
            if let Some(conn) = self.inner.borrow_mut().idle.pop_front() {
                if conn.last_used.get().elapsed() < self.max_idle && !conn.broken.get() {
                    return Ok(self.wrap(conn));
                }
                drop(conn);
            } else if let Some(id) = self.reserve()? {
                return match connect(id).await {
                    Ok(conn) => Ok(self.wrap(conn)),
                    Err(e) => {
                        self.inner.borrow_mut().open -= 1;
                        Err(e)
                    }
                };
            } else {
                rt::sleep(10).await;
                continue;
            }
            self.inner.borrow_mut().open -= 1;
        }
        Err(PoolError::Exhausted)
    }

    pub fn idle_count(&self) -> usize {
        let inner = self.inner.clone();
        inner.borrow().idle.len()
    }
}

pub async fn transact(pool: &Pool, statements: &[&str]) -> Result<usize, PoolError> {
    let run = async |sql: &str| -> Result<usize, PoolError> {
        let conn = pool.get().await?;
        let rows = conn.query(sql).await?;
        Ok(rows.len())
    };
    let mut total = 0;
    for stmt in statements {
        total += run(stmt).await?;
    }
    println!("{} statements ok, {} idle connections", statements.len(), pool.idle_count());
    Ok(total)
}
