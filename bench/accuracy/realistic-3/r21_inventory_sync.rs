//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Inventory reconciliation between the warehouse system and storefront channels.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }
}

#[derive(Debug)]
enum SyncError { Channel(String), Throttled { retry_after: u64 }, Parse(String) }

trait Channel {
    const PAGE: usize;
    fn name(&self) -> String;
    async fn fetch_page(&self, cursor: usize) -> Result<(Vec<(String, i64)>, Option<usize>), SyncError>;
    async fn set_stock(&self, sku: &str, qty: i64) -> Result<(), SyncError>;

    async fn snapshot(&self) -> Result<HashMap<String, i64>, SyncError> {
        let mut all = HashMap::new();
        let mut cursor = Some(0);
        while let Some(c) = cursor {
            let (items, next) = self.fetch_page(c).await?;
            all.extend(items);
            cursor = next;
        }
        Ok(all)
    }
}

struct Storefront { stock: RwLock<BTreeMap<String, i64>>, writes: Mutex<u32>, write_limit: u32 }

impl Channel for Storefront {
    const PAGE: usize = 2;
    fn name(&self) -> String { "storefront".into() }
    async fn fetch_page(&self, cursor: usize) -> Result<(Vec<(String, i64)>, Option<usize>), SyncError> {
        rt::io().await;
        let stock = self.stock.read().unwrap();
        let page: Vec<_> = stock.iter().skip(cursor).take(Self::PAGE).map(|(k, v)| (k.clone(), *v)).collect();
        let next = if cursor + Self::PAGE < stock.len() { Some(cursor + Self::PAGE) } else { None };
        Ok((page, next))
    }
    async fn set_stock(&self, sku: &str, qty: i64) -> Result<(), SyncError> {
        rt::io().await;
        let mut writes = self.writes.lock().unwrap();
        if *writes >= self.write_limit {
            return Err(SyncError::Throttled { retry_after: 60 });
        }
        *writes += 1;
        self.stock.write().unwrap().insert(sku.to_string(), qty);
        Ok(())
    }
}

struct Marketplace { feed: Mutex<String> }

impl Channel for Marketplace {
    const PAGE: usize = 100;
    fn name(&self) -> String { "marketplace".into() }
    async fn fetch_page(&self, _cursor: usize) -> Result<(Vec<(String, i64)>, Option<usize>), SyncError> {
        rt::io().await;
        let feed = self.feed.lock().unwrap().clone();
        let mut out = Vec::new();
        for line in feed.lines().skip(1) {
            let Some((sku, qty)) = line.split_once('\t') else { continue };
            let qty = qty.trim().parse().map_err(|_| SyncError::Parse(line.to_string()))?;
            out.push((sku.to_string(), qty));
        }
        Ok((out, None))
    }
    async fn set_stock(&self, sku: &str, qty: i64) -> Result<(), SyncError> {
        rt::io().await;
        let mut feed = self.feed.lock().unwrap();
        let updated: Vec<String> = feed
            .lines()
            .map(|l| if let Some((s, _)) = l.split_once('\t') && s == sku { format!("{s}\t{qty}") } else { l.to_string() })
            .collect();
        let mut text = updated.join("\n");
        if !text.lines().any(|l| l.starts_with(&format!("{sku}\t"))) { text.push_str(&format!("\n{sku}\t{qty}")); }
        *feed = text;
        Ok(())
    }
}

#[derive(Debug, Default)]
struct SyncReport { channel: String, checked: usize, updated: Vec<String>, skipped: Vec<String>, throttled: bool }

async fn reconcile<C: Channel>(channel: &C, truth: &HashMap<String, i64>, reserved: &HashMap<String, i64>, dry_run: bool) -> Result<SyncReport, SyncError> {
    let remote = channel.snapshot().await?;
    let mut report = SyncReport { channel: channel.name(), ..Default::default() };
    let skus: HashSet<&String> = truth.keys().chain(remote.keys()).collect();
    let mut skus: Vec<&String> = skus.into_iter().collect();
    skus.sort();
    for sku in skus {
        report.checked += 1;
        let available = truth.get(sku).copied().unwrap_or(0) - reserved.get(sku).copied().unwrap_or(0);
        let available = available.max(0);
        if remote.get(sku) == Some(&available) { continue; }
        if dry_run {
            report.skipped.push(format!("{sku}: {:?} -> {available}", remote.get(sku)));
            continue;
        }
        match channel.set_stock(sku, available).await {
            Ok(()) => report.updated.push(sku.clone()),
            Err(SyncError::Throttled { .. }) => { report.throttled = true; break; }
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let warehouse: HashMap<String, i64> = "BOOT-42:17,BOOT-43:0,CAP-1:250,SOCK-9:5,TENT-2:3".split(',').filter_map(|p| p.split_once(':')).map(|(s, q)| (s.to_string(), q.parse().unwrap())).collect();
    let reserved = HashMap::from([("SOCK-9".to_string(), 7), ("CAP-1".to_string(), 10)]);
    let store = Storefront {
        stock: RwLock::new(BTreeMap::from([("BOOT-42".into(), 17), ("BOOT-43".into(), 2), ("CAP-1".into(), 200), ("OLD-1".into(), 4)])),
        writes: Mutex::new(0),
        write_limit: 3,
    };
    let market = Marketplace { feed: Mutex::new("sku\tqty\nBOOT-42\t20\nCAP-1\t240\nTENT-2\t3".to_string()) };
    let arc_truth = Arc::new(warehouse);
    let truth = Arc::clone(&arc_truth);
    let (preview, store_report, market_report) = block_on(async move {
        let preview = reconcile(&store, &truth, &reserved, true).await;
        let s = reconcile(&store, &truth, &reserved, false).await;
        let m = reconcile(&market, &truth, &reserved, false).await;
        (preview, s, m)
    });
    println!("preview: {:?}", preview.map(|r| r.skipped));
    println!("store: {:?}", store_report);
    println!("market: {:?}", market_report.map(|r| (r.checked, r.updated)));
}
