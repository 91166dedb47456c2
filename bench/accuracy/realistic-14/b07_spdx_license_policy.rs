//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Dependency license gate: parses SPDX expressions from a lockfile-style manifest and
//! evaluates them against an organisation's allow/deny policy before a release ships.

use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug)]
enum LicenseError {
    Parse { pkg: String, at: usize, msg: &'static str },
    Manifest(usize),
}

#[derive(Debug, Clone)]
enum Expr {
    Id(String),
    With(String, String),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

struct Parser<'a> { toks: Vec<&'a str>, pos: usize }

fn tokenize(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in src.char_indices() {
        match c {
            '(' | ')' | ' ' => {
                if let Some(s) = start.take() { out.push(&src[s..i]); }
                if c != ' ' { out.push(&src[i..i + 1]); }
            }
            _ if start.is_none() => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start { out.push(&src[s..]); }
    out
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a str> { self.toks.get(self.pos).copied() }
    fn bump(&mut self) -> Option<&'a str> { let t = self.peek(); self.pos += 1; t }

    fn or_expr(&mut self) -> Result<Expr, (usize, &'static str)> {
        let mut lhs = self.and_expr()?;
        while self.peek() == Some("OR") {
            self.bump();
            lhs = Expr::Or(Box::new(lhs), Box::new(self.and_expr()?));
        }
        Ok(lhs)
    }
    fn and_expr(&mut self) -> Result<Expr, (usize, &'static str)> {
        let mut lhs = self.atom()?;
        while self.peek() == Some("AND") {
            self.bump();
            lhs = Expr::And(Box::new(lhs), Box::new(self.atom()?));
        }
        Ok(lhs)
    }
    fn atom(&mut self) -> Result<Expr, (usize, &'static str)> {
        match self.bump() {
            Some("(") => {
                let e = self.or_expr()?;
                if self.bump() != Some(")") { return Err((self.pos, "unclosed paren")); }
                Ok(e)
            }
            Some(t) if t == ")" || t == "AND" || t == "OR" || t == "WITH" => Err((self.pos, "unexpected operator")),
            Some(id) if self.peek() == Some("WITH") => {
                self.bump();
                let exc = self.bump().ok_or((self.pos, "missing exception"))?;
                Ok(Expr::With(id.to_string(), exc.to_string()))
            }
            Some(id) => Ok(Expr::Id(id.to_string())),
            None => Err((self.pos, "unexpected end")),
        }
    }
}

struct Policy {
    allowed: HashSet<&'static str>,
    exceptions: HashSet<&'static str>,
    audit: Mutex<Vec<String>>,
}

impl Policy {
    async fn permits(&self, id: &str) -> bool {
        yield_now().await;
        let ok = self.allowed.contains(id);
        self.audit.lock().unwrap().push(format!("{id}:{ok}"));
        ok
    }
}

fn evaluate<'a>(policy: &'a Policy, e: &'a Expr) -> Pin<Box<dyn Future<Output = Option<String>> + 'a>> {
    Box::pin(async move {
        match e {
            Expr::Id(id) => policy.permits(id).await.then(|| id.clone()),
            Expr::With(id, exc) if policy.exceptions.contains(exc.as_str()) => Some(format!("{id} WITH {exc}")),
            Expr::With(id, _) => policy.permits(id).await.then(|| id.clone()),
            Expr::And(a, b) => {
                let l = evaluate(policy, a).await?;
                let r = evaluate(policy, b).await?;
                Some(format!("{l} AND {r}"))
            }
            Expr::Or(a, b) => match evaluate(policy, a).await {
                Some(pick) => Some(pick),
                None => evaluate(policy, b).await,
            },
        }
    })
}

async fn gate(policy: &Policy, manifest: &str) -> Result<BTreeMap<String, Option<String>>, LicenseError> {
    let mut verdicts = BTreeMap::new();
    for (n, line) in manifest.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let mut cols = line.splitn(3, ' ');
        let (Some(name), Some(ver), Some(lic)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(LicenseError::Manifest(n + 1));
        };
        let pkg = format!("{name}@{ver}");
        let mut p = Parser { toks: tokenize(lic), pos: 0 };
        let expr = p.or_expr().map_err(|(at, msg)| LicenseError::Parse { pkg: pkg.clone(), at, msg })?;
        if p.pos != p.toks.len() {
            return Err(LicenseError::Parse { pkg, at: p.pos, msg: "trailing tokens" });
        }
        verdicts.insert(pkg, evaluate(policy, &expr).await);
    }
    Ok(verdicts)
}

pub fn main() {
    let policy = Policy {
        allowed: ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC"].into_iter().collect(),
        exceptions: ["LLVM-exception"].into_iter().collect(),
        audit: Mutex::new(Vec::new()),
    };
    let manifest = "serde 1.0.200 MIT OR Apache-2.0
ring 0.17.8 MIT AND ISC AND (OpenSSL OR BSD-3-Clause)
gnu-thing 2.1.0 GPL-3.0-only
wasm-tools 1.2.0 Apache-2.0 WITH LLVM-exception
odd 0.1.0 (LGPL-2.1 OR GPL-2.0) AND MIT";
    match block_on(gate(&policy, manifest)) {
        Ok(v) => {
            for (pkg, pick) in &v {
                println!("{pkg:<18} {}", pick.as_deref().unwrap_or("REJECTED"));
            }
            println!("rejected: {}", v.values().filter(|p| p.is_none()).count());
        }
        Err(e) => println!("gate error: {e:?}"),
    }
    for bad in ["x 1 MIT AND", "y 2 (MIT", "z 3 MIT Apache-2.0", "lonely"] {
        println!("{bad:<20} {:?}", block_on(gate(&policy, bad)).err());
    }
    println!("audit entries: {}", policy.audit.lock().unwrap().len());
}
