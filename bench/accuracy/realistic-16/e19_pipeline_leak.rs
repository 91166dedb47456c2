//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Liquids pipeline leak detection: pulls flow-meter and pressure scans from SCADA RTUs per
//! segment, runs a compensated mass balance over rolling windows and raises leak alarms with location.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

const WINDOWS: [usize; 3] = [5, 15, 60];
const THRESH_M3H: [f64; 3] = [40.0, 15.0, 6.0];

#[derive(Debug)]
enum ScadaError { Timeout(&'static str), BadQuality { rtu: &'static str, tag: String }, Parse(String) }

#[derive(Debug, Clone, Copy, Default)]
struct Scan { in_m3h: f64, out_m3h: f64, p_in_bar: f64, p_out_bar: f64 }

trait Rtu {
    fn name(&self) -> &'static str;
    async fn poll_raw(&mut self) -> Result<String, ScadaError>;
    async fn scan(&mut self) -> Result<Scan, ScadaError> {
        let raw = self.poll_raw().await?;
        let mut vals: HashMap<&str, f64> = HashMap::new();
        for field in raw.split(';') {
            let Some((tag, rest)) = field.split_once('=') else { continue };
            let (value, quality) = rest.split_once('@').unwrap_or((rest, "G"));
            if quality != "G" {
                return Err(ScadaError::BadQuality { rtu: self.name(), tag: tag.to_string() });
            }
            vals.insert(tag, value.parse().map_err(|_| ScadaError::Parse(field.to_string()))?);
        }
        let get = |k: &str| vals.get(k).copied().ok_or_else(|| ScadaError::Parse(format!("missing {k}")));
        Ok(Scan { in_m3h: get("FI")?, out_m3h: get("FO")?, p_in_bar: get("PI")?, p_out_bar: get("PO")? })
    }
}

struct ModbusRtu { tag: &'static str, frames: VecDeque<String> }
struct SatelliteRtu { tag: &'static str, frames: VecDeque<Option<String>>, retries: u8 }

impl Rtu for ModbusRtu {
    fn name(&self) -> &'static str { self.tag }
    async fn poll_raw(&mut self) -> Result<String, ScadaError> {
        yield_now().await;
        self.frames.pop_front().ok_or(ScadaError::Timeout(self.tag))
    }
}
impl Rtu for SatelliteRtu {
    fn name(&self) -> &'static str { self.tag }
    async fn poll_raw(&mut self) -> Result<String, ScadaError> {
        for _ in 0..=self.retries {
            yield_now().await;
            match self.frames.pop_front() {
                Some(Some(f)) => return Ok(f),
                Some(None) => continue,
                None => break,
            }
        }
        Err(ScadaError::Timeout(self.tag))
    }
}

#[derive(Debug, PartialEq)]
enum Alarm { Leak { window_min: usize, imbalance: f64, km_from_inlet: f64 }, Degraded(&'static str) }

struct Segment { length_km: f64, history: VecDeque<f64>, last: Option<Scan> }

impl Segment {
    /// Line-pack compensation: rising pressure stores volume, falling pressure releases it.
    fn compensated(&self, s: &Scan) -> f64 {
        let packing = self.last.map_or(0.0, |prev| ((s.p_in_bar + s.p_out_bar) - (prev.p_in_bar + prev.p_out_bar)) * 0.5 * self.length_km * 0.9);
        s.in_m3h - s.out_m3h - packing
    }
    fn locate(&self, s: &Scan) -> f64 {
        let drop = (s.p_in_bar - s.p_out_bar).max(0.01);
        let expected = 0.02 * self.length_km * (s.in_m3h / 1000.0).powi(2);
        (self.length_km * (1.0 - (drop - expected).abs() / drop)).clamp(0.0, self.length_km)
    }
}

async fn monitor<R: Rtu>(rtu: &mut R, seg: &mut Segment, minutes: usize) -> Vec<Alarm> {
    let mut alarms = Vec::new();
    let mut bad = 0;
    for _ in 0..minutes {
        let scan = match rtu.scan().await {
            Ok(s) => s,
            Err(ScadaError::BadQuality { .. } | ScadaError::Timeout(_)) if bad < 2 => { bad += 1; continue; }
            Err(_) => { alarms.push(Alarm::Degraded(rtu.name())); return alarms; }
        };
        bad = 0;
        let imbalance = seg.compensated(&scan);
        seg.history.push_back(imbalance);
        if seg.history.len() > WINDOWS[2] { seg.history.pop_front(); }
        for (w, limit) in WINDOWS.iter().zip(THRESH_M3H) {
            if seg.history.len() < *w { continue; }
            let avg = seg.history.iter().rev().take(*w).sum::<f64>() / *w as f64;
            if avg > limit && !alarms.iter().any(|a| matches!(a, Alarm::Leak { window_min, .. } if window_min == w)) {
                alarms.push(Alarm::Leak { window_min: *w, imbalance: (avg * 10.0).round() / 10.0, km_from_inlet: (seg.locate(&scan) * 10.0).round() / 10.0 });
            }
        }
        seg.last = Some(scan);
    }
    alarms
}

fn frame(fi: f64, fo: f64, pi: f64, po: f64) -> String { format!("FI={fi:.1};FO={fo:.1};PI={pi:.2};PO={po:.2}") }

fn main() {
    let mut frames: VecDeque<String> = (0..20).map(|m| frame(1200.0, if m >= 8 { 1150.0 } else { 1199.0 }, 62.0, 40.0)).collect();
    frames[3] = "FI=1200;FO=1199@S;PI=62;PO=40".into();
    let mut modbus = ModbusRtu { tag: "RTU-KP12", frames };
    let mut seg_a = Segment { length_km: 48.0, history: VecDeque::new(), last: None };
    let alarms = block_on(monitor(&mut modbus, &mut seg_a, 20));
    assert!(alarms.iter().any(|a| matches!(a, Alarm::Leak { window_min: 5, .. })));
    assert!(alarms.iter().any(|a| matches!(a, Alarm::Leak { window_min: 15, .. })));

    let mut sat = SatelliteRtu { tag: "RTU-KP80", frames: [None, Some(frame(800.0, 799.5, 55.0, 30.0)), None, None, None, None, None, None, None].into_iter().collect(), retries: 1 };
    let mut seg_b = Segment { length_km: 120.0, history: VecDeque::new(), last: None };
    let alarms_b = block_on(monitor(&mut sat, &mut seg_b, 10));
    assert_eq!(alarms_b, vec![Alarm::Degraded("RTU-KP80")]);
    assert_eq!(seg_b.history.len(), 1);

    let alarm_board = Rc::new(std::cell::RefCell::new(BTreeMap::<&str, usize>::new()));
    let board = Rc::clone(&alarm_board);
    let publish = async move |rtu: &'static str, list: &[Alarm]| {
        for a in list {
            yield_now().await;
            *board.borrow_mut().entry(rtu).or_default() += matches!(a, Alarm::Leak { .. }) as usize;
        }
    };
    block_on(async {
        publish("RTU-KP12", &alarms).await;
        publish("RTU-KP80", &alarms_b).await;
    });
    assert_eq!(alarm_board.borrow()["RTU-KP80"], 0);
    println!("{alarms:?}\n{:?}", alarm_board.borrow());
}
