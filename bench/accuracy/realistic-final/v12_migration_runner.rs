#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

#[derive(Debug, Default)]
struct Db {
    tables: BTreeMap<String, Vec<String>>,
    applied: BTreeSet<u32>,
    log: Vec<String>,
}

type Shared = Arc<Mutex<Db>>;
type StepFut = Pin<Box<dyn Future<Output = Result<(), MigrateError>> + Send>>;
type Step = Box<dyn Fn(Shared) -> StepFut + Send + Sync>;

#[derive(Debug)]
enum MigrateError {
    TableExists(String),
    NoSuchTable(String),
    OutOfOrder { have: u32, want: u32 },
}

struct Migration {
    version: u32,
    name: &'static str,
    up: Step,
    down: Step,
}

mod io {
    pub async fn exec(sql: &str) -> usize {
        sql.len()
    }
}

fn create_table(name: &'static str, cols: &'static [&'static str]) -> Step {
    Box::new(move |db: Shared| {
        Box::pin(async move {
            io::exec(&format!("CREATE TABLE {} ({})", name, cols.join(", "))).await;
            let mut g = db.lock().unwrap();
            if g.tables.contains_key(name) {
                return Err(MigrateError::TableExists(name.to_string()));
            }
            g.tables.insert(name.to_string(), cols.iter().map(|c| c.to_string()).collect());
            Ok(())
        })
    })
}

fn drop_table(name: &'static str) -> Step {
    Box::new(move |db: Shared| {
        Box::pin(async move {
            io::exec(&format!("DROP TABLE {}", name)).await;
            db.lock().unwrap().tables.remove(name).map(|_| ()).ok_or_else(|| MigrateError::NoSuchTable(name.into()))
        })
    })
}

fn add_column(table: &'static str, col: &'static str) -> Step {
    Box::new(move |db: Shared| {
        Box::pin(async move {
            let sql = format!("ALTER TABLE {} ADD {}", table, col);
            io::exec(&sql).await;
            let mut g = db.lock().unwrap();
            let cols = g.tables.get_mut(table).ok_or_else(|| MigrateError::NoSuchTable(table.into()))?;
            cols.push(col.to_string());
            g.log.push(sql);
            Ok(())
        })
    })
}

struct Runner {
    db: Shared,
    migrations: Vec<Migration>,
}

impl Runner {
    fn current(&self) -> u32 {
        self.db.lock().unwrap().applied.iter().next_back().copied().unwrap_or(0)
    }

    async fn up_to(&self, target: u32) -> Result<Vec<&'static str>, MigrateError> {
        let mut done = Vec::new();
        let start = self.current();
        for m in self.migrations.iter().filter(|m| m.version > start && m.version <= target) {
            let have = self.current();
            if m.version != have + 1 {
                return Err(MigrateError::OutOfOrder { have, want: m.version });
            }
            if let Err(e) = (m.up)(self.db.clone()).await {
                self.rollback(&done).await;
                return Err(e);
            }
            self.db.lock().unwrap().applied.insert(m.version);
            done.push(m.name);
        }
        Ok(done)
    }

    async fn rollback(&self, names: &[&'static str]) -> usize {
        let mut undone = 0;
        for name in names.iter().rev() {
            let Some(m) = self.migrations.iter().find(|m| m.name == *name) else { continue };
            if (m.down)(self.db.clone()).await.is_ok() {
                self.db.lock().unwrap().applied.remove(&m.version);
                undone += 1;
            }
        }
        undone
    }
}

fn waker() -> Waker {
    const VT: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VT), |_| {}, |_| {}, |_| {});
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let w = waker();
    let mut cx = Context::from_waker(&w);
    let mut f = Box::pin(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let db: Shared = Arc::new(Mutex::new(Db::default()));
    let migrations = vec![
        Migration { version: 1, name: "create_users", up: create_table("users", &["id", "email"]), down: drop_table("users") },
        Migration { version: 2, name: "users_add_name", up: add_column("users", "name"), down: Box::new(|_| Box::pin(async { Ok(()) })) },
        Migration { version: 3, name: "create_orders", up: create_table("orders", &["id", "user_id"]), down: drop_table("orders") },
        Migration { version: 4, name: "orders_bad", up: add_column("invoices", "total"), down: Box::new(|_| Box::pin(async { Ok(()) })) },
    ];
    let runner = Runner { db: db.clone(), migrations };
    println!("first: {:?}", block_on(runner.up_to(2)));
    println!("second: {:?}", block_on(runner.up_to(4)));
    println!("at version {}", runner.current());

    let g = db.lock().unwrap();
    for (t, cols) in &g.tables {
        println!("{}: {}", t, cols.join(","));
    }
    println!("log lines {}", g.log.len());
    drop(g);

    let check = async {
        let tables: Vec<String> = db.lock().unwrap().tables.keys().cloned().collect();
        let mut total = 0;
        for t in &tables {
            total += io::exec(&format!("SELECT count(*) FROM {}", t)).await;
        }
        total
    };
    println!("check bytes {}", block_on(check));
}
