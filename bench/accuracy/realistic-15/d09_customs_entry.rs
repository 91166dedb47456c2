//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Customs brokerage entry builder: classifies commercial invoice lines to HS codes,
//! converts invoice currency, and computes duty, preferential rates and import VAT.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug)]
enum EntryError { Unclassified(String), NoRate { from: String, to: String }, BadLine(usize, &'static str), Embargo(String) }

#[derive(Debug, Clone, Copy)]
enum DutyBasis { AdValorem { pct_x100: u32 }, Specific { cents_per_kg: u32 }, Compound { pct_x100: u32, cents_per_kg: u32 }, Free }

struct LookupCache<K, V> { map: RefCell<HashMap<K, V>>, misses: RefCell<u32> }

impl<K, V> LookupCache<K, V>
where
    K: Hash + Eq + Clone,
    V: Clone,
{
    fn new() -> Self { LookupCache { map: RefCell::new(HashMap::new()), misses: RefCell::new(0) } }

    async fn get_or_load<F>(&self, key: K, load: F) -> Option<V>
    where
        F: AsyncFn(&K) -> Option<V>,
    {
        if let Some(v) = self.map.borrow().get(&key).cloned() {
            return Some(v);
        }
        *self.misses.borrow_mut() += 1;
        let v = load(&key).await?;
        self.map.borrow_mut().insert(key, v.clone());
        Some(v)
    }
}

#[derive(Debug)]
struct InvoiceLine { desc: String, hs: String, origin: String, qty_kg: u32, value_cents: i64 }

fn parse_invoice(text: &str) -> Result<Vec<InvoiceLine>, EntryError> {
    text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| {
        let f: Vec<&str> = l.split('|').map(str::trim).collect();
        if f.len() != 5 { return Err(EntryError::BadLine(i, "field count")); }
        let qty_kg = f[3].parse().map_err(|_| EntryError::BadLine(i, "weight"))?;
        let value: f64 = f[4].parse().map_err(|_| EntryError::BadLine(i, "value"))?;
        Ok(InvoiceLine { desc: f[0].into(), hs: f[1].replace('.', ""), origin: f[2].to_uppercase(), qty_kg, value_cents: (value * 100.0).round() as i64 })
    }).collect()
}

fn duty_cents(basis: DutyBasis, customs_value: i64, kg: u32) -> i64 {
    match basis {
        DutyBasis::AdValorem { pct_x100 } => customs_value * pct_x100 as i64 / 10_000,
        DutyBasis::Specific { cents_per_kg } => kg as i64 * cents_per_kg as i64,
        DutyBasis::Compound { pct_x100, cents_per_kg } => customs_value * pct_x100 as i64 / 10_000 + kg as i64 * cents_per_kg as i64,
        DutyBasis::Free => 0,
    }
}

async fn build_entry(
    invoice: &str,
    currency: &str,
    tariff: &LookupCache<String, DutyBasis>,
    fx: &LookupCache<(String, String), u32>,
    preference: &[&str],
) -> Result<BTreeMap<String, (i64, i64, i64)>, EntryError> {
    let lines = parse_invoice(invoice)?;
    let schedule = async |hs: &String| -> Option<DutyBasis> {
        yield_now().await;
        match hs.get(..4)? {
            "6109" => Some(DutyBasis::AdValorem { pct_x100: 1200 }),
            "0805" => Some(DutyBasis::Compound { pct_x100: 320, cents_per_kg: 4 }),
            "8471" => Some(DutyBasis::Free),
            "2204" => Some(DutyBasis::Specific { cents_per_kg: 13 }),
            _ => None,
        }
    };
    let rates = async |pair: &(String, String)| -> Option<u32> {
        yield_now().await;
        match (pair.0.as_str(), pair.1.as_str()) {
            ("USD", "EUR") => Some(9_150),
            ("CNY", "EUR") => Some(1_270),
            (a, b) if a == b => Some(10_000),
            _ => None,
        }
    };
    let rate = fx
        .get_or_load((currency.to_string(), "EUR".to_string()), rates)
        .await
        .ok_or_else(|| EntryError::NoRate { from: currency.into(), to: "EUR".into() })?;
    let mut entry = BTreeMap::new();
    for line in lines {
        if line.origin == "KP" { return Err(EntryError::Embargo(line.desc)); }
        let basis = tariff.get_or_load(line.hs.clone(), &schedule).await.ok_or_else(|| EntryError::Unclassified(line.hs.clone()))?;
        let basis = if preference.contains(&line.origin.as_str()) { DutyBasis::Free } else { basis };
        let value_eur = line.value_cents * rate as i64 / 10_000;
        let duty = duty_cents(basis, value_eur, line.qty_kg);
        let vat = (value_eur + duty) * 20 / 100;
        let e = entry.entry(line.hs[..6].to_string()).or_insert((0, 0, 0));
        *e = (e.0 + value_eur, e.1 + duty, e.2 + vat);
    }
    Ok(entry)
}

fn main() {
    let tariff = LookupCache::new();
    let fx = LookupCache::new();
    let inv1 = "desc|hs|origin|kg|value\nCotton T-shirts|6109.10.00|bd|120|2400.00\nOranges|0805.10.20|ma|800|960.50\nLaptops|8471.30.00|cn|35|18000\nT-shirts printed|6109.90|tr|40|700\n";
    let inv2 = "desc|hs|origin|kg|value\nRed wine|2204.21|cl|300|3100\nMystery widget|9999.00|us|1|10\n";
    let inv3 = "desc|hs|origin|kg|value\nBroken|6109|x\n";

    for (name, inv, cur) in [("INV-1", inv1, "USD"), ("INV-2", inv2, "USD"), ("INV-3", inv3, "USD"), ("INV-4", inv1, "GBP")] {
        match block_on(build_entry(inv, cur, &tariff, &fx, &["TR", "MA"])) {
            Ok(entry) => {
                let (v, d, t) = entry.values().fold((0, 0, 0), |a, e| (a.0 + e.0, a.1 + e.1, a.2 + e.2));
                println!("{name}: {} tariff lines, value {:.2} duty {:.2} vat {:.2}", entry.len(), v as f64 / 100.0, d as f64 / 100.0, t as f64 / 100.0);
            }
            Err(EntryError::Unclassified(hs)) if hs.starts_with("99") => println!("{name}: chapter 99 needs broker review ({hs})"),
            Err(e) => println!("{name}: {e:?}"),
        }
    }
    println!("tariff misses {} fx misses {}", tariff.misses.borrow(), fx.misses.borrow());

    let direct = block_on(fx.get_or_load(("CNY".to_string(), "EUR".to_string()), async |p: &(String, String)| Some(p.0.len() as u32)));
    let direct2 = block_on(tariff.get_or_load("6109".to_string(), async |_: &String| None));
    println!("direct {direct:?} {direct2:?}");
}
