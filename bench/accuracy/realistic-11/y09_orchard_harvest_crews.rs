//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models an orchard operations planner that sends picking crews down tree rows, grades fruit and fills field bins.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, Waker};

pub fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        let Poll::Ready(v) = fut.as_mut().poll(&mut cx) else { continue };
        return v;
    }
}

struct Breather {
    polls: u32,
    needed: u32,
}

impl Future for Breather {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls > self.needed {
            Poll::Ready(self.polls)
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn walk_trees(n: u32) -> u32 {
    Breather { polls: 0, needed: n.min(4) }.await
}

const BIN_KG: f32 = 380.0;
const GRADES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Grade {
    Extra,
    ClassOne,
    Juice,
}

trait Crop {
    const NAME: &'static str;
    fn fruit_g(&self) -> f32;
    fn grade(&self, ripeness: u8, blemish: bool) -> Grade;

    async fn pick_tree(&self, tree: &Tree) -> [f32; GRADES] {
        let mut kg = [0.0f32; GRADES];
        for (i, &r) in tree.ripeness.iter().enumerate() {
            let g = self.grade(r, tree.blemished.contains(&i));
            kg[g as usize] += self.fruit_g() / 1000.0 * tree.fruit_per_cluster as f32;
            if i % 4 == 3 {
                walk_trees(1).await;
            }
        }
        kg
    }
}

struct Apple {
    variety: &'static str,
}
struct Cherry;

impl Crop for Apple {
    const NAME: &'static str = "apple";
    fn fruit_g(&self) -> f32 {
        if self.variety == "Bramley" { 280.0 } else { 180.0 }
    }
    fn grade(&self, ripeness: u8, blemish: bool) -> Grade {
        match ripeness {
            _ if blemish => Grade::Juice,
            r @ 6..=8 if r != 7 || self.variety != "Bramley" => Grade::Extra,
            4..=9 => Grade::ClassOne,
            _ => Grade::Juice,
        }
    }
}

impl Crop for Cherry {
    const NAME: &'static str = "cherry";
    fn fruit_g(&self) -> f32 {
        9.0
    }
    fn grade(&self, ripeness: u8, blemish: bool) -> Grade {
        match (ripeness, blemish) {
            (8 | 9, false) => Grade::Extra,
            (5..=7, false) => Grade::ClassOne,
            _ => Grade::Juice,
        }
    }

    async fn pick_tree(&self, tree: &Tree) -> [f32; GRADES] {
        walk_trees(2).await;
        let picked = tree.ripeness.iter().filter(|&&r| r >= 5).count() as f32;
        let mut out = [0.0; GRADES];
        out[Grade::Extra as usize] = picked * tree.fruit_per_cluster as f32 * self.fruit_g() / 1000.0;
        walk_trees(1).await;
        out
    }
}

#[derive(Debug, Clone)]
struct Tree {
    row: u16,
    position: u16,
    ripeness: Vec<u8>,
    blemished: Vec<usize>,
    fruit_per_cluster: u8,
}

#[derive(Debug, Default)]
struct Crew {
    lead: String,
    pickers: u8,
    bins: Vec<[f32; GRADES]>,
    current: [f32; GRADES],
}

async fn work_row<C>(crop: &C, crew: Rc<RefCell<Crew>>, trees: &[Tree]) -> (u16, f32)
where
    C: Crop,
{
    let mut total = 0.0f32;
    let pickers = crew.borrow().pickers.max(1) as usize;
    for pair in trees.chunks(pickers) {
        for tree in pair {
            let kg = crop.pick_tree(tree).await;
            let mut c = crew.borrow_mut();
            for (slot, add) in c.current.iter_mut().zip(kg) {
                *slot += add;
            }
            total += kg.iter().sum::<f32>();
            if c.current.iter().sum::<f32>() >= BIN_KG {
                let full = std::mem::take(&mut c.current);
                c.bins.push(full);
            }
        }
        walk_trees(1).await;
    }
    (trees.first().map_or(0, |t| t.row), total)
}

async fn season_ledger(entries: Vec<(&'static str, u16, f32)>) -> BTreeMap<&'static str, HashMap<u16, f32>> {
    let mut ledger: BTreeMap<&str, HashMap<u16, f32>> = BTreeMap::new();
    for (crop, row, kg) in entries {
        walk_trees(1).await;
        *ledger.entry(crop).or_default().entry(row).or_insert(0.0) += kg;
    }
    ledger
}

fn make_row(row: u16, n: u16, seed: u8) -> Vec<Tree> {
    (0..n)
        .map(|position| {
            let ripeness: Vec<u8> = (0..12u8).map(|k| (k.wrapping_mul(seed) + position as u8) % 10).collect();
            let blemished = ripeness.iter().enumerate().filter(|&(_, &r)| r == 3).map(|(i, _)| i).collect();
            Tree { row, position, ripeness, blemished, fruit_per_cluster: 4 + (seed % 3) }
        })
        .collect()
}

pub fn main() {
    let bramley = Apple { variety: "Bramley" };
    let gala = Apple { variety: "Gala" };
    let cherry = Cherry;
    let crew_a = Rc::new(RefCell::new(Crew { lead: "Marta".into(), pickers: 2, ..Default::default() }));
    let crew_b = Rc::new(RefCell::new(Crew { lead: "Tomasz".into(), pickers: 3, ..Default::default() }));

    let row7 = make_row(7, 40, 7);
    let row8 = make_row(8, 30, 3);
    let row2 = make_row(2, 50, 5);

    let (r7, kg7) = block_on(work_row(&bramley, Rc::clone(&crew_a), &row7));
    let (r8, kg8) = block_on(work_row(&gala, Rc::clone(&crew_a), &row8));
    let (r2, kg2) = block_on(work_row(&cherry, Rc::clone(&crew_b), &row2));

    let ledger = block_on(season_ledger(vec![(Apple::NAME, r7, kg7), (Apple::NAME, r8, kg8), (Cherry::NAME, r2, kg2)]));
    for (crop, rows) in &ledger {
        let mut rows: Vec<_> = rows.iter().collect();
        rows.sort_by_key(|(r, _)| **r);
        println!("{crop}: {rows:?}");
    }

    let summarise = async |crew: Rc<RefCell<Crew>>| -> String {
        walk_trees(1).await;
        let c = crew.borrow();
        let by_grade: Vec<String> = c
            .bins
            .iter()
            .fold([0.0f32; GRADES], |mut acc, b| {
                acc.iter_mut().zip(b).for_each(|(a, x)| *a += x);
                acc
            })
            .iter()
            .zip([Grade::Extra, Grade::ClassOne, Grade::Juice])
            .map(|(kg, g)| format!("{g:?}={kg:.0}"))
            .collect();
        format!("{} filled {} bins [{}], {:.1}kg loose", c.lead, c.bins.len(), by_grade.join(" "), c.current.iter().sum::<f32>())
    };
    println!("{}", block_on(summarise(crew_a)));
    println!("{}", block_on(summarise(crew_b)));
}
