//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

#[derive(Debug)]
enum ParseError {
    Int(ParseIntError),
    UnexpectedToken { line: usize, got: String },
    Eof,
}

impl From<ParseIntError> for ParseError {
    fn from(e: ParseIntError) -> Self {
        ParseError::Int(e)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Command {
    Set { key: String, value: i64 },
    Incr(String, i64),
    Del(String),
    Echo(Vec<String>),
}

struct ChunkSource {
    chunks: Vec<&'static str>,
    pos: usize,
}

impl ChunkSource {
    async fn next_chunk(&mut self) -> Option<&'static str> {
        let c = self.chunks.get(self.pos).copied();
        self.pos += 1;
        c
    }
}

struct LineReader {
    src: ChunkSource,
    buf: String,
}

impl LineReader {
    async fn read_line(&mut self) -> Option<String> {
        loop {
            if let Some(idx) = self.buf.find('\n') {
                let line: String = self.buf.drain(..=idx).collect();
                return Some(line.trim_end().to_string());
            }
            let Some(chunk) = self.src.next_chunk().await else {
                if self.buf.is_empty() {
                    return None;
                }
                return Some(std::mem::take(&mut self.buf));
            };
            self.buf.push_str(chunk);
        }
    }
}

struct Line<'a> {
    raw: &'a str,
}

impl<'a> Line<'a> {
    // 2024: RPIT captures all in-scope lifetimes without `+ '_`
    fn tokens(&self) -> impl Iterator<Item = &str> {
        self.raw.split_whitespace()
    }
}

fn parse_line(n: usize, raw: &str) -> Result<Option<Command>, ParseError> {
    let line = Line { raw };
    let mut toks = line.tokens();
    let Some(head) = toks.next() else { return Ok(None) };
    if head.starts_with('#') {
        return Ok(None);
    }
    let cmd = match head.to_ascii_uppercase().as_str() {
        "SET" => {
            let key = toks.next().ok_or(ParseError::Eof)?.to_string();
            let value = toks.next().ok_or(ParseError::Eof)?.parse::<i64>()?;
            Command::Set { key, value }
        }
        "INCR" => {
            let key = toks.next().ok_or(ParseError::Eof)?.to_string();
            let by = toks.next().map(|s| s.parse::<i64>()).transpose()?.unwrap_or(1);
            Command::Incr(key, by)
        }
        "DEL" => Command::Del(toks.next().ok_or(ParseError::Eof)?.to_string()),
        "ECHO" => Command::Echo(toks.map(str::to_string).collect()),
        other => return Err(ParseError::UnexpectedToken { line: n, got: other.to_string() }),
    };
    Ok(Some(cmd))
}

async fn parse_all(reader: &mut LineReader) -> Result<Vec<Command>, ParseError> {
    let mut out = Vec::new();
    let mut n = 0;
    while let Some(line) = reader.read_line().await {
        n += 1;
        if let Some(cmd) = parse_line(n, &line)? {
            out.push(cmd);
        }
    }
    Ok(out)
}

async fn execute(cmds: &[Command], store: &RefCell<HashMap<String, i64>>) -> Vec<String> {
    let mut log = Vec::new();
    for c in cmds {
        match c {
            Command::Set { key, value } => {
                store.borrow_mut().insert(key.clone(), *value);
            }
            Command::Incr(k, by) => {
                *store.borrow_mut().entry(k.clone()).or_insert(0) += by;
            }
            Command::Del(k) => {
                // 2024: the borrow_mut temporary in the scrutinee is dropped before else
                if let Some(old) = store.borrow_mut().remove(k) {
                    log.push(format!("deleted {}={}", k, old));
                } else {
                    log.push(format!("{} absent (len {})", k, store.borrow().len()));
                }
            }
            Command::Echo(words) => log.push(words.join(" ")),
        }
        std::future::ready(()).await;
    }
    log
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let src = ChunkSource {
        chunks: vec!["SET a 10\nIN", "CR a 5\n# comment\nDEL b\n", "ECHO hello  world\nDEL a\nINCR c"],
        pos: 0,
    };
    let mut reader = LineReader { src, buf: String::new() };
    let store = RefCell::new(HashMap::new());
    let program = async {
        let cmds = parse_all(&mut reader).await?;
        let log = execute(&cmds, &store).await;
        Ok::<_, ParseError>((cmds.len(), log))
    };
    match block_on(program) {
        Ok((n, log)) => {
            println!("{} commands", n);
            log.iter().for_each(|l| println!("  {}", l));
        }
        Err(e) => println!("error: {:?}", e),
    }
    let bad = parse_line(1, "SET x notanumber");
    if let Err(ParseError::Int(e)) = &bad
        && e.to_string().contains("invalid")
    {
        println!("bad int: {}", e);
    }
    println!("final store size {}", store.borrow().len());
}
