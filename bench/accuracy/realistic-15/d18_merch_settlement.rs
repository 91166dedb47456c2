//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Touring band merch settlement: reconciles count-in/count-out sheets by SKU and size
//! against card-terminal exports, then splits the night's gross with the venue.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

const SIZES: [&str; 6] = ["XS", "S", "M", "L", "XL", "XXL"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Media { Vinyl, Cd, Cassette }

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Item { Apparel { sku: u16, size: usize }, Media(Media), Poster { signed: bool } }

#[derive(Debug)]
enum SettleError { SheetLine(usize, String), NegativeSales(Item, i32), Mismatch { counted_cents: i64, reported_cents: i64 } }

#[derive(Debug, Clone, Copy)]
struct Deal { soft_pct: u32, media_pct: u32, card_fee_bps: u32, tax_bps: u32 }

fn parse_item(tok: &str) -> Option<Item> {
    let mut parts = tok.split('/');
    match (parts.next()?, parts.next()) {
        ("LP", None) => Some(Item::Media(Media::Vinyl)),
        ("CD", None) => Some(Item::Media(Media::Cd)),
        ("TAPE", None) => Some(Item::Media(Media::Cassette)),
        ("POSTER", Some("SIGNED")) => Some(Item::Poster { signed: true }),
        ("POSTER", None) => Some(Item::Poster { signed: false }),
        (sku, Some(size)) => Some(Item::Apparel { sku: sku.strip_prefix("TEE")?.parse().ok()?, size: SIZES.iter().position(|s| *s == size)? }),
        _ => None,
    }
}

/// "ITEM in adds out comps price"
fn parse_counts(sheet: &str) -> Result<Vec<(Item, i32, i64)>, SettleError> {
    let mut rows = Vec::new();
    for (n, line) in sheet.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let bad = || SettleError::SheetLine(n + 1, line.to_string());
        if f.len() != 6 { return Err(bad()); }
        let item = parse_item(f[0]).ok_or_else(bad)?;
        let nums: Vec<i32> = f[1..5].iter().map(|x| x.parse()).collect::<Result<_, _>>().map_err(|_| bad())?;
        let price: i64 = f[5].trim_start_matches('$').parse::<i64>().map_err(|_| bad())? * 100;
        let sold = nums[0] + nums[1] - nums[2] - nums[3];
        if sold < 0 { return Err(SettleError::NegativeSales(item, sold)); }
        rows.push((item, sold, price));
    }
    Ok(rows)
}

