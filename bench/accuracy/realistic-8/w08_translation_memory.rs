//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Translation memory: segments source documents, looks up exact and fuzzy matches, and falls back to a machine-translation stub.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
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

#[derive(Debug, Clone, PartialEq)]
enum MatchKind {
    Exact,
    Fuzzy(u8),
    Machine,
}

#[derive(Debug, Clone)]
struct Unit {
    source: String,
    target: String,
    kind: MatchKind,
}

struct Memory {
    lang_pair: (&'static str, &'static str),
    entries: RefCell<HashMap<String, String>>,
    usage: RefCell<BTreeMap<String, u32>>,
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b_chars.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b_chars.len() + 1];
        for (j, cb) in b_chars.iter().enumerate() {
            let cost = if ca == *cb { 0 } else { 1 };
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b_chars.len()]
}

fn segment(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = doc.chars().peekable();
    while let Some(c) = chars.next() {
        cur.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().map_or(true, |n| n.is_whitespace()) {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

async fn machine_translate(src: &str, pair: (&str, &str)) -> String {
    Yield { left: 3 }.await;
    format!("<{}>{}", pair.1, src.to_uppercase())
}

async fn best_fuzzy(mem: &Memory, src: &str) -> Option<(String, u8)> {
    let candidates: Vec<(String, String)> = mem.entries.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut best: Option<(String, u8)> = None;
    for (i, (k, v)) in candidates.iter().enumerate() {
        if i % 2 == 1 {
            Yield { left: 1 }.await;
        }
        let dist = levenshtein(k, src);
        let longest = k.chars().count().max(src.chars().count()).max(1);
        let score = (100 - dist * 100 / longest) as u8;
        if score >= 75 && best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((v.clone(), score));
        }
    }
    best
}

async fn translate_segment(mem: &Memory, src: &str) -> Unit {
    if let Some(t) = mem.entries.borrow().get(src).cloned() {
        *mem.usage.borrow_mut().entry(src.to_string()).or_insert(0) += 1;
        return Unit { source: src.to_string(), target: t, kind: MatchKind::Exact };
    }
    Yield { left: 1 }.await;
    if let Some((t, score)) = best_fuzzy(mem, src).await
        && score >= 85
    {
        Unit { source: src.to_string(), target: t, kind: MatchKind::Fuzzy(score) }
    } else {
        let t = machine_translate(src, mem.lang_pair).await;
        Unit { source: src.to_string(), target: t, kind: MatchKind::Machine }
    }
}

async fn translate_document(mem: &Memory, doc: &str) -> (String, Vec<Unit>) {
    let mut units = Vec::new();
    for seg in segment(doc).iter() {
        let unit = translate_segment(mem, seg).await;
        units.push(unit);
    }
    let mut out = String::new();
    for u in units.iter() {
        out.push_str(&u.target);
        out.push(' ');
    }
    (out.trim_end().to_string(), units)
}

async fn commit_reviewed(mem: &Memory, units: &[Unit]) -> usize {
    let mut added = 0;
    for u in units.iter().filter(|u| u.kind != MatchKind::Exact) {
        Yield { left: 1 }.await;
        let reviewed = u.target.trim_start_matches("<de>").to_lowercase();
        mem.entries.borrow_mut().insert(u.source.clone(), reviewed);
        added += 1;
    }
    added
}

fn main() {
    let mem = Rc::new(Memory {
        lang_pair: ("en", "de"),
        entries: RefCell::new(HashMap::from([
            ("Press the power button.".to_string(), "Drücken Sie die Ein-Taste.".to_string()),
            ("Do not open the case.".to_string(), "Öffnen Sie das Gehäuse nicht.".to_string()),
        ])),
        usage: RefCell::new(BTreeMap::new()),
    });
    let doc = "Press the power button. Do not open the cases. Wait for the green light! Call support";
    let (text, units) = block_on(translate_document(&mem, doc));
    println!("{text}");
    let mut summary = String::new();
    for u in units.iter() {
        let _ = writeln!(summary, "  {:?}: {}", u.kind, &u.source[..u.source.len().min(18)]);
    }
    print!("{summary}");
    let added = block_on(commit_reviewed(&mem, &units));
    println!("memory now has {} entries (+{added})", mem.entries.borrow().len());
    let m = Rc::clone(&mem);
    let retranslate = async move |s: String| translate_segment(&m, &s).await.kind;
    println!("again: {:?}", block_on(retranslate("Call support".to_string())));
    println!("usage: {:?}", mem.usage.borrow());
}
