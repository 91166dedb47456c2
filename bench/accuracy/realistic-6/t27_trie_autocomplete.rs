//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Search-box autocomplete: a weighted trie with prefix suggestions, typo-tolerant fallback and async popularity refresh.

use std::cell::RefCell;
use std::collections::{BTreeMap, BinaryHeap};
use std::cmp::Reverse;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Default, Debug)]
struct Node { children: BTreeMap<char, Node>, weight: Option<u32> }

impl Node {
    fn insert(&mut self, word: &str, weight: u32) {
        let mut cur = self;
        for c in word.chars() { cur = cur.children.entry(c).or_default(); }
        cur.weight = Some(cur.weight.map_or(weight, |w| w.max(weight)));
    }
    fn find(&self, prefix: &str) -> Option<&Node> {
        prefix.chars().try_fold(self, |n, c| n.children.get(&c))
    }
    fn collect(&self, prefix: &mut String, out: &mut Vec<(u32, String)>) {
        if let Some(w) = self.weight { out.push((w, prefix.clone())); }
        for (c, child) in &self.children {
            prefix.push(*c);
            child.collect(prefix, out);
            prefix.pop();
        }
    }
}

struct Index { root: RefCell<Node>, queries_served: RefCell<u32> }

impl Index {
    async fn suggest(&self, prefix: &str, k: usize) -> Vec<String> {
        Yield(1).await;
        *self.queries_served.borrow_mut() += 1;
        let mut found = Vec::new();
        // Edition 2024: the `root.borrow()` temporary ends with the if-let, so the else arm may borrow again freely.
        if let Some(node) = self.root.borrow().find(prefix) {
            node.collect(&mut prefix.to_string(), &mut found);
        } else {
            self.fuzzy(prefix, &mut found);
        }
        let mut heap: BinaryHeap<Reverse<(u32, Reverse<String>)>> = BinaryHeap::new();
        for (w, s) in found {
            heap.push(Reverse((w, Reverse(s))));
            if heap.len() > k { heap.pop(); }
        }
        let mut v: Vec<(u32, String)> = heap.into_iter().map(|Reverse((w, Reverse(s)))| (w, s)).collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        v.into_iter().map(|(_, s)| s).collect()
    }

    /// One-edit tolerance: try dropping each character or swapping adjacent pairs.
    fn fuzzy(&self, prefix: &str, out: &mut Vec<(u32, String)>) {
        let chars: Vec<char> = prefix.chars().collect();
        let mut variants: Vec<String> = (0..chars.len()).map(|i| chars.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c).collect()).collect();
        variants.extend(chars.windows(2).enumerate().map(|(i, _)| { let mut c = chars.clone(); c.swap(i, i + 1); c.into_iter().collect() }));
        let root = self.root.borrow();
        for v in variants.iter().filter(|v| !v.is_empty()) {
            if let Some(n) = root.find(v) && n.children.len() + n.weight.is_some() as usize > 0 {
                let mut tmp = Vec::new();
                n.collect(&mut v.clone(), &mut tmp);
                for (w, s) in tmp {
                    if !out.iter().any(|(_, o)| *o == s) { out.push((w / 2, s)); }
                }
            }
        }
    }

    fn size(&self) -> usize {
        let all = RefCell::new(Vec::new());
        self.root.borrow().collect(&mut String::new(), &mut all.borrow_mut());
        all.borrow().len()
    }
}

async fn fetch_trending(day: u32) -> Vec<(&'static str, u32)> {
    Yield(3).await;
    match day {
        0 => vec![("rust async", 900), ("rust book", 400), ("rustup", 350)],
        1 => vec![("rust async", 1200), ("ruby gems", 300), ("rust analyzer", 800)],
        _ => vec![],
    }
}

async fn refresh(index: &Index, day: u32) -> usize {
    let trending = fetch_trending(day).await;
    let n = trending.len();
    for (q, w) in trending {
        index.root.borrow_mut().insert(q, w);
        Yield(1).await;
    }
    n
}

async fn record_click(index: &Index, query: &str, boost: u32) -> Option<u32> {
    Yield(1).await;
    let mut root = index.root.borrow_mut();
    let mut node = &mut *root;
    for c in query.chars() { node = node.children.get_mut(&c)?; }
    let w = node.weight.as_mut()?;
    *w += boost;
    Some(*w)
}

async fn prune(index: &Index, min_weight: u32) -> usize {
    let mut all = Vec::new();
    index.root.borrow().collect(&mut String::new(), &mut all);
    Yield(2).await;
    let mut fresh = Node::default();
    let kept: Vec<_> = all.iter().filter(|(w, _)| *w >= min_weight).collect();
    for (w, term) in &kept { fresh.insert(term, *w); }
    *index.root.borrow_mut() = fresh;
    all.len() - kept.len()
}

fn main() {
    let index = Rc::new(Index { root: RefCell::new(Node::default()), queries_served: RefCell::new(0) });
    for line in "rust 1000\nrust lang 600\nrustc 300\nrusty 50\nruby 700\nrun 200\npython 800\npytest 250".lines() {
        if let Some((word, w)) = line.rsplit_once(' ') && let Ok(w) = w.parse() {
            index.root.borrow_mut().insert(word, w);
        }
    }
    let idx = index.clone();
    let results = block_on(async move {
        let mut out = Vec::new();
        for (day, prefixes) in [(0, ["rus", "ru", "py"]), (1, ["rust a", "urst", "zzz"])] {
            let added = refresh(&idx, day).await;
            for p in prefixes {
                let s = idx.suggest(p, 3).await;
                println!("day {day} +{added} {p:>7} -> {s:?}");
                out.push(s);
            }
        }
        out
    });
    println!("terms indexed: {}, queries: {}", index.size(), index.queries_served.borrow());
    let (boosted, missing, pruned, after) = block_on(async {
        let click = async |q: &str| record_click(&index, q, 250).await;
        let boosted = click("rustc").await;
        let missing = click("rustacean").await;
        let pruned = prune(&index, 300).await;
        (boosted, missing, pruned, index.suggest("rust", 2).await)
    });
    println!("boosted rustc -> {boosted:?}, missing {missing:?}, pruned {pruned}, now {after:?}");
    assert_eq!((boosted, missing, pruned), (Some(550), None, 3));
    assert_eq!(results[0], ["rust", "rust async", "rust lang"]);
    assert_eq!(results[3], ["rust async", "rust analyzer"]);
    assert!(results[5].is_empty());
    assert!(!results[4].is_empty());
}
