#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Sensor data aggregator: poll devices, drop outliers, compute per-room windows.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
struct Reading {
    sensor_id: u16,
    celsius: f32,
    humidity: u8,
    ts: u64,
}

#[derive(Debug, Default, Clone)]
struct Window {
    count: u32,
    sum: f32,
    min: f32,
    max: f32,
}

impl Window {
    fn add(&mut self, v: f32) {
        if self.count == 0 {
            self.min = v;
            self.max = v;
        } else {
            self.min = self.min.min(v);
            self.max = self.max.max(v);
        }
        self.count += 1;
        self.sum += v;
    }
    fn mean(&self) -> Option<f32> {
        if self.count == 0 { None } else { Some(self.sum / self.count as f32) }
    }
}

async fn poll_sensor(id: u16) -> Result<Reading, String> {
    if id == 0 {
        return Err("sensor 0 offline".into());
    }
    Ok(Reading { sensor_id: id, celsius: 20.0 + id as f32 * 0.5, humidity: 40 + (id % 20) as u8, ts: 1000 })
}

async fn push_metrics(room: &str, mean: f32, n: u32) -> Result<(), String> {
    Ok(())
}

async fn collect_round(sensors: &[(u16, &str)]) -> (Vec<(String, Reading)>, u32) {
    let mut out = Vec::new();
    let mut failures = 0;
    for &(id, room) in sensors {
        let reading = match poll_sensor(id).await {
            Ok(r) => r,
            Err(_) => {
                failures += 1;
                continue;
            }
        };
        if !(-40.0..=85.0).contains(&reading.celsius) || reading.humidity > 100 {
            continue;
        }
        out.push((room.to_string(), reading));
    }
    (out, failures)
}

async fn aggregate(rounds: u32) -> HashMap<String, Window> {
    let sensors: Vec<(u16, &str)> = vec![(1, "kitchen"), (2, "kitchen"), (3, "office"), (0, "garage")];
    let mut windows: HashMap<String, Window> = HashMap::new();
    let mut total_failures = 0u32;
    for round in 0..rounds {
        let (readings, failed) = collect_round(&sensors).await;
        total_failures += failed;
        for (room, r) in readings {
            windows.entry(room).or_default().add(r.celsius);
        }
        if total_failures > rounds * 2 {
            println!("too many failures after round {}", round);
            break;
        }
    }
    let mut rooms: Vec<&String> = windows.keys().collect();
    rooms.sort();
    for room in rooms {
        let w = &windows[room];
        if let Some(mean) = w.mean() {
            push_metrics(room, mean, w.count).await.unwrap_or_else(|e| println!("push failed: {}", e));
        }
    }
    windows
}

pub async fn dashboard() -> usize {
    let windows = aggregate(3).await;
    let hottest = async {
        let mut best: Option<(&String, f32)> = None;
        for (room, w) in &windows {
            let m = w.mean()?;
            if best.map_or(true, |(_, b)| m > b) {
                best = Some((room, m));
            }
        }
        push_metrics("max", best?.1, 1).await.ok()?;
        best.map(|(r, _)| r.clone())
    }
    .await;
    println!("hottest room: {:?}", hottest);
    windows.len()
}
