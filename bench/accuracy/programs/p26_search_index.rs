#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Document {
    id: u32,
    title: String,
    body: String,
}

struct Index {
    postings: HashMap<String, Vec<(u32, u16)>>,
    doc_count: u32,
}

async fn fetch_document(id: u32) -> Option<Document> {
    if id % 4 == 3 {
        return None;
    }
    Some(Document { id, title: format!("Doc {}", id), body: "async rust futures poll wake async".to_string() })
}

async fn yield_now() {}

fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(|w| w.to_lowercase())
        .collect()
}

impl Index {
    async fn add(&mut self, doc: &Document) {
        let mut counts: HashMap<String, u16> = HashMap::new();
        for tok in tokenize(&doc.title).into_iter().chain(tokenize(&doc.body)) {
            *counts.entry(tok).or_insert(0) += 1;
        }
        for (term, tf) in counts {
            self.postings.entry(term).or_default().push((doc.id, tf));
        }
        self.doc_count += 1;
        if self.doc_count % 100 == 0 {
            yield_now().await;
        }
    }

    async fn search(&self, query: &str, limit: usize) -> Vec<(u32, f32)> {
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for term in tokenize(query) {
            let Some(list) = self.postings.get(&term) else { continue };
            let idf = (self.doc_count as f32 / list.len() as f32).ln() + 1.0;
            for &(doc, tf) in list {
                *scores.entry(doc).or_insert(0.0) += tf as f32 * idf;
            }
            yield_now().await;
        }
        let mut ranked: Vec<(u32, f32)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
    }
}

async fn build_index(ids: std::ops::RangeInclusive<u32>) -> (Index, Vec<u32>) {
    let mut index = Index { postings: HashMap::new(), doc_count: 0 };
    let mut missing = Vec::new();
    for id in ids {
        match fetch_document(id).await {
            Some(doc) => index.add(&doc).await,
            None => missing.push(id),
        }
    }
    (index, missing)
}

async fn search_service(queries: &[&str]) -> Vec<String> {
    let (index, missing) = build_index(1..=20).await;
    println!("indexed {} docs, {} missing", index.doc_count, missing.len());
    let mut results = Vec::new();
    for q in queries {
        let hits = index.search(q, 3).await;
        let titles: Vec<String> = {
            let mut t = Vec::new();
            for (id, score) in &hits {
                if let Some(doc) = fetch_document(*id).await {
                    t.push(format!("{} ({:.2})", doc.title, score));
                }
            }
            t
        };
        results.push(format!("{} => [{}]", q, titles.join(", ")));
    }
    results
}
