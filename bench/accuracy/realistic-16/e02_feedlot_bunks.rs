//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Feedlot bunk management: reads the morning bunk-score sheet per pen, adjusts each
//! pen's feed call, and batches mixer-truck loads by ration with a shared mill inventory.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
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
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => continue,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Additive { Monensin, Tylosin }

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ration {
    Starter,
    Grower { corn_pct: u8 },
    Finisher { corn_pct: u8, additive: Option<Additive> },
}

#[derive(Debug, Clone)]
struct Pen { id: u16, head: u32, ration: Ration, call_kg: u32 }

/// Bunk score 0 (slick) .. 4 (feed untouched); adjust the call accordingly.
fn adjust_call(pen: &Pen, score: u8) -> u32 {
    let per_head = pen.call_kg as f64 / pen.head.max(1) as f64;
    let factor = match (score, pen.ration) {
        (0, Ration::Finisher { corn_pct, .. }) if corn_pct >= 80 => 1.03,
        (0, _) => 1.05,
        (1, _) => 1.0,
        (2, Ration::Starter) => 0.95,
        (2, _) => 0.97,
        (s, _) if s >= 3 => 0.90,
        _ => 1.0,
    };
    (per_head * factor * pen.head as f64).round() as u32
}

struct Batcher<T, const CAP: usize> { loads: VecDeque<Vec<T>>, current: Vec<T>, weight: u32, max_kg: u32 }

impl<T, const CAP: usize> Batcher<T, CAP>
where
    T: Clone + std::fmt::Debug,
{
    fn new(max_kg: u32) -> Self { Batcher { loads: VecDeque::new(), current: Vec::new(), weight: 0, max_kg } }
    fn push(&mut self, item: T, kg: u32) {
        if self.current.len() == CAP || self.weight + kg > self.max_kg {
            self.loads.push_back(std::mem::take(&mut self.current));
            self.weight = 0;
        }
        self.current.push(item);
        self.weight += kg;
    }
    fn finish(mut self) -> VecDeque<Vec<T>> {
        if !self.current.is_empty() { self.loads.push_back(self.current); }
        self.loads
    }
}

#[derive(Debug, Default)]
struct Mill { corn_kg: u32, hay_kg: u32, supplement_kg: u32, shortfalls: Vec<u16> }

async fn draw_ingredients(mill: Rc<RefCell<Mill>>, pen: &Pen, kg: u32) -> bool {
    let corn = match pen.ration {
        Ration::Starter => kg * 30 / 100,
        Ration::Grower { corn_pct } | Ration::Finisher { corn_pct, .. } => kg * corn_pct as u32 / 100,
    };
    yield_now().await;
    let mut m = mill.borrow_mut();
    if m.corn_kg < corn || m.hay_kg < kg - corn {
        m.shortfalls.push(pen.id);
        return false;
    }
    m.corn_kg -= corn;
    m.hay_kg -= kg - corn;
    true
}

fn parse_sheet(text: &str) -> HashMap<u16, u8> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let pen = it.next()?.trim_start_matches("pen").parse::<u16>().ok()?;
            let score = it.next()?.parse::<u8>().ok().filter(|s| *s <= 4)?;
            Some((pen, score))
        })
        .collect()
}

async fn morning_round(pens: &mut [Pen], sheet: &str, mill: Rc<RefCell<Mill>>) -> VecDeque<Vec<(u16, u32)>> {
    let scores = parse_sheet(sheet);
    let mut batches: HashMap<Ration, Batcher<(u16, u32), 3>> = HashMap::new();
    for pen in pens.iter_mut() {
        let Some(&score) = scores.get(&pen.id) else { continue };
        let new_call = adjust_call(pen, score);
        if !draw_ingredients(Rc::clone(&mill), pen, new_call).await {
            continue;
        }
        pen.call_kg = new_call;
        batches.entry(pen.ration).or_insert_with(|| Batcher::new(6_000)).push((pen.id, new_call), new_call);
    }
    let mut out = VecDeque::new();
    for (_, b) in batches {
        yield_now().await;
        out.extend(b.finish());
    }
    out
}

fn main() {
    let mill = Rc::new(RefCell::new(Mill { corn_kg: 20_000, hay_kg: 9_000, ..Default::default() }));
    let mut pens = vec![
        Pen { id: 1, head: 120, ration: Ration::Starter, call_kg: 1_300 },
        Pen { id: 2, head: 150, ration: Ration::Grower { corn_pct: 60 }, call_kg: 2_400 },
        Pen { id: 3, head: 140, ration: Ration::Finisher { corn_pct: 85, additive: Some(Additive::Monensin) }, call_kg: 2_900 },
        Pen { id: 4, head: 90, ration: Ration::Finisher { corn_pct: 78, additive: None }, call_kg: 1_800 },
        Pen { id: 5, head: 200, ration: Ration::Grower { corn_pct: 55 }, call_kg: 3_100 },
    ];
    let sheet = "pen1 2\npen2 0\npen3 0 slick\npen4 4\npen5 bad\npen9 1\n";
    let loads = block_on(morning_round(&mut pens, sheet, Rc::clone(&mill)));
    let total: u32 = loads.iter().flatten().map(|(_, kg)| kg).sum();
    assert!(total > 0 && loads.iter().all(|l| l.len() <= 3));
    assert_eq!(pens[1].call_kg, 2_520);

    let mill2 = Rc::clone(&mill);
    let heavy = Pen { id: 7, head: 500, ration: Ration::Finisher { corn_pct: 90, additive: Some(Additive::Tylosin) }, call_kg: 50_000 };
    let ok = block_on(async move { draw_ingredients(mill2, &heavy, heavy.call_kg).await });
    assert!(!ok && mill.borrow().shortfalls.contains(&7));

    let topup = async |kg: u32| {
        yield_now().await;
        let mut m = mill.borrow_mut();
        m.corn_kg += kg;
        m.corn_kg
    };
    let after = block_on(async { topup(1_000).await + topup(500).await });
    println!("loads={} total={}kg corn-after={}", loads.len(), total, after);
}
