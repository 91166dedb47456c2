#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! JSON-with-comments formatter: tokenizes source files, validates structure, and re-emits them with canonical indentation.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt::{self, Write};
use std::future::Future;
use std::pin::{pin, Pin};
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
enum Tok {
    Open(char),
    Close(char),
    Colon,
    Comma,
    Str(String),
    Num(String),
    Word(String),
}

#[derive(Debug)]
enum FmtError {
    Lex { line: usize, col: usize, msg: String },
    Unbalanced { expected: Option<char>, found: char },
    Unclosed(usize),
    Sink(fmt::Error),
}

impl fmt::Display for FmtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FmtError::Lex { line, col, msg } => write!(f, "{line}:{col}: {msg}"),
            FmtError::Unbalanced { expected, found } => write!(f, "expected {:?}, found '{found}'", expected),
            FmtError::Unclosed(n) => write!(f, "{n} unclosed bracket(s)"),
            FmtError::Sink(e) => write!(f, "output error: {e}"),
        }
    }
}

impl Error for FmtError {}

impl From<fmt::Error> for FmtError {
    fn from(e: fmt::Error) -> Self {
        FmtError::Sink(e)
    }
}

async fn tokenize(src: &str) -> Result<Vec<Tok>, FmtError> {
    let mut toks = Vec::new();
    let (mut line, mut col) = (1usize, 0usize);
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
                if line % 4 == 0 {
                    Yield { left: 1 }.await;
                }
            }
            c if c.is_whitespace() => {}
            '/' if it.peek() == Some(&'/') => {
                while let Some(&n) = it.peek() {
                    if n == '\n' {
                        break;
                    }
                    it.next();
                }
            }
            '{' | '[' => toks.push(Tok::Open(c)),
            '}' | ']' => toks.push(Tok::Close(c)),
            ':' => toks.push(Tok::Colon),
            ',' => toks.push(Tok::Comma),
            '"' => {
                let mut s = String::new();
                loop {
                    match it.next() {
                        Some('\\') => {
                            s.push('\\');
                            s.extend(it.next());
                        }
                        Some('"') => break,
                        Some(ch) => s.push(ch),
                        None => return Err(FmtError::Lex { line, col, msg: "unterminated string".into() }),
                    }
                }
                toks.push(Tok::Str(s));
            }
            c if c == '-' || c.is_ascii_digit() => {
                let mut n = c.to_string();
                while let Some(&d) = it.peek() {
                    if !(d.is_ascii_digit() || d == '.' || d == 'e' || d == '-') {
                        break;
                    }
                    n.push(d);
                    it.next();
                }
                toks.push(Tok::Num(n));
            }
            c if c.is_ascii_alphabetic() => {
                let mut w = c.to_string();
                while let Some(&d) = it.peek().filter(|d| d.is_ascii_alphanumeric()) {
                    w.push(d);
                    it.next();
                }
                if !matches!(w.as_str(), "true" | "false" | "null") {
                    return Err(FmtError::Lex { line, col, msg: format!("unknown literal {w}") });
                }
                toks.push(Tok::Word(w));
            }
            other => return Err(FmtError::Lex { line, col, msg: format!("unexpected '{other}'") }),
        }
    }
    Ok(toks)
}

async fn emit<W>(toks: &[Tok], out: &mut W) -> Result<usize, FmtError>
where
    W: Write,
{
    let mut stack: Vec<char> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let depth = stack.len();
        match &toks[i] {
            Tok::Open(c) => {
                let empty = matches!(toks.get(i + 1), Some(Tok::Close(_)));
                out.write_char(*c)?;
                if !empty {
                    write!(out, "\n{}", "  ".repeat(depth + 1))?;
                }
                stack.push(if *c == '{' { '}' } else { ']' });
            }
            Tok::Close(c) => {
                let expected = stack.pop();
                if expected != Some(*c) {
                    return Err(FmtError::Unbalanced { expected, found: *c });
                }
                if !matches!(toks.get(i.wrapping_sub(1)), Some(Tok::Open(_))) {
                    write!(out, "\n{}", "  ".repeat(stack.len()))?;
                }
                out.write_char(*c)?;
            }
            Tok::Colon => out.write_str(": ")?,
            Tok::Comma => {
                if matches!(toks.get(i + 1), Some(Tok::Close(_))) {
                    i += 1;
                    continue;
                }
                write!(out, ",\n{}", "  ".repeat(depth))?;
            }
            Tok::Str(s) => write!(out, "\"{s}\"")?,
            Tok::Num(n) | Tok::Word(n) => out.write_str(n)?,
        }
        i += 1;
        if i % 16 == 0 {
            Yield { left: 1 }.await;
        }
    }
    if !stack.is_empty() {
        return Err(FmtError::Unclosed(stack.len()));
    }
    out.write_char('\n')?;
    Ok(toks.len())
}

struct LineCounter { lines: usize, bytes: usize }

impl Write for LineCounter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.lines += s.matches('\n').count();
        self.bytes += s.len();
        Ok(())
    }
}

async fn format_files(files: &BTreeMap<&str, &str>) -> Result<HashMap<String, String>, Box<dyn Error>> {
    let mut out = HashMap::new();
    for (name, src) in files.iter() {
        let toks = match tokenize(src).await {
            Ok(t) => t,
            Err(e) => {
                println!("{name}: skipped ({e})");
                continue;
            }
        };
        let mut buf = String::new();
        emit(&toks, &mut buf).await.map_err(|e| format!("{name}: {e}"))?;
        out.insert(name.to_string(), buf);
    }
    Ok(out)
}

fn main() {
    let mut files = BTreeMap::new();
    files.insert("app.jsonc", "{\"name\":\"svc\", // service name\n\"ports\":[8080,8443,],\"tls\":{\"enabled\":true,\"cert\":null},\"tags\":[]}");
    files.insert("bad.jsonc", "{\"a\": tru}");
    match block_on(format_files(&files)) {
        Ok(m) => print!("{}", m["app.jsonc"]),
        Err(e) => println!("error: {e}"),
    }
    files.insert("broken.jsonc", "{\"a\": [1, 2}");
    println!("{:?}", block_on(format_files(&files)).map(|m| m.len()).map_err(|e| e.to_string()));
    let toks = block_on(tokenize("[1, {\"k\": -2.5e3}]")).unwrap();
    let mut counter = LineCounter { lines: 0, bytes: 0 };
    let n = block_on(emit(&toks, &mut counter)).unwrap();
    println!("{n} tokens -> {} lines, {} bytes", counter.lines, counter.bytes);
}
