#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Search index builder: tokenize documents into an inverted index, then answer AND queries.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
struct Document {
    id: u32,
    title: String,
    body: String,
}

#[derive(Default)]
struct InvertedIndex {
    postings: HashMap<String, Vec<(u32, u16)>>,
    doc_lengths: HashMap<u32, usize>,
}

async fn fetch_docs(page: u32) -> Result<Vec<Document>, String> {
    if page > 2 {
        return Ok(Vec::new());
    }
    let body = "futures are lazy; polling drives state machines and wakers";
    Ok((0..3).map(|i| Document { id: page * 10 + i, title: format!("Async Rust part {}", i), body: body.into() }).collect())
}

async fn load_stopwords() -> HashSet<String> {
    ["a", "the", "and", "are", "of"].iter().map(|s| s.to_string()).collect()
}

fn tokenize<'a>(text: &'a str, stop: &HashSet<String>) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !stop.contains(w))
        .collect()
}

impl InvertedIndex {
    fn add(&mut self, doc: &Document, stop: &HashSet<String>) {
        let mut counts: HashMap<String, u16> = HashMap::new();
        let tokens = tokenize(&doc.title, stop).into_iter().chain(tokenize(&doc.body, stop));
        let mut len = 0;
        for t in tokens {
            *counts.entry(t).or_insert(0) += 1;
            len += 1;
        }
        self.doc_lengths.insert(doc.id, len);
        for (term, tf) in counts {
            self.postings.entry(term).or_default().push((doc.id, tf));
        }
    }

    fn query(&self, terms: &[&str]) -> Vec<u32> {
        let mut result: Option<HashSet<u32>> = None;
        for term in terms {
            let ids: HashSet<u32> = match self.postings.get(*term) {
                Some(p) => p.iter().map(|(id, _)| *id).collect(),
                None => return Vec::new(),
            };
            result = Some(match result {
                None => ids,
                Some(acc) => acc.intersection(&ids).copied().collect(),
            });
        }
        let mut v: Vec<u32> = result.unwrap_or_default().into_iter().collect();
        v.sort_unstable();
        v
    }
}

trait DocSource {
    async fn next_page(&mut self) -> Result<Vec<Document>, String>;
}

struct PagedApi { page: u32, max_pages: u32 }

impl DocSource for PagedApi {
    async fn next_page(&mut self) -> Result<Vec<Document>, String> {
        if self.page >= self.max_pages {
            return Ok(Vec::new());
        }
        let docs = fetch_docs(self.page).await?;
        self.page += 1;
        Ok(docs)
    }
}

async fn build_from_source(src: &mut PagedApi) -> Result<InvertedIndex, String> {
    let stop = load_stopwords().await;
    let mut index = InvertedIndex::default();
    while let Ok(docs) = src.next_page().await {
        if docs.is_empty() {
            break;
        }
        docs.iter().for_each(|d| index.add(d, &stop));
    }
    Ok(index)
}

async fn build_index(max_pages: u32) -> Result<InvertedIndex, String> {
    let stop = load_stopwords().await;
    let mut index = InvertedIndex::default();
    let mut page = 0;
    loop {
        if page >= max_pages {
            break;
        }
        let docs = fetch_docs(page).await?;
        if docs.is_empty() {
            break;
        }
        for doc in &docs {
            index.add(doc, &stop);
        }
        page += 1;
    }
    Ok(index)
}

pub async fn search_demo() -> usize {
    let index = match build_index(10).await {
        Ok(i) => i,
        Err(_) => return 0,
    };
    let hits = index.query(&["async", "wakers"]);
    let small = async {
        let mut src = PagedApi { page: 0, max_pages: 1 };
        build_from_source(&mut src).await.map(|i| i.doc_lengths.len()).unwrap_or(0)
    }
    .await;
    assert!(small <= index.doc_lengths.len());
    let stop = load_stopwords().await;
    let q: Vec<String> = tokenize("The state of futures", &stop);
    let q_refs: Vec<&str> = q.iter().map(|s| s.as_str()).collect();
    println!("{} docs, {} hits, {:?}", index.doc_lengths.len(), hits.len(), index.query(&q_refs));
    hits.len()
}
