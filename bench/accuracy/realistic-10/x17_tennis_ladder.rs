//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a tennis club's challenge ladder: players challenge those above them, results are validated and rungs are swapped.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield {
    once: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.once {
            self.once = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

fn yield_now() -> Yield {
    Yield { once: true }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0usize;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const MAX_REACH: usize = 3;

#[derive(Debug, Clone, PartialEq)]
struct Player {
    name: String,
    wins: u16,
    losses: u16,
    streak: i8,
}

#[derive(Debug)]
enum Challenge {
    Match { challenger: String, defender: String, score: String },
    Forfeit { challenger: String, defender: String },
    Withdraw(String),
}

#[derive(Debug, PartialEq)]
enum LadderError {
    UnknownPlayer(String),
    OutOfReach { challenger: usize, defender: usize },
    BadScore(String),
    NotAbove,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SetKind {
    Regular,
    Tiebreak,
    MatchTiebreak,
}

fn classify_set(a: u8, b: u8) -> Option<(SetKind, bool)> {
    let (hi, lo) = (a.max(b), a.min(b));
    let kind = match (hi, lo) {
        (6, l) if l <= 4 => SetKind::Regular,
        (7, 5) => SetKind::Regular,
        (7, 6) => SetKind::Tiebreak,
        (h, l) if h >= 10 && h - l >= 2 && (h == 10 || h - l == 2) => SetKind::MatchTiebreak,
        _ => return None,
    };
    Some((kind, a > b))
}

async fn parse_score(score: &str) -> Result<bool, LadderError> {
    let mut sets_a = 0u8;
    let mut sets_b = 0u8;
    for (idx, set) in score.split_whitespace().enumerate() {
        let (a, b) = set.split_once('-').ok_or_else(|| LadderError::BadScore(set.to_string()))?;
        let parse = |s: &str| s.parse::<u8>().map_err(|_| LadderError::BadScore(set.to_string()));
        let (a, b) = (parse(a)?, parse(b)?);
        let Some((kind, a_won)) = classify_set(a, b) else {
            return Err(LadderError::BadScore(format!("impossible set {set}")));
        };
        if kind == SetKind::MatchTiebreak && idx != 2 {
            return Err(LadderError::BadScore("match tiebreak only in third set".into()));
        }
        if a_won { sets_a += 1 } else { sets_b += 1 }
        yield_now().await;
        if sets_a == 2 || sets_b == 2 {
            return Ok(sets_a == 2);
        }
    }
    Err(LadderError::BadScore(format!("incomplete: {score}")))
}

struct Ladder {
    rungs: Vec<Player>,
    history: Vec<String>,
}

impl Ladder {
    fn position(&self, name: &str) -> Result<usize, LadderError> {
        self.rungs.iter().position(|p| p.name == name).ok_or_else(|| LadderError::UnknownPlayer(name.to_string()))
    }

    async fn apply(&mut self, ch: Challenge) -> Result<String, LadderError> {
        let (challenger, defender, challenger_won) = match ch {
            Challenge::Withdraw(name) => {
                let at = self.position(&name)?;
                let gone = self.rungs.remove(at);
                yield_now().await;
                return Ok(format!("{} withdrew from rung {}", gone.name, at + 1));
            }
            Challenge::Forfeit { challenger, defender } => (challenger, defender, true),
            Challenge::Match { challenger, defender, score } => {
                let won = parse_score(&score).await?;
                (challenger, defender, won)
            }
        };
        let c = self.position(&challenger)?;
        let d = self.position(&defender)?;
        match c.checked_sub(d) {
            None | Some(0) => return Err(LadderError::NotAbove),
            Some(gap) if gap > MAX_REACH => return Err(LadderError::OutOfReach { challenger: c + 1, defender: d + 1 }),
            Some(_) => {}
        }
        yield_now().await;
        let (winner, loser) = if challenger_won { (c, d) } else { (d, c) };
        self.rungs[winner].wins += 1;
        self.rungs[winner].streak = self.rungs[winner].streak.max(0) + 1;
        self.rungs[loser].losses += 1;
        self.rungs[loser].streak = self.rungs[loser].streak.min(0) - 1;
        if challenger_won {
            // challenger takes the defender's rung; everyone in between drops one
            let moved = self.rungs.remove(c);
            self.rungs.insert(d, moved);
        }
        let line = format!("{challenger} {} {defender}", if challenger_won { "beat" } else { "lost to" });
        self.history.push(line.clone());
        Ok(line)
    }
}

pub fn main() {
    let names = ["Ines", "Kofi", "Marta", "Yuki", "Bram", "Sol", "Dev"];
    let ladder = Rc::new(RefCell::new(Ladder {
        rungs: names.iter().map(|n| Player { name: n.to_string(), wins: 0, losses: 0, streak: 0 }).collect(),
        history: Vec::new(),
    }));

    let mut inbox: VecDeque<Challenge> = VecDeque::from(vec![
        Challenge::Match { challenger: "Marta".into(), defender: "Kofi".into(), score: "6-4 3-6 10-7".into() },
        Challenge::Match { challenger: "Dev".into(), defender: "Kofi".into(), score: "6-0 6-0".into() },
        Challenge::Match { challenger: "Bram".into(), defender: "Yuki".into(), score: "7-6 8-6".into() },
        Challenge::Forfeit { challenger: "Sol".into(), defender: "Bram".into() },
        Challenge::Match { challenger: "Yuki".into(), defender: "Ines".into(), score: "2-6 4-6".into() },
        Challenge::Withdraw("Kofi".into()),
        Challenge::Match { challenger: "Zed".into(), defender: "Ines".into(), score: "6-1 6-1".into() },
        Challenge::Match { challenger: "Sol".into(), defender: "Marta".into(), score: "6-3 6-7 6-2".into() },
    ]);

    let shared = Rc::clone(&ladder);
    let notify = async move |text: String| -> usize {
        yield_now().await;
        let rungs = shared.borrow().rungs.len();
        println!("  [club board] {text} ({rungs} on ladder)");
        text.len()
    };

    let errors = block_on(async {
        let mut errors: HashMap<&'static str, u32> = HashMap::new();
        while let Some(ch) = inbox.pop_front() {
            let result = {
                let mut guard = ladder.borrow_mut();
                guard.apply(ch).await
            };
            match result {
                Ok(line) => {
                    notify(line).await;
                }
                Err(LadderError::BadScore(s)) => *errors.entry("score").or_default() += 1,
                Err(LadderError::OutOfReach { challenger, defender }) if challenger - defender > 4 => *errors.entry("way out of reach").or_default() += 1,
                Err(LadderError::OutOfReach { .. }) => *errors.entry("reach").or_default() += 1,
                Err(other) => {
                    println!("  rejected: {other:?}");
                    *errors.entry("other").or_default() += 1;
                }
            }
        }
        errors
    });

    let board = ladder.borrow();
    for (rung, p) in board.rungs.iter().enumerate() {
        println!("{:>2}. {:<6} {}-{} streak {:+}", rung + 1, p.name, p.wins, p.losses, p.streak);
    }
    let movers: Vec<(&str, &str)> = board.rungs.windows(2).filter(|w| w[0].wins < w[1].wins).map(|w| (w[0].name.as_str(), w[1].name.as_str())).collect();
    println!("errors {errors:?}; uneasy pairs {movers:?}");
    println!("score check: {:?}", block_on(parse_score("6-4 6-6")));
}
