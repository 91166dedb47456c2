#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Bank ledger reconciler: compares internal ledger entries against the
// bank statement and reports mismatches.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub reference: String,
    pub cents: i64,
}

#[derive(Debug, Default)]
pub struct Report {
    pub matched: u32,
    pub missing_in_bank: Vec<String>,
    pub missing_in_ledger: Vec<String>,
    pub amount_diffs: Vec<(String, i64)>,
}

async fn load_ledger(account: &str) -> Result<Vec<Entry>, String> {
    if account.is_empty() {
        return Err("no account".into());
    }
    Ok(vec![
        Entry { reference: "TX1".into(), cents: 1_000 },
        Entry { reference: "TX2".into(), cents: -250 },
    ])
}

async fn load_statement(account: &str, day: u32) -> Result<Vec<Entry>, String> {
    Ok(vec![Entry { reference: format!("TX{}", day), cents: 1_000 }])
}

async fn exchange_rate(currency: &str) -> Option<f64> {
    match currency {
        "EUR" => Some(1.0),
        "USD" => Some(0.92),
        _ => None,
    }
}

pub async fn reconcile(account: &str, day: u32) -> Result<Report, String> {
    let ledger = load_ledger(account).await?;
    let statement: Vec<Entry> = load_statement(account, day).await?;
    let mut by_ref: HashMap<&str, i64> = HashMap::new();
    for e in &statement {
        *by_ref.entry(e.reference.as_str()).or_insert(0) += e.cents;
    }
    let mut report = Report::default();
    for entry in ledger.iter() {
        let Some(bank_cents) = by_ref.remove(entry.reference.as_str()) else {
            report.missing_in_bank.push(entry.reference.clone());
            continue;
        };
        if bank_cents == entry.cents {
            report.matched += 1;
        } else {
            report.amount_diffs.push((entry.reference.clone(), bank_cents - entry.cents));
        }
    }
    let mut leftovers: Vec<String> = by_ref.into_keys().map(String::from).collect();
    leftovers.sort();
    report.missing_in_ledger = leftovers;
    Ok(report)
}

pub async fn convert_total(entries: &[Entry], currency: &str) -> Option<i64> {
    let rate = exchange_rate(currency).await?;
    let base = exchange_rate("EUR").await.unwrap_or(1.0);
    let total: i64 = entries.iter().map(|e| e.cents).sum();
    Some((total as f64 * rate / base).round() as i64)
}

pub async fn reconcile_week(account: String) -> (u32, i64) {
    let mut matched = 0;
    let mut drift: i64 = 0;
    for day in 1..=7 {
        let report = match reconcile(&account, day).await {
            Ok(r) => r,
            Err(e) if e.contains("no account") => return (0, 0),
            Err(_) => continue,
        };
        matched += report.matched;
        for (_, diff) in &report.amount_diffs {
            drift += diff;
        }
    }
    let ledger = load_ledger(&account).await.unwrap_or_default();
    let in_usd = convert_total(&ledger, "USD").await.unwrap_or(0) + drift;
    (matched, in_usd)
}
