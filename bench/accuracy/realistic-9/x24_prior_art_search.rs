#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Patent prior-art search: tokenizes claims, queries shard indexes for overlapping documents and ranks references.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

const STOPWORDS: [&str; 10] = ["a", "an", "the", "of", "and", "to", "wherein", "said", "comprising", "is"];

#[derive(Debug)]
enum SearchError {
    ShardUnavailable(usize),
    EmptyClaim(u32),
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::ShardUnavailable(s) => write!(f, "shard {s} unavailable"),
            SearchError::EmptyClaim(n) => write!(f, "claim {n} has no searchable terms"),
        }
    }
}

impl Error for SearchError {}

#[derive(Debug, Clone)]
struct Reference {
    pub_no: String,
    year: u16,
    abstract_text: String,
}

struct Shard {
    id: usize,
    online: bool,
    docs: Vec<Reference>,
    postings: HashMap<String, Vec<usize>>,
}

impl Shard {
    fn build(id: usize, docs: Vec<Reference>, online: bool) -> Shard {
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            for term in tokenize(&d.abstract_text) {
                let list = postings.entry(term).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Shard { id, online, docs, postings }
    }

    async fn query(&self, terms: &HashSet<String>, before_year: u16) -> Result<Vec<(String, usize)>, SearchError> {
        Yield { left: 1 }.await;
        if !self.online {
            return Err(SearchError::ShardUnavailable(self.id));
        }
        let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
        for t in terms.iter() {
            if let Some(list) = self.postings.get(t) {
                for &d in list {
                    *hits.entry(d).or_insert(0) += 1;
                }
            }
        }
        Yield { left: 1 }.await;
        Ok(hits
            .into_iter()
            .filter(|(d, _)| self.docs[*d].year < before_year)
            .map(|(d, n)| (self.docs[d].pub_no.clone(), n))
            .collect())
    }
}

fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() > 2 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

async fn search_claim(claim_no: u32, claim: &str, shards: &[Rc<Shard>], priority_year: u16) -> Result<Vec<(String, f32)>, SearchError> {
    let terms: HashSet<String> = tokenize(claim).into_iter().collect();
    if terms.is_empty() {
        return Err(SearchError::EmptyClaim(claim_no));
    }
    let mut scores: HashMap<String, f32> = HashMap::new();
    let mut failures = 0;
    for shard in shards {
        let hits = match shard.query(&terms, priority_year).await {
            Ok(h) => h,
            Err(SearchError::ShardUnavailable(id)) if failures == 0 => {
                failures += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        for (pub_no, n) in hits {
            *scores.entry(pub_no).or_insert(0.0) += n as f32 / terms.len() as f32;
        }
    }
    let mut ranked: Vec<(String, f32)> = scores.into_iter().filter(|(_, s)| *s >= 0.3).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ranked)
}

async fn search_application(claims_text: &str, shards: Vec<Rc<Shard>>, priority_year: u16) -> Result<String, Box<dyn Error>> {
    let mut report = String::new();
    let claims: Vec<(u32, &str)> = claims_text
        .lines()
        .filter_map(|l| {
            let (num, body) = l.split_once('.')?;
            Some((num.trim().parse().ok()?, body.trim()))
        })
        .collect();
    for (no, body) in claims.iter() {
        let snippet = &body[..body.len().min(32)];
        match search_claim(*no, body, &shards, priority_year).await {
            Ok(refs) if refs.is_empty() => report.push_str(&format!("claim {no} [{snippet}...]: novel\n")),
            Ok(refs) => {
                let top: Vec<String> = refs.iter().take(2).map(|(p, s)| format!("{p} ({s:.2})")).collect();
                report.push_str(&format!("claim {no} [{snippet}...]: {}\n", top.join(", ")));
            }
            Err(SearchError::EmptyClaim(n)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(report)
}

fn main() {
    let docs_a = vec![
        Reference { pub_no: "US7001234".into(), year: 2006, abstract_text: "A bicycle hub comprising a ratchet and pawls".into() },
        Reference { pub_no: "EP1889900".into(), year: 2009, abstract_text: "Solar-powered irrigation valve with moisture sensor".into() },
    ];
    let docs_b = vec![
        Reference { pub_no: "JP2012-55".into(), year: 2012, abstract_text: "Hub dynamo with ratchet freewheel and sealed bearings".into() },
        Reference { pub_no: "US9999001".into(), year: 2021, abstract_text: "Ratchet hub with magnetic pawls".into() },
    ];
    let shards = vec![Rc::new(Shard::build(0, docs_a, true)), Rc::new(Shard::build(1, docs_b, true)), Rc::new(Shard::build(2, vec![], false))];
    let claims = "1. A hub comprising a ratchet wherein the pawls are magnetic.\n2. The of and.\n3. A moisture sensor coupled to a valve.";
    match block_on(search_application(claims, shards.clone(), 2020)) {
        Ok(r) => print!("{r}"),
        Err(e) => println!("search failed: {e}"),
    }
    let terms: HashSet<String> = tokenize("sealed bearings").into_iter().collect();
    println!("{:?}", block_on(shards[1].query(&terms, 2030)).map_err(|e| e.to_string()));
    println!("{:?}", block_on(search_claim(9, "the and", &shards, 2020)).map_err(|e| e.to_string()));
}
