//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Conference programme committee: assigns reviewers to talk proposals avoiding conflicts
//! of interest, normalises reviewer scores and fills each track up to its slot limit.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Track { Systems, Languages, Tooling }

#[derive(Debug, Clone, Copy)]
enum Format { Talk { minutes: u16 }, Workshop { seats: u16 }, Lightning }

#[derive(Debug, Clone)]
struct Proposal { id: u32, title: String, speaker: String, affiliation: String, track: Track, format: Format, abstract_text: String }

#[derive(Debug, Clone)]
struct Reviewer { name: String, affiliation: String, expertise: Vec<Track>, max_load: usize }

#[derive(Debug)]
enum CfpError { NoReviewers(u32), MissingReviews { id: u32, got: usize, need: usize } }

fn assign(props: &[Proposal], revs: &[Reviewer], per_paper: usize) -> Result<HashMap<String, Vec<u32>>, CfpError> {
    let mut load: HashMap<&str, Vec<u32>> = revs.iter().map(|r| (r.name.as_str(), Vec::new())).collect();
    let mut order: Vec<&Proposal> = props.iter().collect();
    order.sort_by_key(|p| revs.iter().filter(|r| r.expertise.contains(&p.track)).count());
    for p in order {
        let mut pool: Vec<&Reviewer> = revs.iter()
            .filter(|r| r.affiliation != p.affiliation && r.name != p.speaker && load[r.name.as_str()].len() < r.max_load)
            .collect();
        if pool.len() < per_paper { return Err(CfpError::NoReviewers(p.id)); }
        pool.sort_by_key(|r| (!r.expertise.contains(&p.track), load[r.name.as_str()].len(), r.name.clone()));
        for r in pool.into_iter().take(per_paper) { load.get_mut(r.name.as_str()).unwrap().push(p.id); }
    }
    Ok(load.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

trait ReviewPortal {
    async fn fetch_scores(&mut self, reviewer: &str, ids: &[u32]) -> Vec<(u32, i8)>;
    async fn collect(&mut self, assignments: &HashMap<String, Vec<u32>>) -> HashMap<String, Vec<(u32, i8)>> {
        let mut names: Vec<&String> = assignments.keys().collect();
        names.sort();
        let mut out = HashMap::new();
        for n in names { out.insert(n.clone(), self.fetch_scores(n, &assignments[n]).await); }
        out
    }
}

struct BulkPortal { harshness: HashMap<String, i8> }
struct SlowPortal { ghosts: HashSet<String>, polls: u32 }

fn base_score(reviewer: &str, id: u32) -> i8 {
    let h = reviewer.bytes().fold(id.wrapping_mul(2654435761), |h, b| h.rotate_left(5) ^ b as u32);
    (h % 7) as i8 - 3
}

impl ReviewPortal for BulkPortal {
    async fn fetch_scores(&mut self, reviewer: &str, ids: &[u32]) -> Vec<(u32, i8)> {
        Yield(false).await;
        let bias = self.harshness.get(reviewer).copied().unwrap_or(0);
        ids.iter().map(|&id| (id, (base_score(reviewer, id) + bias).clamp(-3, 3))).collect()
    }
}

impl ReviewPortal for SlowPortal {
    async fn fetch_scores(&mut self, reviewer: &str, ids: &[u32]) -> Vec<(u32, i8)> {
        let mut out = Vec::new();
        for chunk in ids.chunks(2) {
            self.polls += 1;
            Yield(false).await;
            if self.ghosts.contains(reviewer) { break; }
            out.extend(chunk.iter().map(|&id| (id, base_score(reviewer, id))));
        }
        out
    }
}

fn normalise(raw: &HashMap<String, Vec<(u32, i8)>>) -> HashMap<u32, Vec<f64>> {
    let mut per_paper: HashMap<u32, Vec<f64>> = HashMap::new();
    for scores in raw.values().filter(|s| !s.is_empty()) {
        let n = scores.len() as f64;
        let mean = scores.iter().map(|(_, s)| *s as f64).sum::<f64>() / n;
        let sd = (scores.iter().map(|(_, s)| (*s as f64 - mean).powi(2)).sum::<f64>() / n).sqrt().max(0.5);
        for &(id, s) in scores { per_paper.entry(id).or_default().push((s as f64 - mean) / sd); }
    }
    per_paper
}

async fn run_committee<P: ReviewPortal>(props: &[Proposal], revs: &[Reviewer], portal: &mut P, slots: &BTreeMap<Track, usize>) -> Result<(BTreeMap<Track, Vec<(u32, f64)>>, Vec<CfpError>), CfpError> {
    let assignments = assign(props, revs, 2)?;
    let raw = portal.collect(&assignments).await;
    let z = normalise(&raw);
    let mut problems = Vec::new();
    let mut ranked: BTreeMap<Track, Vec<(u32, f64)>> = BTreeMap::new();
    for p in props {
        match z.get(&p.id) {
            Some(v) if v.len() >= 2 => ranked.entry(p.track).or_default().push((p.id, v.iter().sum::<f64>() / v.len() as f64)),
            other => problems.push(CfpError::MissingReviews { id: p.id, got: other.map_or(0, Vec::len), need: 2 }),
        }
    }
    for (track, list) in ranked.iter_mut() {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(slots.get(track).copied().unwrap_or(0));
        Yield(false).await;
    }
    Ok((ranked, problems))
}

fn main() {
    let tracks = [Track::Systems, Track::Languages, Track::Tooling];
    let affs = ["Acme", "Globex", "Initech", "Umbrella"];
    let props: Vec<Proposal> = (1..=12u32).map(|i| Proposal {
        id: i, title: format!("Talk {i}"), speaker: format!("speaker{i}"), affiliation: affs[i as usize % 4].to_string(),
        track: tracks[i as usize % 3], format: match i % 4 { 0 => Format::Workshop { seats: 30 }, 1 => Format::Lightning, _ => Format::Talk { minutes: 30 } },
        abstract_text: "async rust in production".into(),
    }).collect();
    let revs: Vec<Reviewer> = ["ana", "bo", "cy", "dee", "eli", "fay"].iter().enumerate().map(|(i, n)| Reviewer {
        name: n.to_string(), affiliation: affs[i % 4].to_string(), expertise: vec![tracks[i % 3], tracks[(i + 1) % 3]], max_load: 6,
    }).collect();
    let slots = BTreeMap::from([(Track::Systems, 2), (Track::Languages, 2), (Track::Tooling, 1)]);
    let mut bulk = BulkPortal { harshness: HashMap::from([("bo".to_string(), -2), ("fay".to_string(), 2)]) };
    match block_on(run_committee(&props, &revs, &mut bulk, &slots)) {
        Ok((accepted, problems)) => { println!("accepted {:?}", accepted); println!("problems {}", problems.len()); }
        Err(e) => println!("{e:?}"),
    }
    let mut slow = SlowPortal { ghosts: HashSet::from(["cy".to_string()]), polls: 0 };
    let (acc, problems) = block_on(run_committee(&props, &revs, &mut slow, &slots)).unwrap();
    println!("slow: {} accepted, missing {:?}, polls {}", acc.values().map(Vec::len).sum::<usize>(), problems.iter().map(|p| match p { CfpError::MissingReviews { id, got, .. } => (*id, *got), _ => (0, 0) }).collect::<Vec<_>>(), slow.polls);
    println!("tiny pool: {:?}", block_on(run_committee(&props, &revs[..2], &mut bulk, &slots)).err());
    let minutes = async |ids: Vec<u32>| -> u32 {
        Yield(false).await;
        ids.iter().filter_map(|id| props.iter().find(|p| p.id == *id)).map(|p| match p.format { Format::Talk { minutes } => minutes as u32, Format::Workshop { .. } => 90, Format::Lightning => 5 }).sum()
    };
    println!("programme minutes {}", block_on(minutes((1..=12).collect())));
}
