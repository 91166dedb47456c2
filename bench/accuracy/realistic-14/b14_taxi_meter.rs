//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Taxi meter firmware: integrates odometer pulses and waiting time into a fare using the
//! tariff in force (day, night, holiday) and prints the receipt at trip end.

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

#[derive(Clone, Copy, Debug)]
struct Tariff { flag_fall: u32, per_km: u32, per_wait_min: u32 }

const DAY: Tariff = Tariff { flag_fall: 350, per_km: 210, per_wait_min: 45 };
const NIGHT: Tariff = Tariff { flag_fall: 450, per_km: 260, ..DAY };

#[derive(Default, Debug)]
struct Meter { metres: u32, wait_secs: u32, fare: u32, extras: Vec<(String, u32)> }

fn tariff_at(second_of_day: u32, holiday: bool) -> Tariff {
    match second_of_day / 3600 {
        _ if holiday => NIGHT,
        h if h >= 22 || h < 6 => NIGHT,
        _ => DAY,
    }
}

async fn run_trip(log: &str, start: u32, holiday: bool) -> Result<Meter, String> {
    let mut m = Meter::default();
    let mut samples: Vec<(u32, u32)> = Vec::new();
    for line in log.lines().filter(|l| !l.is_empty()) {
        let Some((t, rest)) = line.split_once(' ') else { return Err(format!("bad line {line:?}")) };
        let t: u32 = t.parse().map_err(|_| format!("bad time {t}"))?;
        match rest.split_once('=') {
            Some(("odo", v)) => samples.push((t, v.parse().map_err(|_| format!("bad odo {v}"))?)),
            Some(("extra", v)) => m.extras.push((v.to_string(), if v == "airport" { 500 } else { 150 })),
            _ => return Err(format!("unknown event {rest}")),
        }
    }
    let Some(&(t0, _)) = samples.first() else { return Err("no odometer samples".into()) };
    m.fare = tariff_at(start + t0, holiday).flag_fall;
    for w in samples.windows(2) {
        let ((ta, da), (tb, db)) = (w[0], w[1]);
        let tariff = tariff_at(start + ta, holiday);
        let (dt, dd) = (tb - ta, db.saturating_sub(da));
        if dd * 3600 < dt * 10_000 {
            m.wait_secs += dt;
            m.fare += tariff.per_wait_min * dt / 60;
        } else {
            m.metres += dd;
            m.fare += tariff.per_km * dd / 1000;
        }
        yield_now().await;
    }
    m.fare += m.extras.iter().map(|e| e.1).sum::<u32>();
    Ok(m)
}

pub fn main() {
    let log = "0 odo=0\n60 odo=600\n120 odo=1400\n300 odo=1450\nextra=bag\n420 odo=3000\n480 odo=3900\n";
    let log = log.replace("\nextra=bag", "\n300 extra=bag");
    let receipt = async |start: u32, holiday: bool| match run_trip(&log, start, holiday).await {
        Ok(m) => format!("{:.2} EUR ({} m, {} s waiting, {} extras)", m.fare as f64 / 100.0, m.metres, m.wait_secs, m.extras.len()),
        Err(e) => format!("meter fault: {e}"),
    };
    println!("day:     {}", block_on(receipt(10 * 3600, false)));
    println!("night:   {}", block_on(receipt(23 * 3600, false)));
    println!("holiday: {}", block_on(receipt(10 * 3600, true)));
    println!("{:?}", block_on(run_trip("5 odo=x", 0, false)).err());
    println!("{:?}", block_on(run_trip("5 extra=airport\n", 0, false)).err());
}
