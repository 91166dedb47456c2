//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Air-quality monitoring network: ingests hourly PM2.5 and ozone readings per station,
//! computes NowCast-weighted concentrations and AQI sub-indices, and issues public alerts.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
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

/// (conc_lo, conc_hi, aqi_lo, aqi_hi)
const PM25_BREAKPOINTS: [(f64, f64, u16, u16); 6] = [
    (0.0, 9.0, 0, 50), (9.1, 35.4, 51, 100), (35.5, 55.4, 101, 150),
    (55.5, 125.4, 151, 200), (125.5, 225.4, 201, 300), (225.5, 325.4, 301, 500),
];
const O3_8H_BREAKPOINTS: [(f64, f64, u16, u16); 5] = [
    (0.0, 0.054, 0, 50), (0.055, 0.070, 51, 100), (0.071, 0.085, 101, 150), (0.086, 0.105, 151, 200), (0.106, 0.200, 201, 300),
];

fn sub_index<const N: usize>(table: &[(f64, f64, u16, u16); N], conc: f64) -> Option<u16> {
    table.iter().find(|(lo, hi, _, _)| conc >= *lo && conc <= *hi + 1e-9).map(|&(cl, ch, il, ih)| {
        ((ih - il) as f64 / (ch - cl) * (conc - cl) + il as f64).round() as u16
    })
}

struct Rolling<T, const N: usize> { buf: [Option<T>; N], head: usize }

impl<T: Copy, const N: usize> Rolling<T, N> {
    fn new() -> Self { Rolling { buf: [None; N], head: 0 } }
    fn push(&mut self, v: Option<T>) {
        self.buf[self.head % N] = v;
        self.head += 1;
    }
    /// Most recent first.
    fn recent(&self) -> impl Iterator<Item = Option<T>> + '_ {
        (0..N.min(self.head)).map(move |i| self.buf[(self.head - 1 - i) % N])
    }
}

fn nowcast(hours: &Rolling<f64, 12>) -> Option<f64> {
    let vals: Vec<Option<f64>> = hours.recent().collect();
    if vals.iter().take(3).filter(|v| v.is_some()).count() < 2 { return None; }
    let present: Vec<f64> = vals.iter().flatten().copied().collect();
    let (min, max) = present.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let w = if max <= 0.0 { 1.0 } else { (min / max).max(0.5) };
    let (num, den) = vals.iter().enumerate().filter_map(|(i, v)| v.map(|c| (c * w.powi(i as i32), w.powi(i as i32)))).fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    Some((num / den * 10.0).floor() / 10.0)
}

#[derive(Debug, Clone, PartialEq)]
enum Alert { None, SensitiveGroups { pollutant: &'static str, aqi: u16 }, Unhealthy { pollutant: &'static str, aqi: u16 } }

struct Station { id: String, pm25: Rolling<f64, 12>, o3: Rolling<f64, 8> }

async fn ingest(stations: &mut HashMap<String, Station>, feed: &str) -> usize {
    let mut accepted = 0;
    for line in feed.lines() {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [id, pollutant, value] = fields[..] else { continue };
        let reading = value.parse::<f64>().ok().filter(|v| *v >= 0.0);
        let st = stations.entry(id.to_string()).or_insert_with(|| Station { id: id.to_string(), pm25: Rolling::new(), o3: Rolling::new() });
        match pollutant {
            "pm25" => st.pm25.push(reading),
            "o3" => st.o3.push(reading.map(|ppb| ppb / 1000.0)),
            _ => continue,
        }
        accepted += 1;
        if accepted % 4 == 0 {
            yield_now().await;
        }
    }
    accepted
}

async fn assess(st: &Station) -> (Option<u16>, Alert) {
    yield_now().await;
    let pm = nowcast(&st.pm25).and_then(|c| sub_index(&PM25_BREAKPOINTS, c));
    let o3_vals: Vec<f64> = st.o3.recent().flatten().collect();
    let o3 = (o3_vals.len() >= 6).then(|| o3_vals.iter().sum::<f64>() / o3_vals.len() as f64).and_then(|c| sub_index(&O3_8H_BREAKPOINTS, (c * 1000.0).round() / 1000.0));
    let worst = [("PM2.5", pm), ("O3", o3)].into_iter().filter_map(|(n, a)| a.map(|a| (n, a))).max_by_key(|(_, a)| *a);
    let alert = match worst {
        Some((p, aqi)) if aqi > 150 => Alert::Unhealthy { pollutant: p, aqi },
        Some((p, aqi)) if aqi > 100 => Alert::SensitiveGroups { pollutant: p, aqi },
        _ => Alert::None,
    };
    (worst.map(|w| w.1), alert)
}

fn main() {
    assert_eq!(sub_index(&PM25_BREAKPOINTS, 35.4), Some(100));
    assert_eq!(sub_index(&O3_8H_BREAKPOINTS, 0.070), Some(100));
    assert_eq!(sub_index(&O3_8H_BREAKPOINTS, 0.5), None);

    let mut feed = String::new();
    for h in 0..12 {
        feed.push_str(&format!("riverside,pm25,{}\n", 20.0 + h as f64 * 4.0));
        feed.push_str(&format!("hilltop,o3,{}\n", 60 + h * 3));
        feed.push_str(&format!("hilltop,pm25,{}\n", if h % 5 == 4 { "NaN-ish".to_string() } else { "6.5".into() }));
    }
    feed.push_str("bad line\nriverside,no2,40\n");
    let mut stations = HashMap::new();
    let n = block_on(ingest(&mut stations, &feed));
    assert_eq!(n, 36);

    let report: BTreeMap<String, (Option<u16>, Alert)> = block_on(async {
        let mut out = BTreeMap::new();
        for (id, st) in &stations {
            out.insert(id.clone(), assess(st).await);
        }
        out
    });
    assert!(matches!(report["riverside"].1, Alert::Unhealthy { pollutant: "PM2.5", .. }));
    assert!(matches!(report["hilltop"].1, Alert::SensitiveGroups { pollutant: "O3", .. }));

    let mut sparse = Rolling::<f64, 12>::new();
    sparse.push(Some(10.0));
    sparse.push(None);
    sparse.push(None);
    assert_eq!(nowcast(&sparse), None);

    let bulletin = async move |region: &str, rows: &BTreeMap<String, (Option<u16>, Alert)>| {
        yield_now().await;
        let worst = rows.values().filter_map(|(a, _)| *a).max().unwrap_or(0);
        format!("{region}: peak AQI {worst}, {} stations alerting", rows.values().filter(|(_, a)| *a != Alert::None).count())
    };
    let text = block_on(bulletin("Metro East", &report));
    println!("{text}\n{report:?}");
}
