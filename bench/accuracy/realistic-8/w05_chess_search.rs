//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Chess engine search: iterative-deepening negamax with alpha-beta and a transposition table on a reduced piece set.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
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
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const EMPTY: i8 = 0;
const KNIGHT: i8 = 3;
const ROOK: i8 = 5;
const KING: i8 = 100;
const INF: i32 = 1_000_000;

#[derive(Clone)]
struct Board {
    sq: [i8; 64],
    white_to_move: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Move {
    from: u8,
    to: u8,
}

#[derive(Clone, Copy)]
struct TtEntry {
    depth: u8,
    score: i32,
    best: Option<Move>,
}

struct Searcher {
    tt: RefCell<HashMap<u64, TtEntry>>,
    nodes: Cell<u64>,
    deadline: Instant,
}

impl Board {
    fn hash(&self) -> u64 {
        let mut h: u64 = if self.white_to_move { 0x51 } else { 0x17 };
        for (i, p) in self.sq.iter().enumerate() {
            h = h.wrapping_mul(0x100000001b3) ^ ((*p as i64 as u64) << 8 | i as u64);
        }
        h
    }

    fn moves(&self) -> Vec<Move> {
        let side = if self.white_to_move { 1 } else { -1 };
        let mut out = Vec::new();
        for from in 0..64i32 {
            let p = self.sq[from as usize];
            if p * side <= 0 {
                continue;
            }
            let (r, c) = (from / 8, from % 8);
            let mut push = |tr: i32, tc: i32| -> bool {
                if !(0..8).contains(&tr) || !(0..8).contains(&tc) {
                    return false;
                }
                let to = (tr * 8 + tc) as usize;
                let target = self.sq[to];
                if target * side > 0 {
                    return false;
                }
                out.push(Move { from: from as u8, to: to as u8 });
                target == EMPTY
            };
            match p.abs() {
                KNIGHT => {
                    for (dr, dc) in [(1, 2), (2, 1), (-1, 2), (-2, 1), (1, -2), (2, -1), (-1, -2), (-2, -1)] {
                        push(r + dr, c + dc);
                    }
                }
                ROOK => {
                    for (dr, dc) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                        let mut k = 1;
                        while push(r + dr * k, c + dc * k) {
                            k += 1;
                        }
                    }
                }
                KING => {
                    for dr in -1..=1 {
                        for dc in -1..=1 {
                            if dr != 0 || dc != 0 {
                                push(r + dr, c + dc);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn apply(&self, m: Move) -> Board {
        let mut b = self.clone();
        b.sq[m.to as usize] = b.sq[m.from as usize];
        b.sq[m.from as usize] = EMPTY;
        b.white_to_move = !b.white_to_move;
        b
    }

    fn evaluate(&self) -> i32 {
        let material: i32 = self.sq.iter().map(|p| *p as i32).sum();
        if self.white_to_move { material } else { -material }
    }
}

fn negamax<'a>(s: &'a Searcher, b: Board, depth: u8, mut alpha: i32, beta: i32) -> Pin<Box<dyn Future<Output = i32> + 'a>> {
    Box::pin(async move {
        s.nodes.set(s.nodes.get() + 1);
        if s.nodes.get() % 64 == 0 {
            Yield { left: 1 }.await;
        }
        let key = b.hash();
        if let Some(e) = s.tt.borrow().get(&key).copied()
            && e.depth >= depth
        {
            return e.score;
        }
        if depth == 0 {
            return b.evaluate();
        }
        let mut moves = b.moves();
        if moves.is_empty() {
            return b.evaluate();
        }
        let hint = s.tt.borrow().get(&key).and_then(|e| e.best);
        if let Some(h) = hint && let Some(i) = moves.iter().position(|m| *m == h) {
            moves.swap(0, i);
        }
        let mut best_score = -INF;
        let mut best_move = None;
        for m in moves.into_iter() {
            if b.sq[m.to as usize].abs() == KING {
                best_score = INF / 2;
                best_move = Some(m);
                break;
            }
            let score = -negamax(s, b.apply(m), depth - 1, -beta, -alpha).await;
            if score > best_score {
                best_score = score;
                best_move = Some(m);
            }
            alpha = alpha.max(score);
            if alpha >= beta {
                break;
            }
        }
        s.tt.borrow_mut().insert(key, TtEntry { depth, score: best_score, best: best_move });
        best_score
    })
}

async fn iterative_deepening(s: &Searcher, root: &Board, max_depth: u8) -> (Option<Move>, i32, u8) {
    let mut result = (None, 0, 0);
    for depth in 1..=max_depth {
        if Instant::now() > s.deadline {
            break;
        }
        let score = negamax(s, root.clone(), depth, -INF, INF).await;
        let best = s.tt.borrow().get(&root.hash()).and_then(|e| e.best);
        result = (best, score, depth);
        println!("depth {depth}: score {score} nodes {}", s.nodes.get());
    }
    result
}

fn main() {
    let mut sq = [EMPTY; 64];
    sq[4] = KING;
    sq[0] = ROOK;
    sq[6] = KNIGHT;
    sq[60] = -KING;
    sq[36] = -ROOK;
    sq[57] = -KNIGHT;
    let root = Board { sq, white_to_move: true };
    let searcher = Searcher { tt: RefCell::new(HashMap::new()), nodes: Cell::new(0), deadline: Instant::now() + Duration::from_millis(800) };
    let (mv, score, depth) = block_on(iterative_deepening(&searcher, &root, 3));
    println!("best {:?} score {score} at depth {depth}", mv);
    let quick = async |b: Board| negamax(&searcher, b, 1, -INF, INF).await;
    println!("quick eval: {}", block_on(quick(root.clone())));
}
