#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Stock alert notifier: users register price thresholds and get notified
// once when the threshold is crossed.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Direction {
    Above,
    Below,
}

#[derive(Debug, Clone)]
pub struct Alert {
    pub user: String,
    pub symbol: String,
    pub price: f64,
    pub direction: Direction,
    pub fired: bool,
}

async fn quote(symbol: &str) -> Result<f64, String> {
    match symbol {
        "ACME" => Ok(101.5),
        "INIT" => Ok(12.25),
        other => Err(format!("unknown symbol {}", other)),
    }
}

async fn notify(user: &str, message: String) -> Result<(), String> {
    if user.is_empty() {
        Err("no recipient".into())
    } else {
        Ok(())
    }
}

pub struct Notifier {
    pub alerts: Vec<Alert>,
    pub price_cache: HashMap<String, f64>,
}

impl Notifier {
    async fn price_of(&mut self, symbol: &str) -> Option<f64> {
        if let Some(p) = self.price_cache.get(symbol) {
            return Some(*p);
        }
        let p = quote(symbol).await.ok()?;
        self.price_cache.insert(symbol.to_string(), p);
        Some(p)
    }

    pub async fn check_all(&mut self) -> usize {
        let mut fired = 0;
        let symbols: Vec<String> = self.alerts.iter().map(|a| a.symbol.clone()).collect();
        for (i, symbol) in symbols.iter().enumerate() {
            let Some(price) = self.price_of(symbol).await else {
                continue;
            };
            let alert = &mut self.alerts[i];
            if alert.fired {
                continue;
            }
            let crossed = match alert.direction {
                Direction::Above => price >= alert.price,
                Direction::Below => price <= alert.price,
            };
            if crossed {
                let msg = format!("{} is now {:.2} ({:?} {:.2})", symbol, price, alert.direction, alert.price);
                let user = alert.user.clone();
                alert.fired = true;
                if notify(&user, msg).await.is_ok() {
                    fired += 1;
                }
            }
        }
        fired
    }
}

pub async fn watch(alerts: Vec<Alert>, ticks: u32) -> usize {
    let mut notifier = Notifier { alerts, price_cache: HashMap::new() };
    let mut total = 0;
    for tick in 0..ticks {
        total += notifier.check_all().await;
        notifier.price_cache.clear();
        if notifier.alerts.iter().all(|a| a.fired) {
            break;
        }
    }
    let pending: Vec<&Alert> = notifier.alerts.iter().filter(|a| !a.fired).collect();
    let summary = format!("{} alerts still pending", pending.len());
    drop(pending);
    if notify("ops", summary).await.is_err() {
        println!("ops notification failed");
    }
    total
}

pub async fn spread(a: &str, b: &str) -> Result<f64, String> {
    let diff = quote(a).await? - quote(b).await?;
    Ok(diff.abs())
}
