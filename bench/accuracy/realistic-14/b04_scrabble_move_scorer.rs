//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Word-game server: validates placed tiles against a lexicon, scores them on a
//! premium-square row, and suggests the best rack play for the hint button.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum PlayError {
    NotInRack(char),
    OffBoard { start: usize, len: usize },
    NotAWord(String),
}

trait Lexicon {
    async fn contains(&self, word: &str) -> bool;
    async fn all_valid(&self, words: &[&str]) -> Option<String> {
        for w in words {
            if !self.contains(w).await {
                return Some(w.to_string());
            }
        }
        None
    }
}

struct LocalLexicon(HashSet<String>);

struct RemoteLexicon {
    backing: Vec<&'static str>,
    cache: RefCell<HashMap<String, bool>>,
    lookups: Cell<u32>,
}

impl Lexicon for LocalLexicon {
    async fn contains(&self, word: &str) -> bool {
        self.0.contains(&word.to_ascii_uppercase())
    }
}

impl Lexicon for RemoteLexicon {
    async fn contains(&self, word: &str) -> bool {
        let key = word.to_ascii_uppercase();
        if let Some(hit) = self.cache.borrow().get(&key) {
            return *hit;
        }
        yield_now().await;
        self.lookups.set(self.lookups.get() + 1);
        let found = self.backing.binary_search(&key.as_str()).is_ok();
        self.cache.borrow_mut().insert(key, found);
        found
    }
}

fn letter_value(c: char) -> u32 {
    match c.to_ascii_uppercase() {
        'A' | 'E' | 'I' | 'O' | 'U' | 'L' | 'N' | 'S' | 'T' | 'R' => 1,
        'D' | 'G' => 2,
        'B' | 'C' | 'M' | 'P' => 3,
        'F' | 'H' | 'V' | 'W' | 'Y' => 4,
        'K' => 5,
        'J' | 'X' => 8,
        'Q' | 'Z' => 10,
        _ => 0,
    }
}

const ROW: &str = "T..d...T...d..T";

fn score_on_row(word: &str, start: usize) -> Result<u32, PlayError> {
    let Some(squares) = ROW.get(start..start + word.len()) else {
        return Err(PlayError::OffBoard { start, len: word.len() });
    };
    let mut word_mult = 1;
    let mut total = 0;
    for (sq, ch) in squares.chars().zip(word.chars()) {
        let v = letter_value(ch);
        total += match sq {
            'd' => v * 2,
            'T' => {
                word_mult *= 3;
                v
            }
            _ => v,
        };
    }
    let bingo = if word.len() >= 7 { 50 } else { 0 };
    Ok(total * word_mult + bingo)
}

async fn play<L: Lexicon>(lex: &L, rack: &str, word: &str, start: usize) -> Result<u32, PlayError> {
    let mut left: Vec<char> = rack.chars().collect();
    for c in word.chars() {
        let pos = left.iter().position(|r| *r == c).ok_or(PlayError::NotInRack(c))?;
        left.swap_remove(pos);
    }
    if let Some(bad) = lex.all_valid(&[word]).await {
        return Err(PlayError::NotAWord(bad));
    }
    score_on_row(word, start)
}

fn search<'a, L: Lexicon>(lex: &'a L, prefix: String, rest: Vec<char>, found: &'a RefCell<BTreeSet<String>>) -> Pin<Box<dyn Future<Output = ()> + 'a>> {
    Box::pin(async move {
        if prefix.len() >= 2 && lex.contains(&prefix).await {
            found.borrow_mut().insert(prefix.clone());
        }
        for i in 0..rest.len() {
            if rest[..i].contains(&rest[i]) {
                continue;
            }
            let mut next = rest.clone();
            let c = next.remove(i);
            search(lex, format!("{prefix}{c}"), next, found).await;
        }
    })
}

async fn best_hint<L: Lexicon>(lex: &L, rack: &str) -> Option<(String, usize, u32)> {
    let found = RefCell::new(BTreeSet::new());
    search(lex, String::new(), rack.chars().collect(), &found).await;
    let words = found.into_inner();
    words
        .iter()
        .flat_map(|w| (0..=ROW.len().saturating_sub(w.len())).map(move |s| (w.clone(), s)))
        .filter_map(|(w, s)| score_on_row(&w, s).ok().map(|sc| (w, s, sc)))
        .max_by_key(|t| (t.2, std::cmp::Reverse(t.1)))
}

pub fn main() {
    let words = ["AT", "CAT", "COAT", "TACO", "ACT", "OAT", "TO", "QAT", "TAO"];
    let local = LocalLexicon(words.iter().map(|w| w.to_string()).collect());
    let mut sorted = words.to_vec();
    sorted.sort();
    let remote = RemoteLexicon { backing: sorted, cache: RefCell::new(HashMap::new()), lookups: Cell::new(0) };

    for (w, s) in [("COAT", 0), ("TACO", 12), ("QAT", 1), ("COTA", 3), ("ZOO", 0)] {
        println!("local  {w}@{s}: {:?}", block_on(play(&local, "COATQ", w, s)));
    }
    println!("remote TACO@3: {:?}", block_on(play(&remote, "TACOX", "TACO", 3)));
    println!("hint local:  {:?}", block_on(best_hint(&local, "QATCO")));
    println!("hint remote: {:?}", block_on(best_hint(&remote, "TACO")));
    println!("remote lookups {} cached {}", remote.lookups.get(), remote.cache.borrow().len());
}
