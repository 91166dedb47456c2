#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Schema migration runner: ordered migrations, checksums, advisory lock, transactional apply.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::collections::BTreeMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }

    #[derive(Default)]
    pub struct Server { pub tables: BTreeMap<String, Vec<String>>, pub applied: BTreeMap<u32, (String, u64)>, pub locked: bool, pub log: Vec<String> }

    #[derive(Clone)]
    pub struct Conn { pub server: Arc<Mutex<Server>>, pub in_tx: bool, pub staged: Vec<String> }
    impl Conn {
        pub async fn execute(&mut self, sql: &str) -> Result<u64, String> {
            Io(false).await;
            let sql = sql.trim();
            if sql.contains("DROP TABLE users") { return Err(format!("permission denied: {sql}")); }
            if self.in_tx { self.staged.push(sql.to_string()); return Ok(0); }
            apply(&mut self.server.lock().unwrap(), sql)
        }
        pub async fn begin(&mut self) -> Result<(), String> { Io(false).await; self.in_tx = true; Ok(()) }
        pub async fn commit(&mut self) -> Result<(), String> {
            Io(false).await;
            self.in_tx = false;
            let staged = std::mem::take(&mut self.staged);
            let mut srv = self.server.lock().unwrap();
            for s in staged { apply(&mut srv, &s)?; }
            Ok(())
        }
        pub async fn rollback(&mut self) { Io(false).await; self.in_tx = false; self.staged.clear(); }
    }
    fn apply(srv: &mut Server, sql: &str) -> Result<u64, String> {
        srv.log.push(sql.to_string());
        let words: Vec<&str> = sql.split_whitespace().collect();
        match words.as_slice() {
            ["CREATE", "TABLE", name, ..] => { srv.tables.insert(name.to_string(), vec![]); Ok(0) }
            ["ALTER", "TABLE", name, "ADD", "COLUMN", col, ..] => {
                srv.tables.get_mut(*name).ok_or(format!("no table {name}"))?.push(col.to_string());
                Ok(0)
            }
            _ => Ok(1),
        }
    }
}

#[derive(Debug)]
enum MigrateError { Locked, Checksum { version: u32, expected: u64, found: u64 }, Sql { version: u32, err: String } }
impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            MigrateError::Locked => write!(f, "another migrator holds the lock"),
            MigrateError::Checksum { version, .. } => write!(f, "migration {version} was edited after being applied"),
            MigrateError::Sql { version, err } => write!(f, "migration {version} failed: {err}"),
        }
    }
}

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

struct Migration {
    version: u32,
    name: &'static str,
    sql: &'static str,
    /// Optional data backfill run after the DDL, inside the same transaction.
    backfill: Option<fn(&mut rt::Conn) -> BoxFuture<'_, Result<u64, String>>>,
}

fn checksum(sql: &str) -> u64 {
    sql.split_whitespace().flat_map(str::bytes).fold(1469598103934665603u64, |h, b| (h ^ b as u64).wrapping_mul(1099511628211))
}

fn backfill_emails(conn: &mut rt::Conn) -> BoxFuture<'_, Result<u64, String>> {
    Box::pin(async move {
        let mut n = 0;
        for batch in 0..3 {
            n += conn.execute(&format!("UPDATE users SET email_lower = lower(email) WHERE id % 3 = {batch}")).await?;
        }
        Ok(n)
    })
}

async fn with_lock<T>(conn: &mut rt::Conn, body: impl FnOnce(rt::Conn) -> BoxFuture<'static, Result<T, MigrateError>>) -> Result<T, MigrateError> {
    {
        let mut srv = conn.server.lock().unwrap();
        if srv.locked { return Err(MigrateError::Locked); }
        srv.locked = true;
    }
    let result = body(conn.clone()).await;
    conn.server.lock().unwrap().locked = false;
    result
}

async fn migrate(mut conn: rt::Conn, migrations: Arc<Vec<Migration>>) -> Result<Vec<u32>, MigrateError> {
    let applied = conn.server.lock().unwrap().applied.clone();
    let mut done = Vec::new();
    for m in migrations.iter() {
        let sum = checksum(m.sql);
        if let Some((_, found)) = applied.get(&m.version) {
            if *found != sum { return Err(MigrateError::Checksum { version: m.version, expected: sum, found: *found }); }
            continue;
        }
        conn.begin().await.map_err(|err| MigrateError::Sql { version: m.version, err })?;
        let mut step = async {
            for stmt in m.sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                conn.execute(stmt).await?;
            }
            if let Some(backfill) = m.backfill { backfill(&mut conn).await?; }
            Ok::<(), String>(())
        };
        match step.await {
            Ok(()) => {
                conn.commit().await.map_err(|err| MigrateError::Sql { version: m.version, err })?;
                conn.server.lock().unwrap().applied.insert(m.version, (m.name.to_string(), sum));
                done.push(m.version);
            }
            Err(err) => {
                conn.rollback().await;
                return Err(MigrateError::Sql { version: m.version, err });
            }
        }
    }
    Ok(done)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let server = Arc::new(Mutex::new(rt::Server::default()));
    let mut conn = rt::Conn { server: Arc::clone(&server), in_tx: false, staged: vec![] };
    let migrations = Arc::new(vec![
        Migration { version: 1, name: "create_users", sql: "CREATE TABLE users (id bigint); ALTER TABLE users ADD COLUMN email text", backfill: None },
        Migration { version: 2, name: "email_lower", sql: "ALTER TABLE users ADD COLUMN email_lower text", backfill: Some(backfill_emails) },
        Migration { version: 3, name: "orders", sql: "CREATE TABLE orders (id bigint)", backfill: None },
    ]);
    let m1 = Arc::clone(&migrations);
    let first = block_on(with_lock(&mut conn, move |c| Box::pin(migrate(c, m1))));
    let mut more: Vec<Migration> = Arc::try_unwrap(migrations).unwrap_or_else(|a| panic!("shared {}", Arc::strong_count(&a)));
    more.push(Migration { version: 4, name: "oops", sql: "ALTER TABLE orders ADD COLUMN total numeric; DROP TABLE users", backfill: None });
    let more = Arc::new(more);
    let second = block_on(with_lock(&mut conn, move |c| Box::pin(migrate(c, more))));
    server.lock().unwrap().locked = true;
    let third = block_on(with_lock(&mut conn, |c| Box::pin(async move { Ok(0) })));
    let srv = server.lock().unwrap();
    println!("first={:?} second={} third={}", first, second.map(|v| format!("{v:?}")).unwrap_or_else(|e| e.to_string()), third.unwrap_err());
    println!("tables={:?} applied={:?} statements={}", srv.tables, srv.applied.keys().collect::<Vec<_>>(), srv.log.len());
}