trait SalesSource {
    async fn reported_cents(&self) -> i64;
    async fn label(&self) -> String { "source".to_string() }
}
struct CardTerminal { export_csv: &'static str }
struct CashBox { bills: [(i64, u32); 6] }

impl SalesSource for CardTerminal {
    async fn reported_cents(&self) -> i64 {
        let mut total = 0;
        for line in self.export_csv.lines().skip(1) {
            yield_now().await;
            let amount = line.split(',').nth(2).and_then(|a| a.trim().parse::<f64>().ok()).unwrap_or(0.0);
            let status = line.split(',').nth(3).map(str::trim).unwrap_or("");
            if status != "refunded" { total += (amount * 100.0).round() as i64; }
        }
        total
    }
    async fn label(&self) -> String { format!("card ({} txns)", self.export_csv.lines().count() - 1) }
}
impl SalesSource for CashBox {
    async fn reported_cents(&self) -> i64 {
        yield_now().await;
        self.bills.iter().map(|(denom, n)| denom * *n as i64).sum::<i64>()
    }
}

async fn settle<A: SalesSource, B: SalesSource>(sheet: &str, card: &A, cash: &B, float_cents: i64, deal: Deal, book: Arc<Mutex<BTreeMap<String, i64>>>) -> Result<String, SettleError> {
    let rows = parse_counts(sheet)?;
    let counted: i64 = rows.iter().map(|(_, sold, price)| *sold as i64 * price).sum::<i64>();
    let reported = card.reported_cents().await + cash.reported_cents().await - float_cents;
    if (counted - reported).abs() > 2_000 {
        return Err(SettleError::Mismatch { counted_cents: counted, reported_cents: reported });
    }
    let net_of_tax = |g: i64| g * 10_000 / (10_000 + deal.tax_bps as i64);
    let (mut soft, mut media) = (0i64, 0i64);
    let mut by_size = [0i32; SIZES.len()];
    for (item, sold, price) in &rows {
        match item {
            Item::Media(_) => media += *sold as i64 * price,
            Item::Apparel { size, .. } => { by_size[*size] += sold; soft += *sold as i64 * price }
            Item::Poster { .. } => soft += *sold as i64 * price,
        }
    }
    let venue = net_of_tax(soft) * deal.soft_pct as i64 / 100 + net_of_tax(media) * deal.media_pct as i64 / 100;
    let card_fees = card.reported_cents().await * deal.card_fee_bps as i64 / 10_000;
    {
        let mut b = book.lock().unwrap();
        *b.entry("venue".into()).or_insert(0) += venue;
        *b.entry("band".into()).or_insert(0) += reported - venue - card_fees;
    }
    let sizes: Vec<String> = SIZES.iter().zip(by_size).filter(|(_, n)| *n > 0).map(|(s, n)| format!("{s}:{n}")).collect();
    Ok(format!("{} + cash: gross ${:.2} venue ${:.2} fees ${:.2} | tees {}", card.label().await, reported as f64 / 100.0, venue as f64 / 100.0, card_fees as f64 / 100.0, sizes.join(" ")))
}

fn main() {
    let deal = Deal { soft_pct: 20, media_pct: 10, card_fee_bps: 275, tax_bps: 825 };
    let book = Arc::new(Mutex::new(BTreeMap::new()));
    let sheet = "# item in adds out comps price\nTEE01/S 24 0 18 0 $30\nTEE01/M 36 12 20 1 $30\nTEE01/XL 20 0 14 0 $30\nLP 40 0 31 2 $25\nCD 50 0 44 0 $15\nPOSTER/SIGNED 10 0 7 0 $40\n";
    let card = CardTerminal { export_csv: "time,id,amount,status\n20:01,a1,450.00,ok\n20:40,a2,615.00,ok\n21:10,a3,30.00,refunded\n22:05,a4,300.00,ok\n" };
    let cash = CashBox { bills: [(2000, 10), (1000, 8), (500, 6), (100, 20), (5000, 1), (10000, 0)] };
    match block_on(settle(sheet, &card, &cash, 20_000, deal, book.clone())) {
        Ok(s) => println!("{s}"),
        Err(e) => println!("settlement blocked: {e:?}"),
    }
    let short = "TEE01/M 10 0 12 0 $30\n";
    let odd = "TEE09/XXXL 1 0 0 0 $30\n";
    let wrong_cash = CashBox { bills: [(100, 1); 6] };
    for s in [short, odd, sheet] {
        match block_on(settle(s, &card, &wrong_cash, 0, deal, book.clone())) {
            Err(SettleError::Mismatch { counted_cents, reported_cents }) if counted_cents > reported_cents => println!("short ${:.2} - recount cash", (counted_cents - reported_cents) as f64 / 100.0),
            Err(e) => println!("error {e:?}"),
            Ok(s) => println!("{s}"),
        }
    }
    // card reader outage: both tills are cash boxes (merch table and overflow at the bar)
    let bar_till = CashBox { bills: [(2000, 20), (1000, 8), (500, 6), (100, 20), (5000, 11), (10000, 3)] };
    let cash_only = block_on(settle(sheet, &cash, &bar_till, 20_000, deal, book.clone()));
    println!("cash-only: {:?}", cash_only.map_err(|e| format!("{e:?}")));
    let l = block_on(cash.label());
    let payout = (|b: Arc<Mutex<BTreeMap<String, i64>>>| async move {
        yield_now().await;
        let b = b.lock().unwrap();
        b.iter().map(|(k, v)| format!("{k}=${:.2}", *v as f64 / 100.0)).collect::<Vec<_>>().join(", ")
    })(book.clone());
    println!("{l}: {}", block_on(payout));
}
