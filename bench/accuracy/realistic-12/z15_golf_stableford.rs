//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Golf club competition: converts handicap indexes to playing strokes by stroke index,
//! scores cards in Stableford points, breaks ties on countback and posts to async feeds.

use std::cmp::Ordering;
use std::collections::{HashMap, VecDeque};
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const PAR: [u8; 18] = [4, 4, 3, 5, 4, 4, 3, 4, 5, 4, 3, 5, 4, 4, 4, 3, 5, 4];
const STROKE_INDEX: [u8; 18] = [7, 11, 17, 1, 13, 3, 15, 9, 5, 8, 16, 2, 12, 4, 10, 18, 6, 14];

#[derive(Debug, Clone, Copy)]
enum Tee { White { slope: u16, rating: f32 }, Yellow { slope: u16, rating: f32 }, Red { slope: u16, rating: f32 } }

#[derive(Debug, Clone)]
struct Player { name: String, index: f32, tee: Tee, member_no: u32 }

#[derive(Debug)]
enum CardError { Holes { player: String, got: usize }, Token { hole: usize, tok: String }, UnknownPlayer(String) }

fn course_handicap(p: &Player) -> i32 {
    let par: u32 = PAR.iter().map(|&x| x as u32).sum();
    let (slope, rating) = match p.tee { Tee::White { slope, rating } | Tee::Yellow { slope, rating } | Tee::Red { slope, rating } => (slope, rating) };
    (p.index * slope as f32 / 113.0 + (rating - par as f32)).round() as i32
}

fn strokes_on(ch: i32, si: u8) -> i32 {
    if ch >= 0 {
        ch / 18 + ((si as i32) <= ch % 18) as i32
    } else {
        -(((19 - si as i32) <= -ch) as i32)
    }
}

fn parse_card(line: &str) -> Result<(String, [Option<u8>; 18]), CardError> {
    let (name, scores) = line.split_once(':').ok_or_else(|| CardError::UnknownPlayer(line.to_string()))?;
    let toks: Vec<&str> = scores.split_whitespace().collect();
    if toks.len() != 18 { return Err(CardError::Holes { player: name.trim().to_string(), got: toks.len() }); }
    let mut gross = [None; 18];
    for (hole, (slot, tok)) in gross.iter_mut().zip(&toks).enumerate() {
        *slot = match *tok {
            "x" | "-" => None,
            t => Some(t.parse::<u8>().ok().filter(|g| (1..=15).contains(g)).ok_or_else(|| CardError::Token { hole: hole + 1, tok: t.to_string() })?),
        };
    }
    Ok((name.trim().to_string(), gross))
}

#[derive(Debug, Clone)]
struct Scored { name: String, points: [u8; 18], total: u32, playing: i32 }

impl Scored {
    fn countback(&self) -> [u32; 5] {
        let back = |n: usize| self.points[18 - n..].iter().map(|&p| p as u32).sum::<u32>();
        [self.total, back(9), back(6), back(3), back(1)]
    }
}

fn score(p: &Player, gross: &[Option<u8>; 18], allowance: f32) -> Scored {
    let playing = (course_handicap(p) as f32 * allowance).round() as i32;
    let mut points = [0u8; 18];
    for (i, g) in gross.iter().enumerate() {
        let net_par = PAR[i] as i32 + strokes_on(playing, STROKE_INDEX[i]);
        points[i] = g.map_or(0, |g| (2 + net_par - g as i32).max(0) as u8);
    }
    Scored { name: p.name.clone(), total: points.iter().map(|&x| x as u32).sum(), points, playing }
}

trait ResultFeed {
    async fn post(&mut self, line: &str) -> bool;
    async fn post_board(&mut self, rows: &[Scored]) -> usize {
        let mut ok = 0;
        for (pos, r) in rows.iter().enumerate() {
            let line = format!("{:>2}. {:<10} {:>2} pts (PH {})", pos + 1, r.name, r.total, r.playing);
            if self.post(&line).await { ok += 1; }
        }
        ok
    }
}

struct ClubhouseScreen { shown: VecDeque<String>, capacity: usize }
struct HandicapAuthority { submitted: HashMap<String, u32>, rejected: Vec<String> }

