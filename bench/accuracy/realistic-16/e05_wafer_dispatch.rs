//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Semiconductor fab lot dispatcher: lots follow recipe routes through tool groups, tools must
//! be qualified for a recipe, queue-time (Q-time) windows are enforced and lots ranked by rule.

use std::collections::{BTreeMap, HashMap, HashSet};
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

#[derive(Debug)]
enum FabError { Unqualified { tool: String, recipe: String }, QTimeExpired { lot: String, over_min: u32 }, RouteDone(String) }

#[derive(Debug, Clone)]
struct Lot { id: String, route: Vec<&'static str>, step: usize, wafers: u8, due_min: u32, waiting_since: u32, priority: u8 }

impl Lot {
    fn recipe(&self) -> Option<&'static str> { self.route.get(self.step).copied() }
    fn remaining(&self) -> usize { self.route.len().saturating_sub(self.step) }
}

trait DispatchRule {
    fn score(&self, lot: &Lot, now: u32) -> i64;
}
struct CriticalRatio;
struct HotLotFirst { bump: i64 }
impl DispatchRule for CriticalRatio {
    fn score(&self, lot: &Lot, now: u32) -> i64 {
        let slack = lot.due_min as i64 - now as i64;
        -(slack * 100 / (lot.remaining() as i64 * 45).max(1))
    }
}
impl DispatchRule for HotLotFirst {
    fn score(&self, lot: &Lot, now: u32) -> i64 { lot.priority as i64 * self.bump + (now - lot.waiting_since) as i64 }
}

trait Tool {
    fn id(&self) -> &str;
    fn qualified(&self) -> &HashSet<&'static str>;
    async fn process(&mut self, lot: &Lot) -> u32;
    async fn check_in(&mut self, lot: &Lot) -> Result<u32, FabError> {
        let recipe = lot.recipe().ok_or_else(|| FabError::RouteDone(lot.id.clone()))?;
        if !self.qualified().contains(recipe) {
            return Err(FabError::Unqualified { tool: self.id().to_string(), recipe: recipe.to_string() });
        }
        yield_now().await;
        Ok(self.process(lot).await)
    }
}

struct Stepper { name: String, recipes: HashSet<&'static str>, reticle_loads: u32 }
struct WetBench { name: String, recipes: HashSet<&'static str>, bath_age: [u16; 4] }

impl Tool for Stepper {
    fn id(&self) -> &str { &self.name }
    fn qualified(&self) -> &HashSet<&'static str> { &self.recipes }
    async fn process(&mut self, lot: &Lot) -> u32 {
        self.reticle_loads += 1;
        yield_now().await;
        lot.wafers as u32 * 3 + 12
    }
}
impl Tool for WetBench {
    fn id(&self) -> &str { &self.name }
    fn qualified(&self) -> &HashSet<&'static str> { &self.recipes }
    async fn process(&mut self, lot: &Lot) -> u32 {
        for bath in self.bath_age.iter_mut() {
            *bath += lot.wafers as u16;
            yield_now().await;
        }
        40
    }
    async fn check_in(&mut self, lot: &Lot) -> Result<u32, FabError> {
        if self.bath_age.iter().any(|&a| a > 200) {
            self.bath_age = [0; 4];
        }
        let recipe = lot.recipe().ok_or_else(|| FabError::RouteDone(lot.id.clone()))?;
        Ok(self.process(lot).await)
    }
}

async fn dispatch<T, R>(tool: &mut T, rule: &R, queue: &mut Vec<Lot>, mut now: u32, qtime: &HashMap<&str, u32>) -> (u32, Vec<FabError>)
where
    T: Tool,
    R: DispatchRule,
{
    let mut errors = Vec::new();
    while let Some(idx) = queue.iter().enumerate().max_by_key(|(_, l)| rule.score(l, now)).map(|(i, _)| i) {
        let mut lot = queue.swap_remove(idx);
        let limit = lot.recipe().and_then(|r| qtime.get(r)).copied().unwrap_or(u32::MAX);
        let waited = now - lot.waiting_since;
        if waited > limit {
            errors.push(FabError::QTimeExpired { lot: lot.id.clone(), over_min: waited - limit });
            continue;
        }
        match tool.check_in(&lot).await {
            Ok(minutes) => {
                now += minutes;
                lot.step += 1;
            }
            Err(e) => errors.push(e),
        }
    }
    (now, errors)
}

fn lots(now: u32) -> Vec<Lot> {
    let route = vec!["clean-rca", "litho-m1", "etch-m1", "clean-post"];
    vec![
        Lot { id: "A1001".into(), route: route.clone(), step: 1, wafers: 25, due_min: now + 600, waiting_since: now - 30, priority: 1 },
        Lot { id: "A1002".into(), route: route.clone(), step: 1, wafers: 13, due_min: now + 200, waiting_since: now - 10, priority: 3 },
        Lot { id: "B2001".into(), route: route.clone(), step: 2, wafers: 25, due_min: now + 900, waiting_since: now - 5, priority: 1 },
        Lot { id: "Q9".into(), route, step: 0, wafers: 6, due_min: now + 100, waiting_since: now - 300, priority: 5 },
    ]
}

fn main() {
    let qtime: HashMap<&str, u32> = [("clean-rca", 120), ("etch-m1", 240)].into_iter().collect();
    let mut stepper = Stepper { name: "ASML-03".into(), recipes: ["litho-m1", "litho-m2"].into_iter().collect(), reticle_loads: 0 };
    let mut bench = WetBench { name: "WB-1".into(), recipes: ["clean-rca", "clean-post"].into_iter().collect(), bath_age: [190, 10, 0, 5] };

    let mut q1 = lots(1_000);
    let (end, errs) = block_on(dispatch(&mut stepper, &CriticalRatio, &mut q1, 1_000, &qtime));
    assert_eq!(stepper.reticle_loads, 2);
    assert_eq!(errs.len(), 2);
    assert!(errs.iter().any(|e| matches!(e, FabError::QTimeExpired { lot, .. } if lot == "Q9")));

    let mut q2 = lots(2_000);
    let (end2, errs2) = block_on(dispatch(&mut bench, &HotLotFirst { bump: 100 }, &mut q2, 2_000, &qtime));
    assert_eq!(errs2.len(), 1);
    assert_eq!(bench.bath_age[0], 50); // bath changed after A1002 pushed it past 200

    let mut finished = lots(500).remove(0);
    finished.step = 4;
    let done = block_on(async { stepper.check_in(&finished).await });
    assert!(matches!(done, Err(FabError::RouteDone(_))));

    let moves_per_recipe = block_on(async {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for lot in lots(500) {
            yield_now().await;
            for r in &lot.route[lot.step..] {
                *m.entry(r).or_default() += 1;
            }
        }
        m
    });
    assert_eq!(moves_per_recipe["clean-post"], 4);
    println!("stepper busy until {end}, bench until {end2}, moves {moves_per_recipe:?}");
}
