#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Geofence checker: tracks vehicles and raises enter/exit events when they
// cross circular or rectangular fences.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone)]
pub enum Fence {
    Circle { center: Point, radius_km: f64 },
    Rect { min: Point, max: Point },
}

#[derive(Debug, PartialEq)]
pub enum Event {
    Entered(u32, usize),
    Exited(u32, usize),
}

impl Fence {
    fn contains(&self, p: Point) -> bool {
        match self {
            Fence::Circle { center, radius_km } => {
                let dlat = (p.lat - center.lat) * 111.0;
                let dlon = (p.lon - center.lon) * 111.0 * center.lat.to_radians().cos();
                (dlat * dlat + dlon * dlon).sqrt() <= *radius_km
            }
            Fence::Rect { min, max } => {
                p.lat >= min.lat && p.lat <= max.lat && p.lon >= min.lon && p.lon <= max.lon
            }
        }
    }
}

async fn next_position(vehicle: u32, tick: u32) -> Option<Point> {
    if tick > 5 {
        None
    } else {
        Some(Point { lat: 52.0 + tick as f64 * 0.01, lon: 13.0 + vehicle as f64 * 0.01 })
    }
}

async fn emit(event: &Event) -> bool {
    println!("event: {:?}", event);
    true
}

pub struct Tracker {
    pub fences: Vec<Fence>,
    pub inside: HashMap<(u32, usize), bool>,
}

impl Tracker {
    pub async fn update(&mut self, vehicle: u32, p: Point) -> Vec<Event> {
        let mut events = Vec::new();
        for (idx, fence) in self.fences.iter().enumerate() {
            let now_inside = fence.contains(p);
            let was_inside = self.inside.insert((vehicle, idx), now_inside).unwrap_or(false);
            let event = match (was_inside, now_inside) {
                (false, true) => Event::Entered(vehicle, idx),
                (true, false) => Event::Exited(vehicle, idx),
                _ => continue,
            };
            if emit(&event).await {
                events.push(event);
            }
        }
        events
    }
}

pub async fn track(vehicles: Vec<u32>, fences: Vec<Fence>) -> usize {
    let mut tracker = Tracker { fences, inside: HashMap::new() };
    let mut total = 0;
    for v in vehicles.iter().copied() {
        let mut tick = 0;
        while let Some(p) = next_position(v, tick).await {
            tick += 1;
            if p.lat.is_nan() {
                break;
            }
            total += tracker.update(v, p).await.len();
        }
    }
    total
}

pub async fn first_entry(vehicle: u32, fence: Fence) -> Option<u32> {
    for tick in 0..10 {
        let p = next_position(vehicle, tick).await?;
        if fence.contains(p) && emit(&Event::Entered(vehicle, 0)).await {
            return Some(tick);
        }
    }
    None
}

pub async fn dwell_ticks(vehicle: u32, fences: &[Fence]) -> Vec<u32> {
    let mut counts = vec![0u32; fences.len()];
    let mut tick = 0;
    while let Some(p) = next_position(vehicle, tick).await {
        tick += 1;
        for (count, fence) in counts.iter_mut().zip(fences) {
            if fence.contains(p) {
                *count += 1;
            }
        }
    }
    let longest = counts.iter().copied().max().unwrap_or(0);
    if longest > 3 {
        let event = Event::Exited(vehicle, counts.iter().position(|c| *c == longest).unwrap_or(0));
        emit(&event).await;
    }
    counts
}
