//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Go game server: referees moves from remote players and a house bot, resolving
//! captures, suicide and simple ko, then area-scores the final position.

use std::cell::{Cell, RefCell};
use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
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

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
enum Stone { Black, White }

impl Stone { fn other(self) -> Stone { if self == Stone::Black { Stone::White } else { Stone::Black } } }

#[derive(Debug, PartialEq)]
enum Illegal { Coord(String), Occupied, Suicide, Ko }

const N: usize = 7;
type Board = [[Option<Stone>; N]; N];

fn adj(r: usize, c: usize) -> impl Iterator<Item = (usize, usize)> {
    [(0i32, 1i32), (1, 0), (0, -1), (-1, 0)]
        .into_iter()
        .map(move |(dr, dc)| (r as i32 + dr, c as i32 + dc))
        .filter(|&(y, x)| y >= 0 && x >= 0 && (y as usize) < N && (x as usize) < N)
        .map(|(y, x)| (y as usize, x as usize))
}

/// Chain (or empty region) at `start`: its points, liberty count and bordering colours.
fn flood(b: &Board, start: (usize, usize)) -> (Vec<(usize, usize)>, usize, HashSet<Stone>) {
    let colour = b[start.0][start.1];
    let mut seen = HashSet::from([start]);
    let (mut libs, mut borders) = (HashSet::new(), HashSet::new());
    let mut queue = VecDeque::from([start]);
    while let Some((r, c)) = queue.pop_front() {
        for (y, x) in adj(r, c) {
            match b[y][x] {
                s if s == colour => if seen.insert((y, x)) { queue.push_back((y, x)) },
                None => drop(libs.insert((y, x))),
                Some(s) => drop(borders.insert(s)),
            }
        }
    }
    (seen.into_iter().collect(), libs.len(), borders)
}

fn parse_coord(s: &str) -> Result<(usize, usize), Illegal> {
    let mut ch = s.chars();
    match (ch.next(), ch.as_str().parse::<usize>()) {
        (Some(col @ 'a'..='g'), Ok(row)) if (1..=N).contains(&row) => Ok((N - row, col as usize - 'a' as usize)),
        _ => Err(Illegal::Coord(s.to_string())),
    }
}

struct Game { board: Board, to_move: Stone, ko_point: Option<(usize, usize)>, captures: [u32; 2], passes: u8, record: Vec<String> }

impl Game {
    fn play(&mut self, mv: &str) -> Result<usize, Illegal> {
        if mv == "pass" {
            self.passes += 1;
            self.record.push(mv.to_string());
            (self.to_move, self.ko_point) = (self.to_move.other(), None);
            return Ok(0);
        }
        let (r, c) = parse_coord(mv)?;
        if self.board[r][c].is_some() {
            return Err(Illegal::Occupied);
        }
        if self.ko_point == Some((r, c)) {
            return Err(Illegal::Ko);
        }
        let mut next = self.board;
        next[r][c] = Some(self.to_move);
        let mut taken = Vec::new();
        for (y, x) in adj(r, c) {
            if next[y][x] == Some(self.to_move.other()) {
                let (stones, libs, _) = flood(&next, (y, x));
                if libs == 0 {
                    taken.extend(stones);
                }
            }
        }
        taken.sort_unstable();
        taken.dedup();
        taken.iter().for_each(|&(y, x)| next[y][x] = None);
        let (own, own_libs, _) = flood(&next, (r, c));
        if own_libs == 0 {
            return Err(Illegal::Suicide);
        }
        let single_recapture = taken.len() == 1 && own.len() == 1;
        self.ko_point = if single_recapture { Some(taken[0]) } else { None };
        self.board = next;
        self.captures[self.to_move as usize] += taken.len() as u32;
        self.record.push(mv.to_string());
        (self.to_move, self.passes) = (self.to_move.other(), 0);
        Ok(taken.len())
    }

    fn area_score(&self) -> (usize, usize) {
        let mut score = [0usize; 2];
        let mut counted = HashSet::new();
        for (r, c) in (0..N * N).map(|i| (i / N, i % N)) {
            match self.board[r][c] {
                Some(s) => score[s as usize] += 1,
                None if !counted.contains(&(r, c)) => {
                    let (region, _, borders) = flood(&self.board, (r, c));
                    if let [only] = borders.into_iter().collect::<Vec<_>>()[..] {
                        score[only as usize] += region.len();
                    }
                    counted.extend(region);
                }
                None => {}
            }
        }
        (score[0], score[1])
    }
}

trait Player {
    async fn next_move(&self, game: &Game) -> String;
}

struct RemoteClient { inbox: RefCell<VecDeque<&'static str>> }
struct HouseBot { seed: Cell<u32> }

impl Player for RemoteClient {
    async fn next_move(&self, _game: &Game) -> String {
        yield_now().await;
        self.inbox.borrow_mut().pop_front().unwrap_or("pass").to_string()
    }
}

impl Player for HouseBot {
    async fn next_move(&self, game: &Game) -> String {
        yield_now().await;
        let s = self.seed.get().wrapping_mul(1_103_515_245).wrapping_add(12_345);
        self.seed.set(s);
        let empties: Vec<(usize, usize)> = (0..N * N).map(|i| (i / N, i % N)).filter(|&(r, c)| game.board[r][c].is_none()).collect();
        if game.record.len() > 24 || empties.is_empty() {
            return "pass".to_string();
        }
        let (r, c) = empties[(s >> 8) as usize % empties.len()];
        format!("{}{}", (b'a' + c as u8) as char, N - r)
    }
}

async fn referee<B: Player, W: Player>(black: &B, white: &W, game: &mut Game) -> Vec<String> {
    let mut rejected = Vec::new();
    let mut strikes = 0;
    while game.passes < 2 && strikes < 10 {
        let mv = match game.to_move {
            Stone::Black => black.next_move(game).await,
            Stone::White => white.next_move(game).await,
        };
        if let Err(e) = game.play(&mv) {
            rejected.push(format!("{:?} {mv}: {e:?}", game.to_move));
            strikes += 1;
        }
    }
    rejected
}

fn new_game() -> Game {
    Game { board: [[None; N]; N], to_move: Stone::Black, ko_point: None, captures: [0; 2], passes: 0, record: vec![] }
}

pub fn main() {
    let alice = RemoteClient { inbox: RefCell::new(VecDeque::from(["b4", "a3", "b2", "g7", "c3", "z9", "b3", "pass"])) };
    let bob = RemoteClient { inbox: RefCell::new(VecDeque::from(["c4", "b3", "c2", "d3", "b3", "g1", "pass"])) };
    let mut g = new_game();
    let rejected = block_on(referee(&alice, &bob, &mut g));
    println!("rejected: {rejected:?}");
    println!("moves {:?} captures {:?} score {:?}", g.record, g.captures, g.area_score());

    let bot = HouseBot { seed: Cell::new(7) };
    let carol = RemoteClient { inbox: RefCell::new(VecDeque::from(["d4", "d3", "c4", "e4", "d5"])) };
    let mut g2 = new_game();
    let rejected = block_on(referee(&carol, &bot, &mut g2));
    println!("vs bot: {} moves, {} rejected, captures {:?}, score {:?}", g2.record.len(), rejected.len(), g2.captures, g2.area_score());
}
