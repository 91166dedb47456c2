#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Spell checker: loads word-frequency dictionaries, indexes trigrams, and ranks suggestions for misspelled tokens.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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

#[derive(Debug, Clone)]
struct Suggestion {
    word: String,
    distance: usize,
    freq: u32,
}

#[derive(Debug)]
struct Issue {
    offset: usize,
    token: String,
    suggestions: Vec<Suggestion>,
}

struct Dictionary {
    words: Vec<(String, u32)>,
    lookup: HashMap<String, usize>,
    trigrams: HashMap<[char; 3], Vec<usize>>,
}

fn trigrams(word: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = std::iter::once('^').chain(word.chars()).chain(std::iter::once('$')).collect();
    padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

fn damerau(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 0..=a.len() {
        d[i][0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

fn fetch_wordlist(lang: &str) -> Pin<Box<dyn Future<Output = Option<String>> + '_>> {
    Box::pin(async move {
        Yield { left: 2 }.await;
        match lang {
            "en" => Some("the 500\nreceive 40\nrecipe 30\nbelieve 35\nseparate 20\ndefinitely 15\nweird 12\nwired 10\ntheir 60\nthere 70\nspell 8\nchecker 5\nis 300\na 400\nword 50\ni 200".to_string()),
            _ => None,
        }
    })
}

async fn load_dictionary(lang: &str) -> Result<Dictionary, String> {
    let text = fetch_wordlist(lang).await.ok_or_else(|| format!("no wordlist for {lang}"))?;
    let mut dict = Dictionary { words: Vec::new(), lookup: HashMap::new(), trigrams: HashMap::new() };
    for (n, line) in text.lines().enumerate() {
        let mut parts = line.split_whitespace();
        let (Some(w), Some(f)) = (parts.next(), parts.next()) else { continue };
        let freq: u32 = f.parse().map_err(|e| format!("line {}: {e}", n + 1))?;
        let idx = dict.words.len();
        dict.words.push((w.to_string(), freq));
        dict.lookup.insert(w.to_string(), idx);
        for t in trigrams(w) {
            dict.trigrams.entry(t).or_default().push(idx);
        }
        if n % 5 == 4 {
            Yield { left: 1 }.await;
        }
    }
    Ok(dict)
}

async fn suggest(dict: &Dictionary, token: &str, max: usize) -> Vec<Suggestion> {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for t in trigrams(token).iter() {
        if let Some(ids) = dict.trigrams.get(t) {
            for id in ids {
                *shared.entry(*id).or_insert(0) += 1;
            }
        }
    }
    Yield { left: 1 }.await;
    let mut cands: Vec<Suggestion> = shared
        .into_iter()
        .filter(|(_, n)| *n >= 1)
        .map(|(id, _)| {
            let (w, f) = &dict.words[id];
            Suggestion { word: w.clone(), distance: damerau(token, w), freq: *f }
        })
        .filter(|s| s.distance <= 2)
        .collect();
    cands.sort_by(|a, b| a.distance.cmp(&b.distance).then(b.freq.cmp(&a.freq)).then(a.word.cmp(&b.word)));
    cands.truncate(max);
    cands
}

async fn check_text(dict: &Dictionary, personal: Rc<RefCell<HashSet<String>>>, text: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut offset = 0;
    for raw in text.split(' ') {
        let start = offset;
        offset += raw.len() + 1;
        let token: String = raw.chars().filter(|c| c.is_alphabetic() || *c == '\'').collect::<String>().to_lowercase();
        if token.is_empty() || dict.lookup.contains_key(&token) {
            continue;
        }
        if personal.borrow().contains(&token) {
            continue;
        }
        let suggestions = suggest(dict, &token, 3).await;
        issues.push(Issue { offset: start, token, suggestions });
    }
    issues
}

async fn annotate(dict: &Dictionary, personal: Rc<RefCell<HashSet<String>>>, text: &str) -> String {
    let issues = check_text(dict, personal, text).await;
    let mut out = String::new();
    let mut last = 0;
    for issue in issues.iter() {
        out.push_str(&text[last..issue.offset]);
        let end = text[issue.offset..].find(' ').map_or(text.len(), |e| issue.offset + e);
        let best = issue.suggestions.first().map(|s| s.word.as_str()).unwrap_or("?");
        write!(out, "[{}→{}]", &text[issue.offset..end], best).unwrap();
        last = end;
        Yield { left: 1 }.await;
    }
    out.push_str(&text[last..]);
    out
}

fn main() {
    let dict = block_on(load_dictionary("en")).expect("dictionary");
    println!("{} words, {} trigrams", dict.words.len(), dict.trigrams.len());
    let personal = Rc::new(RefCell::new(HashSet::from(["rustc".to_string()])));
    let text = "Thier recipie is definately wierd, I beleive rustc is a word checkr";
    for issue in block_on(check_text(&dict, Rc::clone(&personal), text)).iter() {
        let s: Vec<String> = issue.suggestions.iter().map(|s| format!("{}({})", s.word, s.distance)).collect();
        println!("@{:>2} {:<11} {}", issue.offset, issue.token, s.join(", "));
    }
    println!("{}", block_on(annotate(&dict, personal, text)));
    println!("{:?}", block_on(load_dictionary("xx")).err());
}
