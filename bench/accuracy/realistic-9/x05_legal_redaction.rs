//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Legal document redaction: scans filings for personal identifiers, checks privilege rules, and emits redacted copies.

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone_raw, noop, noop, noop);

fn clone_raw(_: *const ()) -> RawWaker {
    RawWaker::new(std::ptr::null(), &VTABLE)
}
fn noop(_: *const ()) {}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(clone_raw(std::ptr::null())) };
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

#[derive(Debug)]
enum RedactError {
    Sealed(String),
    Malformed { line: usize, reason: &'static str },
    Parse(std::num::ParseIntError),
}

impl fmt::Display for RedactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedactError::Sealed(id) => write!(f, "document {id} is sealed"),
            RedactError::Malformed { line, reason } => write!(f, "line {line}: {reason}"),
            RedactError::Parse(e) => write!(f, "parse: {e}"),
        }
    }
}

impl Error for RedactError {}

impl From<std::num::ParseIntError> for RedactError {
    fn from(e: std::num::ParseIntError) -> Self {
        RedactError::Parse(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Identifier {
    Ssn,
    Phone,
    Email,
    Name,
}

struct Matter {
    sealed: HashSet<String>,
    party_names: Vec<String>,
    privilege_log: Mutex<HashMap<String, usize>>,
}

async fn classify_token(token: &str, parties: &[String]) -> Option<Identifier> {
    Yield { left: 1 }.await;
    let digits = token.chars().filter(|c| c.is_ascii_digit()).count();
    if digits == 9 && token.matches('-').count() == 2 {
        Some(Identifier::Ssn)
    } else if digits >= 10 && token.chars().all(|c| c.is_ascii_digit() || "()-+.".contains(c)) {
        Some(Identifier::Phone)
    } else if let Some(at) = token.find('@')
        && token[at..].contains('.')
    {
        Some(Identifier::Email)
    } else if parties.iter().any(|p| token.trim_matches(|c: char| !c.is_alphabetic()) == p) {
        Some(Identifier::Name)
    } else {
        None
    }
}

async fn redact_line(line: &str, matter: &Matter) -> (String, Vec<Identifier>) {
    let mut out = String::with_capacity(line.len());
    let mut found = Vec::new();
    let mut words = line.split(' ').peekable();
    while let Some(w) = words.next() {
        match classify_token(w, &matter.party_names).await {
            Some(kind) => {
                found.push(kind);
                out.push_str(&"█".repeat(w.chars().count().min(8)));
            }
            None => out.push_str(w),
        }
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    (out, found)
}

async fn redact_document(doc_id: &str, body: &str, matter: &Matter) -> Result<String, RedactError> {
    if matter.sealed.contains(doc_id) {
        return Err(RedactError::Sealed(doc_id.to_string()));
    }
    let mut result = String::new();
    let mut counts: HashMap<Identifier, usize> = HashMap::new();
    let log_entry = async |tag: &str, n: usize| {
        Yield { left: 1 }.await;
        *matter.privilege_log.lock().unwrap().entry(tag.to_string()).or_insert(0) += n;
    };
    for (lineno, line) in body.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("#PRIV ") {
            let pages: usize = rest.trim().parse()?;
            log_entry(doc_id, pages).await;
            result.push_str("[PRIVILEGED SECTION WITHHELD]\n");
            continue;
        }
        if line.len() > 200 {
            return Err(RedactError::Malformed { line: lineno + 1, reason: "line too long" });
        }
        let (redacted, kinds) = redact_line(line, matter).await;
        for k in kinds {
            *counts.entry(k).or_default() += 1;
        }
        result.push_str(&redacted);
        result.push('\n');
    }
    let summary: Vec<String> = counts.iter().map(|(k, n)| format!("{k:?}={n}")).collect();
    Yield { left: 2 }.await;
    result.push_str(&format!("-- {} redactions ({})", counts.values().sum::<usize>(), summary.join(",")));
    Ok(result)
}

async fn process_batch(docs: &[(&str, &str)], matter: &Matter) -> Result<usize, Box<dyn Error>> {
    let mut ok = 0;
    for (id, body) in docs.iter() {
        match redact_document(id, body, matter).await {
            Ok(text) => {
                ok += 1;
                println!("== {id}\n{text}");
            }
            Err(RedactError::Sealed(id)) => {
                println!("== {id} skipped (sealed)");
                continue;
            }
            Err(e) => return Err(Box::new(e)),
        }
    }
    Ok(ok)
}

fn main() {
    let matter = Matter {
        sealed: HashSet::from(["EX-4".to_string()]),
        party_names: vec!["Whitfield".to_string(), "Okafor".to_string()],
        privilege_log: Mutex::new(HashMap::new()),
    };
    let docs = [
        ("EX-1", "Deposition of Whitfield, reachable at 555-123-4567 or jw@firm.com.\nSSN on file 123-45-6789."),
        ("EX-4", "sealed material"),
        ("EX-7", "Okafor testified.\n#PRIV 3\nNo further questions."),
    ];
    match block_on(process_batch(&docs, &matter)) {
        Ok(n) => println!("redacted {n} documents"),
        Err(e) => println!("batch failed: {e}"),
    }
    let bad = block_on(redact_document("EX-9", "#PRIV many", &matter));
    println!("bad priv: {}", bad.unwrap_err());
    let (line, kinds) = block_on(redact_line("call Okafor at 2125550100", &matter));
    println!("{line} {:?}", kinds);
    println!("privilege log: {:?}", matter.privilege_log.lock().unwrap());
}
