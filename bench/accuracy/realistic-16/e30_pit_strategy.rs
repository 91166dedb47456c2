//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Motorsport pit-wall strategy tool: fits tyre degradation from live lap times, then searches
//! one- and two-stop plans over compounds and stop laps, reacting to safety-car windows.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
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

const RACE_LAPS: u32 = 52;
const PIT_LOSS_S: f64 = 21.5;
const SC_PIT_LOSS_S: f64 = 11.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Compound { Soft, Medium, Hard }

#[derive(Debug, Clone, Copy)]
struct TyreModel { base_s: f64, deg_s_per_lap: f64, cliff_lap: u32 }

impl TyreModel {
    fn lap_time(&self, age: u32) -> f64 {
        let cliff = age.saturating_sub(self.cliff_lap) as f64;
        self.base_s + self.deg_s_per_lap * age as f64 + 0.35 * cliff * cliff
    }
    fn stint(&self, laps: u32) -> f64 { (0..laps).map(|a| self.lap_time(a)).sum() }
}

/// Least-squares slope/intercept over (tyre_age, fuel-corrected lap time).
fn fit(samples: &[(u32, f64)]) -> Option<(f64, f64)> {
    if samples.len() < 3 { return None; }
    let n = samples.len() as f64;
    let (sx, sy) = samples.iter().fold((0.0, 0.0), |(a, b), &(x, y)| (a + x as f64, b + y));
    let (mx, my) = (sx / n, sy / n);
    let (num, den) = samples.iter().fold((0.0, 0.0), |(nu, de), &(x, y)| (nu + (x as f64 - mx) * (y - my), de + (x as f64 - mx).powi(2)));
    (den > 0.0).then(|| (num / den, my - num / den * mx))
}

fn parse_timing(feed: &str) -> HashMap<Compound, Vec<(u32, f64)>> {
    let mut out: HashMap<Compound, Vec<(u32, f64)>> = HashMap::new();
    for line in feed.lines() {
        let mut f = line.split_whitespace();
        let (Some(lap), Some(c), Some(age), Some(t)) = (f.next(), f.next(), f.next(), f.next()) else { continue };
        let compound = match c { "S" => Compound::Soft, "M" => Compound::Medium, "H" => Compound::Hard, _ => continue };
        let (Ok(lap), Ok(age)) = (lap.parse::<u32>(), age.parse::<u32>()) else { continue };
        let Some(secs) = t.split_once(':').and_then(|(m, s)| Some(m.parse::<f64>().ok()? * 60.0 + s.parse::<f64>().ok()?)) else { continue };
        let fuel_corrected = secs - 0.032 * (RACE_LAPS - lap) as f64;
        out.entry(compound).or_default().push((age, fuel_corrected));
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
struct Plan { stints: Vec<(Compound, u32)>, total_s: f64 }

async fn search(models: &BTreeMap<Compound, TyreModel>, laps_left: u32, stops_left: u8, used: Vec<Compound>, sc_lap: Option<u32>, memo: Rc<RefCell<HashMap<(u32, u8, Vec<Compound>), Option<Plan>>>>) -> Option<Plan> {
    let key = (laps_left, stops_left, used.clone());
    if let Some(hit) = memo.borrow().get(&key) { return hit.clone(); }
    yield_now().await;
    let mut best: Option<Plan> = None;
    for (&c, m) in models {
        let distinct = used.iter().chain([&c]).collect::<std::collections::HashSet<_>>().len();
        // finish on this compound: regulations require two different compounds
        if distinct >= 2 {
            let p = Plan { stints: vec![(c, laps_left)], total_s: m.stint(laps_left) };
            if best.as_ref().is_none_or(|b| p.total_s < b.total_s) { best = Some(p); }
        }
        if stops_left == 0 { continue; }
        for stint in (8..laps_left.saturating_sub(7)).step_by(2) {
            let stop_lap = RACE_LAPS - laps_left + stint;
            let loss = if sc_lap.is_some_and(|l| l == stop_lap) { SC_PIT_LOSS_S } else { PIT_LOSS_S };
            let mut next_used = used.clone();
            next_used.push(c);
            next_used.sort();
            next_used.dedup();
            if let Some(rest) = Box::pin(search(models, laps_left - stint, stops_left - 1, next_used, sc_lap, Rc::clone(&memo))).await {
                let total = m.stint(stint) + loss + rest.total_s;
                if best.as_ref().is_none_or(|b| total < b.total_s) {
                    let mut stints = vec![(c, stint)];
                    stints.extend(rest.stints);
                    best = Some(Plan { stints, total_s: total });
                }
            }
        }
    }
    memo.borrow_mut().insert(key, best.clone());
    best
}

fn main() {
    let mut feed = String::new();
    for age in 0..10u32 {
        writeln!(feed, "{} S {age} 1:{:06.3}", 2 + age, 31.2 + 0.11 * age as f64 + 0.032 * (RACE_LAPS - 2 - age) as f64).unwrap();
        writeln!(feed, "{} M {age} 1:{:06.3}", 2 + age, 31.8 + 0.06 * age as f64 + 0.032 * (RACE_LAPS - 2 - age) as f64).unwrap();
    }
    feed.push_str("pit in\n12 X 0 1:40.000\n");
    let timing = parse_timing(&feed);
    let (s_deg, s_base) = fit(&timing[&Compound::Soft]).unwrap();
    let (m_deg, m_base) = fit(&timing[&Compound::Medium]).unwrap();
    assert!((s_deg - 0.11).abs() < 0.01 && (m_deg - 0.06).abs() < 0.01);
    assert!(fit(&[(1, 90.0)]).is_none());

    let models = BTreeMap::from([
        (Compound::Soft, TyreModel { base_s: 60.0 + s_base, deg_s_per_lap: s_deg, cliff_lap: 18 }),
        (Compound::Medium, TyreModel { base_s: 60.0 + m_base, deg_s_per_lap: m_deg, cliff_lap: 30 }),
        (Compound::Hard, TyreModel { base_s: 92.4, deg_s_per_lap: 0.03, cliff_lap: 45 }),
    ]);
    let memo = Rc::new(RefCell::new(HashMap::new()));
    let green = block_on(search(&models, RACE_LAPS, 2, Vec::new(), None, Rc::clone(&memo))).expect("a legal plan");
    assert!(green.stints.iter().map(|s| s.1).sum::<u32>() == RACE_LAPS);
    assert!(green.stints.iter().map(|s| s.0).collect::<std::collections::HashSet<_>>().len() >= 2);

    let sc_memo = Rc::new(RefCell::new(HashMap::new()));
    let sc = block_on(search(&models, RACE_LAPS, 2, Vec::new(), Some(24), sc_memo)).unwrap();
    assert!(sc.total_s <= green.total_s);

    let compare = async |plans: &[(&str, &Plan)]| {
        let mut out = String::new();
        for (label, p) in plans {
            yield_now().await;
            let stints: Vec<String> = p.stints.iter().map(|(c, l)| format!("{c:?}x{l}")).collect();
            let (mins, secs) = ((p.total_s / 60.0) as u32, p.total_s % 60.0);
            writeln!(out, "{label:<6} {:<28} {mins}:{secs:06.3}", stints.join(" -> ")).unwrap();
        }
        out
    };
    print!("{}", block_on(compare(&[("green", &green), ("sc@24", &sc)])));
    println!("memo entries {}", memo.borrow().len());
}
