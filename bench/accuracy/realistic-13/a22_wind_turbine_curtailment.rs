//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Wind farm park controller: reads turbine telemetry over two link types, detects icing
//! from power-curve deviation, and shares the grid operator's MW cap across turbines.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
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

#[derive(Debug, Clone, Copy)]
struct Telemetry { wind_ms: f64, power_kw: f64, nacelle_c: f64 }

#[derive(Debug)]
enum LinkError { Timeout(String), Rejected { turbine: String, limit_kw: f64 } }

fn expected_kw(wind: f64, rated: f64) -> f64 {
    match wind {
        w if w < 3.0 || w > 25.0 => 0.0,
        w if w >= 12.0 => rated,
        w => rated * ((w - 3.0) / 9.0).powi(3),
    }
}

trait TurbineLink {
    fn ids(&self) -> Vec<String>;
    async fn telemetry(&mut self, id: &str) -> Result<Telemetry, LinkError>;
    async fn set_limit(&mut self, id: &str, kw: f64) -> Result<(), LinkError>;

    async fn apply_limits(&mut self, limits: &HashMap<String, f64>) -> Vec<LinkError> {
        let mut errors = Vec::new();
        for id in self.ids() {
            if let Some(&kw) = limits.get(&id) {
                if let Err(e) = self.set_limit(&id, kw).await {
                    errors.push(e);
                }
            }
        }
        errors
    }
}

struct ModbusLink { registers: HashMap<String, (u16, u16, i16)>, limits: HashMap<String, f64> }
struct VendorCloud { feed: HashMap<String, VecDeque<Telemetry>>, min_limit_kw: f64, accepted: Vec<(String, f64)> }

impl TurbineLink for ModbusLink {
    fn ids(&self) -> Vec<String> { let mut v: Vec<String> = self.registers.keys().cloned().collect(); v.sort(); v }
    async fn telemetry(&mut self, id: &str) -> Result<Telemetry, LinkError> {
        yield_now().await;
        let &(wind_dm, kw, temp_dc) = self.registers.get(id).ok_or_else(|| LinkError::Timeout(id.to_string()))?;
        Ok(Telemetry { wind_ms: wind_dm as f64 / 10.0, power_kw: kw as f64, nacelle_c: temp_dc as f64 / 10.0 })
    }
    async fn set_limit(&mut self, id: &str, kw: f64) -> Result<(), LinkError> {
        yield_now().await;
        self.limits.insert(id.to_string(), kw.round());
        Ok(())
    }
}

impl TurbineLink for VendorCloud {
    fn ids(&self) -> Vec<String> { let mut v: Vec<String> = self.feed.keys().cloned().collect(); v.sort(); v }
    async fn telemetry(&mut self, id: &str) -> Result<Telemetry, LinkError> {
        yield_now().await;
        let q = self.feed.get_mut(id).ok_or_else(|| LinkError::Timeout(id.to_string()))?;
        q.pop_front().ok_or_else(|| LinkError::Timeout(format!("{id} (stale)")))
    }
    async fn set_limit(&mut self, id: &str, kw: f64) -> Result<(), LinkError> {
        yield_now().await;
        if kw > 0.0 && kw < self.min_limit_kw {
            return Err(LinkError::Rejected { turbine: id.to_string(), limit_kw: kw });
        }
        self.accepted.push((id.to_string(), kw));
        Ok(())
    }
}

struct ParkController { rated_kw: f64, icing: RwLock<Vec<String>>, available: RwLock<HashMap<String, f64>> }

impl ParkController {
    async fn survey<L>(&self, link: &mut L) -> f64
    where
        L: TurbineLink,
    {
        let mut total = 0.0;
        for id in link.ids() {
            let t = match link.telemetry(&id).await {
                Ok(t) => t,
                Err(e) => { println!("  survey: {e:?}"); continue; }
            };
            let expected = expected_kw(t.wind_ms, self.rated_kw);
            if t.nacelle_c < 2.0 && expected > 200.0 && t.power_kw < expected * 0.6 {
                self.icing.write().unwrap().push(id.clone());
                continue;
            }
            self.available.write().unwrap().insert(id, t.power_kw.max(expected * 0.9));
            total += t.power_kw;
        }
        total
    }

    async fn dispatch(&self, cap_kw: f64) -> HashMap<String, f64> {
        let available = self.available.read().unwrap().clone();
        let sum: f64 = available.values().sum();
        yield_now().await;
        let iced = self.icing.read().unwrap().clone();
        let mut limits: HashMap<String, f64> = iced.into_iter().map(|id| (id, 0.0)).collect();
        let share = if sum > cap_kw { cap_kw / sum } else { 1.0 };
        for (id, kw) in available {
            limits.insert(id, (kw * share).min(self.rated_kw).round());
        }
        limits
    }
}

pub fn main() {
    let controller = ParkController { rated_kw: 3000.0, icing: RwLock::new(Vec::new()), available: RwLock::new(HashMap::new()) };
    let mut modbus = ModbusLink {
        registers: HashMap::from([("WTG01".to_string(), (105, 2200, 45)), ("WTG02".to_string(), (112, 1100, 8)), ("WTG03".to_string(), (128, 3000, 60))]),
        limits: HashMap::new(),
    };
    let tele = |w, p, c| Telemetry { wind_ms: w, power_kw: p, nacelle_c: c };
    let mut cloud = VendorCloud {
        feed: HashMap::from([
            ("WTG10".to_string(), VecDeque::from([tele(9.5, 1700.0, 12.0)])),
            ("WTG11".to_string(), VecDeque::from([tele(6.0, 150.0, 11.0)])),
            ("WTG12".to_string(), VecDeque::new()),
        ]),
        min_limit_kw: 300.0,
        accepted: Vec::new(),
    };

    let a = block_on(controller.survey(&mut modbus));
    let b = block_on(controller.survey(&mut cloud));
    println!("producing {:.0} kW, icing on {:?}", a + b, controller.icing.read().unwrap());

    let limits = block_on(controller.dispatch(4500.0));
    let mut sorted: Vec<_> = limits.iter().collect();
    sorted.sort_by(|x, y| x.0.cmp(y.0));
    println!("limits: {sorted:?}");
    println!("modbus errors: {:?}", block_on(modbus.apply_limits(&limits)));
    println!("cloud errors: {:?}", block_on(cloud.apply_limits(&limits)));

    let bat_mode = async |link: &mut ModbusLink, hour: u32| -> usize {
        if !(20..=23).contains(&hour) { return 0; }
        let mut paused = 0;
        for id in link.ids() {
            let t = link.telemetry(&id).await.ok();
            if t.map_or(false, |t| t.wind_ms < 11.0) && link.set_limit(&id, 0.0).await.is_ok() { paused += 1; }
        }
        paused
    };
    println!("bat curtailment at 21h paused {}, at 14h paused {}", block_on(bat_mode(&mut modbus, 21)), block_on(bat_mode(&mut modbus, 14)));
    let summary = block_on(async {
        yield_now().await;
        format!("modbus limits {:?} | cloud accepted {}", { let mut v: Vec<_> = modbus.limits.iter().collect(); v.sort_by(|a, b| a.0.cmp(b.0)); v }, cloud.accepted.len())
    });
    println!("{summary}");
}
