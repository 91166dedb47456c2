#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Game leaderboard service: ingests score events, keeps per-season rankings and publishes rank changes to sinks.

use std::collections::HashMap;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { break v; }
    }
}

#[derive(Default)]
struct Yield { polled: u32, target: u32 }
impl Future for Yield {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polled += 1;
        if self.polled > self.target { Poll::Ready(self.polled) } else { cx.waker().wake_by_ref(); Poll::Pending }
    }
}
fn yield_for(target: u32) -> Yield { Yield { polled: 0, target } }

#[derive(Debug, Clone, PartialEq)]
struct RankChange { player: String, from: Option<usize>, to: usize }

trait RankSink {
    async fn publish(&mut self, change: &RankChange);
    async fn flush(&mut self) -> usize { 0 }
}

struct ConsoleSink { lines: Vec<String> }
impl RankSink for ConsoleSink {
    async fn publish(&mut self, c: &RankChange) {
        yield_for(1).await;
        let arrow = match c.from { Some(f) if f > c.to => "↑", Some(f) if f < c.to => "↓", Some(_) => "=", None => "new" };
        self.lines.push(format!("{} {} #{}", c.player, arrow, c.to + 1));
    }
    async fn flush(&mut self) -> usize { let n = self.lines.len(); self.lines.clear(); n }
}

struct PushSink { threshold: usize, sent: Vec<RankChange> }
impl RankSink for PushSink {
    async fn publish(&mut self, c: &RankChange) {
        if c.to < self.threshold {
            yield_for(2).await;
            self.sent.push(c.clone());
        }
    }
}

async fn top_k<T: Ord + Clone + Debug>(items: &[T], k: usize) -> Vec<T> {
    let mut v = items.to_vec();
    yield_for(1).await;
    v.sort_by(|a, b| b.cmp(a));
    v.truncate(k);
    v
}

struct Board { scores: RwLock<HashMap<String, u64>>, order: RwLock<Vec<String>> }

impl Board {
    fn ranking(&self) -> Vec<String> {
        let scores = self.scores.read().unwrap();
        let mut names: Vec<(&String, &u64)> = scores.iter().collect();
        names.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        names.into_iter().map(|(n, _)| n.clone()).collect()
    }

    async fn submit<S1: RankSink, S2: RankSink>(&self, player: &str, delta: u64, a: &mut S1, b: &mut S2) -> usize {
        {
            let mut w = self.scores.write().unwrap();
            *w.entry(player.to_string()).or_insert(0) += delta;
        } // write guard released before any await
        yield_for(1).await;
        let new_order = self.ranking();
        let old_order = std::mem::replace(&mut *self.order.write().unwrap(), new_order.clone());
        let mut changes = 0;
        for (to, name) in new_order.iter().enumerate() {
            let from = old_order.iter().position(|n| n == name);
            if from == Some(to) { continue; }
            let change = RankChange { player: name.clone(), from, to };
            a.publish(&change).await;
            b.publish(&change).await;
            changes += 1;
        }
        changes
    }
}

fn gaps(scores: &[u64]) -> Vec<u64> { scores.windows(2).map(|w| w[0] - w[1]).collect() }

fn main() {
    let board = Arc::new(Board { scores: RwLock::new(HashMap::new()), order: RwLock::new(Vec::new()) });
    let mut console = ConsoleSink { lines: Vec::new() };
    let mut push = PushSink { threshold: 2, sent: Vec::new() };
    let events = "nova:120 rex:90 ivy:200 nova:100 rex:40 zed:10 ivy:5 zed:300";
    let b = board.clone();
    let (flushed, tops) = block_on(async move {
        let mut flushed = 0;
        for (i, ev) in events.split(' ').enumerate() {
            let (who, pts) = ev.split_once(':').expect("event");
            let pts: u64 = pts.parse().unwrap_or(0);
            let n = b.submit(who, pts, &mut console, &mut push).await;
            if i % 3 == 2 { flushed += console.flush().await; }
        }
        flushed += console.flush().await;
        flushed += push.flush().await;
        let snapshot: Vec<u64> = b.scores.read().unwrap().values().copied().collect();
        let top_scores = top_k(&snapshot, 3).await;
        let top_names = top_k(&b.ranking(), 2).await;
        let top_pairs = top_k(&[(3u8, 'c'), (9, 'a'), (9, 'b')], 2).await;
        println!("top scores {top_scores:?} gaps {:?}", gaps(&top_scores));
        println!("alphabetically-last leaders {top_names:?}, pairs {top_pairs:?}");
        (flushed, (top_scores, push.sent))
    });
    let (top_scores, pushes) = tops;
    println!("final order: {:?}", board.order.read().unwrap());
    println!("console lines flushed: {flushed}, push notifications: {}", pushes.len());
    assert_eq!(board.order.read().unwrap()[0], "zed");
    assert_eq!(top_scores, vec![310, 220, 205]);
}
