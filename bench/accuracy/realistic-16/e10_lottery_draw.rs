//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Lottery draw verification: reconciles the ball sequence captured by two independent draw
//! recorders, certifies the result, then grades tickets into prize tiers with jackpot rollover.

use std::collections::{BTreeMap, HashSet};
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
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

const MAIN_BALLS: usize = 6;
const POOL: u8 = 49;

#[derive(Debug, PartialEq)]
enum DrawError { Mismatch { position: usize, a: u8, b: u8 }, Duplicate(u8), OutOfRange(u8), Incomplete(usize) }

#[derive(Debug, Clone, Copy, PartialEq)]
struct Certified { main: [u8; MAIN_BALLS], bonus: u8 }

async fn recorder_feed(raw: &str) -> Vec<u8> {
    let mut balls = Vec::new();
    for tok in raw.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        yield_now().await;
        if let Ok(n) = tok.parse::<u8>() {
            balls.push(n);
        }
    }
    balls
}

async fn certify(cam: &str, rfid: &str) -> Result<Certified, DrawError> {
    let a = recorder_feed(cam).await;
    let b = recorder_feed(rfid).await;
    if a.len() != MAIN_BALLS + 1 || b.len() != a.len() {
        return Err(DrawError::Incomplete(a.len().min(b.len())));
    }
    let mut seen = HashSet::new();
    for (position, (&x, &y)) in a.iter().zip(&b).enumerate() {
        match (x, y) {
            (x, y) if x != y => return Err(DrawError::Mismatch { position, a: x, b: y }),
            (x, _) if x == 0 || x > POOL => return Err(DrawError::OutOfRange(x)),
            (x, _) if !seen.insert(x) => return Err(DrawError::Duplicate(x)),
            _ => {}
        }
    }
    let mut main = [0u8; MAIN_BALLS];
    main.copy_from_slice(&a[..MAIN_BALLS]);
    main.sort_unstable();
    Ok(Certified { main, bonus: a[MAIN_BALLS] })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier { Jackpot, FivePlusBonus, Five, Four, Three, Lose }

fn grade(ticket: &[u8; MAIN_BALLS], draw: &Certified) -> Tier {
    let hits = ticket.iter().filter(|n| draw.main.contains(n)).count();
    let bonus = ticket.contains(&draw.bonus);
    match (hits, bonus) {
        (6, _) => Tier::Jackpot,
        (5, true) => Tier::FivePlusBonus,
        (5, false) => Tier::Five,
        (4, _) => Tier::Four,
        (3, _) => Tier::Three,
        _ => Tier::Lose,
    }
}

/// Walks successive draws; an unwon jackpot rolls into the next one (capped at 5 rollovers).
fn rollover<'a>(draws: &'a [(Certified, Vec<[u8; MAIN_BALLS]>)], carried: u64, streak: u32) -> Pin<Box<dyn Future<Output = Vec<u64>> + 'a>> {
    Box::pin(async move {
        let Some(((draw, tickets), rest)) = draws.split_first() else { return Vec::new() };
        yield_now().await;
        let pot = carried + 2_000_000;
        let winners = tickets.iter().filter(|t| grade(t, draw) == Tier::Jackpot).count() as u64;
        let (paid, next_carry, next_streak) = match winners {
            0 if streak + 1 >= 5 => (0, 0, 0),
            0 => (0, pot, streak + 1),
            n => (pot / n, 0, 0),
        };
        let mut out = vec![paid];
        out.extend(rollover(rest, next_carry, next_streak).await);
        out
    })
}

fn parse_tickets(text: &str) -> Vec<[u8; MAIN_BALLS]> {
    text.lines()
        .filter_map(|l| {
            let nums: Vec<u8> = l.split_whitespace().filter_map(|n| n.parse().ok()).collect();
            let mut arr: [u8; MAIN_BALLS] = nums.try_into().ok()?;
            arr.sort_unstable();
            Some(arr)
        })
        .collect()
}

fn main() {
    let cam = "17, 3, 44, 28, 9, 31, 12";
    let rfid = "17 3 44 28 9 31 12";
    let draw = block_on(certify(cam, rfid)).expect("draw certifies");
    assert_eq!(draw.main, [3, 9, 17, 28, 31, 44]);
    assert_eq!(block_on(certify(cam, "17 3 44 28 9 30 12")), Err(DrawError::Mismatch { position: 5, a: 31, b: 30 }));
    assert_eq!(block_on(certify("1 2 3 4 5 5 6", "1 2 3 4 5 5 6")), Err(DrawError::Duplicate(5)));
    assert_eq!(block_on(certify("1 2 3", "1 2 3")), Err(DrawError::Incomplete(3)));

    let tickets = parse_tickets("3 9 17 28 31 44\n3 9 17 28 31 12\n1 2 3 9 17 40\n5 6 7 8\n44 31 28 9 20 21\n");
    assert_eq!(tickets.len(), 4);
    let tiers = block_on(async {
        let mut counts: BTreeMap<Tier, u32> = BTreeMap::new();
        for t in &tickets {
            yield_now().await;
            *counts.entry(grade(t, &draw)).or_default() += 1;
        }
        counts
    });
    assert_eq!(tiers[&Tier::Jackpot], 1);
    assert_eq!(tiers[&Tier::FivePlusBonus], 1);
    assert_eq!(tiers[&Tier::Four], 1);

    let losing = Certified { main: [40, 41, 42, 43, 45, 46], bonus: 1 };
    let history = vec![(losing, tickets.clone()), (losing, tickets.clone()), (draw, tickets.clone()), (draw, Vec::new())];
    let paid = block_on(rollover(&history, 0, 0));
    assert_eq!(paid, vec![0, 0, 6_000_000, 0]);

    let quick_pick = async move |seed: u64| -> [u8; MAIN_BALLS] {
        let mut state = seed;
        let mut picked = Vec::with_capacity(MAIN_BALLS);
        while picked.len() < MAIN_BALLS {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let n = (state >> 33) as u8 % POOL + 1;
            if !picked.contains(&n) {
                picked.push(n);
            }
            yield_now().await;
        }
        let mut arr: [u8; MAIN_BALLS] = picked.try_into().unwrap();
        arr.sort_unstable();
        arr
    };
    let qp = block_on(quick_pick(42));
    assert!(qp.windows(2).all(|w| w[0] < w[1]) && qp.iter().all(|&n| (1..=POOL).contains(&n)));
    println!("draw {:?}+{} tiers {tiers:?} quick pick {qp:?}", draw.main, draw.bonus);
}
