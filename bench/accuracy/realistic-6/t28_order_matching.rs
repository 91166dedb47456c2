#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Exchange matching engine: price-time priority limit order book with market/IOC orders, fed by an async order gateway.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

struct Noop;
impl Wake for Noop { fn wake(self: Arc<Self>) {} }

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side { Buy, Sell }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tif { Gtc, Ioc, Market }

#[derive(Debug, Clone)]
struct Order { id: u64, trader: &'static str, side: Side, price: u64, qty: u64, tif: Tif }

#[derive(Debug, Clone, PartialEq)]
struct Trade { taker: u64, maker: u64, price: u64, qty: u64 }

#[derive(Debug)]
enum Reject { ZeroQty, SelfTrade(u64), PriceBand { price: u64, mid: u64 }, RiskLimit { trader: &'static str, qty: u64, limit: u64 } }

#[derive(Default)]
struct Book { bids: BTreeMap<u64, VecDeque<Order>>, asks: BTreeMap<u64, VecDeque<Order>> }

impl Book {
    fn best(&self, side: Side) -> Option<u64> {
        match side { Side::Buy => self.bids.keys().next_back().copied(), Side::Sell => self.asks.keys().next().copied() }
    }

    fn mid(&self) -> Option<u64> { Some((self.best(Side::Buy)? + self.best(Side::Sell)?) / 2) }

    fn submit(&mut self, mut o: Order) -> Result<(Vec<Trade>, u64), Reject> {
        if o.qty == 0 { return Err(Reject::ZeroQty); }
        if let (Some(mid), Tif::Gtc) = (self.mid(), o.tif) {
            if o.price > mid * 12 / 10 || o.price < mid * 8 / 10 { return Err(Reject::PriceBand { price: o.price, mid }); }
        }
        let mut trades = Vec::new();
        'levels: while o.qty > 0 {
            let level_price = match (o.side, self.best(match o.side { Side::Buy => Side::Sell, Side::Sell => Side::Buy })) {
                (Side::Buy, Some(p)) if o.tif == Tif::Market || p <= o.price => p,
                (Side::Sell, Some(p)) if o.tif == Tif::Market || p >= o.price => p,
                _ => break 'levels,
            };
            let book = if o.side == Side::Buy { &mut self.asks } else { &mut self.bids };
            let queue = book.get_mut(&level_price).expect("level exists");
            while let Some(maker) = queue.front_mut() {
                if maker.trader == o.trader { return Err(Reject::SelfTrade(maker.id)); }
                let q = maker.qty.min(o.qty);
                trades.push(Trade { taker: o.id, maker: maker.id, price: level_price, qty: q });
                maker.qty -= q;
                o.qty -= q;
                if maker.qty == 0 { queue.pop_front(); }
                if o.qty == 0 { break; }
            }
            if queue.is_empty() { book.remove(&level_price); }
        }
        let rested = if o.qty > 0 && o.tif == Tif::Gtc {
            let book = if o.side == Side::Buy { &mut self.bids } else { &mut self.asks };
            let q = o.qty;
            book.entry(o.price).or_default().push_back(o);
            q
        } else { 0 };
        Ok((trades, rested))
    }

