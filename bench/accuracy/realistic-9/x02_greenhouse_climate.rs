//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Greenhouse climate control: samples zone sensors and drives vents, heaters and misters toward setpoints.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::RwLock;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Instant;

fn raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => {}
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn tick(n: u32) -> Yield {
    Yield { left: n }
}

#[derive(Debug)]
enum ClimateError {
    SensorTimeout(u8),
    ActuatorJam(&'static str),
    OutOfRange { zone: u8, value: i32 },
}

impl fmt::Display for ClimateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClimateError::SensorTimeout(z) => write!(f, "sensor timeout in zone {z}"),
            ClimateError::ActuatorJam(what) => write!(f, "actuator jammed: {what}"),
            ClimateError::OutOfRange { zone, value } => write!(f, "zone {zone} reading {value} out of range"),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Reading {
    zone: u8,
    temp_c10: i32,
    humidity: u8,
    co2_ppm: u16,
}

trait Actuator {
    fn name(&self) -> &'static str;
    async fn set_level(&mut self, level: u8) -> Result<(), ClimateError>;

    async fn ramp(&mut self, from: u8, to: u8) -> Result<u8, ClimateError> {
        let mut level = from;
        let step: i16 = if to >= from { 10 } else { -10 };
        while level != to {
            let next = (level as i16 + step).clamp(from.min(to) as i16, from.max(to) as i16) as u8;
            self.set_level(next).await?;
            level = next;
        }
        Ok(level)
    }
}

struct Vent {
    open_pct: u8,
    moves: u32,
}

struct Heater {
    power: u8,
    stuck: bool,
}

impl Actuator for Vent {
    fn name(&self) -> &'static str {
        "vent"
    }
    async fn set_level(&mut self, level: u8) -> Result<(), ClimateError> {
        tick(1).await;
        self.open_pct = level.min(100);
        self.moves += 1;
        Ok(())
    }
}

impl Actuator for Heater {
    fn name(&self) -> &'static str {
        "heater"
    }
    async fn set_level(&mut self, level: u8) -> Result<(), ClimateError> {
        if self.stuck && level > 80 {
            return Err(ClimateError::ActuatorJam("heater relay"));
        }
        tick(2).await;
        self.power = level;
        Ok(())
    }
}

struct SensorBus {
    readings: RwLock<BTreeMap<u8, Reading>>,
    started: Instant,
}

impl SensorBus {
    async fn sample(&self, zone: u8) -> Result<Reading, ClimateError> {
        tick(1).await;
        if zone == 9 {
            return Err(ClimateError::SensorTimeout(zone));
        }
        let r = Reading {
            zone,
            temp_c10: 170 + zone as i32 * 19,
            humidity: 55 + zone * 4,
            co2_ppm: 400 + zone as u16 * 90,
        };
        if r.temp_c10 > 450 {
            return Err(ClimateError::OutOfRange { zone, value: r.temp_c10 });
        }
        self.readings.write().unwrap().insert(zone, r);
        Ok(r)
    }

    async fn latest_or_sample(&self, zone: u8) -> Result<Reading, ClimateError> {
        if let Some(r) = self.readings.read().unwrap().get(&zone) {
            Ok(*r)
        } else {
            self.sample(zone).await
        }
    }
}

async fn regulate<A: Actuator, H: Actuator>(
    bus: &SensorBus,
    vent: &mut A,
    heater: &mut H,
    zones: &[u8],
) -> Result<String, ClimateError> {
    let mut log = String::new();
    let target = 220;
    let mist = async |zone: u8, secs: u32| {
        for _ in 0..secs {
            tick(1).await;
        }
        zone as u32 * secs
    };
    for &z in zones {
        let r = match bus.latest_or_sample(z).await {
            Ok(r) => r,
            Err(ClimateError::SensorTimeout(z)) => {
                log.push_str(&format!("zone {z}: timeout\n"));
                continue;
            }
            Err(e) => return Err(e),
        };
        if r.temp_c10 > target + 20
            && let Ok(lvl) = vent.ramp(0, 60).await
        {
            log.push_str(&format!("zone {z}: {} -> {lvl}\n", vent.name()));
        } else if r.temp_c10 < target {
            let lvl = heater.ramp(0, 40).await?;
            log.push_str(&format!("zone {z}: {} -> {lvl}\n", heater.name()));
        }
        if r.humidity < 70 && r.co2_ppm > 800 {
            let ml = mist(z, 3).await;
            log.push_str(&format!("zone {z}: misted {ml}ml\n"));
        }
    }
    Ok(log)
}

fn main() {
    let bus = SensorBus { readings: RwLock::new(BTreeMap::new()), started: Instant::now() };
    let mut vent = Vent { open_pct: 0, moves: 0 };
    let mut heater = Heater { power: 0, stuck: false };
    match block_on(regulate(&bus, &mut vent, &mut heater, &[1, 3, 5, 9, 7])) {
        Ok(log) => print!("{log}"),
        Err(e) => println!("error: {e}"),
    }
    let mut stuck = Heater { power: 0, stuck: true };
    let r = block_on(stuck.ramp(0, 100));
    println!("stuck heater ramp: {:?}", r.map_err(|e| e.to_string()));
    let mut vent2 = Vent { open_pct: 0, moves: 0 };
    let r2 = block_on(regulate(&bus, &mut vent2, &mut Vent { open_pct: 0, moves: 0 }, &[20]));
    println!("vent moves {}, zone20 {:?}", vent.moves, r2.err().map(|e| e.to_string()));
    println!("elapsed ok: {}", bus.started.elapsed().as_secs() < 5);
}
