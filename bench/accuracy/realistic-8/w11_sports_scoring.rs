#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Sports scoring service: consumes play-by-play feeds for tennis and basketball and keeps live scoreboards.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

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

trait Rules {
    type State: Default + std::fmt::Debug;
    type Play;
    fn parse(line: &str) -> Option<Self::Play>;
    fn apply(state: &mut Self::State, play: &Self::Play) -> Option<String>;
    fn render(state: &Self::State) -> String;
}

struct Tennis;
struct Basketball;

#[derive(Default, Debug)]
struct TennisState {
    points: [u8; 2],
    games: [u8; 2],
    sets: Vec<(u8, u8)>,
}

#[derive(Default, Debug)]
struct HoopsState {
    score: [u32; 2],
    quarter: u8,
    fouls: HashMap<String, u8>,
}

enum HoopsPlay {
    Basket { team: usize, player: String, pts: u32 },
    Foul { player: String },
    EndQuarter,
}

impl Rules for Tennis {
    type State = TennisState;
    type Play = usize;
    fn parse(line: &str) -> Option<usize> {
        match line.trim() {
            "A" => Some(0),
            "B" => Some(1),
            _ => None,
        }
    }
    fn apply(s: &mut TennisState, winner: &usize) -> Option<String> {
        let (w, l) = (*winner, 1 - *winner);
        s.points[w] += 1;
        if s.points[w] >= 4 && s.points[w] >= s.points[l] + 2 {
            s.points = [0, 0];
            s.games[w] += 1;
            if s.games[w] >= 6 && s.games[w] >= s.games[l] + 2 {
                s.sets.push((s.games[0], s.games[1]));
                s.games = [0, 0];
                return Some(format!("set to player {}", if w == 0 { 'A' } else { 'B' }));
            }
            return Some(format!("game {}-{}", s.games[0], s.games[1]));
        }
        None
    }
    fn render(s: &TennisState) -> String {
        const CALLS: [&str; 4] = ["0", "15", "30", "40"];
        let call = |p: u8| CALLS.get(p as usize).copied().unwrap_or("AD");
        format!("sets {:?} games {}-{} points {}-{}", s.sets, s.games[0], s.games[1], call(s.points[0]), call(s.points[1]))
    }
}

impl Rules for Basketball {
    type State = HoopsState;
    type Play = HoopsPlay;
    fn parse(line: &str) -> Option<HoopsPlay> {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["basket", team, player, pts] => Some(HoopsPlay::Basket { team: team.parse().ok()?, player: player.to_string(), pts: pts.parse().ok()? }),
            ["foul", player] => Some(HoopsPlay::Foul { player: player.to_string() }),
            ["endq"] => Some(HoopsPlay::EndQuarter),
            _ => None,
        }
    }
    fn apply(s: &mut HoopsState, play: &HoopsPlay) -> Option<String> {
        match play {
            HoopsPlay::Basket { team, pts, .. } => {
                s.score[*team] += pts;
                None
            }
            HoopsPlay::Foul { player } => {
                let n = s.fouls.entry(player.clone()).or_insert(0);
                *n += 1;
                (*n >= 3).then(|| format!("{player} fouled out"))
            }
            HoopsPlay::EndQuarter => {
                s.quarter += 1;
                Some(format!("end of Q{}", s.quarter))
            }
        }
    }
    fn render(s: &HoopsState) -> String {
        format!("Q{} {}-{}", s.quarter + 1, s.score[0], s.score[1])
    }
}

struct LiveMatch<R: Rules> {
    id: u32,
    state: R::State,
    alerts: VecDeque<String>,
    rejected: usize,
}

impl<R: Rules> LiveMatch<R> {
    fn new(id: u32) -> Self {
        LiveMatch { id, state: R::State::default(), alerts: VecDeque::new(), rejected: 0 }
    }

    async fn pull_feed(&self, feed: &str, cursor: usize) -> Vec<String> {
        Yield { left: 2 }.await;
        feed.lines().skip(cursor).take(4).map(|l| l.to_string()).collect()
    }

    async fn consume(&mut self, feed: &str) -> usize {
        let mut cursor = 0;
        loop {
            let batch = self.pull_feed(feed, cursor).await;
            if batch.is_empty() {
                break;
            }
            cursor += batch.len();
            for line in batch.iter() {
                let Some(play) = R::parse(line) else {
                    self.rejected += 1;
                    continue;
                };
                if let Some(alert) = R::apply(&mut self.state, &play) {
                    self.alerts.push_back(alert);
                    Yield { left: 1 }.await;
                }
            }
        }
        cursor
    }

    async fn publish(&mut self) -> String {
        let mut out = String::new();
        write!(out, "match {} [{}]", self.id, R::render(&self.state)).unwrap();
        while let Some(a) = self.alerts.pop_front() {
            Yield { left: 1 }.await;
            out.push_str(" | ");
            out.push_str(&a);
        }
        out
    }
}

async fn run_match<R: Rules>(id: u32, feed: &str) -> String
where
    R::State: std::fmt::Debug,
{
    let mut m: LiveMatch<R> = LiveMatch::new(id);
    let lines = m.consume(feed).await;
    let board = m.publish().await;
    format!("{board} ({lines} lines, {} rejected)", m.rejected)
}

fn main() {
    let mut tennis_feed = String::new();
    for i in 0..30 {
        tennis_feed.push_str(if i % 5 == 3 { "B\n" } else { "A\n" });
    }
    tennis_feed.push_str("X\nB\n");
    let hoops_feed = "basket 0 ortiz 2\nbasket 1 lee 3\nfoul lee\nfoul lee\nendq\nbasket 0 ortiz 3\nfoul lee\ngarbage line\nbasket 1 kim 2\nendq";
    println!("{}", block_on(run_match::<Tennis>(1, &tennis_feed)));
    println!("{}", block_on(run_match::<Basketball>(2, hoops_feed)));
    let mut m: LiveMatch<Basketball> = LiveMatch::new(3);
    let n = block_on(m.consume("basket 1 kim 3"));
    println!("{} after {n} line(s)", block_on(m.publish()));
    let clock = Duration::from_secs(12 * 60);
    println!("quarter length {}s", clock.as_secs());
}
