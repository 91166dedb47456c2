//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Log-alerting rule engine: compiles a small regex dialect into a Thompson NFA, caches
//! compiled rules and scans async log streams, counting matches per rule.

use std::{cell::RefCell, iter::Peekable, rc::Rc, str::Chars};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true; cx.waker().wake_by_ref(); Poll::Pending
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let (mut f, mut cx) = (Box::pin(f), Context::from_waker(Waker::noop()));
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone)]
enum Ast { Char(char), Any, Class(Vec<(char, char)>, bool), Concat(Vec<Ast>), Alt(Box<Ast>, Box<Ast>), Star(Box<Ast>), Plus(Box<Ast>), Opt(Box<Ast>) }

#[derive(Debug, PartialEq)]
enum RegexError { Unbalanced(usize), DanglingRepeat(char), BadClass(String), Trailing(char) }
struct Parser<'a> { it: Peekable<Chars<'a>>, depth: usize }

impl<'a> Parser<'a> {
    fn alt(&mut self) -> Result<Ast, RegexError> {
        let left = self.concat()?;
        if self.it.peek() == Some(&'|') { self.it.next(); return Ok(Ast::Alt(Box::new(left), Box::new(self.alt()?))); }
        Ok(left)
    }
    fn concat(&mut self) -> Result<Ast, RegexError> {
        let mut items = Vec::new();
        while let Some(&c) = self.it.peek() {
            if c == '|' || c == ')' { break; }
            let atom = self.atom()?;
            items.push(match self.it.peek() {
                Some('*') => { self.it.next(); Ast::Star(Box::new(atom)) }
                Some('+') => { self.it.next(); Ast::Plus(Box::new(atom)) }
                Some('?') => { self.it.next(); Ast::Opt(Box::new(atom)) }
                _ => atom,
            });
        }
        Ok(Ast::Concat(items))
    }
    fn atom(&mut self) -> Result<Ast, RegexError> {
        match self.it.next().unwrap() {
            '(' => { self.depth += 1; let inner = self.alt()?; if self.it.next() != Some(')') { return Err(RegexError::Unbalanced(self.depth)); } self.depth -= 1; Ok(inner) }
            '.' => Ok(Ast::Any),
            c @ ('*' | '+' | '?') => Err(RegexError::DanglingRepeat(c)),
            '\\' => match self.it.next() {
                Some('d') => Ok(Ast::Class(vec![('0', '9')], false)),
                Some('w') => Ok(Ast::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false)),
                Some('s') => Ok(Ast::Class(vec![(' ', ' '), ('\t', '\t')], false)),
                Some(c) => Ok(Ast::Char(c)),
                None => Err(RegexError::Trailing('\\')),
            },
            '[' => {
                let negated = self.it.peek() == Some(&'^') && self.it.next().is_some();
                let body: String = self.it.by_ref().take_while(|&c| c != ']').collect();
                let chars: Vec<char> = body.chars().collect();
                let (mut ranges, mut i) = (Vec::new(), 0);
                while i < chars.len() {
                    if i + 2 < chars.len() && chars[i + 1] == '-' { ranges.push((chars[i], chars[i + 2])); i += 3; } else { ranges.push((chars[i], chars[i])); i += 1; }
                }
                if ranges.is_empty() || ranges.iter().any(|(a, b)| a > b) { return Err(RegexError::BadClass(body)); }
                Ok(Ast::Class(ranges, negated))
            }
            c => Ok(Ast::Char(c)),
        }
    }
}

#[derive(Debug, Clone)]
enum State { Char(char, usize), Any(usize), Class(Vec<(char, char)>, bool, usize), Split(usize, usize), Match }

#[derive(Debug)]
struct Nfa { states: Vec<State>, start: usize }
fn compile(ast: &Ast, next: usize, s: &mut Vec<State>) -> usize {
    let mut push = |st: State, s: &mut Vec<State>| { s.push(st); s.len() - 1 };
    match ast {
        Ast::Char(c) => push(State::Char(*c, next), s),
        Ast::Any => push(State::Any(next), s),
        Ast::Class(r, neg) => push(State::Class(r.clone(), *neg, next), s),
        Ast::Concat(items) => items.iter().rev().fold(next, |n, a| compile(a, n, s)),
        Ast::Alt(a, b) => { let x = compile(a, next, s); let y = compile(b, next, s); push(State::Split(x, y), s) }
        Ast::Star(a) => { let split = push(State::Split(0, next), s); let body = compile(a, split, s); s[split] = State::Split(body, next); split }
        Ast::Plus(a) => { let split = push(State::Split(0, next), s); let body = compile(a, split, s); s[split] = State::Split(body, next); body }
        Ast::Opt(a) => { let body = compile(a, next, s); push(State::Split(body, next), s) }
    }
}

