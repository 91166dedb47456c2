//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Esports Swiss-stage organiser: pairs teams with equal records while avoiding rematches,
//! collects best-of-three results reported by match servers, and computes Buchholz tiebreaks.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

const TEAMS: usize = 16;
const WINS_TO_ADVANCE: u8 = 3;

#[derive(Debug, Clone, Default)]
struct Record { wins: u8, losses: u8, opponents: Vec<usize>, map_diff: i16, seed: usize }

#[derive(Debug, Clone, PartialEq)]
enum Report { Finished { maps: (u8, u8) }, Forfeit { by_home: bool }, Disputed(String) }

type Table = Arc<Mutex<[Record; TEAMS]>>;

fn pair_bucket(mut bucket: Vec<usize>, played: &HashSet<(usize, usize)>) -> Option<Vec<(usize, usize)>> {
    let Some(first) = bucket.first().copied() else { return Some(Vec::new()) };
    bucket.remove(0);
    // High seed vs lowest available seed first, backtracking on rematches.
    for idx in (0..bucket.len()).rev() {
        let opp = bucket[idx];
        if played.contains(&(first.min(opp), first.max(opp))) { continue; }
        let mut rest = bucket.clone();
        rest.remove(idx);
        if let Some(mut pairs) = pair_bucket(rest, played) {
            pairs.insert(0, (first, opp));
            return Some(pairs);
        }
    }
    None
}

async fn next_round(table: Table) -> Vec<(usize, usize)> {
    let (buckets, played) = {
        let t = table.lock().unwrap();
        let mut buckets: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
        let mut played = HashSet::new();
        for (i, r) in t.iter().enumerate() {
            for &o in &r.opponents { played.insert((i.min(o), i.max(o))); }
            if r.wins < WINS_TO_ADVANCE && r.losses < WINS_TO_ADVANCE {
                buckets.entry((r.wins, r.losses)).or_default().push(i);
            }
        }
        (buckets, played)
    };
    let mut pairs = Vec::new();
    for (_, mut teams) in buckets.into_iter().rev() {
        yield_now().await;
        teams.sort_by_key(|&t| table.lock().unwrap()[t].seed);
        pairs.extend(pair_bucket(teams.clone(), &played).unwrap_or_else(|| teams.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0], c[1])).collect()));
    }
    pairs
}

trait MatchServer {
    async fn result(&mut self, home: usize, away: usize) -> Report;
}
struct ScriptedServer { outcomes: HashMap<(usize, usize), Report>, calls: u32 }
struct SeedFavouriteServer;

impl MatchServer for ScriptedServer {
    async fn result(&mut self, home: usize, away: usize) -> Report {
        self.calls += 1;
        yield_now().await;
        self.outcomes.remove(&(home, away)).unwrap_or(Report::Finished { maps: (2, 1) })
    }
}
impl MatchServer for SeedFavouriteServer {
    async fn result(&mut self, home: usize, away: usize) -> Report {
        yield_now().await;
        if home < away { Report::Finished { maps: (2, 0) } } else { Report::Finished { maps: (1, 2) } }
    }
}

async fn play_round<S: MatchServer>(server: &mut S, table: Table, pairs: &[(usize, usize)]) -> Vec<String> {
    let mut disputes = Vec::new();
    for &(h, a) in pairs {
        let (winner, loser, diff) = match server.result(h, a).await {
            Report::Finished { maps: (x, y) } if x > y => (h, a, (x - y) as i16),
            Report::Finished { maps: (x, y) } => (a, h, (y - x) as i16),
            Report::Forfeit { by_home: true } => (a, h, 2),
            Report::Forfeit { by_home: false } => (h, a, 2),
            Report::Disputed(why) => { disputes.push(format!("{h} vs {a}: {why}")); continue; }
        };
        let mut t = table.lock().unwrap();
        t[winner].wins += 1;
        t[winner].map_diff += diff;
        t[loser].losses += 1;
        t[loser].map_diff -= diff;
        t[winner].opponents.push(loser);
        t[loser].opponents.push(winner);
    }
    disputes
}

fn standings(t: &[Record; TEAMS]) -> Vec<(usize, u8, u32, i16)> {
    let mut rows: Vec<(usize, u8, u32, i16)> = t.iter().enumerate()
        .map(|(i, r)| (i, r.wins, r.opponents.iter().map(|&o| t[o].wins as u32).sum(), r.map_diff)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(t[a.0].losses.cmp(&t[b.0].losses)).then(b.2.cmp(&a.2)).then(b.3.cmp(&a.3)));
    rows
}

fn main() {
    let table: Table = Arc::new(Mutex::new(std::array::from_fn(|i| Record { seed: i, ..Default::default() })));
    let mut scripted = ScriptedServer {
        outcomes: HashMap::from([((0, 15), Report::Finished { maps: (0, 2) }), ((3, 12), Report::Forfeit { by_home: true }), ((1, 14), Report::Disputed("server crash map 2".into()))]),
        calls: 0,
    };
    let r1 = block_on(next_round(Arc::clone(&table)));
    assert_eq!(r1[..4], [(0, 15), (1, 14), (2, 13), (3, 12)]);
    let disputes = block_on(play_round(&mut scripted, Arc::clone(&table), &r1));
    assert_eq!(disputes.len(), 1);
    block_on(play_round(&mut SeedFavouriteServer, Arc::clone(&table), &[(1, 14)]));

    let mut rounds = 1;
    loop {
        let pairs = block_on(next_round(Arc::clone(&table)));
        if pairs.is_empty() { break; }
        let played: HashSet<(usize, usize)> = table.lock().unwrap().iter().enumerate().flat_map(|(i, r)| r.opponents.iter().map(move |&o| (i.min(o), i.max(o)))).collect();
        assert!(pairs.iter().all(|&(a, b)| !played.contains(&(a.min(b), a.max(b)))), "rematch in {pairs:?}");
        if rounds % 2 == 0 { block_on(play_round(&mut scripted, Arc::clone(&table), &pairs)); } else { block_on(play_round(&mut SeedFavouriteServer, Arc::clone(&table), &pairs)); }
        rounds += 1;
        assert!(rounds < 8);
    }
    let t = table.lock().unwrap().clone();
    let advanced = t.iter().filter(|r| r.wins == WINS_TO_ADVANCE).count();
    assert_eq!(advanced, 8);
    let board = standings(&t);

    let announce = async |rows: &[(usize, u8, u32, i16)]| -> String {
        let mut s = String::new();
        for (place, (team, w, buch, md)) in rows.iter().enumerate() {
            yield_now().await;
            s += &format!("{:>2}. team{team} {w}-{} bh{buch} {md:+}\n", place + 1, t[*team].losses);
        }
        s
    };
    print!("{}", block_on(announce(&board)));
    println!("rounds {rounds}, scripted calls {}", scripted.calls);
}
