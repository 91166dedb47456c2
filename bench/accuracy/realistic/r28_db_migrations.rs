//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug)]
pub enum MigError {
    Sql(String),
    Irreversible(&'static str),
    Gap { have: u32, want: u32 },
}

type Row = HashMap<String, String>;

#[derive(Default)]
pub struct Db {
    tables: RefCell<BTreeMap<String, Vec<Row>>>,
    applied: RefCell<Vec<(u32, String)>>,
    log: RefCell<Vec<String>>,
}

impl Db {
    pub async fn execute(&self, sql: &str) -> Result<usize, MigError> {
        rt::sleep(1).await;
        let sql = sql.trim().trim_end_matches(';');
        if let Some(rest) = sql.strip_prefix("CREATE TABLE ")
            && let Some(name) = rest.split_whitespace().next()
        {
            let mut tables = self.tables.borrow_mut();
            if tables.contains_key(name) {
                return Err(MigError::Sql(format!("table {name} already exists")));
            }
            tables.insert(name.to_string(), Vec::new());
            return Ok(0);
        }
        if let Some(name) = sql.strip_prefix("DROP TABLE ") {
            let removed = self.tables.borrow_mut().remove(name.trim());
            return removed.map(|rows| rows.len()).ok_or_else(|| MigError::Sql(format!("no table {name}")));
        }
        self.log.borrow_mut().push(sql.to_string());
        Ok(1)
    }

    fn current_version(&self) -> u32 {
        let applied = self.applied.clone();
        applied.borrow().last().map_or(0, |(v, _)| *v)
    }
}

pub trait Migration {
    fn version(&self) -> u32;
    fn name(&self) -> &'static str;
    async fn up(&self, db: &Db) -> Result<(), MigError>;

    async fn down(&self, db: &Db) -> Result<(), MigError> {
        rt::sleep(0).await;
        Err(MigError::Irreversible(self.name()))
    }
}

pub struct CreateUsers;

impl Migration for CreateUsers {
    fn version(&self) -> u32 { 1 }
    fn name(&self) -> &'static str { "create_users" }
    async fn up(&self, db: &Db) -> Result<(), MigError> {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)").await?;
        db.execute("CREATE UNIQUE INDEX users_email ON users(email)").await?;
        Ok(())
    }
    async fn down(&self, db: &Db) -> Result<(), MigError> {
        db.execute("DROP TABLE users").await.map(drop)
    }
}

pub struct AddAuditLog;

impl Migration for AddAuditLog {
    fn version(&self) -> u32 { 2 }
    fn name(&self) -> &'static str { "add_audit_log" }
    async fn up(&self, db: &Db) -> Result<(), MigError> {
        db.execute("CREATE TABLE audit_log (at INTEGER, actor TEXT, action TEXT)").await.map(|_| ())
    }
}

pub struct BackfillSlugs {
    pub batch: usize,
}

impl Migration for BackfillSlugs {
    fn version(&self) -> u32 { 3 }
    fn name(&self) -> &'static str { "backfill_slugs" }
    async fn up(&self, db: &Db) -> Result<(), MigError> {
        let slugify = async |s: &str| -> String {
            let lowered: String = s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
            lowered.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
        };
        let names: Vec<String> = db
            .tables
            .borrow()
            .get("users")
            .ok_or_else(|| MigError::Sql("users table missing".into()))?
            .iter()
            .filter_map(|r| r.get("name").cloned())
            .collect();
        for chunk in names.chunks(self.batch.max(1)) {
            for name in chunk {
                let slug = slugify(name).await;
                db.execute(&format!("UPDATE users SET slug = '{slug}' WHERE name = '{name}'")).await?;
            }
            rt::sleep(10).await;
        }
        Ok(())
    }
}

pub async fn apply_one<M: Migration>(db: &Db, m: &M) -> Result<bool, MigError> {
    let current = db.current_version();
    if m.version() <= current {
        return Ok(false);
    }
    if m.version() != current + 1 {
        return Err(MigError::Gap { have: current, want: m.version() });
    }
    match m.up(db).await {
        Ok(()) => {
            db.applied.borrow_mut().push((m.version(), m.name().to_string()));
            Ok(true)
        }
        Err(e) => {
            if let Err(undo) = m.down(db).await {
                eprintln!("{}: rollback after failure also failed: {undo:?}", m.name());
            }
            Err(e)
        }
    }
}

pub async fn migrate(db: &Db) -> Result<u32, MigError> {
    let mut ran = 0;
    ran += apply_one(db, &CreateUsers).await? as u32;
    ran += apply_one(db, &AddAuditLog).await? as u32;
    ran += apply_one(db, &BackfillSlugs { batch: 50 }).await? as u32;
    println!("ran {ran} migrations, now at v{}", db.current_version());
    Ok(ran)
}
