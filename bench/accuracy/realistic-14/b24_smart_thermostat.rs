//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Smart thermostat controller: resolves the weekly setpoint schedule, applies eco
//! setback when the house is empty, and drives the boiler with hysteresis.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Setpoints in tenths of a degree keyed by minute-of-week.
fn parse_schedule(text: &str) -> Result<BTreeMap<u32, i32>, String> {
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut f = line.split_whitespace();
        let (days, time, temp) = match (f.next(), f.next(), f.next()) {
            (Some(d), Some(t), Some(c)) => (d, t, c),
            _ => return Err(format!("short line: {line}")),
        };
        let day_idx = |d: &str| DAYS.iter().position(|x| *x == d).ok_or(format!("bad day {d}"));
        let (a, b) = match days.split_once('-') {
            Some((a, b)) => (day_idx(a)?, day_idx(b)?),
            None => (day_idx(days)?, day_idx(days)?),
        };
        let (h, m) = time.split_once(':').ok_or(format!("bad time {time}"))?;
        let minute = h.parse::<u32>().map_err(|e| e.to_string())? * 60 + m.parse::<u32>().map_err(|e| e.to_string())?;
        let tenths = (temp.parse::<f32>().map_err(|e| e.to_string())? * 10.0).round() as i32;
        for d in a..=b {
            out.insert(d as u32 * 1440 + minute, tenths);
        }
    }
    Ok(out)
}

fn setpoint_at(schedule: &BTreeMap<u32, i32>, minute_of_week: u32) -> i32 {
    schedule.range(..=minute_of_week).next_back().or_else(|| schedule.iter().next_back()).map_or(180, |(_, t)| *t)
}

struct Controller {
    schedule: BTreeMap<u32, i32>,
    readings: VecDeque<i32>,
    boiler_on: bool,
    burner_minutes: u32,
    switches: u32,
}

impl Controller {
    async fn step(&mut self, minute: u32, room_tenths: i32, occupied: bool) -> bool {
        self.readings.push_back(room_tenths);
        if self.readings.len() > 3 {
            self.readings.pop_front();
        }
        let room = self.readings.iter().sum::<i32>() / self.readings.len() as i32;
        let target = setpoint_at(&self.schedule, minute % (7 * 1440));
        let target = if occupied { target } else { (target - 40).max(150) };
        let next = match self.boiler_on {
            true if room >= target + 5 => false,
            false if room <= target - 5 => true,
            keep => keep,
        };
        if next != self.boiler_on {
            self.switches += 1;
        }
        self.boiler_on = next;
        yield_now().await;
        next
    }
}

pub fn main() {
    let schedule = parse_schedule("Mon-Fri 06:30 21.0\nMon-Fri 08:30 17.0\nMon-Fri 17:30 21.5\nMon-Sun 22:30 16.0\nSat-Sun 08:00 20.5").unwrap();
    let mut ctl = Controller { schedule, readings: VecDeque::new(), boiler_on: false, burner_minutes: 0, switches: 0 };
    let mut room = 170;
    let sim = async {
        let mut log = Vec::new();
        for step in 0..96 {
            let minute = 1440 + 5 * 60 + step * 15;
            let occupied = !(9 * 60..17 * 60).contains(&(minute % 1440));
            let on = ctl.step(minute, room, occupied).await;
            room += if on { 4 } else { -2 };
            if on {
                ctl.burner_minutes += 15;
            }
            if step % 12 == 0 {
                log.push(format!("{:02}:{:02} room {:.1} {}", minute % 1440 / 60, minute % 60, room as f32 / 10.0, if on { "ON" } else { "off" }));
            }
        }
        log
    };
    for line in block_on(sim) {
        println!("{line}");
    }
    println!("burner {} min, {} switches", ctl.burner_minutes, ctl.switches);
    println!("{:?}", parse_schedule("Mon-Fry 07:00 20"));
    println!("{:?}", parse_schedule("Tue 7h 20"));
}
