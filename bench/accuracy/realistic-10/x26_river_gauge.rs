//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a river gauge network that converts stage readings to discharge, projects the crest and issues flood alerts.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn telemetry_wait() {
    Yield(false).await
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

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum FloodCategory {
    Normal,
    Action,
    Minor,
    Moderate,
    Major,
}

#[derive(Debug, Clone)]
struct Gauge {
    site: &'static str,
    thresholds_m: [f32; 4], // action, minor, moderate, major
    rating: (f64, f64, f64), // Q = a * (h - h0)^b
}

impl Gauge {
    fn category(&self, stage: f32) -> FloodCategory {
        let [action, minor, moderate, major] = self.thresholds_m;
        match stage {
            s if s >= major => FloodCategory::Major,
            s if s >= moderate => FloodCategory::Moderate,
            s if s >= minor => FloodCategory::Minor,
            s if s >= action => FloodCategory::Action,
            _ => FloodCategory::Normal,
        }
    }

    fn discharge_cms(&self, stage: f32) -> f64 {
        let (a, h0, b) = self.rating;
        let head = (stage as f64 - h0).max(0.0);
        a * head.powf(b)
    }
}

#[derive(Debug)]
enum GaugeError {
    Garbled(String),
    Spike { minute: u32, jump_m: f32 },
    TooFewPoints(usize),
}

/// Telemetry frames look like `T0030:2.41;T0045:2.47;...` (minute offset : stage metres).
async fn decode_frames(raw: &str) -> Result<BTreeMap<u32, f32>, GaugeError> {
    let mut series = BTreeMap::new();
    let mut frames = raw.split(';').filter(|f| !f.is_empty()).peekable();
    let mut prev: Option<f32> = None;
    while let Some(frame) = frames.next() {
        let (t, v) = frame.trim().strip_prefix('T').and_then(|f| f.split_once(':')).ok_or_else(|| GaugeError::Garbled(frame.to_string()))?;
        let minute: u32 = t.parse().map_err(|_| GaugeError::Garbled(t.into()))?;
        let stage: f32 = v.parse().map_err(|_| GaugeError::Garbled(v.into()))?;
        match prev {
            Some(p) if (stage - p).abs() > 1.5 && frames.peek().is_some() => return Err(GaugeError::Spike { minute, jump_m: stage - p }),
            _ => {}
        }
        prev = Some(stage);
        series.insert(minute, stage);
        if series.len() % 3 == 0 {
            telemetry_wait().await;
        }
    }
    Ok(series)
}

/// Least-squares slope over the most recent `n` points, in metres per hour.
async fn rate_of_rise(series: &BTreeMap<u32, f32>, n: usize) -> Result<f64, GaugeError> {
    let recent: Vec<(f64, f64)> = series.iter().rev().take(n).map(|(t, s)| (*t as f64 / 60.0, *s as f64)).collect();
    if recent.len() < 3 {
        return Err(GaugeError::TooFewPoints(recent.len()));
    }
    telemetry_wait().await;
    let len = recent.len() as f64;
    let (mx, my) = recent.iter().fold((0.0, 0.0), |(a, b), (x, y)| (a + x / len, b + y / len));
    let (num, den) = recent.iter().fold((0.0, 0.0), |(n, d), (x, y)| (n + (x - mx) * (y - my), d + (x - mx).powi(2)));
    Ok(if den == 0.0 { 0.0 } else { num / den })
}

#[derive(Debug)]
struct Alert {
    site: &'static str,
    category: FloodCategory,
    text: String,
}

