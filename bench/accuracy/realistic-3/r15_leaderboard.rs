//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Game leaderboard: score submissions with anti-cheat validation, seasonal ranking, top-N pages.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub async fn sleep(_ms: u64) { Yield(false).await }

    pub struct ReplayService;
    impl ReplayService {
        /// Replays the submitted input log and returns the score the server computes.
        pub async fn verify(&self, inputs: &str) -> Option<u64> {
            sleep(50).await;
            let mut score = 0u64;
            for tok in inputs.split(',') {
                score += match tok.trim() { "coin" => 10, "gem" => 50, "boss" => 500, "" => 0, _ => return None };
            }
            Some(score)
        }
    }
}

#[derive(Debug, Clone)]
struct Submission { player: String, season: u32, claimed: u64, inputs: String, duration_s: u32 }

#[derive(Debug)]
enum Rejection { Replay, Mismatch { claimed: u64, actual: u64 }, TooFast(u32), Banned }

#[derive(Default)]
struct Board { by_player: HashMap<String, u64>, ranking: BTreeSet<(std::cmp::Reverse<u64>, String)> }

impl Board {
    fn upsert(&mut self, player: &str, score: u64) -> bool {
        if let Some(&old) = self.by_player.get(player) && old >= score {
            return false;
        }
        if let Some(old) = self.by_player.insert(player.to_string(), score) {
            self.ranking.remove(&(std::cmp::Reverse(old), player.to_string()));
        }
        self.ranking.insert((std::cmp::Reverse(score), player.to_string()));
        true
    }

    fn page(&self, offset: usize, limit: usize) -> Vec<(usize, String, u64)> {
        self.ranking.iter().enumerate().skip(offset).take(limit).map(|(i, (s, p))| (i + 1, p.clone(), s.0)).collect()
    }
}

struct Leaderboard {
    seasons: RwLock<BTreeMap<u32, Board>>,
    banned: RwLock<Vec<String>>,
    replays: rt::ReplayService,
    rejections: Mutex<Vec<(String, Rejection)>>,
}

impl Leaderboard {
    async fn validate(&self, sub: &Submission) -> Result<u64, Rejection> {
        if self.banned.read().unwrap().iter().any(|b| b == &sub.player) {
            return Err(Rejection::Banned);
        }
        if sub.duration_s < 30 && sub.claimed > 1000 {
            return Err(Rejection::TooFast(sub.duration_s));
        }
        let Some(actual) = self.replays.verify(&sub.inputs).await else {
            return Err(Rejection::Replay);
        };
        if actual != sub.claimed {
            return Err(Rejection::Mismatch { claimed: sub.claimed, actual });
        }
        Ok(actual)
    }

    async fn submit(&self, sub: Submission) -> bool {
        match self.validate(&sub).await {
            Ok(score) => self.seasons.write().unwrap().entry(sub.season).or_default().upsert(&sub.player, score),
            Err(r) => {
                if let Rejection::Mismatch { claimed, actual } = &r && *claimed > actual * 2 {
                    self.banned.write().unwrap().push(sub.player.clone());
                }
                self.rejections.lock().unwrap().push((sub.player, r));
                false
            }
        }
    }

    async fn top(&self, season: u32, n: usize) -> Vec<(usize, String, u64)> {
        rt::sleep(1).await;
        self.seasons.read().unwrap().get(&season).map(|b| b.page(0, n)).unwrap_or_default()
    }
}

fn parse_submissions(raw: &str) -> Vec<Submission> {
    raw.lines()
        .filter_map(|l| {
            let mut f = l.split(';');
            Some(Submission {
                player: f.next()?.to_string(),
                season: f.next()?.parse().ok()?,
                claimed: f.next()?.parse().ok()?,
                duration_s: f.next()?.parse().ok()?,
                inputs: f.next().unwrap_or("").to_string(),
            })
        })
        .collect()
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let raw = "\
nova;7;70;120;coin,coin,gem,coin
zed;7;560;300;boss,gem,coin
nova;7;600;400;boss,gem,coin,coin,coin,coin,coin
cheat;7;9000;12;boss
liar;7;5000;600;coin,gem
liar;7;60;600;coin,gem
kai;8;20;90;coin,coin
bot;7;10;60;coin,laser
zed;7;510;200;boss,coin";
    let lb = Arc::new(Leaderboard {
        seasons: RwLock::new(BTreeMap::new()),
        banned: RwLock::new(vec![]),
        replays: rt::ReplayService,
        rejections: Mutex::new(vec![]),
    });
    let board = Arc::clone(&lb);
    let submit_all = async move |subs: Vec<Submission>| -> usize {
        let mut accepted = 0;
        for s in subs {
            if board.submit(s).await { accepted += 1; }
        }
        accepted
    };
    let (accepted, top7, top8) = block_on(async {
        let accepted = submit_all(parse_submissions(raw)).await;
        (accepted, lb.top(7, 3).await, lb.top(8, 3).await)
    });
    println!("accepted={accepted} season7={top7:?} season8={top8:?}");
    let rej: Vec<String> = lb.rejections.lock().unwrap().iter().map(|(p, r)| format!("{p}:{r:?}")).collect();
    println!("rejections={rej:?} banned={:?}", lb.banned.read().unwrap());
}
