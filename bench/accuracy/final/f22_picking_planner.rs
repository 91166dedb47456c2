#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Warehouse picking planner: groups order lines into pick lists ordered by
// aisle so that a picker walks the warehouse only once.

use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct OrderLine {
    pub order_id: u32,
    pub sku: String,
    pub qty: u32,
}

#[derive(Debug, Clone, Copy)]
pub struct Location {
    pub aisle: u16,
    pub shelf: u8,
}

#[derive(Debug)]
pub struct PickStop {
    pub sku: String,
    pub loc: Location,
    pub qty: u32,
}

async fn locate(sku: &str) -> Option<Location> {
    let aisle = sku.bytes().map(|b| b as u16).sum::<u16>() % 40;
    if sku.starts_with("DISC") { None } else { Some(Location { aisle, shelf: (aisle % 5) as u8 }) }
}

async fn stock_level(sku: &str) -> u32 {
    if sku.ends_with('0') { 0 } else { 25 }
}

async fn reserve(sku: &str, qty: u32) -> Result<(), String> {
    if qty > 20 {
        Err(format!("cannot reserve {} of {}", qty, sku))
    } else {
        Ok(())
    }
}

pub async fn plan(lines: Vec<OrderLine>, cart_capacity: u32) -> Result<Vec<Vec<PickStop>>, String> {
    let mut by_aisle: BTreeMap<(u16, u8), PickStop> = BTreeMap::new();
    let mut backorders = Vec::new();
    for line in lines.iter() {
        let Some(loc) = locate(&line.sku).await else {
            println!("sku {} discontinued, skipping order {}", line.sku, line.order_id);
            continue;
        };
        if stock_level(&line.sku).await < line.qty {
            backorders.push(line.clone());
            continue;
        }
        let stop = by_aisle
            .entry((loc.aisle, loc.shelf))
            .or_insert(PickStop { sku: line.sku.clone(), loc, qty: 0 });
        stop.qty += line.qty;
    }
    if !backorders.is_empty() {
        println!("{} lines backordered", backorders.len());
    }
    drop(backorders);
    let mut trips: Vec<Vec<PickStop>> = Vec::new();
    let mut current: Vec<PickStop> = Vec::new();
    let mut load = 0;
    for (_, stop) in by_aisle {
        reserve(&stop.sku, stop.qty).await?;
        if load + stop.qty > cart_capacity && !current.is_empty() {
            trips.push(std::mem::take(&mut current));
            load = 0;
        }
        load += stop.qty;
        current.push(stop);
    }
    if !current.is_empty() {
        trips.push(current);
    }
    Ok(trips)
}

pub async fn walking_distance(trips: &[Vec<PickStop>]) -> u32 {
    let mut total = 0u32;
    for trip in trips {
        let mut last_aisle = 0u16;
        for stop in trip.iter() {
            total += stop.loc.aisle.abs_diff(last_aisle) as u32 * 3;
            last_aisle = stop.loc.aisle;
        }
        total += last_aisle as u32 * 3;
    }
    total
}

pub async fn plan_wave(skus: Vec<&str>) -> (usize, u32) {
    let lines: Vec<OrderLine> = skus
        .iter()
        .enumerate()
        .map(|(i, s)| OrderLine { order_id: i as u32 + 1, sku: s.to_string(), qty: 2 + i as u32 })
        .collect();
    let trips = match plan(lines, 10).await {
        Ok(t) => t,
        Err(e) => {
            println!("wave failed: {}", e);
            return (0, 0);
        }
    };
    let distance = walking_distance(&trips).await;
    let restock = async {
        let mut empty = 0;
        for sku in &skus {
            if stock_level(sku).await == 0 {
                empty += 1;
            }
        }
        empty
    };
    (trips.len() + restock.await, distance)
}
