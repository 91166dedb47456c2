//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Schema migration runner: discovers versioned scripts, verifies checksums and applies pending ones transactionally.

use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct RoundTrip(u8);

impl Future for RoundTrip {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            break v;
        }
    }
}

#[derive(Debug, Clone)]
struct Migration {
    version: u32,
    name: String,
    statements: Vec<String>,
    checksum: u64,
}

#[derive(Debug)]
enum MigrateError {
    BadFileName(String),
    ChecksumMismatch { version: u32, recorded: u64, found: u64 },
    Sql { version: u32, statement: usize, msg: String },
    OutOfOrder(u32),
}

fn fnv1a(data: &str) -> u64 {
    data.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

fn discover(files: &[(&str, &str)]) -> Result<Vec<Migration>, MigrateError> {
    let mut out = Vec::new();
    for (file, body) in files {
        let Some(stem) = file.strip_suffix(".sql") else { continue };
        let Some((ver, name)) = stem.split_once("__") else {
            return Err(MigrateError::BadFileName(file.to_string()));
        };
        let version = ver.trim_start_matches('V').parse::<u32>().map_err(|_| MigrateError::BadFileName(file.to_string()))?;
        let statements = body.split(';').map(|s| s.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join(" ")).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        out.push(Migration { version, name: name.replace('_', " "), statements, checksum: fnv1a(body) });
    }
    out.sort_by_key(|m| m.version);
    Ok(out)
}

trait Database {
    async fn applied(&mut self) -> BTreeMap<u32, u64>;
    async fn begin(&mut self);
    async fn execute(&mut self, sql: &str) -> Result<u64, String>;
    async fn record(&mut self, version: u32, checksum: u64);
    async fn commit(&mut self);
    async fn rollback(&mut self);
}

#[derive(Default)]
struct FakeDb {
    tables: HashSet<String>,
    staged: Option<HashSet<String>>,
    history: BTreeMap<u32, u64>,
    staged_history: Vec<(u32, u64)>,
    log: Vec<String>,
}

impl Database for FakeDb {
    async fn applied(&mut self) -> BTreeMap<u32, u64> {
        RoundTrip(1).await;
        self.history.clone()
    }
    async fn begin(&mut self) {
        RoundTrip(1).await;
        self.staged = Some(self.tables.clone());
    }
    async fn execute(&mut self, sql: &str) -> Result<u64, String> {
        RoundTrip(2).await;
        let tables = self.staged.as_mut().ok_or("no transaction")?;
        let words: Vec<String> = sql.split_whitespace().map(|w| w.trim_matches(|c| c == '(' || c == ')').to_lowercase()).collect();
        match words.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["create", "table", name, ..] if tables.contains(name) => Err(format!("relation \"{name}\" already exists")),
            ["create", "table", name, ..] => {
                tables.insert(name.to_string());
                Ok(0)
            }
            ["create", "index", _, "on", table, ..] | ["alter", "table", table, ..] if !tables.contains(table) => Err(format!("relation \"{table}\" does not exist")),
            ["create", "index", ..] | ["alter", "table", ..] => Ok(0),
            ["insert", "into", table, ..] => Ok(words.iter().filter(|w| w.starts_with("values") || w.ends_with("),")).count().max(1) as u64),
            _ => Err(format!("syntax error at or near \"{}\"", words.first().map(String::as_str).unwrap_or(""))),
        }
    }
    async fn record(&mut self, version: u32, checksum: u64) {
        self.staged_history.push((version, checksum));
    }
    async fn commit(&mut self) {
        RoundTrip(1).await;
        if let Some(t) = self.staged.take() {
            self.tables = t;
        }
        self.history.extend(self.staged_history.drain(..));
    }
    async fn rollback(&mut self) {
        self.staged = None;
        self.staged_history.clear();
        self.log.push("rollback".into());
    }
}

async fn migrate<D: Database>(db: &mut D, migrations: &[Migration], dry_run: bool, before_each: impl AsyncFn(&Migration) -> bool) -> Result<Vec<u32>, MigrateError> {
    let applied = db.applied().await;
    let latest = applied.keys().next_back().copied().unwrap_or(0);
    let mut ran = Vec::new();
    for m in migrations {
        if let Some(&recorded) = applied.get(&m.version) {
            if recorded != m.checksum {
                return Err(MigrateError::ChecksumMismatch { version: m.version, recorded, found: m.checksum });
            }
            continue;
        }
        if m.version < latest {
            return Err(MigrateError::OutOfOrder(m.version));
        }
        if dry_run || !before_each(m).await {
            continue;
        }
        db.begin().await;
        for (i, stmt) in m.statements.iter().enumerate() {
            if let Err(msg) = db.execute(stmt).await {
                db.rollback().await;
                return Err(MigrateError::Sql { version: m.version, statement: i, msg });
            }
        }
        db.record(m.version, m.checksum).await;
        db.commit().await;
        ran.push(m.version);
    }
    Ok(ran)
}

fn main() {
    let mut files = vec![
        ("V001__create_users.sql", "CREATE TABLE users (id int);\n-- seed\nINSERT INTO users VALUES (1), (2);"),
        ("V002__create_orders.sql", "CREATE TABLE orders (id int, user_id int);"),
        ("README.md", "not a migration"),
        ("V004__index_orders.sql", "CREATE INDEX idx_user ON orders (user_id);\nALTER TABLE orders ADD total int;"),
        ("V005__audit.sql", "CREATE TABLE audit (x int);\nALTER TABLE audits ADD y int;"),
    ];
    let mut db = FakeDb::default();
    let mut seen = Vec::new();
    let result = block_on(async {
        let migrations = discover(&files)?;
        let planned = migrate(&mut db, &migrations, true, async |_m: &Migration| true).await?;
        seen.push(format!("dry run would skip all: {planned:?}"));
        migrate(&mut db, &migrations, false, async |m: &Migration| {
            RoundTrip(1).await;
            !m.name.contains("skip")
        })
        .await
    });
    match result {
        Err(MigrateError::Sql { version, statement, msg }) => println!("V{version:03} stmt {statement} failed: {msg}"),
        other => println!("{other:?}"),
    }
    println!("{} | history={:?} tables={}", seen.join(""), db.history.keys().collect::<Vec<_>>(), db.tables.len());

    files[0].1 = "CREATE TABLE users (id bigint);";
    files.truncate(4);
    let second = block_on(async { migrate(&mut db, &discover(&files)?, false, async |_m: &Migration| true).await });
    if let Err(MigrateError::ChecksumMismatch { version, .. }) = &second && *version == 1 {
        println!("refusing to run: V001 was edited after being applied");
    }
    files.remove(0);
    let third = block_on(async { migrate(&mut db, &discover(&files)?, false, async |_m: &Migration| true).await });
    println!("third run: {third:?}, log={:?}", db.log);
}
