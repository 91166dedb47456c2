#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    player: String,
    score: u32,
    games: u16,
}

struct Leaderboard {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
    season: u8,
}

async fn fetch_match_results(round: u8) -> Vec<(String, u32)> {
    if round > 3 {
        return Vec::new();
    }
    vec![("ann".into(), 30 + round as u32), ("bo".into(), 45), (format!("guest{}", round), 10)]
}

async fn is_banned(player: &str) -> bool {
    player.starts_with("guest") && player.ends_with('2')
}

async fn publish(rank: usize, e: &Entry) {}

impl Leaderboard {
    fn reindex(&mut self) {
        self.entries.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.player.cmp(&b.player)));
        self.index = self.entries.iter().enumerate().map(|(i, e)| (e.player.clone(), i)).collect();
    }

    async fn record(&mut self, player: String, points: u32) -> bool {
        if is_banned(&player).await {
            return false;
        }
        match self.index.get(&player) {
            Some(&i) => {
                let e = &mut self.entries[i];
                e.score += points;
                e.games += 1;
            }
            None => {
                self.index.insert(player.clone(), self.entries.len());
                self.entries.push(Entry { player, score: points, games: 1 });
            }
        }
        true
    }

    async fn ingest_rounds(&mut self) -> u32 {
        let mut round: u8 = 0;
        let mut rejected = 0u32;
        loop {
            let results = fetch_match_results(round).await;
            if results.is_empty() {
                break;
            }
            for (player, points) in results {
                if !self.record(player, points).await {
                    rejected += 1;
                }
            }
            self.reindex();
            round += 1;
        }
        rejected
    }

    async fn publish_top(&self, n: usize) -> usize {
        let mut published = 0;
        for (rank, e) in self.entries.iter().enumerate().take(n) {
            if e.games == 0 {
                continue;
            }
            publish(rank + 1, e).await;
            published += 1;
        }
        published
    }
}

async fn season_close() -> (u32, usize, Option<String>) {
    let mut lb = Leaderboard { entries: Vec::new(), index: HashMap::new(), season: 4 };
    let rejected = lb.ingest_rounds().await;
    let published = lb.publish_top(3).await;
    let champion = lb.entries.first().map(|e| e.player.clone());
    if let Some(ref name) = champion {
        let e = lb.entries[0].clone();
        publish(0, &e).await;
        println!("season {} champion: {} with {}", lb.season, name, e.score);
    }
    (rejected, published, champion)
}
