#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Search query planner: parses boolean queries, orders clauses by estimated cost and evaluates them over an inverted index.

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct CountingWake(AtomicUsize);
impl Wake for CountingWake {
    fn wake(self: Arc<Self>) { self.0.fetch_add(1, Ordering::Relaxed); }
    fn wake_by_ref(self: &Arc<Self>) { self.0.fetch_add(1, Ordering::Relaxed); }
}

fn block_on<F: Future>(fut: F) -> (F::Output, usize) {
    let counter = Arc::new(CountingWake(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return (v, counter.0.load(Ordering::Relaxed));
        }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone)]
enum Node { Term(String, String), Not(Box<Node>), And(Vec<Node>), Or(Vec<Node>) }

fn parse(q: &str) -> Node {
    let ors: Vec<Node> = q.split(" OR ").map(|group| {
        let ands: Vec<Node> = group.split_whitespace().filter(|t| *t != "AND").map(|tok| {
            let (neg, body) = match tok.strip_prefix('-') { Some(rest) => (true, rest), None => (false, tok) };
            let (field, value) = body.split_once(':').unwrap_or(("body", body));
            let term = Node::Term(field.to_string(), value.to_lowercase());
            if neg { Node::Not(Box::new(term)) } else { term }
        }).collect();
        if ands.len() == 1 { ands.into_iter().next().unwrap() } else { Node::And(ands) }
    }).collect();
    if ors.len() == 1 { ors.into_iter().next().unwrap() } else { Node::Or(ors) }
}

struct Index { postings: HashMap<(String, String), BTreeSet<u32>>, all: BTreeSet<u32> }

impl Index {
    fn build(docs: &[(u32, &str, &str, &[&str])]) -> Self {
        let mut postings: HashMap<(String, String), BTreeSet<u32>> = HashMap::new();
        for &(id, title, body, tags) in docs {
            let fields = title.split_whitespace().map(|w| ("title", w))
                .chain(body.split_whitespace().map(|w| ("body", w)))
                .chain(tags.iter().map(|t| ("tag", *t)));
            for (f, w) in fields {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                postings.entry((f.to_string(), w)).or_default().insert(id);
            }
        }
        Index { postings, all: docs.iter().map(|d| d.0).collect() }
    }

    async fn doc_freq(&self, field: &str, value: &str) -> usize {
        Yield(1).await;
        self.postings.get(&(field.to_string(), value.to_string())).map_or(0, |s| s.len())
    }
}

fn estimate<'a>(idx: &'a Index, node: &'a Node) -> Pin<Box<dyn Future<Output = usize> + 'a>> {
    Box::pin(async move {
        match node {
            Node::Term(f, v) => idx.doc_freq(f, v).await,
            Node::Not(inner) => idx.all.len() - estimate(idx, inner).await,
            Node::And(xs) => {
                let mut best = usize::MAX;
                for x in xs { best = best.min(estimate(idx, x).await); }
                best
            }
            Node::Or(xs) => {
                let mut sum = 0;
                for x in xs { sum += estimate(idx, x).await; }
                sum.min(idx.all.len())
            }
        }
    })
}

async fn plan(idx: &Index, node: Node) -> Node {
    match node {
        Node::And(xs) => {
            let mut costed = Vec::new();
            for x in xs {
                let c = estimate(idx, &x).await;
                costed.push((c, x));
            }
            costed.sort_by_key(|(c, _)| *c);
            Node::And(costed.into_iter().map(|(_, n)| n).collect())
        }
        Node::Or(xs) => {
            let mut out = Vec::with_capacity(xs.len());
            for x in xs { out.push(Box::pin(plan(idx, x)).await); }
            Node::Or(out)
        }
        other => other,
    }
}

fn execute<'a>(idx: &'a Index, node: &'a Node) -> Pin<Box<dyn Future<Output = BTreeSet<u32>> + 'a>> {
    Box::pin(async move {
        Yield(1).await;
        match node {
            Node::Term(f, v) => idx.postings.get(&(f.clone(), v.clone())).cloned().unwrap_or_default(),
            Node::Not(inner) => idx.all.difference(&execute(idx, inner).await).copied().collect(),
            Node::And(xs) => {
                let mut acc: Option<BTreeSet<u32>> = None;
                for x in xs {
                    let s = execute(idx, x).await;
                    let next = match acc { Some(a) => a.intersection(&s).copied().collect(), None => s };
                    if next.is_empty() { return next; } // short-circuit on cheapest-first ordering
                    acc = Some(next);
                }
                acc.unwrap_or_default()
            }
            Node::Or(xs) => {
                let mut acc = BTreeSet::new();
                for x in xs { acc.extend(execute(idx, x).await); }
                acc
            }
        }
    })
}

async fn explain(idx: &Index, node: &Node) -> String {
    match node {
        Node::Term(f, v) => format!("{f}:{v}"),
        Node::Not(inner) => format!("NOT[{}]", estimate(idx, inner).await),
        Node::And(xs) | Node::Or(xs) => {
            let op = if matches!(node, Node::And(_)) { "AND" } else { "OR" };
            let mut parts = Vec::new();
            for x in xs { parts.push(format!("{}~{}", match x { Node::Term(f, v) => format!("{f}:{v}"), _ => "(..)".into() }, estimate(idx, x).await)); }
            format!("{op}({})", parts.join(", "))
        }
    }
}

async fn top_terms(idx: &Index, field: &str, k: usize) -> Vec<(String, usize)> {
    let mut terms: Vec<(String, usize)> = Vec::new();
    for (f, v) in idx.postings.keys().filter(|(f, _)| f == field) {
        terms.push((v.clone(), idx.doc_freq(f, v).await));
    }
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(k);
    terms
}

async fn run_query(idx: &Index, q: &str) -> (String, usize, BTreeSet<u32>) {
    let planned = plan(idx, parse(q)).await;
    let cost = estimate(idx, &planned).await;
    let hits = execute(idx, &planned).await;
    (explain(idx, &planned).await, cost, hits)
}

fn main() {
    let docs: Vec<(u32, &str, &str, &[&str])> = vec![
        (1, "Async Rust in practice", "futures and executors explained", &["rust", "async"]),
        (2, "Draft: pinning", "pin projections are subtle", &["rust", "draft"]),
        (3, "Go channels", "goroutines and channels", &["go"]),
        (4, "Rust executors", "building a tiny executor with wakers", &["rust"]),
        (5, "Tokio tips", "async runtime tuning", &["rust", "async", "draft"]),
    ];
    let idx = Index::build(&docs);
    let queries = ["tag:rust AND tag:async -tag:draft", "title:rust OR tag:go", "executors AND tag:rust", "tag:python AND tag:rust"];
    let (results, wakes) = block_on(async {
        let mut results = Vec::new();
        for q in queries.iter() {
            let (plan_text, cost, hits) = run_query(&idx, q).await;
            println!("{q:<40} est={cost} hits={hits:?}\n    plan: {plan_text}");
            results.push(hits.into_iter().collect::<Vec<_>>());
        }
        println!("top tags: {:?}", top_terms(&idx, "tag", 3).await);
        results
    });
    println!("executor observed {wakes} wakeups");
    assert_eq!(results, vec![vec![1], vec![1, 3, 4], vec![1], vec![]]);
}
