//@ edition: 2021
//! A match guard whose bindings reach through a reference in the scrutinee (`match slot`
//! with `slot: &Slot`, `Slot::Ad { paid, .. } if *paid == 0`) reborrows what the reference
//! points to: the reference is not borrowed, so it is not kept past its last use; so does a
//! binding behind an explicit `&` pattern (`Some(&parent) if parent == card` keeps no
//! `Option<&u64>` temporary). Each arm
//! of `let played = match ..` writes its value into `played` while its awaitee's storage is
//! live, so `played` conflicts with every arm's awaitee and is laid out in the prefix. In
//! both editions.
async fn y() {}
async fn cue(_: &Slot) -> u32 {
    1
}
pub enum Slot {
    Song { len: u32 },
    Ad { paid: u32, sponsor: String },
    Id,
}
pub async fn run(clock: &[Slot]) -> u32 {
    let mut t = 0;
    for (i, slot) in clock.iter().enumerate() {
        let played = match slot {
            Slot::Song { .. } => cue(slot).await,
            Slot::Ad { paid, .. } if *paid == 0 => continue,
            _ => cue(slot).await,
        };
        y().await;
        t += played + i as u32;
    }
    t
}
pub async fn pair(p: (&Slot, u32)) -> u32 {
    let n = match p {
        (Slot::Ad { sponsor, .. }, k) if sponsor.len() > k as usize => k,
        _ => 0,
    };
    y().await;
    n
}
pub async fn sponsor(links: &std::collections::HashMap<u64, u64>, card: u64) -> Option<u64> {
    match links.get(&card) {
        Some(&parent) if parent == card => Some(card),
        Some(&parent) => {
            y().await;
            Some(parent)
        }
        None => None,
    }
}
pub fn main() {
    drop(run(&[]));
    drop(pair((&Slot::Id, 1)));
    drop(sponsor(&std::collections::HashMap::new(), 1));
}