impl ResultFeed for ClubhouseScreen {
    async fn post(&mut self, line: &str) -> bool {
        Yield(false).await;
        if self.shown.len() == self.capacity { self.shown.pop_front(); }
        self.shown.push_back(line.to_string());
        true
    }
}

impl ResultFeed for HandicapAuthority {
    async fn post(&mut self, line: &str) -> bool {
        Yield(false).await;
        let mut it = line.split_whitespace().skip(1);
        match (it.next(), it.next().and_then(|p| p.parse::<u32>().ok())) {
            (Some(name), Some(pts)) if pts >= 15 => { self.submitted.insert(name.to_string(), pts); true }
            _ => { self.rejected.push(line.to_string()); false }
        }
    }
}

async fn run_competition<F: ResultFeed>(players: &[Player], cards: &str, allowance: f32, feed: &mut F) -> (Vec<Scored>, Vec<CardError>, usize) {
    let roster: HashMap<&str, &Player> = players.iter().map(|p| (p.name.as_str(), p)).collect();
    let (mut board, mut errors) = (Vec::new(), Vec::new());
    for line in cards.lines().filter(|l| !l.trim().is_empty()) {
        Yield(false).await;
        match parse_card(line).and_then(|(n, g)| roster.get(n.as_str()).map(|p| score(p, &g, allowance)).ok_or(CardError::UnknownPlayer(n))) {
            Ok(s) => board.push(s),
            Err(e) => errors.push(e),
        }
    }
    board.sort_by(|a, b| b.countback().cmp(&a.countback()).then_with(|| a.name.cmp(&b.name)));
    let posted = feed.post_board(&board).await;
    (board, errors, posted)
}

const CARDS: &str = "Alice: 5 4 3 6 5 4 3 5 5 4 4 6 5 4 5 3 6 4
Bruno: 4 5 4 7 5 5 4 4 6 5 3 5 5 5 4 4 5 5
Chen: 6 5 4 6 x 5 3 5 6 5 4 6 4 5 5 3 5 4
Dara: 5 4 3 6 5 4 3 5 5 4 4 6 5 4 5 3 6
Eve: 4 4 3 5 4 4 3 4 5 4 3 5 4 4 4 3 5 4
Zed: 4 4 3 5 4 4 3 4 5 4 3 5 4 4 4 3 5 4
Bruno2: 4 4 q 5 4 4 3 4 5 4 3 5 4 4 4 3 5 4";

fn main() {
    let mk = |name: &str, index: f32, tee: Tee, no: u32| Player { name: name.into(), index, tee, member_no: no };
    let white = Tee::White { slope: 131, rating: 72.4 };
    let players = vec![
        mk("Alice", 14.2, white, 1), mk("Bruno", 21.7, Tee::Yellow { slope: 125, rating: 70.1 }, 2),
        mk("Chen", 18.0, white, 3), mk("Dara", 9.9, white, 4), mk("Eve", -1.5, white, 5), mk("Bruno2", 12.0, white, 6),
    ];
    let mut screen = ClubhouseScreen { shown: VecDeque::new(), capacity: 3 };
    let (board, errors, posted) = block_on(run_competition(&players, CARDS, 0.95, &mut screen));
    board.iter().for_each(|s| println!("{:<6} {:>2} PH{:>3} cb {:?}", s.name, s.total, s.playing, s.countback()));
    errors.iter().for_each(|e| println!("card error: {e:?}"));
    println!("screen ({posted} posted): {:?}", screen.shown);
    let mut authority = HandicapAuthority { submitted: HashMap::new(), rejected: vec![] };
    let (_, _, accepted) = block_on(run_competition(&players, CARDS, 1.0, &mut authority));
    println!("authority accepted {accepted}, rejected {:?}", authority.rejected);
    let stroke_table = async |ch: i32| -> String {
        Yield(false).await;
        STROKE_INDEX.iter().map(|&si| strokes_on(ch, si).to_string()).collect::<Vec<_>>().join("")
    };
    for ch in [-2, 0, 7, 18, 24] { println!("CH {ch:>3}: {}", block_on(stroke_table(ch))); }
    println!("{:?}", Scored { name: "tie".into(), points: [2; 18], total: 36, playing: 0 }.countback().cmp(&board[0].countback()) == Ordering::Less);
}
