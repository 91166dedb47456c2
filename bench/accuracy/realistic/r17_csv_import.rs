//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::num::{ParseFloatError, ParseIntError};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug)]
pub enum ImportError {
    Int(ParseIntError),
    Float(ParseFloatError),
    Column { row: usize, name: &'static str },
    Quote(usize),
    Duplicate(u64),
    Invalid(String),
}

impl From<ParseIntError> for ImportError {
    fn from(e: ParseIntError) -> Self {
        ImportError::Int(e)
    }
}

impl From<ParseFloatError> for ImportError {
    fn from(e: ParseFloatError) -> Self {
        ImportError::Float(e)
    }
}

fn split_record(line: &str, row: usize) -> Result<Vec<String>, ImportError> {
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
            (c, _) => cur.push(c),
        }
    }
    if in_quotes {
        return Err(ImportError::Quote(row));
    }
    fields.push(cur);
    Ok(fields)
}

#[derive(Debug, Clone)]
pub struct Product {
    pub sku: u64,
    pub name: String,
    pub price: f64,
    pub tags: Vec<String>,
}

#[derive(Default)]
pub struct Catalog {
    rows: RefCell<HashMap<u64, Product>>,
}

impl Catalog {
    async fn upsert(&self, p: Product) -> Result<bool, ImportError> {
        rt::sleep(1).await;
        Ok(self.rows.borrow_mut().insert(p.sku, p).is_none())
    }
}

pub async fn import(catalog: &Catalog, text: &str) -> Result<(usize, usize), ImportError> {
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else { return Ok((0, 0)) };
    let cols = split_record(header, 0)?;
    let idx = |name: &'static str| {
        cols.iter().position(|c| c.trim().eq_ignore_ascii_case(name)).ok_or(ImportError::Column { row: 0, name })
    };
    let (sku_i, name_i, price_i) = (idx("sku")?, idx("name")?, idx("price")?);
    let tags_i = idx("tags").ok();

    let seen = RefCell::new(HashSet::new());
    let validate = async |p: &Product| -> Result<(), ImportError> {
        if !seen.borrow_mut().insert(p.sku) {
            return Err(ImportError::Duplicate(p.sku));
        }
        if p.price < 0.0 || !p.price.is_finite() {
            return Err(ImportError::Invalid(format!("sku {} has price {}", p.sku, p.price)));
        }
        rt::sleep(0).await;
        Ok(())
    };

    let mut inserted = 0;
    for (row, line) in lines {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields = split_record(line, row)?;
        let get = |i: usize, name| fields.get(i).map(|s| s.trim()).ok_or(ImportError::Column { row, name });
        let mut tags = Vec::new();
        if let Some(i) = tags_i
            && let Some(raw) = fields.get(i)
            && !raw.is_empty()
        {
            tags = raw.split(';').map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect();
        }
        let product = Product {
            sku: get(sku_i, "sku")?.parse()?,
            name: get(name_i, "name")?.to_string(),
            price: get(price_i, "price")?.trim_start_matches('$').parse()?,
            tags,
        };
        match validate(&product).await {
            Ok(()) => {
                if catalog.upsert(product).await? {
                    inserted += 1;
                }
            }
            Err(ImportError::Duplicate(sku)) => eprintln!("row {row}: duplicate sku {sku}, skipped"),
            Err(e) => return Err(e),
        }
    }
    Ok((inserted, seen.borrow().len()))
}

pub async fn nightly_import(files: &[(&str, &str)]) -> HashMap<String, Result<usize, String>> {
    let catalog = Catalog::default();
    let mut report = HashMap::new();
    for &(name, body) in files {
        let outcome = import(&catalog, body).await.map(|(n, _)| n).map_err(|e| format!("{e:?}"));
        report.insert(name.to_string(), outcome);
    }
    report
}
