//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Paragraph typesetter for a docs site: hyphenates from a pattern dictionary, breaks
//! lines greedily or by minimum raggedness, and justifies each line to the column.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Strategy { Greedy, MinRagged }

#[derive(Debug)]
enum TypesetError { ZeroWidth, WordTooLong { word: String, width: usize } }

struct Hyphenator { dict: HashMap<&'static str, &'static str>, min_fragment: usize }

impl Hyphenator {
    fn pieces<'a>(&self, word: &'a str) -> Vec<Cow<'a, str>> {
        let key = word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        match self.dict.get(key.as_str()) {
            Some(pattern) if word.len() >= self.min_fragment * 2 => {
                let (prefix, rest) = word.split_at(word.find(|c: char| c.is_alphabetic()).unwrap_or(0));
                let mut out = Vec::new();
                let mut pos = prefix.len();
                let parts: Vec<&str> = pattern.split('-').collect();
                for (i, p) in parts.iter().enumerate() {
                    let end = if i + 1 == parts.len() { word.len() } else { pos + p.len() };
                    out.push(if i + 1 == parts.len() { Cow::Borrowed(&word[pos..end]) } else { Cow::Owned(format!("{}-", &word[pos..end])) });
                    pos = end;
                }
                if !prefix.is_empty() { out[0] = Cow::Owned(format!("{prefix}{}", out[0])); }
                out
            }
            _ => vec![Cow::Borrowed(word)],
        }
    }
}

fn greedy(words: &[&str], width: usize) -> Vec<(usize, usize)> {
    let (mut lines, mut start, mut len) = (Vec::new(), 0, 0);
    for (i, w) in words.iter().enumerate() {
        let add = if i == start { w.chars().count() } else { w.chars().count() + 1 };
        if len + add > width && i > start { lines.push((start, i)); start = i; len = w.chars().count(); } else { len += add; }
    }
    lines.push((start, words.len()));
    lines
}

fn min_ragged(words: &[&str], width: usize) -> Vec<(usize, usize)> {
    let n = words.len();
    let lens: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
    let mut best = vec![(u64::MAX, 0usize); n + 1];
    best[n] = (0, n);
    for i in (0..n).rev() {
        let mut len = 0;
        for j in i..n {
            len += lens[j] + (j > i) as usize;
            if len > width && j > i { break; }
            let slack = width.saturating_sub(len) as u64;
            let cost = if j + 1 == n { 0 } else { slack * slack };
            if best[j + 1].0 != u64::MAX && cost + best[j + 1].0 < best[i].0 { best[i] = (cost + best[j + 1].0, j + 1); }
        }
    }
    let (mut out, mut i) = (Vec::new(), 0);
    while i < n { out.push((i, best[i].1)); i = best[i].1; }
    out
}

fn justify(words: &[&str], width: usize, last: bool) -> String {
    let text_len: usize = words.iter().map(|w| w.chars().count()).sum();
    if last || words.len() == 1 { return words.join(" "); }
    let gaps = words.len() - 1;
    let spaces = width.saturating_sub(text_len);
    let mut s = String::with_capacity(width);
    for (i, w) in words.iter().enumerate() {
        s.push_str(w);
        if i < gaps { s.push_str(&" ".repeat(spaces / gaps + (i < spaces % gaps) as usize)); }
    }
    s
}

trait ParagraphSource {
    async fn next_paragraph(&mut self) -> Option<String>;
    async fn collect_all(&mut self, max: usize) -> Vec<String> {
        let mut v = Vec::new();
        while v.len() < max { match self.next_paragraph().await { Some(p) => v.push(p), None => break } }
        v
    }
}

