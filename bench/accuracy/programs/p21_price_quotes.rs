#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
struct Quote {
    bid: u64,
    ask: u64,
}

async fn fetch_quote(exchange: &str, symbol: &str) -> Option<Quote> {
    let base = symbol.len() as u64 * 1000 + exchange.len() as u64;
    if exchange == "down" { None } else { Some(Quote { bid: base, ask: base + 5 }) }
}

async fn fx_rate(currency: &str) -> u64 {
    match currency {
        "EUR" => 108,
        "GBP" => 127,
        _ => 100,
    }
}

async fn fee_bps(exchange: &str) -> u64 {
    if exchange.starts_with('b') { 10 } else { 25 }
}

fn spread(q: &Quote) -> u64 {
    q.ask - q.bid
}

fn apply_fee(price: u64, bps: u64) -> u64 {
    price + price * bps / 10_000
}

async fn best_ask(exchanges: &[&str], symbol: &str) -> Option<(String, u64)> {
    let mut best: Option<(String, u64)> = None;
    for ex in exchanges {
        let Some(q) = fetch_quote(ex, symbol).await else { continue };
        let cost = apply_fee(q.ask, fee_bps(ex).await);
        best = match best {
            Some((_, b)) if b <= cost => best,
            _ => Some((ex.to_string(), cost)),
        };
    }
    best
}

async fn mid_price_in(symbol: &str, currency: &str) -> Option<u64> {
    let q = fetch_quote("binance", symbol).await?;
    let mid = (q.bid + q.ask) / 2;
    Some(mid * fx_rate(currency).await / 100)
}

async fn arbitrage_gap(symbol: &str) -> i64 {
    let a = fetch_quote("alpha", symbol).await;
    let b = fetch_quote("beta", symbol).await;
    match (a, b) {
        (Some(qa), Some(qb)) if qa.bid > qb.ask => (qa.bid - qb.ask) as i64,
        (Some(qa), Some(qb)) if qb.bid > qa.ask => (qb.bid - qa.ask) as i64,
        (Some(_), Some(_)) => 0,
        _ => -1,
    }
}

async fn portfolio_value(holdings: &HashMap<String, u64>, currency: &str) -> u64 {
    let mut total = 0u64;
    for (symbol, qty) in holdings.iter() {
        let price = mid_price_in(symbol, currency).await.unwrap_or(0);
        total += price * qty;
    }
    let rate = fx_rate(currency).await;
    let adjusted = total + fee_bps("bitstamp").await * rate;
    adjusted
}

async fn quote_report(symbols: Vec<&str>) -> Vec<String> {
    let exchanges = ["binance", "down", "kraken"];
    let mut lines = Vec::new();
    for (i, sym) in symbols.iter().enumerate() {
        let best = best_ask(&exchanges, sym).await;
        let gap = arbitrage_gap(sym).await;
        let line = match best {
            Some((ex, cost)) => format!("{}. {} best on {} at {} (gap {})", i + 1, sym, ex, cost, gap),
            None => format!("{}. {} unavailable", i + 1, sym),
        };
        lines.push(line);
    }
    lines
}
