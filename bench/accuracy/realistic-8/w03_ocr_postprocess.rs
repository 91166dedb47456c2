//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! OCR post-processing: fixes common glyph confusions, rejoins hyphenated lines and checks words against a lexicon.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Mutex, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            break v;
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

const CONFUSIONS: [(char, char); 4] = [('0', 'o'), ('1', 'l'), ('5', 's'), ('|', 'l')];

#[derive(Debug, Default)]
struct PageStats {
    fixed_glyphs: usize,
    joined_hyphens: usize,
    unknown_words: Vec<String>,
}

struct Lexicon {
    words: RwLock<HashSet<String>>,
    suggestions: Mutex<HashMap<String, String>>,
}

async fn remote_lookup(word: &str) -> Option<String> {
    Yield { left: 2 }.await;
    match word {
        "recieve" => Some("receive".to_string()),
        "teh" => Some("the".to_string()),
        _ => None,
    }
}

async fn fix_glyphs(line: &str, stats: &mut PageStats) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let mut prev_alpha = false;
    while let Some(c) = chars.next() {
        let next_alpha = chars.peek().map(|n| n.is_alphabetic()).unwrap_or(false);
        if (prev_alpha || next_alpha)
            && let Some(&(_, fixed)) = CONFUSIONS.iter().find(|(bad, _)| *bad == c)
        {
            out.push(fixed);
            stats.fixed_glyphs += 1;
            prev_alpha = true;
            continue;
        }
        prev_alpha = c.is_alphabetic();
        out.push(c);
    }
    Yield { left: 1 }.await;
    out
}

async fn join_hyphenated(lines: Vec<String>, stats: &mut PageStats) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut carry = String::new();
    for line in lines.into_iter() {
        let mut current = std::mem::take(&mut carry);
        current.push_str(line.trim());
        if current.ends_with('-') && current.len() > 1 {
            current.pop();
            carry = current;
            stats.joined_hyphens += 1;
            Yield { left: 1 }.await;
            continue;
        }
        out.push(current);
    }
    if !carry.is_empty() {
        out.push(carry);
    }
    out
}

async fn correct_word(lex: &Lexicon, word: &str) -> Option<String> {
    let key = word.to_lowercase();
    if lex.words.read().unwrap().contains(&key) {
        return Some(word.to_string());
    }
    if let Some(s) = lex.suggestions.lock().unwrap().get(&key).cloned() {
        Yield { left: 1 }.await;
        Some(s)
    } else {
        let found = remote_lookup(&key).await;
        if let Some(ref f) = found {
            lex.suggestions.lock().unwrap().insert(key, f.clone());
        }
        found
    }
}

async fn process_page(lex: &Lexicon, raw: &str) -> (String, PageStats) {
    let mut stats = PageStats::default();
    let mut fixed_lines = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        fixed_lines.push(fix_glyphs(line, &mut stats).await);
    }
    let joined = join_hyphenated(fixed_lines, &mut stats).await;
    let mut text = String::new();
    for (i, line) in joined.iter().enumerate() {
        let mut words_out = Vec::new();
        for w in line.split_whitespace() {
            let bare: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            if bare.is_empty() {
                words_out.push(w.to_string());
                continue;
            }
            match correct_word(lex, &bare).await {
                Some(c) => words_out.push(c),
                None => {
                    stats.unknown_words.push(bare.clone());
                    words_out.push(format!("[{bare}?]"));
                }
            }
        }
        let _ = writeln!(text, "{:02}: {}", i + 1, words_out.join(" "));
    }
    (text, stats)
}

fn main() {
    let words: HashSet<String> = "the quick brown fox jumps over lazy dog we will receive all letters soon"
        .split(' ')
        .map(|s| s.to_string())
        .collect();
    let lex = Lexicon { words: RwLock::new(words), suggestions: Mutex::new(HashMap::new()) };
    lex.suggestions.lock().unwrap().insert("quikc".into(), "quick".into());
    let raw = "Teh quikc br0wn f0x jum-\nps 0ver the |azy dog\n\nWe wi1l recieve a11 1etters s00n\n";
    let (text, stats) = block_on(process_page(&lex, raw));
    print!("{text}");
    println!("{stats:?}");
    let one = block_on(correct_word(&lex, "teh"));
    println!("teh -> {one:?}");
    let retry = async |w: &str| correct_word(&lex, w).await.unwrap_or_else(|| w.to_uppercase());
    println!("{}", block_on(retry("zzz")));
}
