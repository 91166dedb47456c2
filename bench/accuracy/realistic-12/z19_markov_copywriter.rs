//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Placeholder-copy generator: tokenises a corpus streamed from async sources, builds an
//! order-2 Markov word chain with interned tokens and generates seeded sentences.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

type Tok = Rc<str>;
type Key = (Tok, Tok);

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[derive(Default)]
struct Chain { interner: HashSet<Tok>, next: HashMap<Key, BTreeMap<Tok, u32>>, starts: Vec<Key>, tokens_seen: usize }

impl Chain {
    fn intern(&mut self, s: &str) -> Tok {
        if let Some(t) = self.interner.get(s) { return Rc::clone(t); }
        let t: Tok = Rc::from(s);
        self.interner.insert(Rc::clone(&t));
        t
    }

    fn feed_sentence(&mut self, words: &[&str]) {
        if words.len() < 3 { return; }
        let toks: Vec<Tok> = words.iter().map(|w| self.intern(w)).collect();
        self.starts.push((Rc::clone(&toks[0]), Rc::clone(&toks[1])));
        for w in toks.windows(3) {
            *self.next.entry((Rc::clone(&w[0]), Rc::clone(&w[1]))).or_default().entry(Rc::clone(&w[2])).or_insert(0) += 1;
        }
        self.tokens_seen += toks.len();
    }
}

fn tokenize(text: &str) -> Vec<Vec<&str>> {
    let mut sentences = vec![Vec::new()];
    let mut start = None;
    for (i, ch) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let wordish = ch.is_alphanumeric() || ch == '\'' || ch == '-';
        match (start, wordish) {
            (None, true) => start = Some(i),
            (Some(s), false) => { sentences.last_mut().unwrap().push(&text[s..i]); start = None; }
            _ => {}
        }
        if matches!(ch, '.' | '!' | '?') {
            sentences.last_mut().unwrap().push(&text[i..i + 1]);
            sentences.push(Vec::new());
        }
    }
    sentences.retain(|s| !s.is_empty());
    sentences
}

trait CorpusSource {
    async fn next_chunk(&mut self) -> Option<String>;
    async fn read_all(&mut self) -> String {
        let mut all = String::new();
        while let Some(c) = self.next_chunk().await { all.push_str(&c); all.push(' '); }
        all
    }
}

struct InMemory { chunks: VecDeque<&'static str> }
struct LineFeed { text: &'static str, pos: usize, per_chunk: usize }

impl CorpusSource for InMemory {
    async fn next_chunk(&mut self) -> Option<String> {
        Yield(false).await;
        self.chunks.pop_front().map(str::to_string)
    }
}

impl CorpusSource for LineFeed {
    async fn next_chunk(&mut self) -> Option<String> {
        let lines: Vec<&str> = self.text.lines().skip(self.pos).take(self.per_chunk).collect();
        if lines.is_empty() { return None; }
        self.pos += lines.len();
        Yield(false).await;
        Some(lines.join(" "))
    }
}

async fn train<S: CorpusSource>(src: &mut S, chain: &mut Chain) -> usize {
    let text = src.read_all().await;
    let sentences = tokenize(&text);
    for (i, s) in sentences.iter().enumerate() {
        chain.feed_sentence(s);
        if i % 4 == 3 { Yield(false).await; }
    }
    sentences.len()
}

async fn generate(chain: &Chain, rng: &mut Lcg, max_words: usize) -> String {
    if chain.starts.is_empty() { return String::new(); }
    let (mut a, mut b) = chain.starts[rng.next() as usize % chain.starts.len()].clone();
    let mut out: Vec<Tok> = vec![Rc::clone(&a), Rc::clone(&b)];
    while out.len() < max_words {
        Yield(false).await;
        let Some(choices) = chain.next.get(&(Rc::clone(&a), Rc::clone(&b))) else { break };
        let total: u32 = choices.values().sum();
        let mut roll = (rng.next() % total as u64) as u32;
        let pick = choices.iter().find(|(_, &n)| { if roll < n { true } else { roll -= n; false } }).map(|(t, _)| Rc::clone(t)).unwrap();
        out.push(Rc::clone(&pick));
        if matches!(&*pick, "." | "!" | "?") { break; }
        a = std::mem::replace(&mut b, pick);
    }
    let mut s = String::new();
    for (i, t) in out.iter().enumerate() {
        if i > 0 && !matches!(&**t, "." | "!" | "?" ) { s.push(' '); }
        if i == 0 { s.extend(t.chars().take(1).flat_map(char::to_uppercase)); s.push_str(&t[t.chars().next().map_or(0, char::len_utf8)..]); } else { s.push_str(t); }
    }
    s
}

const BLURB: &str = "Our platform helps teams ship faster. Our platform helps leaders see clearly.
Teams ship faster when the tools stay out of the way. The tools stay simple and the teams stay happy.
Leaders see clearly when the data is fresh! When the data is fresh the teams ship with confidence.
Is the data fresh? The data is fresh because our platform syncs every minute.";

fn main() {
    let mut chain = Chain::default();
    let mut mem = InMemory { chunks: VecDeque::from(["Fresh coffee helps teams ship faster.", "Fresh coffee helps leaders wake up. Leaders wake up when the coffee is fresh."]) };
    let mut feed = LineFeed { text: BLURB, pos: 0, per_chunk: 2 };
    let n1 = block_on(train(&mut mem, &mut chain));
    let n2 = block_on(train(&mut feed, &mut chain));
    println!("sentences {n1}+{n2}, tokens {}, interned {}, states {}", chain.tokens_seen, chain.interner.len(), chain.next.len());
    let mut rng = Lcg(2024);
    for _ in 0..5 { println!("- {}", block_on(generate(&chain, &mut rng, 25))); }
    let paragraph = async |seed: u64, sentences: usize| -> String {
        let mut rng = Lcg(seed);
        let mut parts = Vec::with_capacity(sentences);
        for _ in 0..sentences { parts.push(generate(&chain, &mut rng, 18).await); }
        parts.join(" ")
    };
    println!("{}", block_on(paragraph(7, 3)));
    let top: Vec<(String, u32)> = {
        let mut v: Vec<(String, u32)> = chain.next.iter().map(|((a, b), m)| (format!("{a} {b}"), m.values().sum())).collect();
        v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        v.into_iter().take(3).collect()
    };
    println!("busiest states {top:?}; empty chain -> {:?}", block_on(generate(&Chain::default(), &mut rng, 5)));
}
