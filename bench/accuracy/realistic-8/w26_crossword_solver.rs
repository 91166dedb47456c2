#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Crossword filler: extracts across/down slots from a grid and fills them from a word list with backtracking.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Instant;

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    Across,
    Down,
}

#[derive(Debug, Clone)]
struct Slot {
    row: usize,
    col: usize,
    dir: Dir,
    len: usize,
}

impl Slot {
    fn cells(&self) -> Vec<(usize, usize)> {
        (0..self.len)
            .map(|i| match self.dir {
                Dir::Across => (self.row, self.col + i),
                Dir::Down => (self.row + i, self.col),
            })
            .collect()
    }
}

struct Puzzle {
    grid: Vec<Vec<char>>,
    slots: Vec<Slot>,
    by_len: HashMap<usize, Vec<String>>,
    steps: u64,
}

async fn parse_grid(text: &str) -> (Vec<Vec<char>>, Vec<Slot>) {
    let grid: Vec<Vec<char>> = text.lines().map(|l| l.trim().chars().collect()).filter(|r: &Vec<char>| !r.is_empty()).collect();
    let (h, w) = (grid.len(), grid[0].len());
    let mut slots = Vec::new();
    for r in 0..h {
        let mut c = 0;
        while c < w {
            if grid[r][c] == '#' {
                c += 1;
                continue;
            }
            let start = c;
            while c < w && grid[r][c] != '#' {
                c += 1;
            }
            if c - start >= 2 {
                slots.push(Slot { row: r, col: start, dir: Dir::Across, len: c - start });
            }
        }
    }
    Yield { left: 1 }.await;
    for c in 0..w {
        let mut r = 0;
        while r < h {
            if grid[r][c] == '#' {
                r += 1;
                continue;
            }
            let start = r;
            while r < h && grid[r][c] != '#' {
                r += 1;
            }
            if r - start >= 2 {
                slots.push(Slot { row: start, col: c, dir: Dir::Down, len: r - start });
            }
        }
    }
    (grid, slots)
}

async fn load_words(list: &str) -> HashMap<usize, Vec<String>> {
    let mut by_len: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, w) in list.split(',').map(|w| w.trim().to_uppercase()).enumerate() {
        if w.chars().all(|c| c.is_ascii_alphabetic()) {
            by_len.entry(w.len()).or_default().push(w);
        }
        if i % 6 == 5 {
            Yield { left: 1 }.await;
        }
    }
    by_len
}

fn fits(grid: &[Vec<char>], slot: &Slot, word: &str) -> bool {
    slot.cells().iter().zip(word.chars()).all(|(&(r, c), ch)| grid[r][c] == '.' || grid[r][c] == ch)
}

fn fill<'a>(p: &'a mut Puzzle, idx: usize, used: &'a mut HashSet<String>) -> Pin<Box<dyn Future<Output = bool> + 'a>> {
    Box::pin(async move {
        if idx == p.slots.len() {
            return true;
        }
        p.steps += 1;
        if p.steps % 8 == 0 {
            Yield { left: 1 }.await;
        }
        let slot = p.slots[idx].clone();
        let candidates: Vec<String> = p
            .by_len
            .get(&slot.len)
            .map(|ws| ws.iter().filter(|w| !used.contains(*w) && fits(&p.grid, &slot, w)).cloned().collect())
            .unwrap_or_default();
        for word in candidates.iter() {
            let saved: Vec<char> = slot.cells().iter().map(|&(r, c)| p.grid[r][c]).collect();
            for (&(r, c), ch) in slot.cells().iter().zip(word.chars()) {
                p.grid[r][c] = ch;
            }
            used.insert(word.clone());
            if fill(p, idx + 1, used).await {
                return true;
            }
            used.remove(word);
            for (&(r, c), ch) in slot.cells().iter().zip(saved.into_iter()) {
                p.grid[r][c] = ch;
            }
        }
        false
    })
}

async fn solve(grid_text: &str, words: &str) -> Option<(Vec<String>, u64)> {
    let (grid, mut slots) = parse_grid(grid_text).await;
    let by_len = load_words(words).await;
    slots.sort_by_key(|s| std::cmp::Reverse(s.len));
    let mut puzzle = Puzzle { grid, slots, by_len, steps: 0 };
    let mut used = HashSet::new();
    if !fill(&mut puzzle, 0, &mut used).await {
        return None;
    }
    let rows = puzzle.grid.iter().map(|r| r.iter().collect::<String>()).collect();
    Some((rows, puzzle.steps))
}

fn main() {
    let t0 = Instant::now();
    let grid = "
        ....
        .#.#
        ....";
    let words = "CATS,COWS,SEEN,WINE,ANTE,ONE,CAB,TOE,WON,ERA,NET,CART,CRAB,ROBIN,BONE,EARN,OAT,TOE,ORBIT,ARE,CAT,RAT,BIRD,AR,NO,TE,AT,ON,ERA,OBOE,SNOW,ASTER,TREND,NAN,CAB,ROE,TEN,RE,IO,EN,OR,ANTE,RIB,NET,ODE,CRANE,TONE,TEND,ATOM,MEAT,ABC1";
    match block_on(solve(grid, words)) {
        Some((rows, steps)) => {
            println!("solved in {steps} steps:");
            for r in rows {
                println!("  {r}");
            }
        }
        None => println!("no fill found"),
    }
    println!("impossible: {:?}", block_on(solve("...\n...", "ZZZ,QQ")));
    let (g, s) = block_on(parse_grid("..#\n..."));
    println!("{} slots, fast={}", s.len(), t0.elapsed().as_millis() < 2000);
}
