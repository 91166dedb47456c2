//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a genebank's seed viability monitoring that runs replicate germination tests, fits decline and schedules accessions for regeneration.

use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::cmp::Ordering;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Incubate {
    days_left: u16,
}

impl Future for Incubate {
    type Output = u16;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u16> {
        if self.days_left == 0 {
            return Poll::Ready(0);
        }
        self.days_left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn incubate(days: u16) {
    Incubate { days_left: days }.await;
}

/// Gives up on an inner future after a fixed number of polls.
struct Deadline<F> {
    inner: Pin<Box<F>>,
    polls_left: u32,
}

impl<F: Future> Future for Deadline<F> {
    type Output = Option<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.inner.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if self.polls_left == 0 {
            return Poll::Ready(None);
        }
        self.polls_left -= 1;
        Poll::Pending
    }
}

fn with_deadline<F: Future>(f: F, polls: u32) -> Deadline<F> {
    Deadline { inner: Box::pin(f), polls_left: polls }
}

const REPLICATES: usize = 4;
const SEEDS_PER_REP: u16 = 50;

#[derive(Debug, Clone)]
struct Accession {
    code: String,
    taxon: &'static str,
    stored_year: u16,
    seeds_left: u32,
    history: Vec<(u16, f32)>,
}

#[derive(Debug, PartialEq)]
struct Regen {
    urgency: f32,
    code: String,
}

impl Eq for Regen {}
impl PartialOrd for Regen {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Regen {
    fn cmp(&self, other: &Self) -> Ordering {
        self.urgency.total_cmp(&other.urgency).then_with(|| other.code.cmp(&self.code))
    }
}

fn germinated(code: &str, rep: usize, year: u16, stored: u16) -> u16 {
    let age = (year - stored) as u32;
    let seed = code.bytes().fold(rep as u32 * 7, |a, b| a.wrapping_mul(31).wrapping_add(b as u32));
    let base = 48u32.saturating_sub(age * 2);
    (base.saturating_sub(seed % 5)).min(SEEDS_PER_REP as u32) as u16
}

async fn run_test(acc: &mut Accession, year: u16, dormancy_days: u16) -> Result<f32, String> {
    let needed = (REPLICATES as u32) * SEEDS_PER_REP as u32;
    if acc.seeds_left < needed * 2 {
        return Err(format!("{}: only {} seeds, cannot spend {needed}", acc.code, acc.seeds_left));
    }
    acc.seeds_left -= needed;
    let mut counts = [0u16; REPLICATES];
    for (rep, slot) in counts.iter_mut().enumerate() {
        incubate(dormancy_days / 7 + 1).await;
        *slot = germinated(&acc.code, rep, year, acc.stored_year);
    }
    let (min, max) = counts.iter().fold((u16::MAX, 0), |(lo, hi), &c| (lo.min(c), hi.max(c)));
    let pct = counts.iter().map(|&c| c as f32).sum::<f32>() / needed as f32 * 100.0;
    if max - min > 10 {
        return Err(format!("{}: replicates disagree ({min}..{max}), retest", acc.code));
    }
    acc.history.push((year, pct));
    Ok(pct)
}

fn decline_per_year(history: &[(u16, f32)]) -> Option<f32> {
    let slopes: Vec<f32> = history.windows(2).map(|w| (w[0].1 - w[1].1) / (w[1].0 - w[0].0).max(1) as f32).collect();
    if slopes.is_empty() {
        None
    } else {
        Some(slopes.iter().sum::<f32>() / slopes.len() as f32)
    }
}

async fn monitoring_cycle(vault: Arc<Mutex<Vec<Accession>>>, year: u16) -> (BinaryHeap<Regen>, Vec<String>) {
    let mut queue = BinaryHeap::new();
    let mut problems = Vec::new();
    let mut guard = vault.lock().unwrap();
    for acc in guard.iter_mut() {
        let dormancy = match acc.taxon {
            t if t.starts_with("Triticum") => 7,
            t if t.contains("Allium") => 14,
            _ => 21,
        };
        match with_deadline(run_test(acc, year, dormancy), 14).await {
            Some(Ok(pct)) if pct < 85.0 => {
                let decline = decline_per_year(&acc.history).unwrap_or(1.0);
                queue.push(Regen { urgency: (85.0 - pct) + decline * 5.0, code: acc.code.clone() });
            }
            Some(Ok(_)) => {}
            Some(Err(msg)) => problems.push(msg),
            None => problems.push(format!("{}: test overran incubator slot", acc.code)),
        }
    }
    (queue, problems)
}

pub fn main() {
    let started = Instant::now();
    let accessions = vec![
        Accession { code: "TRI-00412".into(), taxon: "Triticum aestivum", stored_year: 2004, seeds_left: 12_000, history: vec![(2014, 96.0)] },
        Accession { code: "ALL-01177".into(), taxon: "Allium cepa", stored_year: 2012, seeds_left: 3_000, history: vec![(2018, 91.0)] },
        Accession { code: "PHA-02090".into(), taxon: "Phaseolus vulgaris", stored_year: 1998, seeds_left: 900, history: vec![] },
        Accession { code: "SOL-03301".into(), taxon: "Solanum lycopersicum", stored_year: 2000, seeds_left: 5_000, history: vec![(2010, 93.0), (2016, 88.5)] },
    ];
    let vault = Arc::new(Mutex::new(accessions));

    let (mut regen, problems) = block_on(monitoring_cycle(Arc::clone(&vault), 2024));
    problems.iter().for_each(|p| println!("problem: {p}"));
    let mut order = Vec::new();
    while let Some(Regen { urgency, code }) = regen.pop() {
        order.push(format!("{code} ({urgency:.1})"));
    }
    println!("regeneration order: {}", order.join(" > "));

    let snapshot: BTreeMap<String, (u32, Option<f32>)> = vault.lock().unwrap().iter().map(|a| (a.code.clone(), (a.seeds_left, a.history.last().map(|h| h.1)))).collect();
    println!("{snapshot:?}");

    let v2 = Arc::clone(&vault);
    let reports: Vec<Pin<Box<dyn Future<Output = String>>>> = vec![
        Box::pin(async move {
            incubate(2).await;
            let g = v2.lock().unwrap();
            let low: Vec<&str> = g.iter().filter(|a| a.seeds_left < 2_000).map(|a| a.code.as_str()).collect();
            format!("low stock: {low:?}")
        }),
        Box::pin(async {
            let r = with_deadline(incubate(50), 3).await;
            format!("long dormancy test finished in slot: {}", r.is_some())
        }),
    ];
    for r in reports {
        println!("{}", block_on(r));
    }
    let _ = started.elapsed() < Duration::from_secs(1);
}
