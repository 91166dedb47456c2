#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Invoice calculator: line items, discounts and per-region tax via pluggable async tax providers with a caching decorator.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Category { Goods, Digital, Food, Service }

#[derive(Debug)]
enum InvoiceError { NoRate { region: String, cat: Category }, NegativeTotal(i64), BadCoupon(String) }

#[derive(Debug)]
struct CouponError(String);
impl From<CouponError> for InvoiceError {
    fn from(e: CouponError) -> Self { InvoiceError::BadCoupon(e.0) }
}

struct Money(i64);
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.pad(&format!("{}{}.{:02}", if self.0 < 0 { "-" } else { "" }, self.0.abs() / 100, self.0.abs() % 100))
    }
}

/// Basis-point multiply with banker's rounding.
fn apply_bp(amount: i64, bp: i64) -> i64 {
    let num = amount * bp;
    let (q, r) = (num / 10_000, num % 10_000);
    match r.cmp(&5_000) { std::cmp::Ordering::Greater => q + 1, std::cmp::Ordering::Less => q, _ => q + (q & 1) }
}

trait TaxProvider {
    async fn rate_bp(&self, region: &str, cat: Category) -> Option<i64>;
    async fn is_exempt(&self, customer: &str) -> bool { false }
}

struct TableProvider { rates: HashMap<(&'static str, Category), i64>, exempt: Vec<&'static str>, calls: Cell<u32> }
impl TaxProvider for TableProvider {
    async fn rate_bp(&self, region: &str, cat: Category) -> Option<i64> {
        Yield(3).await;
        self.calls.set(self.calls.get() + 1);
        let country = region.split('-').next().unwrap_or(region);
        self.rates.iter().find(|((r, c), _)| *c == cat && (*r == region || *r == country)).map(|(_, bp)| *bp)
    }
    async fn is_exempt(&self, customer: &str) -> bool { Yield(1).await; self.exempt.contains(&customer) }
}

struct Cached<P> { inner: P, memo: RefCell<HashMap<(String, Category), Option<i64>>> }
impl<P: TaxProvider> TaxProvider for Cached<P> {
    async fn rate_bp(&self, region: &str, cat: Category) -> Option<i64> {
        let key = (region.to_string(), cat);
        if let Some(hit) = self.memo.borrow().get(&key) { return *hit; }
        let fresh = self.inner.rate_bp(region, cat).await;
        self.memo.borrow_mut().insert(key, fresh);
        fresh
    }
    async fn is_exempt(&self, customer: &str) -> bool { self.inner.is_exempt(customer).await }
}

/// Marketplace fallback: one flat rate everywhere, no exemption registry (uses the trait default).
struct FlatRate(i64);
impl TaxProvider for FlatRate {
    async fn rate_bp(&self, region: &str, cat: Category) -> Option<i64> { Yield(1).await; Some(if cat == Category::Food { self.0 / 2 } else { self.0 }) }
}

struct Line { sku: &'static str, cat: Category, unit: i64, qty: i64 }

fn coupon_bp(code: Option<&str>) -> Result<i64, CouponError> {
    match code {
        None => Ok(0),
        Some(c) if c.starts_with("SAVE") => c[4..].parse::<i64>().map(|p| p * 100).map_err(|_| CouponError(c.into())).and_then(|bp| if bp <= 5000 { Ok(bp) } else { Err(CouponError(format!("{c} too generous"))) }),
        Some(c) => Err(CouponError(c.into())),
    }
}

async fn invoice<P>(provider: &P, customer: &str, region: &str, lines: &[Line], coupon: Option<&str>) -> Result<(i64, i64, Vec<String>), InvoiceError>
where
    P: TaxProvider,
{
    let disc = coupon_bp(coupon)?;
    let exempt = provider.is_exempt(customer).await;
    let (mut net, mut tax, mut out) = (0i64, 0i64, Vec::new());
    for (i, Line { sku, cat, unit, qty }) in lines.iter().enumerate() {
        let gross = unit * qty;
        let line_net = gross - apply_bp(gross, disc);
        let bp = if exempt { 0 } else {
            provider.rate_bp(region, *cat).await.ok_or_else(|| InvoiceError::NoRate { region: region.into(), cat: *cat })?
        };
        let line_tax = apply_bp(line_net, bp);
        out.push(format!("{:>2}. {sku:<10} {qty:>3} x {:>8} = {:>9}  tax {:>6} ({:.2}%)", i + 1, Money(*unit), Money(line_net), Money(line_tax), bp as f64 / 100.0));
        net += line_net;
        tax += line_tax;
    }
    if net < 0 { return Err(InvoiceError::NegativeTotal(net)); }
    Ok((net, tax, out))
}

fn main() {
    let table = TableProvider {
        rates: HashMap::from([
            (("DE", Category::Goods), 1900), (("DE", Category::Food), 700), (("DE", Category::Digital), 1900),
            (("US-CA", Category::Goods), 725), (("US-CA", Category::Digital), 0), (("US-NY", Category::Goods), 400),
            (("FR", Category::Service), 2000),
        ]),
        exempt: vec!["charity-42"], calls: Cell::new(0),
    };
    let provider = Cached { inner: table, memo: RefCell::new(HashMap::new()) };
    let cart = [
        Line { sku: "KBD-87", cat: Category::Goods, unit: 12_999, qty: 2 },
        Line { sku: "EBOOK-RS", cat: Category::Digital, unit: 2_450, qty: 1 },
        Line { sku: "COFFEE", cat: Category::Food, unit: 1_095, qty: 3 },
    ];
    let cases: [(&str, &str, Option<&str>); 5] = [("acme", "DE-BY", Some("SAVE10")), ("acme", "DE-HH", None), ("charity-42", "US-CA", None), ("bob", "US-CA", None), ("eve", "DE", Some("SAVE90"))];
    let outcomes = block_on(async {
        let mut outcomes = Vec::new();
        for (cust, region, coupon) in cases {
            let res = invoice(&provider, cust, region, &cart, coupon).await;
            match &res {
                Ok((net, tax, lines)) => {
                    println!("invoice {cust}/{region} coupon={coupon:?}");
                    lines.iter().for_each(|l| println!("   {l}"));
                    println!("   net {} tax {} total {}", Money(*net), Money(*tax), Money(net + tax));
                }
                Err(e) => println!("invoice {cust}/{region}: {e:?}"),
            }
            outcomes.push(res.map(|(n, t, _)| n + t).ok());
        }
        let flat = invoice(&FlatRate(1000), "charity-42", "US-CA", &cart, None).await.map(|(n, t, _)| (n, t));
        println!("flat-rate fallback for charity-42: {flat:?}");
        assert_eq!(flat.ok(), Some((31_733, 2_600 + 245 + 164)));
        outcomes
    });
    println!("provider calls: {} (memo entries {})", provider.inner.calls.get(), provider.memo.borrow().len());
    assert_eq!(apply_bp(250, 5000), 125);
    assert_eq!(apply_bp(15, 5000), 8);
    assert_eq!(outcomes[2], Some(25_998 + 2_450 + 3_285));
    assert!(outcomes[3].is_none() && outcomes[4].is_none());
    assert_eq!(provider.inner.calls.get(), 9);
}
