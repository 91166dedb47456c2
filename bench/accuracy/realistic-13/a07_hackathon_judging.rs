//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Hackathon judging desk: gathers rubric scores from paper ballots and the judging app,
//! drops conflicted scores, normalises each judge's scale and ranks teams with tiebreaks.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
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

#[derive(Debug, Clone)]
struct Score { judge: String, team: String, rubric: [u8; 3] }

trait ScoreSource {
    async fn fetch(&mut self) -> Vec<Score>;

    async fn fetch_valid(&mut self) -> Vec<Score> {
        let all = self.fetch().await;
        all.into_iter().filter(|s| s.rubric.iter().all(|&r| (1..=10).contains(&r))).collect()
    }
}

struct PaperBallots { sheets: Vec<&'static str> }
struct JudgingApp { pending: Vec<Score>, page_size: usize }

impl ScoreSource for PaperBallots {
    async fn fetch(&mut self) -> Vec<Score> {
        let mut out = Vec::new();
        for sheet in self.sheets.drain(..) {
            yield_now().await;
            let cols: Vec<&str> = sheet.split(',').map(str::trim).collect();
            let [judge, team, a, b, c] = cols[..] else { continue };
            let (Ok(a), Ok(b), Ok(c)) = (a.parse(), b.parse(), c.parse()) else { continue };
            out.push(Score { judge: judge.to_lowercase(), team: team.to_string(), rubric: [a, b, c] });
        }
        out
    }
}

impl ScoreSource for JudgingApp {
    async fn fetch(&mut self) -> Vec<Score> {
        let mut out = Vec::new();
        while !self.pending.is_empty() {
            let take = self.page_size.min(self.pending.len());
            out.extend(self.pending.drain(..take));
            yield_now().await;
        }
        out
    }
}

struct Panel { conflicts: HashSet<(String, String)>, scores: Mutex<Vec<Score>>, dropped: Mutex<Vec<String>> }

async fn collect<S>(panel: &Panel, source: &mut S) -> usize
where
    S: ScoreSource,
{
    let fresh = source.fetch_valid().await;
    let mut kept = 0;
    for s in fresh {
        if panel.conflicts.contains(&(s.judge.clone(), s.team.clone())) {
            panel.dropped.lock().unwrap().push(format!("{} on {}", s.judge, s.team));
            continue;
        }
        panel.scores.lock().unwrap().push(s);
        kept += 1;
    }
    kept
}

fn tiebreak<'a>(a: &'a [f32], b: &'a [f32], depth: usize) -> Pin<Box<dyn Future<Output = std::cmp::Ordering> + 'a>> {
    Box::pin(async move {
        let (Some(x), Some(y)) = (a.get(depth), b.get(depth)) else { return std::cmp::Ordering::Equal };
        yield_now().await;
        match x.partial_cmp(y) {
            Some(std::cmp::Ordering::Equal) | None => tiebreak(a, b, depth + 1).await,
            Some(ord) => ord.reverse(),
        }
    })
}

pub fn main() {
    let panel = Panel {
        conflicts: HashSet::from([("priya".to_string(), "Byte Club".to_string())]),
        scores: Mutex::new(Vec::new()),
        dropped: Mutex::new(Vec::new()),
    };
    let mut paper = PaperBallots {
        sheets: vec!["Priya, Byte Club, 9, 9, 9", "Priya, NullPointers, 7, 8, 6", "Priya, Lambda Llamas, 8, 6, 7", "Tom, NullPointers, x, 3, 4"],
    };
    let sc = |j: &str, t: &str, r: [u8; 3]| Score { judge: j.into(), team: t.into(), rubric: r };
    let mut app = JudgingApp {
        pending: vec![
            sc("omar", "Byte Club", [6, 7, 5]), sc("omar", "NullPointers", [5, 5, 6]),
            sc("omar", "Lambda Llamas", [7, 6, 5]), sc("lin", "Byte Club", [9, 8, 9]),
            sc("lin", "NullPointers", [9, 9, 8]), sc("lin", "Lambda Llamas", [12, 9, 9]),
        ],
        page_size: 4,
    };
    println!("paper kept {}", block_on(collect(&panel, &mut paper)));
    println!("app kept {}", block_on(collect(&panel, &mut app)));

    let normalise = async |judge: &str| -> HashMap<String, Vec<f32>> {
        let mine: Vec<Score> = panel.scores.lock().unwrap().iter().filter(|s| s.judge == judge).cloned().collect();
        yield_now().await;
        let totals: Vec<f32> = mine.iter().map(|s| s.rubric.iter().map(|&r| r as f32).sum()).collect();
        let mean = totals.iter().sum::<f32>() / totals.len().max(1) as f32;
        let spread = totals.iter().map(|t| (t - mean).abs()).fold(1.0f32, f32::max);
        let mut out = HashMap::new();
        for (s, total) in mine.iter().zip(&totals) {
            let mut v = vec![(total - mean) / spread];
            v.extend(s.rubric.iter().map(|&r| r as f32));
            out.insert(s.team.clone(), v);
        }
        out
    };

    let judges: Vec<String> = {
        let scores = panel.scores.lock().unwrap();
        let mut js: Vec<String> = scores.iter().map(|s| s.judge.clone()).collect();
        js.sort();
        js.dedup();
        js
    };
    let mut board: BTreeMap<String, Vec<f32>> = BTreeMap::new();
    for judge in &judges {
        for (team, v) in block_on(normalise(judge)) {
            let entry = board.entry(team).or_insert_with(|| vec![0.0; v.len()]);
            entry.iter_mut().zip(&v).for_each(|(acc, x)| *acc += x);
        }
    }

    let ranked = block_on(async {
        let mut teams: Vec<(String, Vec<f32>)> = board.into_iter().collect();
        for i in 1..teams.len() {
            let mut j = i;
            while j > 0 && tiebreak(&teams[j].1, &teams[j - 1].1, 0).await == std::cmp::Ordering::Less {
                teams.swap(j, j - 1);
                j -= 1;
            }
        }
        teams
    });
    for (place, (team, v)) in ranked.iter().enumerate() {
        println!("#{} {team:<14} z={:+.2} raw={:?}", place + 1, v[0], &v[1..]);
    }
    println!("dropped: {:?}", panel.dropped.lock().unwrap());
}
