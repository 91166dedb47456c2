#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, Copy)]
struct Reading {
    sensor: u8,
    celsius: f32,
    seq: u32,
}

#[derive(Debug)]
enum Alarm {
    TooHot { sensor: u8, value: f32 },
    Gap { sensor: u8, missing: u32 },
}

struct SensorStream {
    sensor: u8,
    seq: u32,
    remaining: u32,
}

impl SensorStream {
    async fn next(&mut self) -> Option<Reading> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        self.seq += if self.remaining % 5 == 0 { 2 } else { 1 };
        let raw = sample_adc(self.sensor).await;
        Some(Reading { sensor: self.sensor, celsius: raw as f32 / 10.0, seq: self.seq })
    }
}

async fn sample_adc(sensor: u8) -> u16 {
    200 + sensor as u16 * 17
}

async fn raise(alarm: Alarm) {
    println!("alarm: {:?}", alarm);
}

struct MovingAverage {
    window: [f32; 4],
    idx: usize,
    filled: bool,
}

impl MovingAverage {
    fn push(&mut self, v: f32) -> f32 {
        self.window[self.idx] = v;
        self.idx = (self.idx + 1) % self.window.len();
        if self.idx == 0 {
            self.filled = true;
        }
        let n = if self.filled { self.window.len() } else { self.idx.max(1) };
        self.window[..n].iter().sum::<f32>() / n as f32
    }
}

async fn monitor(mut stream: SensorStream, threshold: f32) -> (u32, f32) {
    let mut avg = MovingAverage { window: [0.0; 4], idx: 0, filled: false };
    let mut last_seq: Option<u32> = None;
    let mut alarms = 0u32;
    let mut smoothed = 0.0f32;
    while let Some(r) = stream.next().await {
        if let Some(prev) = last_seq {
            let gap = r.seq - prev - 1;
            if gap > 0 {
                raise(Alarm::Gap { sensor: r.sensor, missing: gap }).await;
                alarms += 1;
            }
        }
        last_seq = Some(r.seq);
        smoothed = avg.push(r.celsius);
        if smoothed > threshold {
            raise(Alarm::TooHot { sensor: r.sensor, value: smoothed }).await;
            alarms += 1;
        }
    }
    (alarms, smoothed)
}

async fn monitor_all(sensors: &[u8]) -> u32 {
    let mut total = 0;
    for &s in sensors {
        let stream = SensorStream { sensor: s, seq: 0, remaining: 12 };
        let (alarms, last) = monitor(stream, 25.0).await;
        println!("sensor {} -> {} alarms, last {:.1}", s, alarms, last);
        total += alarms;
    }
    total
}
