#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Full-text search indexer: document ingestion, tokenization, inverted index, BM25-ish ranking.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }

    pub struct DocStore { pub docs: Vec<(u32, &'static str, &'static str)> }
    impl DocStore {
        /// Cursor-paginated listing of (id, title, body).
        pub async fn list(&self, after: u32, limit: usize) -> Vec<(u32, String, String)> {
            io().await;
            self.docs.iter().filter(|d| d.0 > after).take(limit).map(|(i, t, b)| (*i, t.to_string(), b.to_string())).collect()
        }
    }
}

const STOPWORDS: &[&str] = &["the", "a", "an", "and", "or", "of", "to", "in", "is", "for", "on", "with"];

fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
        } else if !cur.is_empty() {
            tokens.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() { tokens.push(cur); }
    tokens
        .into_iter()
        .filter(|t| t.len() > 1 && !STOPWORDS.contains(&t.as_str()))
        .map(|t| if t.len() > 4 && t.ends_with('s') && !t.ends_with("ss") { t[..t.len() - 1].to_string() } else { t })
        .collect()
}

#[derive(Default)]
struct Index {
    postings: HashMap<String, BTreeMap<u32, u32>>,
    doc_len: HashMap<u32, usize>,
    titles: HashMap<u32, String>,
}

impl Index {
    fn add(&mut self, id: u32, title: &str, body: &str) {
        let mut len = 0;
        // Title terms count three times.
        let title_tokens = tokenize(title);
        let weighted = title_tokens.iter().flat_map(|t| std::iter::repeat(t.clone()).take(3)).chain(tokenize(body));
        for term in weighted {
            *self.postings.entry(term).or_default().entry(id).or_insert(0) += 1;
            len += 1;
        }
        self.doc_len.insert(id, len);
        self.titles.insert(id, title.to_string());
    }

    fn search(&self, query: &str, k: usize) -> Vec<(u32, f64)> {
        let n = self.doc_len.len() as f64;
        let avg = self.doc_len.values().sum::<usize>() as f64 / n.max(1.0);
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for term in tokenize(query) {
            let Some(post) = self.postings.get(&term) else { continue };
            let idf = ((n - post.len() as f64 + 0.5) / (post.len() as f64 + 0.5) + 1.0).ln();
            for (&doc, &tf) in post {
                let dl = self.doc_len[&doc] as f64;
                let tf = tf as f64;
                *scores.entry(doc).or_insert(0.0) += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avg));
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(&b.0)));
        ranked.truncate(k);
        ranked
    }
}

struct Indexer { store: rt::DocStore, index: Rc<RefCell<Index>>, batch: usize, checkpoints: Vec<u32> }

impl Indexer {
    async fn run(&mut self) -> usize {
        let mut cursor = 0;
        let mut total = 0;
        loop {
            let page = self.store.list(cursor, self.batch).await;
            let Some(last) = page.last().map(|d| d.0) else { break };
            for (id, title, body) in &page {
                self.index.borrow_mut().add(*id, title, body);
                total += 1;
            }
            cursor = last;
            self.checkpoints.push(cursor);
            rt::io().await; // persist checkpoint
        }
        total
    }
}

async fn answer(index: Rc<RefCell<Index>>, queries: Vec<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut slow_queries = 0;
    let run_query = async |q: &str| -> Vec<String> {
        rt::io().await; // simulated shard fan-out
        let idx = index.borrow();
        idx.search(q, 2).iter().map(|(id, s)| format!("{}({:.2})", idx.titles[id], s)).collect()
    };
    for q in queries {
        let mut hits = run_query(q).await;
        let longest = q.split_whitespace().max_by_key(|t| t.len()).filter(|t| t.len() > 6);
        if let (true, Some(term)) = (hits.is_empty(), longest) {
            // typo tolerance: retry with a prefix of the longest term
            let prefix: String = term.chars().take(6).collect();
            hits = run_query(&prefix).await;
            slow_queries += 1;
        }
        out.push(format!("{q:?} -> {}", if hits.is_empty() { "no results".to_string() } else { hits.join(", ") }));
    }
    out.push(format!("fallbacks={slow_queries}"));
    out
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let store = rt::DocStore { docs: vec![
        (1, "Rotating API keys", "How to rotate keys for the billing API without downtime."),
        (3, "Billing FAQ", "Invoices are generated monthly. Refunds go to the original card."),
        (4, "Rate limits", "The API allows 100 requests per second; bursts are queued."),
        (7, "Webhooks", "Webhooks are signed; verify signatures and retry on 5xx responses."),
        (9, "Refund policy", "Refunds within 30 days. Partial refunds for annual plans."),
    ] };
    let index = Rc::new(RefCell::new(Index::default()));
    let mut indexer = Indexer { store, index: Rc::clone(&index), batch: 2, checkpoints: vec![] };
    let n = block_on(indexer.run());
    let results = block_on(answer(Rc::clone(&index), vec!["refunds", "api keys", "Webhook signatures", "kubernetes", "refundz"]));
    println!("indexed={} terms={} checkpoints={:?}", n, index.borrow().postings.len(), indexer.checkpoints);
    for r in results { println!("{r}"); }
}
