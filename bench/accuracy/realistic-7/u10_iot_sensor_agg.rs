//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! IoT sensor aggregation: ingests MQTT-style readings, applies calibration, builds per-minute windows and raises anomaly alerts.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

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

const WINDOW: Duration = Duration::from_secs(60);
const Z_LIMIT: f64 = 2.0;

#[derive(Debug, Clone)]
struct Reading { ts: u64, sensor: String, kind: String, value: f64 }

#[derive(Debug, Clone, Copy, Default)]
struct Stats { count: u32, sum: f64, min: f64, max: f64 }

impl Stats {
    fn add(&mut self, v: f64) {
        if self.count == 0 {
            self.min = v;
            self.max = v;
        }
        self.count += 1;
        self.sum += v;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
    }
    fn mean(&self) -> f64 { if self.count == 0 { 0.0 } else { self.sum / self.count as f64 } }
}

#[derive(Debug, Clone, Copy)]
struct Calibration { offset: f64, scale: f64 }

struct Broker { queue: RefCell<VecDeque<String>>, delivered: Cell<u32> }

impl Broker {
    async fn recv(&self) -> Option<String> {
        Yield { left: 1 }.await;
        let msg = self.queue.borrow_mut().pop_front();
        if msg.is_some() {
            self.delivered.set(self.delivered.get() + 1);
        }
        msg
    }
}

fn parse_reading(line: &str) -> Option<Reading> {
    let mut it = line.split(',').map(str::trim);
    let ts = it.next()?.parse().ok()?;
    let sensor = it.next()?.to_string();
    let kind = it.next()?.to_string();
    let value = it.next()?.parse().ok()?;
    Some(Reading { ts, sensor, kind, value })
}

struct Aggregator {
    calibration: Arc<RwLock<HashMap<String, Calibration>>>,
    windows: RwLock<BTreeMap<(u64, String), Stats>>,
    history: RefCell<HashMap<String, Vec<f64>>>,
    alerts: RefCell<Vec<String>>,
}

impl Aggregator {
    fn new(cal: Arc<RwLock<HashMap<String, Calibration>>>) -> Self {
        Aggregator { calibration: cal, windows: RwLock::default(), history: RefCell::default(), alerts: RefCell::default() }
    }

    async fn calibrate(&self, r: &mut Reading) {
        if let Some(c) = self.calibration.read().unwrap().get(&r.sensor) {
            r.value = r.value * c.scale + c.offset;
        } else {
            Yield { left: 2 }.await;
            self.calibration.write().unwrap().insert(r.sensor.clone(), Calibration { offset: 0.0, scale: 1.0 });
        }
    }

    async fn check_anomaly(&self, r: &Reading) -> Option<f64> {
        Yield { left: 1 }.await;
        let hist = self.history.borrow();
        let series = hist.get(&format!("{}/{}", r.sensor, r.kind))?;
        if series.len() < 4 {
            return None;
        }
        let mean = series.iter().sum::<f64>() / series.len() as f64;
        let var = series.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / series.len() as f64;
        let z = (r.value - mean) / var.sqrt().max(1e-9);
        (z.abs() > Z_LIMIT).then_some(z)
    }

    async fn ingest(&self, broker: &Broker) -> u32 {
        let raise = async |sensor: &str, z: f64, ts: u64| {
            Yield { left: 1 }.await;
            self.alerts.borrow_mut().push(format!("t={ts} {sensor} z={z:+.2}"));
        };
        let mut accepted = 0;
        while let Some(line) = broker.recv().await {
            let Some(mut r) = parse_reading(&line) else { continue };
            self.calibrate(&mut r).await;
            if let Some(z) = self.check_anomaly(&r).await
                && r.kind == "temp"
            {
                raise(&r.sensor, z, r.ts).await;
            }
            self.history.borrow_mut().entry(format!("{}/{}", r.sensor, r.kind)).or_default().push(r.value);
            let bucket = r.ts / WINDOW.as_secs() * WINDOW.as_secs();
            self.windows.write().unwrap().entry((bucket, format!("{}/{}", r.sensor, r.kind))).or_default().add(r.value);
            accepted += 1;
        }
        accepted
    }

    async fn summary(&self) -> String {
        Yield { left: 1 }.await;
        let windows = self.windows.read().unwrap();
        windows
            .iter()
            .map(|((bucket, key), s)| format!("{bucket:>5} {key:<16} n={} mean={:.2} range=[{:.1},{:.1}]", s.count, s.mean(), s.min, s.max))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

async fn window_count(lines: &[&str]) -> usize {
    let agg = Aggregator::new(Arc::new(RwLock::new(HashMap::new())));
    let broker = Broker { queue: RefCell::new(lines.iter().map(|s| s.to_string()).collect()), delivered: Cell::new(0) };
    agg.ingest(&broker).await;
    agg.windows.read().unwrap().len()
}

fn main() {
    let raw = "0,greenhouse-1,temp,21.0\n10,greenhouse-1,temp,21.4\n15,greenhouse-1,humidity,55\n\
               20,greenhouse-1,temp,21.1\n30,greenhouse-1,temp,20.9\n45,greenhouse-1,temp,21.2\n\
               61,greenhouse-1,temp,29.8\n62,barn-2,temp,12.5\nbogus line\n75,barn-2,temp,12.7\n\
               90,greenhouse-1,humidity,58\n121,barn-2,temp,13.0";
    let mut cal = HashMap::new();
    cal.insert("barn-2".to_string(), Calibration { offset: -0.5, scale: 1.0 });
    let agg = Aggregator::new(Arc::new(RwLock::new(cal)));
    let broker = Broker { queue: RefCell::new(raw.lines().map(String::from).collect()), delivered: Cell::new(0) };
    let accepted = block_on(agg.ingest(&broker));
    let none = block_on(broker.recv());
    let mut probe = parse_reading("200,attic-9,temp,30").unwrap();
    block_on(agg.calibrate(&mut probe));
    let z = block_on(agg.check_anomaly(&probe));
    let n = block_on(window_count(&["0,a,temp,1", "70,a,temp,2", "130,b,temp,3"]));
    println!("accepted={accepted} delivered={} none={none:?} z={z:?} windows={n}", broker.delivered.get());
    println!("{}", block_on(agg.summary()));
    for a in agg.alerts.borrow().iter() {
        println!("ALERT {a}");
    }
}
