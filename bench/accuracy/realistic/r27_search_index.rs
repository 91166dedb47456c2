//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

const STOPWORDS: &[&str] = &["the", "a", "an", "and", "or", "of", "to", "in", "is"];
const MAX_TOKEN: usize = 32;

fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            let tok = std::mem::take(&mut cur);
            if tok.len() <= MAX_TOKEN && !STOPWORDS.contains(&tok.as_str()) {
                tokens.push(tok);
            }
        }
    }
    tokens
}

#[derive(Default)]
pub struct Index {
    postings: HashMap<String, Vec<(u32, u32)>>,
    doc_len: HashMap<u32, usize>,
    titles: HashMap<u32, String>,
}

impl Index {
    pub fn add(&mut self, id: u32, title: &str, body: &str) {
        let title_tokens = tokenize(title);
        let body_tokens = tokenize(body);
        let mut tf: HashMap<&str, u32> = HashMap::new();
        for t in &title_tokens {
            *tf.entry(t).or_insert(0) += 3;
        }
        for t in &body_tokens {
            *tf.entry(t).or_insert(0) += 1;
        }
        for (term, n) in tf {
            self.postings.entry(term.to_string()).or_default().push((id, n));
        }
        self.doc_len.insert(id, body_tokens.len() + title_tokens.len());
        self.titles.insert(id, title.to_string());
    }

    pub fn search(&self, query: &str, limit: usize) -> Vec<(u32, f64)> {
        let terms = tokenize(query);
        let Some(first) = terms.first() else { return Vec::new() };
        let docs_for = |t: &str| -> HashSet<u32> {
            self.postings.get(t).map(|p| p.iter().map(|&(d, _)| d).collect()).unwrap_or_default()
        };
        let mut candidates = docs_for(first);
        for t in &terms[1..] {
            let docs = docs_for(t);
            candidates.retain(|d| docs.contains(d));
        }
        let n_docs = self.doc_len.len() as f64;
        let mut scored: Vec<(u32, f64)> = candidates
            .into_iter()
            .map(|d| {
                let score = terms
                    .iter()
                    .map(|t| {
                        let p = &self.postings[t];
                        let tf = p.iter().find(|(id, _)| *id == d).map_or(0, |&(_, n)| n) as f64;
                        let idf = (n_docs / p.len() as f64).ln() + 1.0;
                        tf * idf / (self.doc_len[&d].max(1) as f64).sqrt()
                    })
                    .sum::<f64>();
                (d, score)
            })
            .collect();
        scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        scored
    }
}

pub trait DocLoader {
    async fn list(&self) -> Vec<u32>;
    async fn load(&self, id: u32) -> Option<(String, String)>;
}

pub struct WikiDump {
    pub raw: String,
}

impl DocLoader for WikiDump {
    async fn list(&self) -> Vec<u32> {
        (0..self.raw.split("\n---\n").count() as u32).collect()
    }
    async fn load(&self, id: u32) -> Option<(String, String)> {
        let doc = self.raw.split("\n---\n").nth(id as usize)?;
        let (title, body) = doc.split_once('\n').unwrap_or((doc, ""));
        Some((title.trim_start_matches("= ").trim_end_matches(" =").to_string(), body.to_string()))
    }
}

pub struct Crawler {
    pub pages: Vec<(&'static str, &'static str)>,
}

impl DocLoader for Crawler {
    async fn list(&self) -> Vec<u32> {
        rt::sleep(20).await;
        self.pages.iter().enumerate().filter(|(_, (url, _))| !url.contains("/private/")).map(|(i, _)| 1000 + i as u32).collect()
    }
    async fn load(&self, id: u32) -> Option<(String, String)> {
        rt::sleep(5).await;
        let &(url, html) = self.pages.get(id.checked_sub(1000)? as usize)?;
        let text: String = html.split('<').map(|seg| seg.split_once('>').map_or(seg, |(_, t)| t)).collect();
        Some((url.to_string(), text))
    }
}

pub async fn build_index<L: DocLoader>(loader: &L, index: Rc<RefCell<Index>>) -> usize {
    let mut added = 0;
    for id in loader.list().await {
        let Some((title, body)) = loader.load(id).await else { continue };
        index.borrow_mut().add(id, &title, &body);
        added += 1;
        if added % 100 == 0 {
            rt::sleep(0).await;
        }
    }
    added
}

pub async fn serve_query(index: &Rc<RefCell<Index>>, q: &str) -> Vec<String> {
    let idx = index.borrow();
    let hits = idx.search(q, 10);
    rt::sleep(1).await;
    hits.iter().map(|(id, score)| format!("{:.3} {}", score, idx.titles.get(id).map_or("?", String::as_str))).collect()
}

pub async fn rebuild(dump: WikiDump, crawler: Crawler) -> Vec<String> {
    let index = Rc::new(RefCell::new(Index::default()));
    let n = build_index(&dump, Rc::clone(&index)).await + build_index(&crawler, index.clone()).await;
    println!("indexed {n} documents");
    serve_query(&index, "async runtime design").await
}
