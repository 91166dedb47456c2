//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Archery tournament results office: merges end-by-end scores from target tablets and
//! paper scorecards, resolves disagreements, and ranks archers with 10s/X-count tie-breaks.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::fmt::Write;
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

const ARROWS_PER_END: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrow { X, Ring(u8), Miss }

impl Arrow {
    fn value(self) -> u32 {
        match self { Arrow::X => 10, Arrow::Ring(n) => n as u32, Arrow::Miss => 0 }
    }
}

#[derive(Debug)]
enum ScoreError { BadArrow(String), WrongCount { end: usize, got: usize }, Unsorted(usize) }

type End = [Arrow; ARROWS_PER_END];

fn parse_end(idx: usize, line: &str) -> Result<End, ScoreError> {
    let arrows = line
        .split_whitespace()
        .map(|tok| match tok {
            "X" | "x" => Ok(Arrow::X),
            "M" | "m" => Ok(Arrow::Miss),
            n => n.parse::<u8>().ok().filter(|v| (1..=10).contains(v)).map(Arrow::Ring).ok_or_else(|| ScoreError::BadArrow(n.to_string())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let end: End = arrows.as_slice().try_into().map_err(|_| ScoreError::WrongCount { end: idx, got: arrows.len() })?;
    if end.windows(2).any(|w| w[0].value() < w[1].value()) {
        return Err(ScoreError::Unsorted(idx));
    }
    Ok(end)
}

trait ScoreSource {
    async fn ends_for(&self, archer: &str) -> Option<Vec<String>>;
    async fn card(&self, archer: &str) -> Result<Vec<End>, ScoreError> {
        let Some(lines) = self.ends_for(archer).await else { return Ok(Vec::new()) };
        lines.iter().enumerate().map(|(i, l)| parse_end(i + 1, l)).collect()
    }
}

struct Tablet { uploads: HashMap<String, String> }
struct PaperCards { scanned: Vec<(String, Vec<String>)> }

impl ScoreSource for Tablet {
    async fn ends_for(&self, archer: &str) -> Option<Vec<String>> {
        yield_now().await;
        self.uploads.get(archer).map(|blob| blob.split(';').map(str::to_string).collect())
    }
}
impl ScoreSource for PaperCards {
    async fn ends_for(&self, archer: &str) -> Option<Vec<String>> {
        for (name, ends) in &self.scanned {
            yield_now().await;
            if name == archer {
                return Some(ends.clone());
            }
        }
        None
    }
}

#[derive(Debug, Clone, Default)]
struct Tally { archer: String, total: u32, tens: u32, xs: u32, disputes: u32 }

async fn reconcile<A: ScoreSource, B: ScoreSource>(archer: &str, primary: &A, backup: &B) -> Result<Tally, ScoreError> {
    let a = primary.card(archer).await?;
    let b = backup.card(archer).await?;
    let mut tally = Tally { archer: archer.to_string(), ..Default::default() };
    let n = a.len().max(b.len());
    for i in 0..n {
        let end = match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) if x == y => *x,
            (Some(x), Some(y)) => {
                tally.disputes += 1;
                if x.iter().map(|a| a.value()).sum::<u32>() >= y.iter().map(|a| a.value()).sum::<u32>() { *y } else { *x }
            }
            (Some(only), None) | (None, Some(only)) => *only,
            (None, None) => unreachable!(),
        };
        tally.total += end.iter().map(|a| a.value()).sum::<u32>();
        tally.tens += end.iter().filter(|a| a.value() == 10).count() as u32;
        tally.xs += end.iter().filter(|a| **a == Arrow::X).count() as u32;
        yield_now().await;
    }
    Ok(tally)
}

fn main() {
    let tablet = Tablet {
        uploads: HashMap::from([
            ("Ana".to_string(), "X 10 9 9 8 7;10 10 9 9 9 8".to_string()),
            ("Bo".to_string(), "X X 9 8 8 7;10 10 9 9 9 9".to_string()),
            ("Cy".to_string(), "9 9 5 5 3 M".to_string()),
        ]),
    };
    let paper = PaperCards {
        scanned: vec![
            ("Ana".into(), vec!["X 10 9 9 8 7".into(), "10 10 9 9 9 9".into()]),
            ("Bo".into(), vec!["X X 9 8 8 7".into(), "10 10 9 9 9 9".into()]),
            ("Di".into(), vec!["10 9 8".into()]),
        ],
    };
    assert!(matches!(parse_end(1, "9 10 8 8 8 8"), Err(ScoreError::Unsorted(1))));
    assert!(matches!(parse_end(1, "11 9 8 8 8 8"), Err(ScoreError::BadArrow(_))));

    let mut board = Vec::new();
    for name in ["Ana", "Bo", "Cy"] {
        board.push(block_on(reconcile(name, &tablet, &paper)).expect("valid cards"));
    }
    let reverse = block_on(reconcile("Ana", &paper, &tablet)).unwrap();
    assert_eq!(reverse.total, board[0].total);
    assert!(matches!(block_on(reconcile("Di", &tablet, &paper)), Err(ScoreError::WrongCount { got: 3, .. })));

    board.sort_by_key(|t| Reverse((t.total, t.tens, t.xs)));
    assert_eq!(board[0].archer, "Bo");
    assert_eq!(board[1].disputes, 1);

    let render = async |rows: &[Tally]| {
        let mut out = String::new();
        for (place, t) in rows.iter().enumerate() {
            yield_now().await;
            writeln!(out, "{:>2}. {:<6}{:>4} {:>3}x10 {:>2}X", place + 1, t.archer, t.total, t.tens, t.xs).unwrap();
        }
        out
    };
    let sheet = block_on(render(&board));
    print!("{sheet}");
}