impl Nfa {
    fn new(pattern: &str) -> Result<Nfa, RegexError> {
        let mut p = Parser { it: pattern.chars().peekable(), depth: 0 };
        let ast = p.alt()?;
        if let Some(c) = p.it.next() { return Err(if c == ')' { RegexError::Unbalanced(0) } else { RegexError::Trailing(c) }); }
        let mut states = vec![State::Match];
        let start = compile(&ast, 0, &mut states);
        Ok(Nfa { states, start })
    }
    fn closure(&self, i: usize, set: &mut HashSet<usize>) {
        if set.insert(i) { if let State::Split(a, b) = self.states[i] { self.closure(a, set); self.closure(b, set); } }
    }
    fn is_match(&self, text: &str) -> bool {
        let mut cur = HashSet::new();
        self.closure(self.start, &mut cur);
        for ch in text.chars() {
            if cur.iter().any(|&i| matches!(self.states[i], State::Match)) { return true; }
            let mut next = HashSet::new();
            for &i in &cur {
                let to = match &self.states[i] {
                    State::Char(c, n) if *c == ch => Some(*n),
                    State::Any(n) => Some(*n),
                    State::Class(r, neg, n) if r.iter().any(|(a, b)| (*a..=*b).contains(&ch)) != *neg => Some(*n),
                    _ => None,
                };
                if let Some(n) = to { self.closure(n, &mut next); }
            }
            self.closure(self.start, &mut next);
            cur = next;
        }
        cur.iter().any(|&i| matches!(self.states[i], State::Match))
    }
}

#[derive(Default)]
struct Engine { cache: RefCell<HashMap<String, Rc<Nfa>>>, compiles: RefCell<u32> }

impl Engine {
    fn get(&self, pattern: &str) -> Result<Rc<Nfa>, RegexError> {
        if let Some(n) = self.cache.borrow().get(pattern) { return Ok(Rc::clone(n)); }
        let nfa = Rc::new(Nfa::new(pattern)?);
        *self.compiles.borrow_mut() += 1;
        self.cache.borrow_mut().insert(pattern.to_string(), Rc::clone(&nfa));
        Ok(nfa)
    }
}

trait LogStream {
    async fn next_line(&mut self) -> Option<String>;
    async fn take_batch(&mut self, n: usize) -> Vec<String> {
        let mut v = Vec::with_capacity(n);
        while v.len() < n { match self.next_line().await { Some(l) => v.push(l), None => break } } v
    }
}

struct FileTail { lines: VecDeque<&'static str> }
struct Synthetic { n: u32, max: u32 }
impl LogStream for FileTail { async fn next_line(&mut self) -> Option<String> { Yield(false).await; self.lines.pop_front().map(String::from) } }
impl LogStream for Synthetic {
    async fn next_line(&mut self) -> Option<String> {
        if self.n >= self.max { return None; }
        self.n += 1;
        Yield(false).await;
        Some(format!("host{} sshd: Failed password for user{} from 10.0.{}.{}", self.n % 3, self.n % 5, self.n % 7, self.n * 13 % 255))
    }
}

async fn scan<S: LogStream>(engine: &Engine, stream: &mut S, rules: &[(&str, &str)]) -> Result<BTreeMap<String, u32>, RegexError> {
    let compiled: Vec<(&str, Rc<Nfa>)> = rules.iter().map(|(name, pat)| engine.get(pat).map(|n| (*name, n))).collect::<Result<_, _>>()?;
    let mut counts: BTreeMap<String, u32> = rules.iter().map(|(n, _)| (n.to_string(), 0)).collect();
    loop {
        let batch = stream.take_batch(4).await;
        if batch.is_empty() { break; }
        for line in &batch { for (name, _) in compiled.iter().filter(|(_, n)| n.is_match(line)) { *counts.get_mut(*name).unwrap() += 1; } }
    }
    Ok(counts)
}

const RULES: [(&str, &str); 4] = [("http5xx", "HTTP/1\\.1\" 5\\d\\d"), ("ssh_fail", "Failed password for (root|admin)"), ("oom", "[Oo]ut of memory|OOM"), ("ip_10", "from 10\\.\\d+\\.\\d+\\.\\d+")];

fn main() {
    let engine = Engine::default();
    let mut tail = FileTail { lines: VecDeque::from([
        "GET /api HTTP/1.1\" 200 512", "GET /api HTTP/1.1\" 503 0", "kernel: Out of memory: Killed process 812",
        "sshd: Failed password for root from 10.1.2.3", "sshd: Failed password for alice from 192.168.0.9", "POST /x HTTP/1.1\" 500 12", "systemd: OOM killer",
    ]) };
    println!("tail {:?}", block_on(scan(&engine, &mut tail, &RULES)));
    println!("synthetic {:?}", block_on(scan(&engine, &mut Synthetic { n: 0, max: 30 }, &RULES)));
    println!("compiles {} (cached {})", engine.compiles.borrow(), engine.cache.borrow().len());
    for bad in ["(ab", "a|*", "[z-a]", "ab)", "x\\"] { println!("{bad:>6}: {:?}", Nfa::new(bad).err()); }
    let check = async |pat: &str, inputs: &[&str]| -> Result<Vec<bool>, RegexError> {
        let nfa = engine.get(pat)?;
        let mut v = Vec::new();
        for i in inputs { Yield(false).await; v.push(nfa.is_match(i)); }
        Ok(v)
    };
    println!("{:?}", block_on(check("colou?r[^s]", &["color!", "colours", "a colour."])));
    println!("{:?}", block_on(check("(ab)+c", &["xababc", "ac", "abab"])));
}