async fn evaluate(gauge: &Gauge, raw: &str, horizon_h: f64, alerts: Rc<RefCell<VecDeque<Alert>>>) -> Result<(f32, FloodCategory), GaugeError> {
    let series = decode_frames(raw).await?;
    let (&last_min, &stage) = series.iter().next_back().ok_or(GaugeError::TooFewPoints(0))?;
    let slope = rate_of_rise(&series, 6).await?;
    let projected = stage + (slope * horizon_h) as f32;
    let now_cat = gauge.category(stage);
    let future_cat = gauge.category(projected);
    telemetry_wait().await;
    let text = match (now_cat, future_cat) {
        (n, f) if f > n && f >= FloodCategory::Minor => format!(
            "{} forecast to reach {:?} ({projected:.2} m, {:.0} m³/s) within {horizon_h} h; rising {slope:.2} m/h",
            gauge.site,
            f,
            gauge.discharge_cms(projected)
        ),
        (n, _) if n >= FloodCategory::Action => format!("{} at {:?}: {stage:.2} m", gauge.site, n),
        _ => return Ok((stage, now_cat)),
    };
    alerts.borrow_mut().push_back(Alert { site: gauge.site, category: future_cat.max_cat(now_cat), text });
    Ok((stage, now_cat))
}

trait MaxCat {
    fn max_cat(self, other: Self) -> Self;
}

impl MaxCat for FloodCategory {
    fn max_cat(self, other: Self) -> Self {
        if other > self { other } else { self }
    }
}

pub fn main() {
    let gauges = vec![
        (Gauge { site: "Millbrook", thresholds_m: [3.0, 3.6, 4.3, 5.2], rating: (42.0, 0.8, 1.6) }, "T0000:2.61;T0015:2.70;T0030:2.82;T0045:2.95;T0060:3.07;T0075:3.21"),
        (Gauge { site: "Ferris Bridge", thresholds_m: [5.5, 6.1, 7.0, 8.0], rating: (60.0, 1.2, 1.5) }, "T0000:4.10;T0015:4.11;T0030:4.09;T0045:4.12"),
        (Gauge { site: "Oxbow Weir", thresholds_m: [1.8, 2.2, 2.7, 3.1], rating: (15.0, 0.3, 1.8) }, "T0000:1.90;T0015:3.95;T0030:1.96"),
        (Gauge { site: "Upper Tarn", thresholds_m: [2.0, 2.5, 3.0, 3.5], rating: (8.0, 0.2, 1.7) }, "T0000:2.05;T0015:2.07"),
        (Gauge { site: "Quarry Run", thresholds_m: [1.0, 1.4, 1.9, 2.5], rating: (5.0, 0.1, 2.0) }, "T0000:1.2;T00x5:1.3"),
    ];
    let alerts: Rc<RefCell<VecDeque<Alert>>> = Rc::new(RefCell::new(VecDeque::new()));

    let run_site = {
        let alerts = Rc::clone(&alerts);
        async move |gauge: &Gauge, raw: &'static str| {
            let result = evaluate(gauge, raw, 6.0, Rc::clone(&alerts)).await;
            telemetry_wait().await;
            result
        }
    };

    let statuses = block_on(async {
        let mut statuses: HashMap<&str, String> = HashMap::new();
        for (gauge, raw) in &gauges {
            let status = match run_site(gauge, raw).await {
                Ok((stage, cat)) => format!("{stage:.2} m {cat:?}"),
                Err(GaugeError::Spike { minute, jump_m }) => format!("sensor spike of {jump_m:+.2} m at T{minute:04}; held for QC"),
                Err(GaugeError::TooFewPoints(n)) if n > 0 => format!("only {n} readings, no trend"),
                Err(e) => format!("{e:?}"),
            };
            statuses.insert(gauge.site, status);
        }
        statuses
    });

    let mut sites: Vec<_> = statuses.into_iter().collect();
    sites.sort();
    for (site, status) in sites {
        println!("{site:<14} {status}");
    }
    let mut queue = alerts.borrow_mut();
    let mut sorted: Vec<Alert> = queue.drain(..).collect();
    sorted.sort_by(|a, b| b.category.partial_cmp(&a.category).unwrap());
    for a in sorted.iter().take(5) {
        println!("ALERT [{:?}] {}", a.category, a.text);
    }
}
