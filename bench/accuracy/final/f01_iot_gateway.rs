#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// An IoT device gateway: reads sensor frames, validates them and forwards
// accepted readings upstream in small batches.

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Reading {
    pub device_id: u32,
    pub celsius: f32,
    pub battery: u8,
}

#[derive(Debug)]
pub enum GatewayError {
    Disconnected(u32),
    BadFrame(String),
    Upstream,
}

async fn read_frame(device_id: u32) -> Result<Vec<u8>, GatewayError> {
    if device_id == 0 {
        return Err(GatewayError::Disconnected(device_id));
    }
    Ok(vec![device_id as u8, 21, 80])
}

async fn publish_upstream(batch: &[Reading]) -> Result<usize, GatewayError> {
    if batch.is_empty() {
        return Err(GatewayError::Upstream);
    }
    Ok(batch.len())
}

fn decode(device_id: u32, frame: &[u8]) -> Result<Reading, GatewayError> {
    let [_, temp, battery] = frame else {
        return Err(GatewayError::BadFrame(format!("len {}", frame.len())));
    };
    Ok(Reading { device_id, celsius: *temp as f32, battery: *battery })
}

pub struct Gateway {
    pending: Vec<Reading>,
    last_seen: HashMap<u32, f32>,
    batch_size: usize,
}

impl Gateway {
    pub fn new(batch_size: usize) -> Self {
        Gateway { pending: Vec::new(), last_seen: HashMap::new(), batch_size }
    }

    pub async fn poll_device(&mut self, device_id: u32) -> Result<bool, GatewayError> {
        let frame = read_frame(device_id).await?;
        let reading = decode(device_id, &frame)?;
        if let Some(prev) = self.last_seen.get(&device_id) {
            if (prev - reading.celsius).abs() < 0.1 {
                return Ok(false);
            }
        }
        self.last_seen.insert(device_id, reading.celsius);
        self.pending.push(reading);
        Ok(true)
    }

    pub async fn flush(&mut self) -> Result<usize, GatewayError> {
        let mut sent: usize = 0;
        while self.pending.len() >= self.batch_size {
            let batch: Vec<Reading> = self.pending.drain(..self.batch_size).collect();
            sent += publish_upstream(&batch).await?;
        }
        Ok(sent)
    }
}

pub async fn run_gateway(devices: Vec<u32>) -> Result<usize, GatewayError> {
    let warm: bool = heartbeat(1).await > 0;
    let mut gw = Gateway::new(if warm { 2 } else { 1 });
    let mut offline = 0;
    for id in devices.iter() {
        match gw.poll_device(*id).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(GatewayError::Disconnected(d)) if offline < 3 => {
                offline += 1;
                println!("device {} offline", d);
            }
            Err(e) => return Err(e),
        }
    }
    let flushed = gw.flush().await?;
    let low_battery = gw.pending.iter().filter(|r| r.battery < 20).count();
    if low_battery > 0 {
        println!("{} devices low on battery", low_battery);
    }
    Ok(flushed + offline)
}

pub async fn heartbeat(rounds: u32) -> u32 {
    let mut alive = 0u32;
    for round in 0..rounds {
        let ok = async move { read_frame(round + 1).await.is_ok() };
        if ok.await {
            alive += 1;
        }
    }
    alive
}
