//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::num::{ParseFloatError, ParseIntError};
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

#[derive(Debug)]
enum ImportError {
    Int { row: usize, err: ParseIntError },
    Float(ParseFloatError),
    Columns { row: usize, expected: usize, got: usize },
    UnterminatedQuote(usize),
    Duplicate(u32),
}

impl From<ParseFloatError> for ImportError {
    fn from(e: ParseFloatError) -> Self {
        ImportError::Float(e)
    }
}

fn split_csv(line: &str, row: usize) -> Result<Vec<String>, ImportError> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, in_quotes) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => in_quotes = !in_quotes,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (ch, _) => cur.push(ch),
        }
    }
    if in_quotes {
        return Err(ImportError::UnterminatedQuote(row));
    }
    fields.push(cur);
    Ok(fields)
}

#[derive(Debug, Clone)]
struct Product {
    id: u32,
    name: String,
    price: f64,
    tags: Vec<String>,
}

fn to_product(row: usize, f: &[String]) -> Result<Product, ImportError> {
    let [id, name, price, tags] = f else {
        return Err(ImportError::Columns { row, expected: 4, got: f.len() });
    };
    let id = id.trim().parse::<u32>().map_err(|err| ImportError::Int { row, err })?;
    let price: f64 = price.trim().parse()?;
    let tags = tags.split(';').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
    Ok(Product { id, name: name.trim().to_string(), price, tags })
}

struct Db {
    rows: Mutex<HashMap<u32, Product>>,
    round_trips: Mutex<u32>,
}

impl Db {
    async fn insert_batch(&self, batch: &[Product]) -> Result<usize, ImportError> {
        *self.round_trips.lock().unwrap() += 1;
        let mut rows = self.rows.lock().unwrap();
        if let Some(dup) = batch.iter().find(|p| rows.contains_key(&p.id)) {
            return Err(ImportError::Duplicate(dup.id));
        }
        for p in batch {
            rows.insert(p.id, p.clone());
        }
        Ok(batch.len())
    }

    fn count(&self) -> usize {
        self.rows.lock().unwrap().len()
    }
}

#[derive(Debug, Default)]
struct Report {
    inserted: usize,
    skipped: Vec<String>,
}

async fn import(db: &Db, text: &str, batch_size: usize) -> Report {
    let mut report = Report::default();
    let mut batch = Vec::with_capacity(batch_size);
    for (i, line) in text.lines().enumerate().skip(1) {
        let row = i + 1;
        let parsed = split_csv(line, row).and_then(|f| to_product(row, &f));
        match parsed {
            Ok(p) => batch.push(p),
            Err(e) => {
                report.skipped.push(format!("{:?}", e));
                continue;
            }
        }
        if batch.len() == batch_size {
            let b = std::mem::take(&mut batch);
            match db.insert_batch(&b).await {
                Ok(n) => report.inserted += n,
                Err(e) => report.skipped.push(format!("batch: {:?}", e)),
            }
        }
    }
    if !batch.is_empty()
        && let Ok(n) = db.insert_batch(&batch).await
    {
        report.inserted += n;
    }
    report
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let csv = "id,name,price,tags\n1,Widget,9.99,tools;metal\n2,\"Gadget, Deluxe\",24.50,\n3,\"Say \"\"hi\"\"\",1.0,fun\nx,Broken,1,\n4,Thing,abc,\n5,\"unterminated,2,\n6,Short\n7,Gizmo,3.25,new; sale \n1,Dupe,1.0,\n8,Last,0.5,end";
    let db = Db { rows: Mutex::new(HashMap::new()), round_trips: Mutex::new(0) };
    let report = block_on(import(&db, csv, 2));
    println!("inserted {} (db has {}, {} trips)", report.inserted, db.count(), db.round_trips.lock().unwrap());
    for s in &report.skipped {
        println!("  skipped: {}", s);
    }
    // 2024: the guard temporary from lock() is dropped before the else branch runs
    if let Some(p) = db.rows.lock().unwrap().get(&3) {
        println!("row 3 name = {}", p.name);
    } else {
        println!("row 3 missing, total {}", db.count());
    }
    let search = async |tag: &str| -> Vec<u32> {
        std::future::ready(()).await;
        let mut ids: Vec<u32> = db.rows.lock().unwrap().values().filter(|p| p.tags.iter().any(|t| t == tag)).map(|p| p.id).collect();
        ids.sort();
        ids
    };
    let (a, b) = block_on(async { (search("sale").await, search("metal").await) });
    println!("sale={:?} metal={:?}", a, b);
}
