//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a newspaper archive's microfilm digitisation indexer that scans reel frames, filters low-confidence OCR and builds a keyword-to-issue index.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

struct Advance(u8);

impl Future for Advance {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn wind(frames: u8) {
    Advance(frames.min(3)).await
}

#[derive(Debug, Clone)]
struct Frame {
    number: u32,
    issue: (u16, u8, u8),
    page: u8,
    text: String,
    confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ReelCondition {
    Sound,
    VinegarSyndrome { acidity: u8 },
    Scratched,
}

trait ReelReader {
    fn reel_id(&self) -> String;
    async fn frame(&self, n: u32) -> Option<Frame>;

    async fn scan(&self, range: std::ops::Range<u32>) -> Vec<Frame> {
        let mut out = Vec::new();
        for n in range {
            match self.frame(n).await {
                Some(f) => out.push(f),
                None => break,
            }
        }
        out
    }
}

struct Reel {
    id: &'static str,
    condition: ReelCondition,
    frames: Vec<Frame>,
    reads: Cell<u32>,
}

impl ReelReader for Reel {
    fn reel_id(&self) -> String {
        self.id.to_string()
    }
    async fn frame(&self, n: u32) -> Option<Frame> {
        self.reads.set(self.reads.get() + 1);
        wind(1).await;
        let mut f = self.frames.get(n as usize)?.clone();
        f.confidence *= match self.condition {
            ReelCondition::Sound => 1.0,
            ReelCondition::VinegarSyndrome { acidity } => 1.0 - acidity as f32 * 0.1,
            ReelCondition::Scratched => 0.85,
        };
        Some(f)
    }
}

impl<R: ReelReader> ReelReader for Rc<R> {
    fn reel_id(&self) -> String {
        format!("shared:{}", (**self).reel_id())
    }
    async fn frame(&self, n: u32) -> Option<Frame> {
        (**self).frame(n).await
    }
}

struct Rescan<R> {
    inner: R,
    min_conf: f32,
    retries: Cell<u32>,
}

impl<R> ReelReader for Rescan<R>
where
    R: ReelReader,
{
    fn reel_id(&self) -> String {
        format!("{}+rescan", self.inner.reel_id())
    }
    async fn frame(&self, n: u32) -> Option<Frame> {
        let mut best: Option<Frame> = None;
        for attempt in 0..3u8 {
            let f = self.inner.frame(n).await?;
            let better = best.as_ref().map_or(true, |b| f.confidence > b.confidence);
            if better {
                best = Some(Frame { confidence: f.confidence + attempt as f32 * 0.04, ..f });
            }
            if best.as_ref().map_or(false, |b| b.confidence >= self.min_conf) {
                break;
            }
            self.retries.set(self.retries.get() + 1);
            wind(2).await;
        }
        best
    }
}

fn normalise(word: &str) -> Option<String> {
    let w: String = word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    match w.len() {
        0..=2 => None,
        _ if w.chars().all(|c| c.is_ascii_digit()) && w.len() != 4 => None,
        _ => Some(w),
    }
}

async fn build_index<R>(reader: &R, frames: u32, stop: &HashSet<&str>, threshold: f32) -> (BTreeMap<String, BTreeSet<(u16, u8, u8, u8)>>, Vec<u32>)
where
    R: ReelReader,
{
    let mut index: BTreeMap<String, BTreeSet<(u16, u8, u8, u8)>> = BTreeMap::new();
    let mut review = Vec::new();
    let scanned = reader.scan(0..frames).await;
    for frame in scanned {
        if frame.confidence < threshold {
            review.push(frame.number);
            continue;
        }
        let (y, m, d) = frame.issue;
        let words = frame.text.split_whitespace().filter_map(normalise).filter(|w| !stop.contains(w.as_str()));
        for w in words {
            index.entry(w).or_default().insert((y, m, d, frame.page));
        }
        wind(1).await;
    }
    (index, review)
}

fn make_frames(texts: &[&str]) -> Vec<Frame> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Frame { number: i as u32, issue: (1911, 3, 1 + (i / 2) as u8), page: 1 + (i % 2) as u8, text: t.to_string(), confidence: 0.97 - (i as f32 * 0.03) })
        .collect()
}

pub fn main() {
    let texts = [
        "COAL STRIKE SPREADS TO WELSH PITS; miners meet at Tonypandy",
        "Shipping news: the steamer Orsova arrived at Tilbury",
        "Suffrage meeting at the Town Hall draws 400",
        "Coal prices rise; the Board of Trade responds",
        "Cricket: county fixtures for 1911 announced",
    ];
    let stop: HashSet<&str> = ["the", "and", "for", "news"].into_iter().collect();
    let sound = Rc::new(Reel { id: "GAZ-1911-03", condition: ReelCondition::Sound, frames: make_frames(&texts), reads: Cell::new(0) });
    let vinegar = Reel { id: "GAZ-1911-03-dup", condition: ReelCondition::VinegarSyndrome { acidity: 2 }, frames: make_frames(&texts), reads: Cell::new(0) };
    let rescan = Rescan { inner: Reel { id: "GAZ-1911-03-neg", condition: ReelCondition::Scratched, frames: make_frames(&texts), reads: Cell::new(0) }, min_conf: 0.8, retries: Cell::new(0) };

    let (idx_a, rev_a) = block_on(build_index(&sound, 10, &stop, 0.8));
    let (idx_b, rev_b) = block_on(build_index(&vinegar, 5, &stop, 0.8));
    let (idx_c, rev_c) = block_on(build_index(&rescan, 5, &stop, 0.8));
    for (label, idx, rev) in [(sound.reel_id(), &idx_a, &rev_a), (vinegar.reel_id(), &idx_b, &rev_b), (rescan.reel_id(), &idx_c, &rev_c)] {
        println!("{label}: {} terms, review frames {rev:?}, coal -> {:?}", idx.len(), idx.get("coal"));
    }
    println!("reads: sound={} vinegar={} rescan retries={}", sound.reads.get(), vinegar.reads.get(), rescan.retries.get());

    let merged: HashMap<&str, usize> = idx_a.iter().chain(idx_b.iter()).chain(idx_c.iter()).fold(HashMap::new(), |mut acc, (term, hits)| {
        *acc.entry(term.as_str()).or_insert(0) += hits.len();
        acc
    });
    let mut top: Vec<(&str, usize)> = merged.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("top terms {:?}", &top[..top.len().min(5)]);

    let lookup = async |term: &str| -> Vec<String> {
        wind(1).await;
        idx_c.get(term).into_iter().flatten().map(|(y, m, d, p)| format!("{y}-{m:02}-{d:02} p{p}")).collect()
    };
    println!("suffrage: {:?}", block_on(lookup("suffrage")));
}
