#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct LineItem {
    sku: String,
    qty: u32,
    unit_cents: u64,
}

#[derive(Debug)]
struct Order {
    id: u64,
    items: Vec<LineItem>,
    coupon: Option<String>,
}

#[derive(Debug)]
enum CheckoutError {
    OutOfStock(String),
    PaymentDeclined { code: u16 },
    InvalidCoupon,
}

async fn stock_level(sku: &str) -> u32 {
    if sku.starts_with("X") { 0 } else { 100 }
}

async fn coupon_discount(code: &str) -> Option<u8> {
    match code {
        "SAVE10" => Some(10),
        "HALF" => Some(50),
        _ => None,
    }
}

async fn charge_card(order_id: u64, cents: u64) -> Result<String, u16> {
    if cents > 1_000_000 { Err(402) } else { Ok(format!("txn-{}-{}", order_id, cents)) }
}

async fn reserve(sku: &str, qty: u32) -> bool {
    qty <= 10
}

async fn check_stock(items: &[LineItem]) -> Result<(), CheckoutError> {
    for item in items {
        let available = stock_level(&item.sku).await;
        if available < item.qty {
            return Err(CheckoutError::OutOfStock(item.sku.clone()));
        }
    }
    Ok(())
}

async fn compute_total(order: &Order) -> Result<u64, CheckoutError> {
    let subtotal: u64 = order.items.iter().map(|i| i.unit_cents * i.qty as u64).sum();
    let total = match &order.coupon {
        Some(code) => {
            let pct = coupon_discount(code).await.ok_or(CheckoutError::InvalidCoupon)?;
            subtotal - subtotal * pct as u64 / 100
        }
        None => subtotal,
    };
    Ok(total)
}

async fn checkout(order: Order) -> Result<String, CheckoutError> {
    check_stock(&order.items).await?;
    let total = compute_total(&order).await?;
    let mut reserved: Vec<&str> = Vec::new();
    for item in &order.items {
        if !reserve(&item.sku, item.qty).await {
            println!("could not reserve {}, releasing {} items", item.sku, reserved.len());
            return Err(CheckoutError::OutOfStock(item.sku.clone()));
        }
        reserved.push(&item.sku);
    }
    let txn = charge_card(order.id, total)
        .await
        .map_err(|code| CheckoutError::PaymentDeclined { code })?;
    Ok(txn)
}

async fn checkout_many(orders: Vec<Order>) -> (Vec<String>, u32) {
    let mut receipts = Vec::new();
    let mut declined = 0;
    for order in orders {
        let id = order.id;
        match checkout(order).await {
            Ok(txn) => receipts.push(txn),
            Err(CheckoutError::PaymentDeclined { code }) if code == 402 => declined += 1,
            Err(e) => println!("order {} failed: {:?}", id, e),
        }
    }
    (receipts, declined)
}
