//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a vaccine cold-chain monitor that replays data-logger readings per shipment leg and decides whether lots stay usable.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield {
    flag: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.flag {
            Poll::Ready(())
        } else {
            self.flag = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield { flag: false }.await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Temperatures are in tenths of a degree Celsius, as the loggers report them.
type Tenths = i16;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Band {
    Frozen { max: Tenths },
    Fridge { min: Tenths, max: Tenths },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Usable,
    UseWithin(Duration),
    Quarantine,
    Discard,
}

#[derive(Debug)]
struct Lot {
    code: String,
    product: &'static str,
    band: Band,
    doses: u32,
    excursion_budget: Duration,
}

#[derive(Debug)]
enum ChainError {
    LoggerGap { leg: u8, missing: Duration },
    Unreadable(String),
}

trait Container {
    fn describe(&self) -> String;
    fn interval(&self) -> Duration;
    async fn download(&mut self) -> Result<Vec<Tenths>, ChainError>;
    async fn readings_checked(&mut self, leg: u8) -> Result<Vec<Tenths>, ChainError> {
        let r = self.download().await?;
        // loggers write i16::MIN when the probe is disconnected
        let gaps = r.iter().filter(|t| **t == Tenths::MIN).count() as u32;
        if gaps > 2 {
            return Err(ChainError::LoggerGap { leg, missing: self.interval() * gaps });
        }
        yield_now().await;
        Ok(r.into_iter().filter(|t| *t != Tenths::MIN).collect())
    }
}

struct PassiveCooler {
    serial: String,
    csv: &'static str,
}

struct Reefer {
    unit: u16,
    setpoint: Tenths,
    drift: Vec<i8>,
}

impl Container for PassiveCooler {
    fn describe(&self) -> String {
        format!("cooler {}", self.serial)
    }
    fn interval(&self) -> Duration {
        Duration::from_secs(15 * 60)
    }
    async fn download(&mut self) -> Result<Vec<Tenths>, ChainError> {
        let mut out = Vec::new();
        for cell in self.csv.split(',') {
            let cell = cell.trim();
            let value = match cell {
                "" | "--" => Tenths::MIN,
                v => v.parse::<f32>().map(|c| (c * 10.0).round() as Tenths).map_err(|_| ChainError::Unreadable(v.to_string()))?,
            };
            out.push(value);
        }
        yield_now().await;
        Ok(out)
    }
}

impl Container for Reefer {
    fn describe(&self) -> String {
        format!("reefer #{}", self.unit)
    }
    fn interval(&self) -> Duration {
        Duration::from_secs(5 * 60)
    }
    async fn download(&mut self) -> Result<Vec<Tenths>, ChainError> {
        let mut temp = self.setpoint;
        let mut out = Vec::with_capacity(self.drift.len());
        for step in self.drift.iter() {
            temp += *step as Tenths;
            out.push(temp);
            yield_now().await;
        }
        Ok(out)
    }
}

fn out_of_band(t: Tenths, band: Band) -> Option<Tenths> {
    match band {
        Band::Frozen { max } if t > max => Some(t - max),
        Band::Fridge { min, .. } if t < min => Some(min - t),
        Band::Fridge { max, .. } if t > max => Some(t - max),
        _ => None,
    }
}

async fn assess<C>(container: &mut C, leg: u8, lot: &Lot, spent: Arc<Mutex<HashMap<String, Duration>>>) -> Result<Verdict, ChainError>
where
    C: Container,
{
    let readings = container.readings_checked(leg).await?;
    let step = container.interval();
    let mut excursion = Duration::ZERO;
    let mut worst: Tenths = 0;
    let mut froze = false;
    for pair in readings.windows(2) {
        // count an interval as out of band only when both ends are out, to ignore single-sample door openings
        let (a, b) = (out_of_band(pair[0], lot.band), out_of_band(pair[1], lot.band));
        if let (Some(x), Some(y)) = (a, b) {
            excursion += step;
            worst = worst.max(x).max(y);
        }
        if matches!(lot.band, Band::Fridge { .. }) && pair[1] <= 0 {
            froze = true;
        }
    }
    yield_now().await;
    let mut book = spent.lock().unwrap();
    let used = book.entry(lot.code.clone()).or_default();
    *used += excursion;
    let total = *used;
    drop(book);
    yield_now().await;
    Ok(match (froze, total) {
        (true, _) => Verdict::Discard,
        (false, t) if t.is_zero() => Verdict::Usable,
        (false, t) if t <= lot.excursion_budget && worst < 30 => Verdict::UseWithin(lot.excursion_budget - t),
        (false, t) if t <= lot.excursion_budget * 2 => Verdict::Quarantine,
        _ => Verdict::Discard,
    })
}

pub fn main() {
    let lots = [
        Lot { code: "MRNA-2291".into(), product: "mRNA booster", band: Band::Frozen { max: -150 }, doses: 1170, excursion_budget: Duration::from_secs(30 * 60) },
        Lot { code: "FLU-0087".into(), product: "influenza quadrivalent", band: Band::Fridge { min: 20, max: 80 }, doses: 500, excursion_budget: Duration::from_secs(2 * 3600) },
        Lot { code: "HPV-4410".into(), product: "HPV 9-valent", band: Band::Fridge { min: 20, max: 80 }, doses: 240, excursion_budget: Duration::from_secs(3600) },
    ];
    let spent: Arc<Mutex<HashMap<String, Duration>>> = Arc::new(Mutex::new(HashMap::new()));

    let mut airport_reefer = Reefer { unit: 17, setpoint: -200, drift: vec![0, 2, 45, 10, 5, -60, 0] };
    let mut van_cooler = PassiveCooler { serial: "PC-88A".into(), csv: "4.2,5.1,8.6,9.3,9.9,7.0,5.5" };
    let mut clinic_cooler = PassiveCooler { serial: "PC-12C".into(), csv: "5.0,3.1,,--,,0.0" };
    let mut hpv_van = PassiveCooler { serial: "PC-90B".into(), csv: "6.0,8.4,8.8,9.1,8.9,8.2,7.5,x" };

    let report = block_on(async {
        let mut verdicts: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut push = |lot: &Lot, leg: u8, who: String, r: Result<Verdict, ChainError>| {
            let text = match r {
                Ok(Verdict::UseWithin(d)) => format!("leg {leg} ({who}): use within {} min", d.as_secs() / 60),
                Ok(v) => format!("leg {leg} ({who}): {v:?}"),
                Err(ChainError::LoggerGap { missing, .. }) => format!("leg {leg} ({who}): logger gap {} min -> quarantine", missing.as_secs() / 60),
                Err(e) => format!("leg {leg} ({who}): {e:?}"),
            };
            verdicts.entry(lot.product).or_default().push(text);
        };
        let r = assess(&mut airport_reefer, 1, &lots[0], Arc::clone(&spent)).await;
        push(&lots[0], 1, airport_reefer.describe(), r);
        let r = assess(&mut van_cooler, 1, &lots[1], Arc::clone(&spent)).await;
        push(&lots[1], 1, van_cooler.describe(), r);
        let r = assess(&mut clinic_cooler, 2, &lots[1], Arc::clone(&spent)).await;
        push(&lots[1], 2, clinic_cooler.describe(), r);
        let r = assess(&mut hpv_van, 1, &lots[2], Arc::clone(&spent)).await;
        push(&lots[2], 1, hpv_van.describe(), r);
        verdicts
    });
    for (product, lines) in &report {
        println!("{product}:");
        lines.iter().for_each(|l| println!("  {l}"));
    }
    let mut used: Vec<(String, u64)> = spent.lock().unwrap().iter().map(|(k, v)| (k.clone(), v.as_secs() / 60)).collect();
    used.sort();
    println!("excursion minutes used: {used:?}; doses tracked {}", lots.iter().map(|l| l.doses).sum::<u32>());
}
