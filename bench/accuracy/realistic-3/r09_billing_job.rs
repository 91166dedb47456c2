//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Monthly billing job: usage aggregation, pricing tiers, invoices, payment capture.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::future::Future;
use std::ops::{Add, Mul};
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(u8);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(2) }
}

trait Amount: Copy + Default + Debug + PartialOrd + Add<Output = Self> + Mul<u64, Output = Self> {
    const CURRENCY: &'static str;
    fn display(self) -> String;
}

#[derive(Clone, Copy, Default, Debug, PartialEq, PartialOrd)]
struct Cents(i64);
impl Add for Cents { type Output = Cents; fn add(self, o: Cents) -> Cents { Cents(self.0 + o.0) } }
impl Mul<u64> for Cents { type Output = Cents; fn mul(self, q: u64) -> Cents { Cents(self.0 * q as i64) } }
impl Amount for Cents {
    const CURRENCY: &'static str = "USD";
    fn display(self) -> String { format!("${}.{:02}", self.0 / 100, self.0 % 100) }
}

#[derive(Clone, Copy, Default, Debug, PartialEq, PartialOrd)]
struct MilliCredits(u64);
impl Add for MilliCredits { type Output = Self; fn add(self, o: Self) -> Self { MilliCredits(self.0 + o.0) } }
impl Mul<u64> for MilliCredits { type Output = Self; fn mul(self, q: u64) -> Self { MilliCredits(self.0 * q) } }
impl Amount for MilliCredits {
    const CURRENCY: &'static str = "CRD";
    fn display(self) -> String { format!("{:.3} credits", self.0 as f64 / 1000.0) }
}

#[derive(Debug, Clone)]
struct Tier<A> { up_to: Option<u64>, unit_price: A }

#[derive(Debug, Clone, Default)]
struct Invoice<A> { customer: String, period: String, lines: Vec<(String, u64, A)>, total: A, paid: bool, notes: Vec<String> }

trait UsageStore {
    async fn usage(&self, customer: &str, period: &str) -> Result<BTreeMap<String, u64>, String>;
}

struct EventWarehouse { raw: &'static str }

impl UsageStore for EventWarehouse {
    async fn usage(&self, customer: &str, period: &str) -> Result<BTreeMap<String, u64>, String> {
        rt::io().await;
        let mut out = BTreeMap::new();
        for line in self.raw.lines() {
            let cols: Vec<&str> = line.split('|').collect();
            if let [c, p, metric, qty] = cols[..] && c == customer && p == period {
                *out.entry(metric.to_string()).or_insert(0) += qty.parse::<u64>().map_err(|e| e.to_string())?;
            }
        }
        Ok(out)
    }
}

fn price<A: Amount>(qty: u64, tiers: &[Tier<A>]) -> A {
    let mut remaining = qty;
    let mut consumed = 0;
    let mut total = A::default();
    for tier in tiers {
        if remaining == 0 { break; }
        let cap = tier.up_to.map(|u| u - consumed).unwrap_or(remaining);
        let take = remaining.min(cap);
        total = total + tier.unit_price * take;
        remaining -= take;
        consumed += take;
    }
    total
}

async fn build_invoice<A, S>(store: &S, customer: &str, period: &str, book: &BTreeMap<&str, Vec<Tier<A>>>) -> Result<Invoice<A>, String>
where
    A: Amount,
    S: UsageStore,
{
    let usage = store.usage(customer, period).await?;
    let mut inv = Invoice { customer: customer.to_string(), period: period.to_string(), ..Default::default() };
    for (metric, qty) in usage {
        let Some(tiers) = book.get(metric.as_str()) else {
            inv.notes.push(format!("unpriced metric {metric}"));
            continue;
        };
        let amount = price(qty, tiers);
        inv.total = inv.total + amount;
        inv.lines.push((metric, qty, amount));
    }
    Ok(inv)
}

struct PaymentProvider { declines: Vec<&'static str>, captured: Mutex<Vec<String>> }

impl PaymentProvider {
    async fn capture<A: Amount>(&self, customer: &str, amount: A) -> Result<String, String> {
        rt::io().await;
        if self.declines.contains(&customer) {
            return Err(format!("{customer}: card_declined"));
        }
        let id = format!("ch_{}_{}", customer, self.captured.lock().unwrap().len());
        self.captured.lock().unwrap().push(format!("{id} {} {}", A::CURRENCY, amount.display()));
        Ok(id)
    }
}

async fn run_cycle<A: Amount, S: UsageStore>(store: &S, pay: &PaymentProvider, customers: &[&str], period: &str, book: &BTreeMap<&str, Vec<Tier<A>>>) -> (Vec<Invoice<A>>, Vec<String>) {
    let mut invoices = Vec::new();
    let mut failures = Vec::new();
    for &c in customers {
        let mut inv = match build_invoice(store, c, period, book).await {
            Ok(inv) => inv,
            Err(e) => { failures.push(e); continue; }
        };
        if inv.total > A::default() {
            match pay.capture(c, inv.total).await {
                Ok(charge) => { inv.paid = true; inv.notes.push(charge); }
                Err(e) => failures.push(e),
            }
        }
        invoices.push(inv);
    }
    (invoices, failures)
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { break v; }
    }
}

fn main() {
    let store = EventWarehouse { raw: "acme|2024-05|api_calls|1200\nacme|2024-05|storage_gb|40\nacme|2024-05|api_calls|300\nglobex|2024-05|api_calls|90\nglobex|2024-05|sms|12\ninitech|2024-05|api_calls|x\n" };
    let pay = PaymentProvider { declines: vec!["globex"], captured: Mutex::new(Vec::new()) };
    let usd: BTreeMap<&str, Vec<Tier<Cents>>> = BTreeMap::from([
        ("api_calls", vec![Tier { up_to: Some(1000), unit_price: Cents(0) }, Tier { up_to: None, unit_price: Cents(2) }]),
        ("storage_gb", vec![Tier { up_to: None, unit_price: Cents(23) }]),
    ]);
    let credits: BTreeMap<&str, Vec<Tier<MilliCredits>>> = BTreeMap::from([
        ("api_calls", vec![Tier { up_to: None, unit_price: MilliCredits(5) }]),
        ("sms", vec![Tier { up_to: None, unit_price: MilliCredits(750) }]),
    ]);
    let customers = ["acme", "globex", "initech"];
    let (inv_usd, fail_usd) = block_on(run_cycle(&store, &pay, &customers, "2024-05", &usd));
    let (inv_crd, fail_crd) = block_on(run_cycle(&store, &pay, &customers, "2024-05", &credits));
    let totals: Vec<String> = inv_usd.iter().map(|i| format!("{}={}", i.customer, i.total.display())).collect();
    println!("usd {:?} failures={}", totals, fail_usd.len());
    println!("credits paid={} failures={:?} captured={}", inv_crd.iter().filter(|i| i.paid).count(), fail_crd, pay.captured.lock().unwrap().len());
}
