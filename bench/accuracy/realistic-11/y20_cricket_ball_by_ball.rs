//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a cricket scoring app that parses ball-by-ball notation, rotates strike, tracks the bowling card and feeds commentary sinks.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct NextBall(u8);

impl Future for NextBall {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn between_balls() {
    NextBall(1).await
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ball {
    Runs(u8),
    Wide(u8),
    NoBall(u8),
    LegBye(u8),
    Bye(u8),
    Wicket,
}

impl Ball {
    fn legal(&self) -> bool {
        !matches!(self, Ball::Wide(_) | Ball::NoBall(_))
    }
}

#[derive(Debug, Default, Clone)]
struct BatCard {
    runs: u16,
    balls: u16,
    fours: u8,
    sixes: u8,
}

#[derive(Debug, Default, Clone, Copy)]
struct BowlCard {
    legal_balls: u16,
    runs: u16,
    wickets: u8,
}

#[derive(Debug)]
struct Innings {
    striker: String,
    non_striker: String,
    next_in: Vec<String>,
    batting: HashMap<String, BatCard>,
    bowling: BTreeMap<String, BowlCard>,
    total: u16,
    wickets: u8,
    extras: u16,
}

fn parse_over(notation: &str) -> Result<Vec<Ball>, String> {
    notation
        .split_whitespace()
        .map(|tok| {
            let digits: String = tok.chars().take_while(|c| c.is_ascii_digit()).collect();
            let suffix = &tok[digits.len()..];
            let n: u8 = if digits.is_empty() { 1 } else { digits.parse().map_err(|e| format!("{tok}: {e}"))? };
            Ok(match (suffix, n) {
                (".", _) => Ball::Runs(0),
                ("", r @ 0..=6) => Ball::Runs(r),
                ("wd", n) => Ball::Wide(n),
                ("nb", n) => Ball::NoBall(n),
                ("lb", n) => Ball::LegBye(n),
                ("b", n) => Ball::Bye(n),
                ("W", _) => Ball::Wicket,
                _ => return Err(format!("unknown ball '{tok}'")),
            })
        })
        .collect()
}

trait Commentary {
    async fn on_ball(&mut self, over: u16, ball: &Ball, striker: &str);
    async fn on_over_end(&mut self, over: u16, bowler: &str, runs: u16) {
        between_balls().await;
    }
}

#[derive(Default)]
struct TextFeed {
    lines: Vec<String>,
}

#[derive(Default)]
struct BoundaryCounter {
    fours: u16,
    sixes: u16,
    maidens: Vec<(u16, String)>,
}

impl Commentary for TextFeed {
    async fn on_ball(&mut self, over: u16, ball: &Ball, striker: &str) {
        between_balls().await;
        let text = match ball {
            Ball::Runs(6) => format!("{striker} launches it for SIX"),
            Ball::Runs(4) => format!("{striker} finds the rope"),
            Ball::Runs(0) => "dot ball".to_string(),
            Ball::Wicket => format!("OUT! {striker} has to go"),
            other => format!("{other:?}"),
        };
        self.lines.push(format!("{over}: {text}"));
    }
}

impl Commentary for BoundaryCounter {
    async fn on_ball(&mut self, _over: u16, ball: &Ball, _striker: &str) {
        match ball {
            Ball::Runs(4) => self.fours += 1,
            Ball::Runs(6) => self.sixes += 1,
            _ => {}
        }
    }
    async fn on_over_end(&mut self, over: u16, bowler: &str, runs: u16) {
        between_balls().await;
        if runs == 0 {
            self.maidens.push((over, bowler.to_string()));
        }
    }
}

async fn play_over<C>(inn: &mut Innings, over: u16, bowler: &str, balls: Vec<Ball>, sink: &mut C) -> u16
where
    C: Commentary,
{
    let mut over_runs = 0u16;
    for ball in balls {
        sink.on_ball(over, &ball, &inn.striker).await;
        let card = inn.bowling.entry(bowler.to_string()).or_default();
        let (bat_runs, extra, legal) = match ball {
            Ball::Runs(r) => (r, 0, true),
            Ball::Wide(n) => (0, n, false),
            Ball::NoBall(n) => (n.saturating_sub(1), 1, false),
            Ball::LegBye(n) | Ball::Bye(n) => (0, n, true),
            Ball::Wicket => (0, 0, true),
        };
        if legal {
            card.legal_balls += 1;
        }
        if !matches!(ball, Ball::LegBye(_) | Ball::Bye(_)) {
            card.runs += (bat_runs + extra) as u16;
            over_runs += (bat_runs + extra) as u16;
        }
        inn.total += (bat_runs + extra) as u16;
        inn.extras += extra as u16;
        let bat = inn.batting.entry(inn.striker.clone()).or_default();
        bat.runs += bat_runs as u16;
        bat.balls += ball.legal() as u16;
        match bat_runs {
            4 => bat.fours += 1,
            6 => bat.sixes += 1,
            _ => {}
        }
        if ball == Ball::Wicket {
            card.wickets += 1;
            inn.wickets += 1;
            match inn.next_in.pop() {
                Some(new) => inn.striker = new,
                None => break,
            }
        }
        let ran = match ball {
            Ball::Runs(r) | Ball::LegBye(r) | Ball::Bye(r) => r,
            Ball::Wide(n) => n.saturating_sub(1),
            _ => 0,
        };
        if ran % 2 == 1 {
            std::mem::swap(&mut inn.striker, &mut inn.non_striker);
        }
    }
    sink.on_over_end(over, bowler, over_runs).await;
    std::mem::swap(&mut inn.striker, &mut inn.non_striker);
    over_runs
}

pub fn main() {
    let mut inn = Innings {
        striker: "Opener A".into(),
        non_striker: "Opener B".into(),
        next_in: vec!["No.5".into(), "No.4".into(), "No.3".into()],
        batting: HashMap::new(),
        bowling: BTreeMap::new(),
        total: 0,
        wickets: 0,
        extras: 0,
    };
    let overs = ["1 . 4 . 2lb 1", ". . . . . .", "6 1wd 1 W . 4 1", "2nb 4 4 6 . 1", "bad 1 1", "1b . W . 3 ."];
    let bowlers = ["Quick", "Spinner"];
    let mut text = TextFeed::default();
    let mut boundaries = BoundaryCounter::default();

    for (i, (notation, bowler)) in overs.iter().zip(bowlers.iter().cycle()).enumerate() {
        let balls = match parse_over(notation) {
            Ok(b) => b,
            Err(e) => {
                println!("over {} skipped: {e}", i + 1);
                continue;
            }
        };
        let runs = if i % 2 == 0 {
            block_on(play_over(&mut inn, i as u16 + 1, bowler, balls, &mut text))
        } else {
            block_on(play_over(&mut inn, i as u16 + 1, bowler, balls, &mut boundaries))
        };
        println!("end of over {}: {runs} runs, {}/{}", i + 1, inn.total, inn.wickets);
    }
    text.lines.iter().for_each(|l| println!("  {l}"));
    println!("boundaries 4s={} 6s={} maidens={:?}", boundaries.fours, boundaries.sixes, boundaries.maidens);
    for (name, c) in &inn.bowling {
        println!("{name}: {}.{}-{}-{}", c.legal_balls / 6, c.legal_balls % 6, c.runs, c.wickets);
    }
    let mut bats: Vec<(&String, &BatCard)> = inn.batting.iter().collect();
    bats.sort_by(|a, b| b.1.runs.cmp(&a.1.runs));
    let strike_rates: Vec<String> = bats.iter().filter(|(_, c)| c.balls > 0).map(|(n, c)| format!("{n} {}({}) SR {:.0}", c.runs, c.balls, c.runs as f32 * 100.0 / c.balls as f32)).collect();
    println!("{}", strike_rates.join(", "));
}
