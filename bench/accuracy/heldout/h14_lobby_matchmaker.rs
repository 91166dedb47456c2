#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Game lobby matchmaker: group queued players by rating into matches of four.

use std::collections::{HashMap, VecDeque};

#[derive(Debug, Clone)]
struct Player {
    id: u32,
    rating: u16,
    region: String,
    waited_s: u32,
}

#[derive(Debug)]
struct Match {
    server: String,
    players: Vec<u32>,
    avg_rating: u16,
}

async fn allocate_server(region: &str) -> Result<String, String> {
    if region == "antarctica" {
        Err(format!("no capacity in {}", region))
    } else {
        Ok(format!("{}-gs-{}", region, region.len() * 3))
    }
}

async fn notify_player(id: u32, server: &str) -> bool {
    id % 11 != 0
}

struct Matchmaker {
    queues: HashMap<String, VecDeque<Player>>,
    team_size: usize,
}

impl Matchmaker {
    fn enqueue(&mut self, p: Player) {
        self.queues.entry(p.region.clone()).or_default().push_back(p);
    }

    fn spread_allowed(p: &Player) -> u16 {
        100 + (p.waited_s as u16).min(300)
    }

    async fn form_match(&mut self, region: &str) -> Option<Match> {
        let queue = self.queues.get_mut(region)?;
        if queue.len() < self.team_size {
            return None;
        }
        let mut sorted: Vec<Player> = queue.drain(..).collect();
        sorted.sort_by_key(|p| p.rating);
        let mut chosen: Option<usize> = None;
        for start in 0..=sorted.len() - self.team_size {
            let window = &sorted[start..start + self.team_size];
            let spread = window[self.team_size - 1].rating - window[0].rating;
            if window.iter().all(|p| spread <= Self::spread_allowed(p)) {
                chosen = Some(start);
                break;
            }
        }
        let start = match chosen {
            Some(s) => s,
            None => {
                queue.extend(sorted);
                return None;
            }
        };
        let group: Vec<Player> = sorted.drain(start..start + self.team_size).collect();
        queue.extend(sorted);
        let server = allocate_server(region).await.ok()?;
        let avg = (group.iter().map(|p| p.rating as u32).sum::<u32>() / group.len() as u32) as u16;
        Some(Match { server, players: group.iter().map(|p| p.id).collect(), avg_rating: avg })
    }

    async fn tick(&mut self) -> Vec<Match> {
        let regions: Vec<String> = self.queues.keys().cloned().collect();
        let mut matches = Vec::new();
        for region in regions {
            while let Some(m) = self.form_match(&region).await {
                let mut all_ok = true;
                for &pid in &m.players {
                    all_ok &= notify_player(pid, &m.server).await;
                }
                if all_ok {
                    matches.push(m);
                }
            }
        }
        matches
    }
}

pub async fn evening_rush() -> usize {
    let mut mm = Matchmaker { queues: HashMap::new(), team_size: 4 };
    let ratings: [u16; 9] = [1500, 1520, 1490, 1800, 1505, 1510, 2100, 1495, 1530];
    for (i, r) in ratings.iter().enumerate() {
        let region = if i % 3 == 0 { "eu" } else { "us" };
        mm.enqueue(Player { id: i as u32 + 1, rating: *r, region: region.to_string(), waited_s: 30 * i as u32 });
    }
    let first = mm.tick().await;
    let age_queue = async |m: &mut Matchmaker, secs: u32| {
        for q in m.queues.values_mut() {
            for p in q.iter_mut() {
                p.waited_s += secs;
            }
        }
        m.tick().await
    };
    let mut matches = first;
    matches.extend(age_queue(&mut mm, 120).await);
    for m in &matches {
        println!("{} -> {:?} (avg {})", m.server, m.players, m.avg_rating);
    }
    matches.len()
}
