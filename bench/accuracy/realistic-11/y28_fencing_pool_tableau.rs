//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a fencing tournament director's software that scores round-robin pools, ranks by victory ratio and indicator, and runs the direct-elimination tableau.

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

struct Halt {
    left: u8,
}

impl Future for Halt {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn halt() {
    Halt { left: 1 }.await
}

const POOL_TOUCHES: u8 = 5;
const DE_TOUCHES: u8 = 15;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Fencer {
    name: String,
    club: &'static str,
    rating: u16,
}

#[derive(Debug, Default, Clone, Copy)]
struct PoolLine {
    bouts: u8,
    victories: u8,
    scored: i16,
    received: i16,
}

impl PoolLine {
    fn ratio(&self) -> f32 {
        if self.bouts == 0 { 0.0 } else { self.victories as f32 / self.bouts as f32 }
    }
    fn indicator(&self) -> i16 {
        self.scored - self.received
    }
}

fn simulate_bout(a: &Fencer, b: &Fencer, to: u8, salt: u32) -> (u8, u8) {
    let edge = a.rating as i32 - b.rating as i32 + (salt.wrapping_mul(2654435761) % 200) as i32 - 100;
    let loser_score = ((salt % to as u32) as u8).min(to - 1);
    if edge >= 0 { (to, loser_score) } else { (loser_score, to) }
}

async fn fence_pool(pool_no: usize, members: &[Fencer]) -> HashMap<String, PoolLine> {
    let mut sheet: HashMap<String, PoolLine> = members.iter().map(|f| (f.name.clone(), PoolLine::default())).collect();
    let mut salt = pool_no as u32 * 97;
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            if a.club == b.club && members.len() > 5 {
                continue;
            }
            salt = salt.wrapping_mul(31).wrapping_add(7);
            let (sa, sb) = simulate_bout(a, b, POOL_TOUCHES, salt);
            halt().await;
            for (name, mine, theirs) in [(&a.name, sa, sb), (&b.name, sb, sa)] {
                let line = sheet.get_mut(name).expect("pool member");
                line.bouts += 1;
                line.scored += mine as i16;
                line.received += theirs as i16;
                if mine > theirs {
                    line.victories += 1;
                }
            }
        }
    }
    sheet
}

fn seed_order(n: usize) -> Vec<usize> {
    let mut order = vec![1usize];
    while order.len() < n {
        let size = order.len() * 2;
        order = order.iter().flat_map(|&s| [s, size + 1 - s]).collect();
    }
    order
}

fn de_round<'a>(bracket: Vec<Option<&'a Fencer>>, round: u8, log: &'a mut Vec<String>) -> Pin<Box<dyn Future<Output = Option<&'a Fencer>> + 'a>> {
    Box::pin(async move {
        if bracket.len() == 1 {
            return bracket[0];
        }
        let mut next = Vec::with_capacity(bracket.len() / 2);
        for pair in bracket.chunks(2) {
            halt().await;
            let winner = match (pair[0], pair[1]) {
                (Some(a), None) | (None, Some(a)) => Some(a),
                (None, None) => None,
                (Some(a), Some(b)) => {
                    let (sa, sb) = simulate_bout(a, b, DE_TOUCHES, (a.rating ^ b.rating) as u32 + round as u32);
                    let w = if sa > sb { a } else { b };
                    log.push(format!("T{}: {} {sa}-{sb} {}", bracket.len(), a.name, b.name));
                    Some(w)
                }
            };
            next.push(winner);
        }
        de_round(next, round + 1, log).await
    })
}

pub fn main() {
    let entrants: Vec<Fencer> = [
        ("Ana Ruiz", "Salle Ruiz", 1650), ("Ben Ito", "Kent", 1420), ("Cara Volk", "Salle Ruiz", 1710), ("Dev Patel", "Camden", 1500),
        ("Eli Moss", "Kent", 1380), ("Fay Lund", "Camden", 1590), ("Gus Hart", "Oxford", 1460), ("Hana Sato", "Oxford", 1620),
        ("Ivo Kral", "Kent", 1300), ("Jo Brandt", "Camden", 1550),
    ]
    .into_iter()
    .map(|(n, c, r)| Fencer { name: n.to_string(), club: c, rating: r })
    .collect();

    let mut by_rating = entrants.clone();
    by_rating.sort_by(|a, b| b.rating.cmp(&a.rating));
    let pool_count = 2;
    let mut pools: Vec<Vec<Fencer>> = vec![Vec::new(); pool_count];
    for (i, f) in by_rating.into_iter().enumerate() {
        let row = i / pool_count;
        let idx = if row % 2 == 0 { i % pool_count } else { pool_count - 1 - i % pool_count };
        pools[idx].push(f);
    }

    let sheets: Vec<HashMap<String, PoolLine>> = pools.iter().enumerate().map(|(i, p)| block_on(fence_pool(i + 1, p))).collect();
    let mut ranking: Vec<(&Fencer, PoolLine)> = entrants.iter().filter_map(|f| sheets.iter().find_map(|s| s.get(&f.name)).map(|l| (f, *l))).collect();
    ranking.sort_by(|a, b| {
        b.1.ratio().total_cmp(&a.1.ratio()).then(b.1.indicator().cmp(&a.1.indicator())).then(b.1.scored.cmp(&a.1.scored))
    });
    for (place, (f, l)) in ranking.iter().enumerate() {
        let note = match (l.victories, l.indicator()) {
            (v, _) if v as usize == l.bouts as usize => "undefeated",
            (0, _) => "winless",
            (_, i) if i < -5 => "struggling",
            _ => "",
        };
        println!("{:>2}. {:<10} V{}/{} ind {:+} {note}", place + 1, f.name, l.victories, l.bouts, l.indicator());
    }

    let cut = (ranking.len() * 4 / 5).max(2);
    let qualified: Vec<&Fencer> = ranking.iter().take(cut).map(|(f, _)| *f).collect();
    let size = qualified.len().next_power_of_two();
    let bracket: Vec<Option<&Fencer>> = seed_order(size).into_iter().map(|seed| qualified.get(seed - 1).copied()).collect();
    let mut log = Vec::new();
    let champion = block_on(de_round(bracket, 1, &mut log)).map(|f| f.name.clone());
    log.iter().for_each(|l| println!("  {l}"));
    println!("champion: {champion:?}");

    let medals = async move |podium: Vec<String>| -> BTreeMap<u8, String> {
        let mut m = BTreeMap::new();
        for (place, name) in (1u8..).zip(podium) {
            halt().await;
            m.insert(place, name);
        }
        m
    };
    println!("{:?}", block_on(medals(ranking.iter().take(3).map(|(f, _)| f.name.clone()).collect())));
}
