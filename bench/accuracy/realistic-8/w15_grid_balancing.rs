#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Power grid balancing: forecasts demand per interval and dispatches solar, gas and battery assets in merit order.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
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

const INTERVALS: usize = 8;
const INTERVAL: Duration = Duration::from_secs(15 * 60);

trait Asset {
    fn id(&self) -> &str;
    fn marginal_cost(&self) -> f64;
    fn available_mw(&self, interval: usize) -> f64;
    fn commit(&mut self, interval: usize, mw: f64);
}

struct Solar {
    name: String,
    profile: [f64; INTERVALS],
}

struct GasPeaker {
    name: String,
    max_mw: f64,
    ramp_mw: f64,
    last_mw: f64,
    fuel_price: f64,
}

struct Battery {
    name: String,
    soc_mwh: f64,
    power_mw: f64,
}

impl Asset for Solar {
    fn id(&self) -> &str {
        &self.name
    }
    fn marginal_cost(&self) -> f64 {
        0.0
    }
    fn available_mw(&self, i: usize) -> f64 {
        self.profile[i % INTERVALS]
    }
    fn commit(&mut self, _i: usize, _mw: f64) {}
}

impl Asset for GasPeaker {
    fn id(&self) -> &str {
        &self.name
    }
    fn marginal_cost(&self) -> f64 {
        self.fuel_price * 2.1
    }
    fn available_mw(&self, _i: usize) -> f64 {
        (self.last_mw + self.ramp_mw).min(self.max_mw)
    }
    fn commit(&mut self, _i: usize, mw: f64) {
        self.last_mw = mw;
    }
}

impl Asset for Battery {
    fn id(&self) -> &str {
        &self.name
    }
    fn marginal_cost(&self) -> f64 {
        45.0
    }
    fn available_mw(&self, _i: usize) -> f64 {
        let hours = INTERVAL.as_secs_f64() / 3600.0;
        self.power_mw.min(self.soc_mwh / hours)
    }
    fn commit(&mut self, _i: usize, mw: f64) {
        self.soc_mwh -= mw * INTERVAL.as_secs_f64() / 3600.0;
    }
}

fn forecast(history: Arc<RwLock<Vec<f64>>>, interval: usize) -> Pin<Box<dyn Future<Output = f64> + Send>> {
    Box::pin(async move {
        Yield { left: 2 }.await;
        let h = history.read().unwrap().clone();
        let recent: Vec<f64> = h.iter().rev().take(3).copied().collect();
        let avg = recent.iter().sum::<f64>() / recent.len().max(1) as f64;
        Yield { left: 1 }.await;
        avg * if (3..6).contains(&interval) { 1.15 } else { 1.0 }
    })
}

async fn offer<A>(asset: &A, interval: usize) -> (String, f64, f64)
where
    A: Asset + ?Sized,
{
    Yield { left: 1 }.await;
    (asset.id().to_string(), asset.marginal_cost(), asset.available_mw(interval))
}

async fn dispatch_one<A>(asset: &mut A, interval: usize, need: f64) -> f64
where
    A: Asset,
{
    let (_, _, avail) = offer(&*asset, interval).await;
    let take = avail.min(need).max(0.0);
    if take > 0.0 {
        Yield { left: 1 }.await;
        asset.commit(interval, take);
    }
    take
}

struct Fleet {
    solar: Solar,
    gas: GasPeaker,
    battery: Battery,
}

async fn balance_interval(fleet: &mut Fleet, interval: usize, demand: f64) -> (BTreeMap<String, f64>, f64) {
    let mut offers = vec![offer(&fleet.solar, interval).await, offer(&fleet.battery, interval).await, offer(&fleet.gas, interval).await];
    offers.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap());
    let mut remaining = demand;
    let mut schedule = BTreeMap::new();
    for (id, cost, _) in offers.iter() {
        if remaining <= 0.0 {
            break;
        }
        let got = match id.as_str() {
            s if s == fleet.solar.name => dispatch_one(&mut fleet.solar, interval, remaining).await,
            s if s == fleet.gas.name => dispatch_one(&mut fleet.gas, interval, remaining).await,
            _ => dispatch_one(&mut fleet.battery, interval, remaining).await,
        };
        remaining -= got;
        schedule.insert(id.clone(), (got * 10.0).round() / 10.0);
    }
    (schedule, remaining.max(0.0))
}

async fn run_day(fleet: &mut Fleet, history: Arc<RwLock<Vec<f64>>>) -> f64 {
    let mut shed_total = 0.0;
    for i in 0..INTERVALS {
        let demand = forecast(Arc::clone(&history), i).await;
        let (schedule, shed) = balance_interval(fleet, i, demand).await;
        if shed > 0.0 {
            println!("  interval {i}: shedding {:.1} MW", shed);
        }
        shed_total += shed;
        println!("t+{:>3}min demand {:>5.1} -> {:?}", i as u64 * INTERVAL.as_secs() / 60, demand, schedule);
        history.write().unwrap().push(demand * 0.98 + i as f64);
    }
    shed_total
}

fn main() {
    let mut fleet = Fleet {
        solar: Solar { name: "pv-farm".into(), profile: [0.0, 5.0, 20.0, 35.0, 40.0, 30.0, 10.0, 0.0] },
        gas: GasPeaker { name: "peaker-1".into(), max_mw: 60.0, ramp_mw: 20.0, last_mw: 0.0, fuel_price: 38.0 },
        battery: Battery { name: "bess".into(), soc_mwh: 20.0, power_mw: 25.0 },
    };
    let history = Arc::new(RwLock::new(vec![70.0, 72.0, 75.0]));
    let shed = block_on(run_day(&mut fleet, Arc::clone(&history)));
    println!("total shed {:.1} MW-intervals, battery soc {:.1} MWh", shed, fleet.battery.soc_mwh);
    let o = block_on(offer(&fleet.gas, 0));
    println!("gas offer {:?}", o);
    let f = block_on(forecast(history, 4));
    println!("peak forecast {:.1}", f);
}
