#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Limit order book matcher: incoming orders cross against resting orders at price-time priority.

use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Buy,
    Sell,
}

#[derive(Debug, Clone)]
struct Order {
    id: u64,
    side: Side,
    price: u32,
    qty: u32,
    trader: String,
}

#[derive(Debug)]
struct Fill {
    maker: u64,
    taker: u64,
    price: u32,
    qty: u32,
}

#[derive(Default)]
struct OrderBook {
    bids: Vec<(u32, VecDeque<Order>)>,
    asks: Vec<(u32, VecDeque<Order>)>,
}

async fn publish_fill(fill: &Fill) -> Result<(), String> {
    if fill.qty == 0 { Err("zero fill".into()) } else { Ok(()) }
}

async fn risk_check(trader: &str, notional: u64) -> bool {
    notional < 10_000_000 && !trader.is_empty()
}

impl OrderBook {
    fn rest(&mut self, order: Order) {
        let levels = if order.side == Side::Buy { &mut self.bids } else { &mut self.asks };
        match levels.iter_mut().find(|(p, _)| *p == order.price) {
            Some((_, q)) => q.push_back(order),
            None => {
                let price = order.price;
                levels.push((price, VecDeque::from(vec![order])));
                levels.sort_by_key(|(p, _)| *p);
            }
        }
    }

    async fn submit(&mut self, mut order: Order) -> Result<Vec<Fill>, String> {
        if !risk_check(&order.trader, order.price as u64 * order.qty as u64).await {
            return Err(format!("risk rejected order {}", order.id));
        }
        let mut fills = Vec::new();
        let is_buy = order.side == Side::Buy;
        'levels: while order.qty > 0 {
            let book_side = if is_buy { &mut self.asks } else { &mut self.bids };
            let idx = if is_buy { 0 } else { match book_side.len() { 0 => break, n => n - 1 } };
            let Some((level_price, queue)) = book_side.get_mut(idx) else { break };
            let crosses = if is_buy { *level_price <= order.price } else { *level_price >= order.price };
            if !crosses {
                break 'levels;
            }
            let price = *level_price;
            while let Some(maker) = queue.front_mut() {
                let qty = maker.qty.min(order.qty);
                maker.qty -= qty;
                order.qty -= qty;
                fills.push(Fill { maker: maker.id, taker: order.id, price, qty });
                if maker.qty == 0 {
                    queue.pop_front();
                }
                if order.qty == 0 {
                    break;
                }
            }
            if queue.is_empty() {
                book_side.remove(idx);
            }
        }
        for f in &fills {
            publish_fill(f).await?;
        }
        if order.qty > 0 {
            self.rest(order);
        }
        Ok(fills)
    }
}

async fn cancel(book: &mut OrderBook, id: u64) -> Option<Order> {
    for side in [&mut book.bids, &mut book.asks] {
        for (_, queue) in side.iter_mut() {
            if let Some(pos) = queue.iter().position(|o| o.id == id) {
                let removed = queue.remove(pos)?;
                let zero = Fill { maker: removed.id, taker: 0, price: removed.price, qty: 0 };
                let _ = publish_fill(&zero).await;
                return Some(removed);
            }
        }
    }
    None
}

pub async fn session() -> usize {
    let mut book = OrderBook::default();
    let orders = vec![
        Order { id: 1, side: Side::Sell, price: 101, qty: 5, trader: "mm1".into() },
        Order { id: 2, side: Side::Sell, price: 100, qty: 3, trader: "mm2".into() },
        Order { id: 3, side: Side::Buy, price: 101, qty: 6, trader: "fund".into() },
        Order { id: 4, side: Side::Buy, price: 99, qty: 1, trader: "".into() },
    ];
    let mut total_fills = 0;
    for o in orders {
        let id = o.id;
        match book.submit(o).await {
            Ok(f) if f.is_empty() => println!("order {} rests", id),
            Ok(f) => total_fills += f.len(),
            Err(e) => println!("{}", e),
        }
    }
    let cancelled = async {
        let c = cancel(&mut book, 4).await;
        c.map(|o| o.qty).unwrap_or(0)
    }
    .await;
    total_fills + cancelled as usize
}
