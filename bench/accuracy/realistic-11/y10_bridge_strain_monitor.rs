//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a structural health monitoring service for a road bridge that ingests strain gauge and accelerometer feeds and grades spans.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock, Weak};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            break out;
        }
    }
}

struct Sleep {
    deadline_polls: u8,
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(n) = self.deadline_polls.checked_sub(1) {
            self.deadline_polls = n;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

fn sleep_for(d: Duration) -> Sleep {
    Sleep { deadline_polls: d.as_millis().min(5) as u8 }
}

const SPANS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Condition {
    Good,
    Watch,
    Inspect,
    Close,
}

#[derive(Debug)]
struct Gauge {
    span: usize,
    girder: u8,
    baseline_ue: f64,
    owner: Weak<Bridge>,
}

#[derive(Debug)]
struct Bridge {
    name: String,
    spans: RwLock<[Condition; SPANS]>,
    gauges: RwLock<Vec<Arc<Gauge>>>,
}

async fn rolling_mean<T>(samples: &[T], window: usize) -> Vec<f64>
where
    T: Copy + Into<f64>,
{
    let mut out = Vec::with_capacity(samples.len().saturating_sub(window) + 1);
    for (i, w) in samples.windows(window).enumerate() {
        out.push(w.iter().map(|&x| x.into()).sum::<f64>() / window as f64);
        if i % 16 == 15 {
            sleep_for(Duration::from_millis(1)).await;
        }
    }
    out
}

async fn peak_to_peak<T>(samples: impl IntoIterator<Item = T>) -> Option<(f64, f64)>
where
    T: Into<f64>,
{
    let mut it = samples.into_iter().map(Into::into);
    let first = it.next()?;
    sleep_for(Duration::from_millis(2)).await;
    let (lo, hi) = it.fold((first, first), |(lo, hi), x| (lo.min(x), hi.max(x)));
    Some((lo, hi))
}

fn grade(delta_ue: f64, accel_pp: f64) -> Condition {
    match (delta_ue, accel_pp) {
        (d, _) if d.is_nan() => Condition::Inspect,
        (d, a) if d > 400.0 || a > 2.0 => Condition::Close,
        (d, a) if d > 200.0 && a > 0.5 => Condition::Inspect,
        (d, _) if d > 120.0 => Condition::Watch,
        _ => Condition::Good,
    }
}

impl Gauge {
    async fn assess(&self, strain_ue: &[f32], accel_mg: &[i16]) -> Option<Condition> {
        let bridge = self.owner.upgrade()?;
        let smoothed = rolling_mean(strain_ue, 4).await;
        let accel_smooth = rolling_mean(accel_mg, 3).await;
        let (_, hi) = peak_to_peak(smoothed.iter().copied()).await?;
        let (alo, ahi) = peak_to_peak(accel_smooth.iter().copied()).await.unwrap_or((0.0, 0.0));
        let cond = grade(hi - self.baseline_ue, (ahi - alo) / 1000.0);
        let mut spans = bridge.spans.write().unwrap();
        let slot = &mut spans[self.span];
        if cond > *slot {
            *slot = cond;
        }
        Some(cond)
    }
}

async fn survey(bridge: &Arc<Bridge>, feeds: &HashMap<(usize, u8), (Vec<f32>, Vec<i16>)>) -> BTreeMap<Condition, Vec<String>> {
    let started = Instant::now();
    let mut findings: BTreeMap<Condition, Vec<String>> = BTreeMap::new();
    let gauges = bridge.gauges.read().unwrap();
    'gauges: for g in gauges.iter() {
        let Some((strain, accel)) = feeds.get(&(g.span, g.girder)) else {
            findings.entry(Condition::Inspect).or_default().push(format!("span {} girder {} offline", g.span, g.girder));
            continue 'gauges;
        };
        match g.assess(strain, accel).await {
            Some(Condition::Close) => {
                findings.entry(Condition::Close).or_default().push(format!("span {} girder {}", g.span, g.girder));
                break 'gauges;
            }
            Some(c) => findings.entry(c).or_default().push(format!("span {} girder {}", g.span, g.girder)),
            None => unreachable!("bridge dropped during survey"),
        }
        sleep_for(Duration::from_millis(1)).await;
    }
    let _took = started.elapsed();
    findings
}

fn synth(n: usize, base: f32, amp: f32, phase: f32) -> Vec<f32> {
    (0..n).map(|i| base + amp * ((i as f32) * 0.3 + phase).sin()).collect()
}

pub fn main() {
    let bridge = Arc::new(Bridge { name: "Harbour Viaduct".into(), spans: RwLock::new([Condition::Good; SPANS]), gauges: RwLock::new(Vec::new()) });
    for span in 0..SPANS {
        for girder in 1..=2u8 {
            let g = Arc::new(Gauge { span, girder, baseline_ue: 300.0, owner: Arc::downgrade(&bridge) });
            bridge.gauges.write().unwrap().push(g);
        }
    }
    let mut feeds: HashMap<(usize, u8), (Vec<f32>, Vec<i16>)> = HashMap::new();
    for span in 0..SPANS {
        for girder in 1..=2u8 {
            if span == 3 && girder == 2 {
                continue;
            }
            let amp = 60.0 + 70.0 * span as f32 * girder as f32 / 2.0;
            let strain = synth(64, 310.0, amp, girder as f32);
            let accel: Vec<i16> = strain.iter().map(|&s| ((s - 300.0) * 4.0) as i16).collect();
            feeds.insert((span, girder), (strain, accel));
        }
    }

    let findings = block_on(survey(&bridge, &feeds));
    for (cond, where_) in &findings {
        println!("{cond:?}: {}", where_.join(", "));
    }
    println!("{} span grades {:?}", bridge.name, bridge.spans.read().unwrap());

    let temps_c: [i16; 6] = [4, 7, 12, 18, 9, -2];
    let range = block_on(peak_to_peak(temps_c));
    let range_f = block_on(peak_to_peak(vec![0.25f32, 0.75, -0.5]));
    println!("deck temp range {range:?}, tilt range {range_f:?}");

    let orphan = Gauge { span: 0, girder: 9, baseline_ue: 0.0, owner: Weak::new() };
    let lost = block_on(orphan.assess(&[1.0, 2.0, 3.0, 4.0], &[1, 2, 3]));
    println!("orphan gauge result {lost:?}");

    let closures: HashSet<usize> = bridge.spans.read().unwrap().iter().enumerate().filter(|&(_, c)| *c == Condition::Close).map(|(i, _)| i).collect();
    let notify = async move || {
        sleep_for(Duration::from_millis(3)).await;
        if closures.is_empty() { "no lane closures".to_string() } else { format!("close lanes over spans {closures:?}") }
    };
    println!("{}", block_on(notify()));
}
