#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Incremental full-text indexer: fetches documents, tokenizes, maintains postings and answers ranked queries.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn waker() -> Waker {
    const VT: RawWakerVTable = RawWakerVTable::new(|_| RawWaker::new(std::ptr::null(), &VT), |_| {}, |_| {}, |_| {});
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let w = waker();
    let mut cx = Context::from_waker(&w);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Latency(u32);

impl Future for Latency {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const STOPWORDS: [&str; 8] = ["the", "a", "an", "of", "to", "and", "in", "is"];

fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.len() > 1 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| {
            for suffix in ["ing", "ed", "es", "s"] {
                if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
                    return w[..w.len() - suffix.len()].to_string();
                }
            }
            w
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Doc {
    id: u32,
    version: u32,
    title: String,
    body: String,
}

#[derive(Debug)]
enum FetchError {
    Gone(u32),
    Timeout(u32),
}

trait DocSource {
    async fn fetch(&self, id: u32) -> Result<Doc, FetchError>;
}

struct Wiki {
    pages: RefCell<HashMap<u32, Doc>>,
    slow: HashSet<u32>,
}

impl DocSource for Wiki {
    async fn fetch(&self, id: u32) -> Result<Doc, FetchError> {
        Latency(if self.slow.contains(&id) { 5 } else { 1 }).await;
        if self.slow.contains(&id) {
            return Err(FetchError::Timeout(id));
        }
        self.pages.borrow().get(&id).cloned().ok_or(FetchError::Gone(id))
    }
}

#[derive(Default)]
struct Index {
    postings: BTreeMap<String, BTreeMap<u32, u32>>,
    versions: HashMap<u32, u32>,
    doc_terms: HashMap<u32, Vec<String>>,
    titles: HashMap<u32, String>,
}

impl Index {
    fn remove(&mut self, id: u32) {
        for term in self.doc_terms.remove(&id).unwrap_or_default() {
            if let Some(p) = self.postings.get_mut(&term) {
                p.remove(&id);
                if p.is_empty() {
                    self.postings.remove(&term);
                }
            }
        }
        self.versions.remove(&id);
    }

    fn add(&mut self, doc: &Doc) {
        self.remove(doc.id);
        let mut tf: HashMap<String, u32> = HashMap::new();
        let title_terms = tokenize(&doc.title);
        for t in title_terms.iter().chain(title_terms.iter()).cloned().chain(tokenize(&doc.body)) {
            *tf.entry(t).or_insert(0) += 1;
        }
        for (term, count) in &tf {
            self.postings.entry(term.clone()).or_default().insert(doc.id, *count);
        }
        self.doc_terms.insert(doc.id, tf.into_keys().collect());
        self.versions.insert(doc.id, doc.version);
        self.titles.insert(doc.id, doc.title.clone());
    }

    fn search(&self, query: &str, limit: usize) -> Vec<(u32, f64)> {
        let n_docs = self.versions.len().max(1) as f64;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for term in tokenize(query) {
            let Some(post) = self.postings.get(&term) else { continue };
            let idf = (n_docs / post.len() as f64).ln() + 1.0;
            for (doc, tf) in post {
                *scores.entry(*doc).or_insert(0.0) += *tf as f64 * idf;
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
    }
}

async fn index_all<S, I>(src: &S, index: &Rc<RefCell<Index>>, ids: I) -> (u32, Vec<String>)
where
    S: DocSource,
    I: IntoIterator<Item = u32>,
{
    let mut indexed = 0;
    let mut problems = Vec::new();
    for id in ids {
        match src.fetch(id).await {
            Ok(doc) => {
                let current = index.borrow().versions.get(&doc.id).copied();
                if current.map_or(true, |v| v < doc.version) {
                    index.borrow_mut().add(&doc);
                    indexed += 1;
                }
            }
            Err(FetchError::Gone(id)) => {
                index.borrow_mut().remove(id);
                problems.push(format!("{} removed", id));
            }
            Err(e) => problems.push(format!("{:?}", e)),
        }
    }
    (indexed, problems)
}

fn main() {
    let corpus = [
        (1, "Async Rust", "Futures are polled by an executor; async functions return futures."),
        (2, "Pinning", "Pin guarantees a value is not moved, which self-referential futures need."),
        (3, "Executors", "An executor drives tasks to completion by polling them when woken."),
        (4, "Channels", "Bounded channels apply backpressure between producing and consuming tasks."),
    ];
    let pages: HashMap<u32, Doc> = corpus.iter().map(|(id, t, b)| (*id, Doc { id: *id, version: 1, title: t.to_string(), body: b.to_string() })).collect();
    let wiki = Wiki { pages: RefCell::new(pages), slow: HashSet::from([4]) };
    let index = Rc::new(RefCell::new(Index::default()));

    let render = |index: Rc<RefCell<Index>>, q: &'static str| async move {
        Latency(1).await;
        let idx = index.borrow();
        let hits: Vec<String> = idx.search(q, 3).iter().map(|(id, s)| format!("{}({:.2})", idx.titles[id], s)).collect();
        format!("'{}' => [{}]", q, hits.join(", "))
    };

    let report = block_on(async {
        let mut lines = Vec::new();
        let (n, problems) = index_all(&wiki, &index, 1..=4).await;
        lines.push(format!("pass 1: indexed {} problems {:?}", n, problems));
        lines.push(render(index.clone(), "polling futures").await);
        {
            let mut pages = wiki.pages.borrow_mut();
            pages.remove(&2);
            if let Some(d) = pages.get_mut(&3) {
                d.version = 2;
                d.body.push_str(" Work-stealing executors balance tasks across threads.");
            }
        }
        let (n, problems) = index_all(&wiki, &index, vec![1, 2, 3]).await;
        lines.push(format!("pass 2: indexed {} problems {:?}", n, problems));
        lines.push(render(index.clone(), "executor tasks").await);
        lines.push(render(index.clone(), "pinned values").await);
        lines
    });
    report.iter().for_each(|l| println!("{}", l));
    println!("terms in index: {}", index.borrow().postings.len());
}
