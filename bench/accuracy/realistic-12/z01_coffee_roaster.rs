//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Coffee roastery controller: follows a roast profile of temperature set-points,
//! tracks bean-temperature rate of rise and logs phase changes up to the drop.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield { polled: bool }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polled { return Poll::Ready(()); }
        self.polled = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn pause() -> Yield { Yield { polled: false } }

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase { Charge, Drying, Maillard, Development, Dropped }

#[derive(Debug)]
enum RoastError { ProbeFault(usize), Scorch { at_s: u32, temp: f32 }, BadProfile(String) }

#[derive(Debug, Clone, Copy)]
struct Setpoint { at_s: u32, temp_c: f32 }

struct Profile { name: String, points: Vec<Setpoint>, drop_temp: f32 }

fn parse_profile(name: &str, src: &str) -> Result<Profile, RoastError> {
    let mut points = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') { continue; }
        let Some((t, c)) = line.split_once("=>") else {
            return Err(RoastError::BadProfile(format!("line {}: missing `=>`", i + 1)));
        };
        let at_s = t.trim().trim_end_matches('s').parse::<u32>()
            .map_err(|e| RoastError::BadProfile(format!("line {}: {e}", i + 1)))?;
        let temp_c = c.trim().trim_end_matches('C').parse::<f32>()
            .map_err(|e| RoastError::BadProfile(format!("line {}: {e}", i + 1)))?;
        points.push(Setpoint { at_s, temp_c });
    }
    let drop_temp = points.last().map(|p| p.temp_c).ok_or_else(|| RoastError::BadProfile("empty".into()))?;
    Ok(Profile { name: name.to_string(), points, drop_temp })
}

impl Profile {
    fn target_at(&self, t: u32) -> f32 {
        self.points
            .windows(2)
            .find(|w| w[0].at_s <= t && t < w[1].at_s)
            .map(|w| {
                let frac = (t - w[0].at_s) as f32 / (w[1].at_s - w[0].at_s) as f32;
                w[0].temp_c + (w[1].temp_c - w[0].temp_c) * frac
            })
            .unwrap_or(self.drop_temp)
    }
}

trait Probe {
    async fn sample(&mut self, t: u32) -> Result<f32, RoastError>;

    async fn sample_avg(&mut self, t: u32, n: usize) -> Result<f32, RoastError> {
        let mut sum = 0.0;
        for _ in 0..n {
            sum += self.sample(t).await?;
        }
        Ok(sum / n.max(1) as f32)
    }
}

struct BeanProbe { temp: f32, heat: f32 }
struct ReplayProbe { id: usize, readings: VecDeque<f32> }

impl Probe for BeanProbe {
    async fn sample(&mut self, _t: u32) -> Result<f32, RoastError> {
        pause().await;
        self.temp += 1.5 + self.heat * 2.0;
        Ok(self.temp)
    }
}

impl Probe for ReplayProbe {
    async fn sample(&mut self, _t: u32) -> Result<f32, RoastError> {
        pause().await;
        self.readings.pop_front().ok_or(RoastError::ProbeFault(self.id))
    }

    async fn sample_avg(&mut self, t: u32, n: usize) -> Result<f32, RoastError> {
        let mut window = Vec::with_capacity(n);
        for _ in 0..n { window.push(self.sample(t).await?); }
        window.sort_by(|a, b| a.total_cmp(b));
        Ok(window[window.len() / 2])
    }
}

struct Roaster {
    burner: f32,
    airflow: u8,
    phase: Phase,
    ror: VecDeque<f32>,
    events: BTreeMap<u32, String>,
}

impl Roaster {
    fn new() -> Self {
        Roaster { burner: 0.6, airflow: 30, phase: Phase::Charge, ror: VecDeque::new(), events: BTreeMap::new() }
    }

    async fn run<P: Probe>(&mut self, profile: &Profile, probe: &mut P, step: Duration) -> Result<u32, RoastError> {
        let step_s = step.as_secs().max(1) as u32;
        let mut t = 0;
        let mut last = probe.sample(0).await?;
        while self.phase != Phase::Dropped {
            t += step_s;
            let bt = probe.sample_avg(t, 3).await?;
            let rate = (bt - last) * 60.0 / step_s as f32;
            last = bt;
            self.ror.push_back(rate);
            if self.ror.len() > 4 { self.ror.pop_front(); }
            let target = profile.target_at(t);
            self.burner = (self.burner + (target - bt) * 0.02).clamp(0.0, 1.0);
            let next = match (self.phase, bt) {
                (_, b) if b > 250.0 => return Err(RoastError::Scorch { at_s: t, temp: b }),
                (Phase::Charge, b) if b > 100.0 => Phase::Drying,
                (Phase::Drying, b) if b > 150.0 => Phase::Maillard,
                (Phase::Maillard, b) if b > 196.0 => Phase::Development,
                (Phase::Development, b) if b >= profile.drop_temp || t > 1200 => Phase::Dropped,
                (_, _) if t > 1800 => Phase::Dropped,
                (p, _) => p,
            };
            if next != self.phase {
                self.events.insert(t, format!("{:?} -> {:?} at {bt:.1}C", self.phase, next));
                self.phase = next;
            }
            let avg = self.ror.iter().sum::<f32>() / self.ror.len() as f32;
            if self.phase == Phase::Development && let Some(&r) = self.ror.back() && r < avg * 0.5 {
                self.airflow = self.airflow.saturating_add(5);
            }
        }
        Ok(t)
    }
}

fn main() {
    let src = "# city roast\n0s => 200C\n90s => 160C\n240s => 185C\n420s => 205C\n540s => 212C\n";
    let profile = parse_profile("city", src).expect("profile");
    println!("bad profile: {:?}", parse_profile("broken", "0s 200C").err());

    let mut roaster = Roaster::new();
    let mut bean = BeanProbe { temp: 25.0, heat: 0.7 };
    let result = block_on(roaster.run(&profile, &mut bean, Duration::from_secs(10)));
    println!("{} roast: {:?}", profile.name, result);

    let mut replay = ReplayProbe { id: 2, readings: (0..40).map(|i| 30.0 + i as f32 * 6.0).collect() };
    let mut second = Roaster::new();
    let replay_result = block_on(second.run(&profile, &mut replay, Duration::from_secs(15)));
    println!("replay roast: {:?}", replay_result);

    let report = async |r: &Roaster| -> String {
        let mut out = String::new();
        for (t, ev) in &r.events {
            pause().await;
            let _ = writeln!(out, "{:>4}s {}", t, ev);
        }
        out
    };
    print!("{}", block_on(report(&roaster)));
    print!("{}", block_on(report(&second)));

    let warmup = async {
        let mut total = 0.0;
        for n in [1usize, 2, 4] {
            let mut p = BeanProbe { temp: 20.0, heat: 0.5 };
            total += p.sample_avg(0, n).await.unwrap_or(0.0);
        }
        total
    };
    println!("warmup total {:.2}", block_on(warmup));
}
