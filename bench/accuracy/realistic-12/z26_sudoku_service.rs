//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Puzzle-of-the-day service: validates submitted Sudoku grids, solves them with
//! constraint propagation plus async backtracking, and grades difficulty by search effort.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

type Grid = [u8; 81];
type Cands = [u16; 81];
const ALL: u16 = 0b1_1111_1111;

#[derive(Debug, PartialEq)]
enum PuzzleError { Length(usize), BadChar(usize, char), Conflict { cell: usize, digit: u8 }, Unsolvable, TooHard(u64) }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Difficulty { Easy, Medium, Hard, Fiendish }

fn peers(i: usize) -> impl Iterator<Item = usize> {
    let (r, c) = (i / 9, i % 9);
    let (br, bc) = (r / 3 * 3, c / 3 * 3);
    (0..9).map(move |k| r * 9 + k).chain((0..9).map(move |k| k * 9 + c)).chain((0..9).map(move |k| (br + k / 3) * 9 + bc + k % 3)).filter(move |&j| j != i)
}

fn parse(s: &str) -> Result<Grid, PuzzleError> {
    let cells: Vec<char> = s.chars().filter(|c| !c.is_whitespace() && *c != '|' && *c != '-').collect();
    if cells.len() != 81 { return Err(PuzzleError::Length(cells.len())); }
    let mut g = [0u8; 81];
    for (i, ch) in cells.iter().enumerate() {
        g[i] = match ch { '.' | '0' => 0, d if d.is_ascii_digit() => *d as u8 - b'0', other => return Err(PuzzleError::BadChar(i, *other)) };
    }
    for i in (0..81).filter(|&i| g[i] != 0) {
        if peers(i).any(|j| g[j] == g[i]) { return Err(PuzzleError::Conflict { cell: i, digit: g[i] }); }
    }
    Ok(g)
}

fn propagate(g: &mut Grid, c: &mut Cands) -> bool {
    loop {
        let mut changed = false;
        for i in 0..81 {
            if g[i] != 0 { continue; }
            let used = peers(i).filter(|&j| g[j] != 0).fold(0u16, |m, j| m | 1 << (g[j] - 1));
            c[i] = ALL & !used;
            match c[i].count_ones() {
                0 => return false,
                1 => { g[i] = c[i].trailing_zeros() as u8 + 1; changed = true; }
                _ => {}
            }
        }
        if !changed { return true; }
    }
}

struct Stats { nodes: Cell<u64>, max_depth: Cell<u32>, budget: u64 }

fn search<'a>(mut g: Grid, depth: u32, st: &'a Stats) -> Pin<Box<dyn Future<Output = Result<Grid, PuzzleError>> + 'a>> {
    Box::pin(async move {
        st.nodes.set(st.nodes.get() + 1);
        st.max_depth.set(st.max_depth.get().max(depth));
        if st.nodes.get() > st.budget { return Err(PuzzleError::TooHard(st.budget)); }
        let mut cands = [0u16; 81];
        if !propagate(&mut g, &mut cands) { return Err(PuzzleError::Unsolvable); }
        let Some(cell) = (0..81).filter(|&i| g[i] == 0).min_by_key(|&i| cands[i].count_ones()) else { return Ok(g) };
        if st.nodes.get() % 8 == 0 { Yield(false).await; }
        for d in (1..=9u8).filter(|d| cands[cell] & (1 << (d - 1)) != 0) {
            let mut next = g;
            next[cell] = d;
            match search(next, depth + 1, st).await {
                Ok(solved) => return Ok(solved),
                Err(PuzzleError::TooHard(b)) => return Err(PuzzleError::TooHard(b)),
                Err(_) => continue,
            }
        }
        Err(PuzzleError::Unsolvable)
    })
}

trait PuzzleFeed {
    async fn next_puzzle(&mut self) -> Option<(String, String)>;
    async fn drain(&mut self) -> Vec<(String, String)> {
        let mut v = Vec::new();
        while let Some(p) = self.next_puzzle().await { v.push(p); }
        v
    }
}

struct Submissions { queue: VecDeque<(String, String)> }
struct Archive { puzzles: BTreeMap<u32, &'static str>, cursor: u32 }

impl PuzzleFeed for Submissions {
    async fn next_puzzle(&mut self) -> Option<(String, String)> { Yield(false).await; self.queue.pop_front() }
}
impl PuzzleFeed for Archive {
    async fn next_puzzle(&mut self) -> Option<(String, String)> {
        let (&day, &p) = self.puzzles.range(self.cursor..).next()?;
        self.cursor = day + 1;
        Yield(false).await;
        Some((format!("day-{day}"), p.to_string()))
    }
}

async fn grade_all<F: PuzzleFeed>(feed: &mut F, budget: u64) -> Vec<(String, Result<(Difficulty, u64, String), PuzzleError>)> {
    let mut out = Vec::new();
    for (id, text) in feed.drain().await {
        let st = Stats { nodes: Cell::new(0), max_depth: Cell::new(0), budget };
        let result = match parse(&text) {
            Ok(g) => search(g, 0, &st).await.map(|sol| {
                let diff = match (st.nodes.get(), st.max_depth.get()) { (1, _) => Difficulty::Easy, (n, d) if n < 20 && d < 4 => Difficulty::Medium, (n, _) if n < 500 => Difficulty::Hard, _ => Difficulty::Fiendish };
                (diff, st.nodes.get(), sol[..9].iter().map(|d| char::from(b'0' + d)).collect())
            }),
            Err(e) => Err(e),
        };
        out.push((id, result));
    }
    out
}

const EASY: &str = "53..7.... 6..195... .98....6. 8...6...3 4..8.3..1 7...2...6 .6....28. ...419..5 ....8..79";
const HARD: &str = "8........ ..36..... .7..9.2.. .5...7... ....457.. ...1...3. ..1....68 ..85...1. .9....4..";

fn main() {
    let started = Instant::now();
    let mut subs = Submissions { queue: VecDeque::from(vec![
        ("alice".to_string(), EASY.to_string()), ("bob".to_string(), HARD.to_string()),
        ("carol".to_string(), EASY.replacen('5', "6", 1)), ("dave".to_string(), "12345".to_string()), ("erin".to_string(), EASY.replacen('.', "x", 1)),
    ]) };
    for (id, r) in block_on(grade_all(&mut subs, 200_000)) { println!("{id:<6} {r:?}"); }
    let mut archive = Archive { puzzles: BTreeMap::from([(1, EASY), (2, HARD), (5, "................................................................................."), (9, EASY)]), cursor: 2 };
    for (id, r) in block_on(grade_all(&mut archive, 50)) { println!("{id:<6} {:?}", r.map(|(d, n, _)| (d, n))); }
    let verify = async |text: &str, solution_row: &str| -> bool {
        let st = Stats { nodes: Cell::new(0), max_depth: Cell::new(0), budget: 10_000 };
        match parse(text) { Ok(g) => search(g, 0, &st).await.map_or(false, |s| s[..9].iter().map(|d| char::from(b'0' + d)).collect::<String>() == solution_row), Err(_) => false }
    };
    println!("verify {} {}", block_on(verify(EASY, "534678912")), block_on(verify(EASY, "123456789")));
    println!("done in under 5s: {}", started.elapsed().as_secs() < 5);
}
