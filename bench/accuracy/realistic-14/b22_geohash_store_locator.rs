//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Retail store locator: indexes shops by geohash cell, searches the query cell and its
//! neighbours, filters by haversine distance and asks each candidate for live stock.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const BASE32: &[u8] = b"0123456789bcdefghjkmnpqrstuvwxyz";

fn encode(lat: f64, lon: f64, precision: usize) -> String {
    let (mut lat_r, mut lon_r) = ((-90.0, 90.0), (-180.0, 180.0));
    let mut out = String::with_capacity(precision);
    let (mut bits, mut ch, mut even) = (0, 0usize, true);
    while out.len() < precision {
        let (range, v) = if even { (&mut lon_r, lon) } else { (&mut lat_r, lat) };
        let mid = (range.0 + range.1) / 2.0;
        ch <<= 1;
        if v >= mid {
            ch |= 1;
            range.0 = mid;
        } else {
            range.1 = mid;
        }
        even = !even;
        bits += 1;
        if bits == 5 {
            out.push(BASE32[ch] as char);
            bits = 0;
            ch = 0;
        }
    }
    out
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[derive(Debug, Clone)]
struct Store {
    id: u32,
    name: String,
    at: (f64, f64),
    stock: HashMap<String, u32>,
}

type StockCheck<'a> = Pin<Box<dyn Future<Output = Option<u32>> + 'a>>;

struct Locator {
    precision: usize,
    cells: BTreeMap<String, Vec<Rc<Store>>>,
    calls: RefCell<u32>,
}

impl Locator {
    fn index(stores: Vec<Store>, precision: usize) -> Self {
        let mut cells: BTreeMap<String, Vec<Rc<Store>>> = BTreeMap::new();
        for s in stores {
            cells.entry(encode(s.at.0, s.at.1, precision)).or_default().push(Rc::new(s));
        }
        Locator { precision, cells, calls: RefCell::new(0) }
    }

    fn stock_check<'a>(&'a self, store: &'a Store, sku: &'a str) -> StockCheck<'a> {
        *self.calls.borrow_mut() += 1;
        if store.id % 2 == 0 {
            Box::pin(async move {
                yield_now().await;
                store.stock.get(sku).copied()
            })
        } else {
            Box::pin(async move {
                yield_now().await;
                yield_now().await;
                store.stock.get(sku).copied().filter(|n| *n > 1)
            })
        }
    }

    async fn nearby(&self, here: (f64, f64), radius_km: f64, sku: &str) -> Vec<(String, f64, u32)> {
        let step = 180.0 / 2f64.powi((self.precision * 5 / 2) as i32);
        let mut probe_cells = HashSet::new();
        for dy in [-1.0, 0.0, 1.0] {
            for dx in [-2.0, 0.0, 2.0] {
                probe_cells.insert(encode(here.0 + dy * step, here.1 + dx * step, self.precision));
            }
        }
        let mut hits = Vec::new();
        for cell in &probe_cells {
            let Some(stores) = self.cells.get(cell) else { continue };
            for s in stores.iter() {
                let d = haversine_km(here, s.at);
                if d > radius_km {
                    continue;
                }
                if let Some(qty) = self.stock_check(s, sku).await {
                    hits.push((s.name.clone(), (d * 10.0).round() / 10.0, qty));
                }
            }
        }
        hits.sort_by(|a, b| a.1.total_cmp(&b.1));
        hits
    }
}

pub fn main() {
    let mk = |id: u32, name: &str, at: (f64, f64), stock: &[(&str, u32)]| Store {
        id,
        name: name.to_string(),
        at,
        stock: stock.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    };
    let stores = vec![
        mk(1, "Soho", (51.5136, -0.1365), &[("drill-18v", 3)]),
        mk(2, "Camden", (51.5390, -0.1426), &[("drill-18v", 1)]),
        mk(3, "Greenwich", (51.4826, -0.0077), &[("drill-18v", 5)]),
        mk(4, "Croydon", (51.3762, -0.0982), &[("drill-18v", 9)]),
        mk(5, "Islington", (51.5362, -0.1033), &[("drill-18v", 1), ("saw", 2)]),
        mk(6, "Oxford", (51.7520, -1.2577), &[("drill-18v", 4)]),
    ];
    let locator = Locator::index(stores, 4);
    println!("cells: {:?}", locator.cells.keys().collect::<Vec<_>>());
    let here = (51.5074, -0.1278);
    println!("{:?}", block_on(locator.nearby(here, 8.0, "drill-18v")));
    println!("{:?}", block_on(locator.nearby(here, 40.0, "saw")));
    println!("{:?}", block_on(locator.nearby((48.85, 2.35), 40.0, "drill-18v")));
    println!("stock calls {} / geohash {}", locator.calls.borrow(), encode(57.64911, 10.40744, 11));
}
