#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Plagiarism checker: fetches submissions, builds word shingles, computes Jaccard similarity and reports suspicious pairs with evidence.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::collections::hash_map::DefaultHasher;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Instant;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const SHINGLE: usize = 3;
const THRESHOLD: f64 = 0.3;

#[derive(Debug, Clone)]
struct Document { id: String, author: String, body: String }

trait DocSource {
    async fn fetch(&self, id: &str) -> Option<Document>;
    async fn fetch_many(&self, ids: &[&str]) -> Vec<Document> {
        let mut docs = Vec::new();
        for id in ids {
            if let Some(d) = self.fetch(id).await {
                docs.push(d);
            }
        }
        docs
    }
}

struct Submissions { store: HashMap<String, (String, String)> }

impl DocSource for Submissions {
    async fn fetch(&self, id: &str) -> Option<Document> {
        Yield { left: 1 }.await;
        let (author, body) = self.store.get(id)?;
        Some(Document { id: id.to_string(), author: author.clone(), body: body.clone() })
    }
}

fn normalize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

fn shingles(words: &[String]) -> HashSet<u64> {
    words
        .windows(SHINGLE)
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = a.union(b).count() as f64;
    if union == 0.0 { 0.0 } else { inter / union }
}

fn longest_common_run(a: &[String], b: &[String]) -> (usize, String) {
    let mut best = (0, 0);
    for i in 0..a.len() {
        for j in 0..b.len() {
            let run = a[i..].iter().zip(b[j..].iter()).take_while(|(x, y)| x == y).count();
            if run > best.0 {
                best = (run, i);
            }
        }
    }
    (best.0, a[best.1..best.1 + best.0].join(" "))
}

struct Index { fingerprints: Mutex<BTreeMap<String, (Vec<String>, HashSet<u64>)>>, work: Mutex<u64> }

async fn index_documents(index: Arc<Index>, docs: &[Document]) -> usize {
    for doc in docs.iter() {
        let words = normalize(&doc.body);
        Yield { left: 1 }.await;
        let fp = shingles(&words);
        let mut guard = index.fingerprints.lock().unwrap();
        guard.insert(doc.id.clone(), (words, fp));
        let size = guard.len();
        drop(guard);
        Yield { left: 1 }.await;
        *index.work.lock().unwrap() += 1;
    }
    index.fingerprints.lock().unwrap().len()
}

async fn compare_all(index: Arc<Index>, authors: &HashMap<String, String>) -> Vec<String> {
    let entries: Vec<(String, Vec<String>, HashSet<u64>)> =
        index.fingerprints.lock().unwrap().iter().map(|(k, (w, f))| (k.clone(), w.clone(), f.clone())).collect();
    let mut findings = Vec::new();
    for (i, (id_a, words_a, fp_a)) in entries.iter().enumerate() {
        for (id_b, words_b, fp_b) in entries.iter().skip(i + 1) {
            Yield { left: 1 }.await;
            if authors.get(id_a) == authors.get(id_b) {
                continue;
            }
            let score = jaccard(fp_a, fp_b);
            if score < THRESHOLD {
                continue;
            }
            let (run, evidence) = longest_common_run(words_a, words_b);
            let snippet = if evidence.len() > 40 { format!("{}...", &evidence[..40]) } else { evidence };
            findings.push(format!("{} ~ {} jaccard={:.2} run={} \"{}\"", id_a, id_b, score, run, snippet));
        }
    }
    findings
}

async fn check<S: DocSource>(source: &S, ids: &[&str]) -> (Vec<String>, u64) {
    let docs = source.fetch_many(ids).await;
    let authors: HashMap<String, String> = docs.iter().map(|d| (d.id.clone(), d.author.clone())).collect();
    let index = Arc::new(Index { fingerprints: Mutex::new(BTreeMap::new()), work: Mutex::new(0) });
    index_documents(Arc::clone(&index), &docs).await;
    let findings = compare_all(Arc::clone(&index), &authors).await;
    let work = *index.work.lock().unwrap();
    (findings, work)
}

fn main() {
    let base = "The mitochondria is the powerhouse of the cell and it produces energy through cellular respiration in several stages";
    let mut store = HashMap::new();
    store.insert("essay-1".to_string(), ("alice".to_string(), base.to_string()));
    store.insert("essay-2".to_string(), ("bob".to_string(), format!("As we know, {} which is important.", base.to_lowercase())));
    store.insert("essay-3".to_string(), ("carol".to_string(), "Photosynthesis converts light into chemical energy inside chloroplasts of plant cells".to_string()));
    store.insert("essay-4".to_string(), ("alice".to_string(), format!("Draft: {}", base)));
    store.insert("essay-5".to_string(), ("dave".to_string(), "The mitochondria is the powerhouse of the cell, period.".to_string()));
    let src = Submissions { store };
    let started = Instant::now();
    let (findings, work) = block_on(check(&src, &["essay-1", "essay-2", "essay-3", "essay-4", "essay-5", "essay-9"]));
    let one = block_on(src.fetch("essay-3")).map(|d| d.author);
    let docs = block_on(src.fetch_many(&["essay-1", "nope"]));
    let idx = Arc::new(Index { fingerprints: Mutex::new(BTreeMap::new()), work: Mutex::new(0) });
    let n = block_on(index_documents(Arc::clone(&idx), &docs));
    let none = block_on(compare_all(idx, &HashMap::new()));
    for f in &findings {
        println!("{}", f);
    }
    println!("indexed={} one={:?} fetched={} n={} none={} fast={}", work, one, docs.len(), n, none.len(), started.elapsed().as_millis() < 1000);
}
