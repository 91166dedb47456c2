#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! CSV customer importer: header mapping, row validation, upsert into a DB client.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct Pending1(bool);
    impl Future for Pending1 {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Pending1 { Pending1(false) }

    #[derive(Debug)]
    pub struct DbError(pub String);

    #[derive(Default)]
    pub struct Db { pub rows: RefCell<HashMap<String, Vec<String>>>, pub statements: RefCell<u32> }
    impl Db {
        pub async fn query_one(&self, sql: &str, key: &str) -> Result<Option<Vec<String>>, DbError> {
            io().await;
            *self.statements.borrow_mut() += 1;
            Ok(self.rows.borrow().get(key).cloned())
        }
        pub async fn execute(&self, sql: &str, params: Vec<String>) -> Result<u64, DbError> {
            io().await;
            *self.statements.borrow_mut() += 1;
            if params.iter().any(|p| p.len() > 64) { return Err(DbError("value too long".into())); }
            let key = params[0].clone();
            self.rows.borrow_mut().insert(key, params);
            Ok(1)
        }
    }
}

#[derive(Debug)]
enum ImportError {
    MissingColumn(&'static str),
    BadNumber { line: usize, source: ParseIntError },
    Invalid { line: usize, reason: String },
    Db(rt::DbError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "{:?}", self) }
}
impl From<rt::DbError> for ImportError {
    fn from(e: rt::DbError) -> Self { ImportError::Db(e) }
}

#[derive(Debug, Clone, Default)]
struct Customer { email: String, name: String, country: String, credit_cents: i64, tags: Vec<String> }

struct Columns { email: usize, name: usize, country: usize, credit: usize, tags: Option<usize> }

fn map_header(header: &str) -> Result<Columns, ImportError> {
    let idx: HashMap<String, usize> = header
        .split(',')
        .enumerate()
        .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
        .collect();
    let find = |name: &'static str| idx.get(name).copied().ok_or(ImportError::MissingColumn(name));
    Ok(Columns { email: find("email")?, name: find("name")?, country: find("country")?, credit: find("credit")?, tags: idx.get("tags").copied() })
}

fn parse_row(cols: &Columns, line_no: usize, line: &str) -> Result<Option<Customer>, ImportError> {
    if line.trim().is_empty() { return Ok(None); }
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let get = |i: usize| fields.get(i).copied().unwrap_or("");
    let email = get(cols.email).to_lowercase();
    if !email.contains('@') {
        return Err(ImportError::Invalid { line: line_no, reason: format!("bad email {email:?}") });
    }
    let credit: i64 = get(cols.credit).parse().map_err(|source| ImportError::BadNumber { line: line_no, source })?;
    let tags = cols.tags.map(|t| get(t).split(';').filter(|s| !s.is_empty()).map(String::from).collect()).unwrap_or_default();
    Ok(Some(Customer {
        email,
        name: get(cols.name).to_string(),
        country: get(cols.country).to_uppercase(),
        credit_cents: credit * 100,
        tags,
    }))
}

#[derive(Debug, Default)]
struct Report { inserted: u32, updated: u32, skipped: u32, errors: Vec<String> }

async fn upsert(db: &rt::Db, c: &Customer) -> Result<bool, ImportError> {
    let existing = db.query_one("SELECT * FROM customers WHERE email = $1", &c.email).await?;
    let params = vec![c.email.clone(), c.name.clone(), c.country.clone(), c.credit_cents.to_string(), c.tags.join(";")];
    if let Some(row) = existing {
        if row == params { return Ok(false); }
        db.execute("UPDATE customers SET ...", params).await?;
        return Ok(false);
    }
    db.execute("INSERT INTO customers VALUES ($1,$2,$3,$4,$5)", params).await?;
    Ok(true)
}

async fn import(db: &rt::Db, csv: &str, strict: bool) -> Result<Report, ImportError> {
    let mut lines = csv.lines();
    let header = lines.next().ok_or(ImportError::MissingColumn("header"))?;
    let cols = map_header(header)?;
    let mut report = Report::default();
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        let customer = match parse_row(&cols, line_no, line) {
            Ok(Some(c)) => c,
            Ok(None) => { report.skipped += 1; continue; }
            Err(e) if !strict => { report.errors.push(e.to_string()); continue; }
            Err(e) => return Err(e),
        };
        match upsert(db, &customer).await {
            Ok(true) => report.inserted += 1,
            Ok(false) => report.updated += 1,
            Err(ImportError::Db(e)) if !strict => report.errors.push(format!("line {line_no}: {}", e.0)),
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut: Pin<Box<F>> = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let csv = "Email,Name,Country,Credit,Tags\n\
               ann@example.com, Ann Lee, us, 120, vip;early\n\
               bob@example.com, Bob Ray, de, 15,\n\
               \n\
               not-an-email, Broken, fr, 1,\n\
               cy@example.com, Cy Twombly, it, ten,\n\
               ann@example.com, Ann Lee, US, 150, vip\n";
    let db = rt::Db::default();
    let report = block_on(import(&db, csv, false)).expect("lenient import");
    println!("inserted={} updated={} skipped={} errors={}", report.inserted, report.updated, report.skipped, report.errors.len());
    let strict = block_on(import(&rt::Db::default(), csv, true));
    println!("strict: {}, statements={}", match strict { Ok(_) => "ok".to_string(), Err(e) => e.to_string() }, db.statements.borrow());
}
