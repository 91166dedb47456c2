//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! ETL schema migrator: versioned async migrations over in-memory rows, with verification, rollback on failure and a migration journal.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

type Row = BTreeMap<String, String>;

#[derive(Debug)]
enum MigError { MissingColumn { row: usize, col: &'static str }, BadValue { row: usize, value: String }, VerifyFailed(u32) }

impl From<(usize, std::num::ParseFloatError, &str)> for MigError {
    fn from((row, _, v): (usize, std::num::ParseFloatError, &str)) -> Self { MigError::BadValue { row, value: v.to_string() } }
}

trait Migration {
    const VERSION: u32;
    fn name(&self) -> &'static str;
    async fn up(&self, rows: &mut Vec<Row>) -> Result<usize, MigError>;
    async fn verify(&self, rows: &[Row]) -> bool { Yield(1).await; true }
}

struct SplitName;
impl Migration for SplitName {
    const VERSION: u32 = 2;
    fn name(&self) -> &'static str { "split full_name into first/last" }
    async fn up(&self, rows: &mut Vec<Row>) -> Result<usize, MigError> {
        for (i, r) in rows.iter_mut().enumerate() {
            if i % 2 == 0 { Yield(1).await; }
            let full = r.remove("full_name").ok_or(MigError::MissingColumn { row: i, col: "full_name" })?;
            let (first, last) = full.rsplit_once(' ').unwrap_or((full.as_str(), ""));
            r.insert("first".into(), first.to_string());
            r.insert("last".into(), last.to_string());
        }
        Ok(rows.len())
    }
    async fn verify(&self, rows: &[Row]) -> bool { rows.iter().all(|r| r.contains_key("first") && !r.contains_key("full_name")) }
}

struct PriceToCents;
impl Migration for PriceToCents {
    const VERSION: u32 = 3;
    fn name(&self) -> &'static str { "price (decimal string) -> price_cents" }
    async fn up(&self, rows: &mut Vec<Row>) -> Result<usize, MigError> {
        let mut changed = 0;
        for (i, r) in rows.iter_mut().enumerate() {
            Yield(1).await;
            if let Some(p) = r.get("price") && let Some(stripped) = p.strip_prefix('$').or(Some(p.as_str())) {
                let v: f64 = stripped.trim().parse().map_err(|e| (i, e, stripped))?;
                let cents = (v * 100.0).round() as i64;
                r.remove("price");
                r.insert("price_cents".into(), cents.to_string());
                changed += 1;
            }
        }
        Ok(changed)
    }
}

struct Normalize<const UPPER: bool> { col: &'static str }
impl<const UPPER: bool> Migration for Normalize<UPPER> {
    const VERSION: u32 = if UPPER { 4 } else { 5 };
    fn name(&self) -> &'static str { if UPPER { "uppercase column" } else { "lowercase column" } }
    async fn up(&self, rows: &mut Vec<Row>) -> Result<usize, MigError> {
        Yield(2).await;
        let n = rows.iter_mut().filter_map(|r| r.get_mut(self.col)).map(|v| *v = if UPPER { v.to_uppercase() } else { v.trim().to_lowercase() }).count();
        Ok(n)
    }
}

struct Db { rows: RefCell<Vec<Row>>, version: Cell<u32>, journal: RefCell<Vec<String>> }

impl Db {
    async fn apply<M: Migration>(&self, m: M) -> Result<usize, MigError> {
        if M::VERSION <= self.version.get() { return Ok(0); }
        let mut working = self.rows.borrow().clone(); // snapshot; original kept for rollback
        let result = match m.up(&mut working).await {
            Ok(n) if m.verify(&working).await => Ok(n),
            Ok(_) => Err(MigError::VerifyFailed(M::VERSION)),
            Err(e) => Err(e),
        };
        let line = match &result {
            Ok(n) => { *self.rows.borrow_mut() = working; self.version.set(M::VERSION); format!("v{} ok   {} ({n} rows)", M::VERSION, m.name()) }
            Err(e) => format!("v{} FAIL {} -> {e:?}, rolled back", M::VERSION, m.name()),
        };
        self.journal.borrow_mut().push(line);
        result
    }

    fn column_count(&self) -> usize {
        let cols = RefCell::new(self.rows.borrow().iter().flat_map(|r| r.keys().cloned()).collect::<std::collections::BTreeSet<_>>());
        cols.borrow().len()
    }
}

fn load_csv(text: &str) -> Vec<Row> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(header) = lines.next() else { return Vec::new() };
    let cols: Vec<&str> = header.split(',').collect();
    lines.map(|l| cols.iter().zip(l.split(',')).filter(|(_, v)| !v.is_empty()).map(|(c, v)| (c.to_string(), v.to_string())).collect()).collect()
}

async fn run_all(db: &Db, hooks: Vec<Pin<Box<dyn Future<Output = String> + '_>>>) -> Vec<String> {
    let _ = db.apply(SplitName).await;
    let _ = db.apply(SplitName).await; // idempotent: already at v2
    if let Err(e) = db.apply(PriceToCents).await {
        return vec![format!("halted at v{}: {e:?}", db.version.get())];
    }
    let _ = db.apply(Normalize::<true> { col: "sku" }).await;
    let _ = db.apply(Normalize::<false> { col: "last" }).await;
    let mut notes = Vec::new();
    for h in hooks { notes.push(h.await); }
    notes
}

fn main() {
    let good = Db { rows: RefCell::new(load_csv("full_name,price,sku\nAda Lovelace,$12.50,ab-1\nAlan Turing,3.99,cd-2\nGrace Brewster Hopper,100,ef-3")), version: Cell::new(1), journal: RefCell::new(Vec::new()) };
    let bad = Db { rows: RefCell::new(load_csv("full_name,price,sku\nLinus,9.99,x\nKen,free,y")), version: Cell::new(1), journal: RefCell::new(Vec::new()) };
    let counter = Rc::new(Cell::new(0));
    let c = counter.clone();
    let outcome = block_on(async {
        let hooks: Vec<Pin<Box<dyn Future<Output = String>>>> = vec![
            Box::pin(async { Yield(1).await; format!("columns now {}", good.column_count()) }),
            Box::pin(async move { c.set(c.get() + 1); "analytics view refreshed".to_string() }),
        ];
        let notes = run_all(&good, hooks).await;
        let notes_bad = run_all(&bad, Vec::new()).await;
        (notes, notes_bad)
    });
    for db in [&good, &bad] {
        for line in db.journal.borrow().iter() { println!("{line}"); }
        println!("  -> version {} rows {:?}\n", db.version.get(), db.rows.borrow().first());
    }
    println!("hook notes: {:?} / {:?}", outcome.0, outcome.1);
    assert_eq!((good.version.get(), bad.version.get()), (5, 2));
    assert_eq!(good.rows.borrow()[2]["last"], "hopper");
    assert_eq!(good.rows.borrow()[0]["price_cents"], "1250");
    assert!(bad.rows.borrow()[0].contains_key("price"));
    assert_eq!(counter.get(), 1);
}