    fn depth(&self, side: Side, levels: usize) -> Vec<(u64, u64)> {
        let agg = |(p, q): (&u64, &VecDeque<Order>)| (*p, q.iter().map(|o| o.qty).sum());
        match side {
            Side::Buy => self.bids.iter().rev().take(levels).map(agg).collect(),
            Side::Sell => self.asks.iter().take(levels).map(agg).collect(),
        }
    }
}

async fn gateway_decode(line: &'static str, id: u64) -> Option<Order> {
    Yield(1).await;
    let f: Vec<&str> = line.split_whitespace().collect();
    let (trader, side, qty, price, tif) = match f.as_slice() {
        [t, "BUY", q, "MKT"] => (*t, Side::Buy, q.parse().ok()?, u64::MAX, Tif::Market),
        [t, "SELL", q, "MKT"] => (*t, Side::Sell, q.parse().ok()?, 0, Tif::Market),
        [t, s, q, p, rest @ ..] => (*t, if *s == "BUY" { Side::Buy } else { Side::Sell }, q.parse().ok()?, p.parse().ok()?, if rest.first() == Some(&"IOC") { Tif::Ioc } else { Tif::Gtc }),
        _ => return None,
    };
    Some(Order { id, trader, side, price, qty, tif })
}

async fn risk_check(o: &Order, limits: &[(&str, u64)]) -> Result<(), Reject> {
    Yield(1).await;
    let limit = limits.iter().find(|(t, _)| *t == o.trader).map_or(1_000, |(_, l)| *l);
    if o.qty > limit { Err(Reject::RiskLimit { trader: o.trader, qty: o.qty, limit }) } else { Ok(()) }
}

async fn cancel(book: &Arc<Mutex<Book>>, id: u64) -> Option<u64> {
    Yield(1).await;
    let mut b = book.lock().unwrap();
    let Book { bids, asks } = &mut *b;
    for side in [bids, asks] {
        let hit = side.iter_mut().find_map(|(p, q)| q.iter().position(|o| o.id == id).map(|i| (*p, i)));
        if let Some((price, idx)) = hit {
            let removed = side.get_mut(&price)?.remove(idx)?;
            if side[&price].is_empty() { side.remove(&price); }
            return Some(removed.qty);
        }
    }
    None
}

async fn snapshot(book: &Arc<Mutex<Book>>) -> String {
    Yield(1).await;
    let b = book.lock().unwrap();
    format!("bids {:?} asks {:?}", b.depth(Side::Buy, 3), b.depth(Side::Sell, 3))
}

async fn publish(trades: &[Trade], tape: &Arc<Mutex<Vec<Trade>>>) {
    for chunk in trades.chunks(2) {
        Yield(1).await;
        tape.lock().unwrap().extend_from_slice(chunk);
    }
}

async fn session(feed: &'static str, book: &Arc<Mutex<Book>>, tape: &Arc<Mutex<Vec<Trade>>>) -> Vec<String> {
    let mut acks = Vec::new();
    for (i, line) in feed.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let Some(order) = gateway_decode(line, i as u64 + 1).await else { acks.push(format!("#{} malformed", i + 1)); continue; };
        if let Err(r) = risk_check(&order, &[("bob", 500), ("frank", 250)]).await { acks.push(format!("#{} rejected {r:?}", i + 1)); continue; }
        let result = { book.lock().unwrap().submit(order) }; // lock released before awaiting the publisher
        match result {
            Ok((trades, rested)) => {
                let filled: u64 = trades.iter().map(|t| t.qty).sum();
                publish(&trades, tape).await;
                acks.push(format!("#{} filled {filled} rested {rested}", i + 1));
            }
            Err(r) => acks.push(format!("#{} rejected {r:?}", i + 1)),
        }
    }
    acks
}

fn main() {
    let book = Arc::new(Mutex::new(Book::default()));
    let tape = Arc::new(Mutex::new(Vec::new()));
    let feed = "
        mm1 SELL 100 101
        mm1 SELL 50 102
        mm2 SELL 70 101
        mm3 BUY 80 99
        mm3 BUY 40 98
        alice BUY 120 101
        bob BUY 200 MKT
        mm3 SELL 10 99
        carol SELL 60 97 IOC
        mm1 SELL 30 103
        dave BUY 10 500
        garbage line
        erin BUY 0 100
        frank BUY 300 99
    ";
    let (acks, before, cancelled, after) = block_on(async {
        let acks = session(feed, &book, &tape).await;
        let before = snapshot(&book).await;
        let cancelled = [cancel(&book, 4).await, cancel(&book, 99).await];
        (acks, before, cancelled, snapshot(&book).await)
    });
    for a in &acks { println!("{a}"); }
    println!("{before}\ncancel #4/#99 -> {cancelled:?}\n{after}");
    assert_eq!(cancelled, [Some(20), None]);
    assert!(acks[13].contains("RiskLimit"));
    let t = tape.lock().unwrap();
    let vwap = t.iter().map(|x| x.price * x.qty).sum::<u64>() as f64 / t.iter().map(|x| x.qty).sum::<u64>() as f64;
    println!("{} trades, vwap {vwap:.3}", t.len());
    assert_eq!(t[0], Trade { taker: 6, maker: 1, price: 101, qty: 100 });
    assert!(acks[7].contains("SelfTrade"));
    assert!(acks[10].contains("PriceBand") && acks[11].contains("malformed") && acks[12].contains("ZeroQty"));
}
