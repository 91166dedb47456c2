//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Card-room table server showdown: collects revealed hole cards from seats, ranks the
//! best five-card hand of seven, and splits main and side pots by contribution.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
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
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum TableError {
    BadCard(String),
    Mucked(u8),
}

type Card = (u8, char);

fn parse_cards(s: &str) -> Result<Vec<Card>, TableError> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .chunks(2)
        .map(|ch| {
            let bad = || TableError::BadCard(ch.iter().collect());
            let rank = match ch.first().ok_or_else(bad)? {
                d @ '2'..='9' => *d as u8 - b'0',
                'T' => 10,
                'J' => 11,
                'Q' => 12,
                'K' => 13,
                'A' => 14,
                _ => return Err(bad()),
            };
            match ch.get(1) {
                Some(&s) if "shdc".contains(s) => Ok((rank, s)),
                _ => Err(bad()),
            }
        })
        .collect()
}

fn rank5(hand: &[Card]) -> (u8, Vec<u8>) {
    let mut counts: BTreeMap<u8, u8> = BTreeMap::new();
    for &(r, _) in hand {
        *counts.entry(r).or_default() += 1;
    }
    let mut groups: Vec<(u8, u8)> = counts.iter().map(|(&r, &c)| (c, r)).collect();
    groups.sort_unstable_by(|a, b| b.cmp(a));
    let kickers: Vec<u8> = groups.iter().map(|g| g.1).collect();
    let flush = hand.windows(2).all(|w| w[0].1 == w[1].1);
    let mut ranks: Vec<u8> = hand.iter().map(|c| c.0).collect();
    ranks.sort_unstable();
    let wheel = ranks == [2, 3, 4, 5, 14];
    let straight = groups.len() == 5 && (ranks[4] - ranks[0] == 4 || wheel);
    let top = if wheel { vec![5] } else { vec![ranks[4]] };
    match (groups[0].0, groups.get(1).map_or(0, |g| g.0)) {
        _ if straight && flush => (8, top),
        (4, _) => (7, kickers),
        (3, 2) => (6, kickers),
        _ if flush => (5, ranks.into_iter().rev().collect()),
        _ if straight => (4, top),
        (3, _) => (3, kickers),
        (2, 2) => (2, kickers),
        (2, _) => (1, kickers),
        _ => (0, kickers),
    }
}

fn best_of_seven(cards: &[Card]) -> (u8, Vec<u8>) {
    let n = cards.len();
    let mut best = (0, vec![]);
    for skip_a in 0..n {
        for skip_b in skip_a + 1..n {
            let five: Vec<Card> = cards.iter().enumerate().filter(|(i, _)| *i != skip_a && *i != skip_b).map(|(_, c)| *c).collect();
            best = best.max(rank5(&five));
        }
    }
    best
}

trait Seat {
    fn seat_no(&self) -> u8;
    async fn reveal(&self) -> Option<String>;
    async fn hole_cards(&self) -> Result<Vec<Card>, TableError> {
        let shown = self.reveal().await.ok_or(TableError::Mucked(self.seat_no()))?;
        parse_cards(&shown)
    }
}

struct ClientSeat { seat: u8, packet: Option<String> }
struct BotSeat { seat: u8, hand: &'static str, delay: u8 }

impl Seat for ClientSeat {
    fn seat_no(&self) -> u8 { self.seat }
    async fn reveal(&self) -> Option<String> {
        yield_now().await;
        if let Some(packet) = &self.packet
            && let Some(cards) = packet.strip_prefix("SHOW ")
        {
            return Some(cards.to_owned());
        }
        None
    }
}

impl Seat for BotSeat {
    fn seat_no(&self) -> u8 { self.seat }
    async fn reveal(&self) -> Option<String> {
        for _ in 0..self.delay {
            yield_now().await;
        }
        Some(self.hand.to_string())
    }
}

async fn collect<S: Seat>(seats: &[S], board: &[Card], into: &mut HashMap<u8, (u8, Vec<u8>)>) -> Vec<String> {
    let mut problems = vec![];
    for s in seats {
        match s.hole_cards().await {
            Ok(mut cards) => {
                cards.extend_from_slice(board);
                into.insert(s.seat_no(), best_of_seven(&cards));
            }
            Err(e) => problems.push(format!("{e:?}")),
        }
    }
    problems
}

fn split_pots(contrib: &BTreeMap<u8, u32>, ranks: &HashMap<u8, (u8, Vec<u8>)>) -> BTreeMap<u8, u32> {
    let mut levels: Vec<u32> = contrib.values().copied().collect();
    levels.sort_unstable();
    levels.dedup();
    let mut payout = BTreeMap::new();
    let mut prev = 0;
    for level in levels {
        let pot: u32 = contrib.values().map(|&c| c.min(level).saturating_sub(prev)).sum();
        let eligible: Vec<u8> = contrib.iter().filter(|&(s, &c)| c >= level && ranks.contains_key(s)).map(|(s, _)| *s).collect();
        prev = level;
        let Some(best) = eligible.iter().map(|s| &ranks[s]).max() else { continue };
        let winners: Vec<u8> = eligible.iter().copied().filter(|s| &ranks[s] == best).collect();
        for (i, w) in winners.iter().enumerate() {
            let share = pot / winners.len() as u32 + u32::from((i as u32) < pot % winners.len() as u32);
            *payout.entry(*w).or_default() += share;
        }
    }
    payout
}

pub fn main() {
    let board = parse_cards("Ah Kh 7d 7s 2h").unwrap();
    let clients = vec![
        ClientSeat { seat: 1, packet: Some("SHOW Qh Jh".into()) },
        ClientSeat { seat: 2, packet: Some("SHOW 7c Kd".into()) },
        ClientSeat { seat: 5, packet: None },
    ];
    let bots = [BotSeat { seat: 3, hand: "As Ad", delay: 2 }, BotSeat { seat: 4, hand: "Xx 9c", delay: 1 }];
    let mut ranks = HashMap::new();
    let mut problems = block_on(collect(&clients, &board, &mut ranks));
    problems.extend(block_on(collect(&bots, &board, &mut ranks)));
    println!("problems: {problems:?}");
    let mut shown: Vec<_> = ranks.iter().collect();
    shown.sort();
    println!("ranks: {shown:?}");
    let contrib = BTreeMap::from([(1, 40), (2, 200), (3, 120), (4, 200), (5, 200)]);
    let payout = split_pots(&contrib, &ranks);
    println!("payout: {payout:?} total {}", payout.values().sum::<u32>());
}