struct MarkdownDoc { text: &'static str, cursor: usize }
struct CmsApi { queue: VecDeque<String>, latency: u8 }

impl ParagraphSource for MarkdownDoc {
    async fn next_paragraph(&mut self) -> Option<String> {
        let rest = &self.text[self.cursor..];
        let rest_trim = rest.trim_start_matches('\n');
        if rest_trim.is_empty() { return None; }
        let skipped = rest.len() - rest_trim.len();
        let end = rest_trim.find("\n\n").unwrap_or(rest_trim.len());
        self.cursor += skipped + end;
        Yield(false).await;
        Some(rest_trim[..end].lines().map(str::trim).collect::<Vec<_>>().join(" "))
    }
}

impl ParagraphSource for CmsApi {
    async fn next_paragraph(&mut self) -> Option<String> {
        for _ in 0..self.latency { Yield(false).await; }
        self.queue.pop_front()
    }
}

async fn typeset<S: ParagraphSource>(src: &mut S, width: usize, strat: Strategy, hy: &Hyphenator) -> Result<String, TypesetError> {
    if width == 0 { return Err(TypesetError::ZeroWidth); }
    let mut out = String::new();
    while let Some(para) = src.next_paragraph().await {
        let pieces: Vec<Cow<str>> = para.split_whitespace().flat_map(|w| hy.pieces(w)).collect();
        if let Some(w) = pieces.iter().find(|w| w.chars().count() > width) { return Err(TypesetError::WordTooLong { word: w.to_string(), width }); }
        let refs: Vec<&str> = pieces.iter().map(|c| c.as_ref()).collect();
        let breaks = match strat { Strategy::Greedy => greedy(&refs, width), Strategy::MinRagged => min_ragged(&refs, width) };
        for (k, &(a, b)) in breaks.iter().enumerate() {
            let mut line: Vec<String> = Vec::new();
            for (i, w) in refs[a..b].iter().enumerate() {
                match line.last_mut() { Some(prev) if prev.ends_with('-') && i > 0 && !w.is_empty() && refs[a + i - 1].ends_with('-') => { prev.pop(); prev.push_str(w); } _ => line.push(w.to_string()) }
            }
            let lr: Vec<&str> = line.iter().map(String::as_str).collect();
            let _ = writeln!(out, "|{:<width$}|", justify(&lr, width, k + 1 == breaks.len()), width = width);
        }
        out.push('\n');
        Yield(false).await;
    }
    Ok(out)
}

const DOC: &str = "Asynchronous typesetting lets the documentation pipeline render paragraphs while
other pages are still being fetched from the content repository.

Hyphenation improves justification considerably, especially for narrow columns on mobile devices.";

fn main() {
    let hy = Hyphenator { dict: HashMap::from([("asynchronous", "asyn-chro-nous"), ("typesetting", "type-set-ting"), ("documentation", "doc-u-men-ta-tion"), ("hyphenation", "hy-phen-ation"), ("justification", "jus-ti-fi-ca-tion"), ("considerably", "con-sid-er-ably"), ("repository", "re-pos-i-tory")]), min_fragment: 2 };
    for strat in [Strategy::Greedy, Strategy::MinRagged] {
        match block_on(typeset(&mut MarkdownDoc { text: DOC, cursor: 0 }, 28, strat, &hy)) { Ok(t) => print!("{strat:?}\n{t}"), Err(e) => println!("{e:?}") }
    }
    let mut cms = CmsApi { queue: VecDeque::from(vec!["Short note.".to_string(), "Supercalifragilisticexpialidocious words break layouts".to_string()]), latency: 2 };
    println!("{:?}", block_on(typeset(&mut cms, 20, Strategy::Greedy, &hy)).err());
    println!("{:?}", block_on(typeset(&mut CmsApi { queue: VecDeque::new(), latency: 0 }, 0, Strategy::Greedy, &hy)).err());
    let paras = block_on(MarkdownDoc { text: DOC, cursor: 0 }.collect_all(5));
    let widths = async |p: &str| -> Vec<(usize, usize)> {
        let mut res = Vec::new();
        for w in [20usize, 40, 60] {
            let mut src = CmsApi { queue: VecDeque::from(vec![p.to_string()]), latency: 1 };
            res.push((w, typeset(&mut src, w, Strategy::MinRagged, &hy).await.map(|t| t.lines().count()).unwrap_or(0)));
        }
        res
    };
    println!("{} paragraphs; line counts {:?}", paras.len(), block_on(widths(&paras[1])));
}
