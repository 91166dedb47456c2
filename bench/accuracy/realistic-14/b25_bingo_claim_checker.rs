//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Bingo hall caller console: verifies players' claims on paper and electronic cards
//! against the numbers called so far, and splits each game's prize between valid claims.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
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
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Pattern {
    Line,
    Corners,
    FullHouse,
}

#[derive(Debug)]
enum ClaimError {
    UnknownCard(String),
    CardFormat(String),
    NotYet { card: String, missing: usize },
}

type Grid = [[u8; 5]; 5];

fn parse_grid(serial: &str, text: &str) -> Result<Grid, ClaimError> {
    let nums: Vec<u8> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| if t == "*" { Ok(0) } else { t.parse().map_err(|_| ClaimError::CardFormat(serial.to_string())) })
        .collect::<Result<_, _>>()?;
    if nums.len() != 25 || nums[12] != 0 {
        return Err(ClaimError::CardFormat(serial.to_string()));
    }
    let mut g = [[0u8; 5]; 5];
    for (i, n) in nums.into_iter().enumerate() {
        g[i / 5][i % 5] = n;
    }
    Ok(g)
}

fn cells(p: Pattern) -> Vec<Vec<(usize, usize)>> {
    match p {
        Pattern::Corners => vec![vec![(0, 0), (0, 4), (4, 0), (4, 4)]],
        Pattern::FullHouse => vec![(0..25).map(|i| (i / 5, i % 5)).collect()],
        Pattern::Line => {
            let mut lines: Vec<Vec<(usize, usize)>> = (0..5).map(|r| (0..5).map(|c| (r, c)).collect()).collect();
            lines.extend((0..5).map(|c| (0..5).map(|r| (r, c)).collect::<Vec<_>>()));
            lines.push((0..5).map(|i| (i, i)).collect());
            lines.push((0..5).map(|i| (i, 4 - i)).collect());
            lines
        }
    }
}

trait CardStore {
    async fn fetch(&self, serial: &str) -> Result<Grid, ClaimError>;
    async fn verify(&self, serial: &str, pattern: Pattern, called: &HashSet<u8>) -> Result<(), ClaimError> {
        let grid = self.fetch(serial).await?;
        let missing = cells(pattern)
            .iter()
            .map(|line| line.iter().filter(|&&(r, c)| grid[r][c] != 0 && !called.contains(&grid[r][c])).count())
            .min()
            .unwrap_or(25);
        if missing == 0 { Ok(()) } else { Err(ClaimError::NotYet { card: serial.to_string(), missing }) }
    }
}

struct PaperBook {
    sheets: BTreeMap<String, String>,
}
struct ElectronicUnits {
    units: Rc<RefCell<BTreeMap<String, Grid>>>,
}

impl CardStore for PaperBook {
    async fn fetch(&self, serial: &str) -> Result<Grid, ClaimError> {
        let text = self.sheets.get(serial).ok_or_else(|| ClaimError::UnknownCard(serial.to_string()))?;
        yield_now().await;
        parse_grid(serial, text)
    }
}

impl CardStore for ElectronicUnits {
    async fn fetch(&self, serial: &str) -> Result<Grid, ClaimError> {
        yield_now().await;
        self.units.borrow().get(serial).copied().ok_or_else(|| ClaimError::UnknownCard(serial.to_string()))
    }
}

async fn settle<S: CardStore>(store: &S, claims: &[(&str, Pattern)], called: &HashSet<u8>, payouts: &mut BTreeMap<Pattern, Vec<String>>) -> usize {
    let mut rejected = 0;
    for (serial, pattern) in claims {
        match store.verify(serial, *pattern, called).await {
            Ok(()) => payouts.entry(*pattern).or_default().push(serial.to_string()),
            Err(e) => {
                println!("  bogey: {e:?}");
                rejected += 1;
            }
        }
    }
    rejected
}

pub fn main() {
    let paper = PaperBook {
        sheets: BTreeMap::from([
            ("P-100".to_string(), "3 18 31 48 61, 7 22 33 50 70, 11 16 * 55 66, 2 28 44 59 75, 14 19 38 46 63".to_string()),
            ("P-101".to_string(), "1 2 3".to_string()),
        ]),
    };
    let mut unit_grid = [[0u8; 5]; 5];
    for (i, n) in [5u8, 17, 32, 47, 62, 9, 23, 40, 52, 67, 3, 29, 0, 49, 71, 12, 30, 43, 57, 74, 15, 20, 36, 60, 65].iter().enumerate() {
        unit_grid[i / 5][i % 5] = *n;
    }
    let electronic = ElectronicUnits { units: Rc::new(RefCell::new(BTreeMap::from([("E-7".to_string(), unit_grid)]))) };

    let called_seq = "3 7 11 2 14 61 70 66 75 63 5 65 15 62 9 23 40 52 67";
    let called: HashSet<u8> = called_seq.split(' ').filter_map(|n| n.parse().ok()).collect();
    let mut payouts = BTreeMap::new();
    let bad_paper = block_on(settle(&paper, &[("P-100", Pattern::Line), ("P-100", Pattern::Corners), ("P-101", Pattern::Line), ("P-404", Pattern::Line)], &called, &mut payouts));
    let bad_units = block_on(settle(&electronic, &[("E-7", Pattern::Corners), ("E-7", Pattern::Line), ("E-7", Pattern::FullHouse)], &called, &mut payouts));
    let pot = BTreeMap::from([(Pattern::Line, 50u32), (Pattern::Corners, 30), (Pattern::FullHouse, 200)]);
    for (pattern, winners) in &payouts {
        let share = pot[pattern] / winners.len() as u32;
        println!("{pattern:?}: {winners:?} get {share} each");
    }
    println!("bogeys: {}", bad_paper + bad_units);
}
