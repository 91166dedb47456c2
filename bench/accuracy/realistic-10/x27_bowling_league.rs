//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a bowling league secretary's app that scores recap sheets, applies handicaps and updates team standings.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield {
    seen: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.seen {
            Poll::Ready(())
        } else {
            self.seen = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield { seen: false }.await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const FRAMES: usize = 10;

#[derive(Debug)]
enum ScoreError {
    BadMark { pos: usize, mark: char },
    TooManyPins { frame: usize },
    Incomplete(usize),
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoreError::BadMark { pos, mark } => write!(f, "unreadable mark '{mark}' at {pos}"),
            ScoreError::TooManyPins { frame } => write!(f, "more than 10 pins in frame {frame}"),
            ScoreError::Incomplete(n) => write!(f, "only {n} frames recorded"),
        }
    }
}

/// Converts recap marks (`X`, `/`, `-`, digits, `F` for foul) into pin counts per roll.
async fn rolls_from_marks(marks: &str) -> Result<Vec<u8>, ScoreError> {
    let mut rolls: Vec<u8> = Vec::with_capacity(21);
    for (pos, mark) in marks.chars().filter(|c| !c.is_whitespace()).enumerate() {
        let pins = match mark {
            'X' | 'x' => 10,
            '-' | 'F' => 0,
            '/' => {
                let prev = *rolls.last().ok_or(ScoreError::BadMark { pos, mark })?;
                10 - prev
            }
            d @ '1'..='9' => d as u8 - b'0',
            _ => return Err(ScoreError::BadMark { pos, mark }),
        };
        rolls.push(pins);
        if pos % 5 == 4 {
            yield_now().await;
        }
    }
    Ok(rolls)
}

trait Rules {
    fn name(&self) -> &'static str;
    fn is_strike(&self, first: u8) -> bool {
        first == 10
    }
    async fn score(&self, rolls: &[u8]) -> Result<[u16; FRAMES], ScoreError> {
        let mut running = [0u16; FRAMES];
        let mut i = 0usize;
        let mut total = 0u16;
        for frame in 0..FRAMES {
            let first = *rolls.get(i).ok_or(ScoreError::Incomplete(frame))?;
            let bonus_at = |k: usize| rolls.get(k).copied().unwrap_or(0) as u16;
            let frame_score = if self.is_strike(first) {
                i += 1;
                10 + bonus_at(i) + bonus_at(i + 1)
            } else {
                let second = *rolls.get(i + 1).ok_or(ScoreError::Incomplete(frame))?;
                i += 2;
                match first + second {
                    n if n > 10 => return Err(ScoreError::TooManyPins { frame: frame + 1 }),
                    10 => 10 + bonus_at(i),
                    n => n as u16,
                }
            };
            total += frame_score;
            running[frame] = total;
            yield_now().await;
        }
        Ok(running)
    }
}

struct TenPin;
/// Nine-pin no-tap: knocking 9 on the first ball counts as a strike.
struct NineTap;

impl Rules for TenPin {
    fn name(&self) -> &'static str {
        "scratch"
    }
}

impl Rules for NineTap {
    fn name(&self) -> &'static str {
        "9-pin no-tap"
    }
    fn is_strike(&self, first: u8) -> bool {
        first >= 9
    }
}

#[derive(Debug, Clone)]
struct Bowler {
    name: String,
    team: &'static str,
    average: u16,
    recap: &'static str,
}

fn handicap(average: u16, basis: u16, pct: u16) -> u16 {
    basis.saturating_sub(average) * pct / 100
}

async fn score_night<R>(rules: &R, bowlers: &[Bowler], basis: u16) -> (BTreeMap<&'static str, u32>, Vec<String>)
where
    R: Rules,
{
    let mut team_pins: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut notes = Vec::new();
    for b in bowlers {
        let scored = match rolls_from_marks(b.recap).await {
            Ok(rolls) => rules.score(&rolls).await,
            Err(e) => Err(e),
        };
        let game = match scored {
            Ok(frames) => frames[FRAMES - 1],
            Err(e) => {
                // an unreadable recap counts as the bowler's average minus 10, per league rules
                notes.push(format!("{}: {e}; using average-10", b.name));
                b.average.saturating_sub(10)
            }
        };
        let hdcp = handicap(b.average, basis, 90);
        *team_pins.entry(b.team).or_insert(0) += (game + hdcp) as u32;
        if game >= 250 {
            notes.push(format!("{} rolled {game} under {} rules!", b.name, rules.name()));
        }
    }
    (team_pins, notes)
}

pub fn main() {
    let bowlers = vec![
        Bowler { name: "Dot".into(), team: "Pin Pals", average: 182, recap: "X X 9/ X 8- X X 7/ X X9/" },
        Bowler { name: "Hank".into(), team: "Pin Pals", average: 141, recap: "81 7/ 9- X 62 F9 8/ X 71 9-" },
        Bowler { name: "Rosa".into(), team: "Gutter Guild", average: 165, recap: "9- 9- 9- 9- 9- 9- 9- 9- 9- 9-" },
        Bowler { name: "Vic".into(), team: "Gutter Guild", average: 120, recap: "X X X X X X X X X XXX" },
        Bowler { name: "Jo".into(), team: "Split Happens", average: 155, recap: "7 7 X" },
        Bowler { name: "Lu".into(), team: "Split Happens", average: 170, recap: "X 9/ 8- X X 9? X X X X X X" },
    ];

    let (scratch, nine_tap) = block_on(async {
        let a = score_night(&TenPin, &bowlers, 220).await;
        let b = score_night(&NineTap, &bowlers, 220).await;
        (a, b)
    });

    let mut standings: HashMap<&str, (u8, u32)> = HashMap::new();
    for (label, (pins, notes)) in [("scratch", &scratch), ("no-tap", &nine_tap)] {
        println!("== {label} ==");
        for n in notes {
            println!("  note: {n}");
        }
        let mut ranked: Vec<(&&str, &u32)> = pins.iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1));
        for (place, (team, total)) in ranked.iter().enumerate() {
            println!("  {}. {team:<14} {total}", place + 1);
            let entry = standings.entry(**team).or_insert((0, 0));
            entry.1 += **total;
            if place == 0 {
                entry.0 += 2;
            } else if place == 1 {
                entry.0 += 1;
            }
        }
    }
    let mut table: Vec<_> = standings.into_iter().collect();
    table.sort_by(|a, b| b.1.cmp(&a.1));
    println!("standings (points, pins): {table:?}");

    let perfect = block_on(async { TenPin.score(&rolls_from_marks("XXXXXXXXXXXX").await.unwrap()).await });
    println!("perfect game check: {:?}", perfect.map(|f| f[FRAMES - 1]));
}
