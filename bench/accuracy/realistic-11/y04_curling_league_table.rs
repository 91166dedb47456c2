//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a club curling league service that ingests end-by-end scorecards and publishes standings with draw-shot tiebreaks.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut pinned = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0usize;
    loop {
        polls += 1;
        match pinned.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending if polls > 10_000 => panic!("runaway future"),
            Poll::Pending => {}
        }
    }
}

#[derive(Default)]
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_once() {
    YieldOnce::default().await
}

const ENDS: usize = 8;

#[derive(Debug, Clone)]
struct Scorecard {
    home: String,
    away: String,
    ends: [(u8, u8); ENDS],
    extra_end: Option<(u8, u8)>,
}

#[derive(Debug, Clone, Default)]
struct Standing {
    wins: u16,
    losses: u16,
    points_for: u32,
    points_against: u32,
    steals: u16,
    dsc_cm: Option<f64>,
}

#[derive(Debug)]
enum CardError {
    Blank(usize),
    Format(String),
    BadScore(std::num::ParseIntError),
}

impl From<std::num::ParseIntError> for CardError {
    fn from(e: std::num::ParseIntError) -> Self {
        CardError::BadScore(e)
    }
}

fn normalise_team(name: &str) -> Cow<'_, str> {
    if name.chars().any(|c| c.is_lowercase()) {
        Cow::Owned(name.to_uppercase())
    } else {
        Cow::Borrowed(name)
    }
}

async fn parse_card(line_no: usize, line: &str) -> Result<Scorecard, CardError> {
    let mut parts = line.split('|').map(str::trim);
    let (Some(home), Some(away), Some(scores)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(CardError::Blank(line_no));
    };
    yield_once().await;
    let mut ends = [(0u8, 0u8); ENDS];
    for (i, pair) in scores.split(',').enumerate().take(ENDS) {
        let (h, a) = pair.split_once('-').ok_or_else(|| CardError::Format(pair.to_string()))?;
        ends[i] = (h.parse()?, a.parse()?);
    }
    let extra_end = match parts.next() {
        Some(x) if !x.is_empty() => {
            let (h, a) = x.split_once('-').ok_or_else(|| CardError::Format(x.into()))?;
            Some((h.parse()?, a.parse()?))
        }
        _ => None,
    };
    yield_once().await;
    Ok(Scorecard { home: normalise_team(home).into_owned(), away: normalise_team(away).into_owned(), ends, extra_end })
}

fn totals(card: &Scorecard) -> (u32, u32, u16, u16) {
    let mut hammer_home = false;
    let mut steals = (0u16, 0u16);
    let (mut h, mut a) = (0u32, 0u32);
    for &(sh, sa) in card.ends.iter().chain(card.extra_end.iter()) {
        match (sh, sa) {
            (x @ 1..=8, 0) if !hammer_home => steals.0 += x.min(1) as u16,
            (0, y @ 1..=8) if hammer_home => steals.1 += y.min(1) as u16,
            _ => {}
        }
        hammer_home = sa > 0 || (sh == 0 && sa == 0 && hammer_home);
        h += sh as u32;
        a += sa as u32;
    }
    (h, a, steals.0, steals.1)
}

async fn apply<S>(table: &mut HashMap<String, Standing>, cards: S) -> usize
where
    S: IntoIterator<Item = Scorecard>,
{
    let mut applied = 0;
    for card in cards {
        let (h, a, sh, sa) = totals(&card);
        yield_once().await;
        let Scorecard { home, away, .. } = card;
        let (winner, loser) = if h > a { (&home, &away) } else { (&away, &home) };
        table.entry(winner.clone()).or_default().wins += 1;
        table.entry(loser.clone()).or_default().losses += 1;
        let hs = table.entry(home).or_default();
        hs.points_for += h;
        hs.points_against += a;
        hs.steals += sh;
        let as_ = table.entry(away).or_default();
        as_.points_for += a;
        as_.points_against += h;
        as_.steals += sa;
        applied += 1;
    }
    applied
}

fn publish(table: &HashMap<String, Standing>) -> impl Future<Output = Vec<(String, Standing)>> + '_ {
    async move {
        let mut rows: Vec<(String, Standing)> = table.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        yield_once().await;
        rows.sort_by(|a, b| {
            b.1.wins
                .cmp(&a.1.wins)
                .then_with(|| a.1.dsc_cm.unwrap_or(f64::MAX).total_cmp(&b.1.dsc_cm.unwrap_or(f64::MAX)))
        });
        rows
    }
}

async fn record_draw_shots(table: &mut HashMap<String, Standing>, shots: impl Iterator<Item = (&'static str, f64)>) {
    let mut per_team: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (team, cm) in shots {
        per_team.entry(team).or_default().push(cm);
    }
    for (team, mut cms) in per_team {
        yield_once().await;
        cms.sort_by(f64::total_cmp);
        let trimmed: Vec<f64> = cms.windows(1).skip(if cms.len() > 2 { 1 } else { 0 }).map(|w| w[0]).collect();
        let avg = trimmed.iter().sum::<f64>() / trimmed.len().max(1) as f64;
        if let Some(s) = table.get_mut(team) {
            let old = std::mem::replace(s, Standing { dsc_cm: Some(avg), ..s.clone() });
            debug_assert!(old.dsc_cm.is_none());
        }
    }
}

pub fn main() {
    let raw = "Granite Rollers | Pebble Kings | 2-0,0-1,0-0,3-0,0-2,1-0,0-1,1-0 |\n\
               pebble kings | Sheet Happens | 0-1,2-0,0-3,1-0,0-0,0-2,1-0,0-1 | 1-0\n\
               Sheet Happens | Granite Rollers | 1-0,0-2,x-1,0-0,0-0,0-0,0-0,0-0 |\n\
               broken line";

    let parsed: Vec<Result<Scorecard, CardError>> =
        block_on(async { let mut v = Vec::new(); for (i, l) in raw.lines().enumerate() { v.push(parse_card(i + 1, l).await); } v });
    let (good, bad): (Vec<_>, Vec<_>) = parsed.into_iter().partition(|r| r.is_ok());
    for e in bad.into_iter().filter_map(Result::err) {
        println!("rejected card: {e:?}");
    }
    let cards: Vec<Scorecard> = good.into_iter().flatten().collect();

    let mut table: HashMap<String, Standing> = HashMap::new();
    let n1 = block_on(apply(&mut table, cards.clone()));
    let n2 = block_on(apply(&mut table, cards.iter().rev().cloned().collect::<std::collections::VecDeque<_>>()));
    block_on(record_draw_shots(
        &mut table,
        [("GRANITE ROLLERS", 41.0), ("GRANITE ROLLERS", 12.5), ("PEBBLE KINGS", 80.2), ("GRANITE ROLLERS", 55.0)].into_iter(),
    ));
    let rows = block_on(publish(&table));
    println!("applied {n1}+{n2} cards");
    for (pos, (team, s)) in rows.iter().enumerate() {
        println!("{:>2}. {team:<16} W{} L{} PF{} PA{} steals {} dsc {:?}", pos + 1, s.wins, s.losses, s.points_for, s.points_against, s.steals, s.dsc_cm);
    }
}
