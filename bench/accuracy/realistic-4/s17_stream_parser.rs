//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Incremental RESP protocol parser over a chunked async byte stream, feeding a tiny command executor.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct WouldBlock(bool);

impl Future for WouldBlock {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum ProtoError {
    Eof,
    BadPrefix(u8),
    BadLength(String),
    TooDeep(usize),
    Utf8,
}

impl From<std::string::FromUtf8Error> for ProtoError {
    fn from(_: std::string::FromUtf8Error) -> Self {
        ProtoError::Utf8
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Simple(String),
    Error(String),
    Int(i64),
    Bulk(Option<Vec<u8>>),
    Array(Vec<Value>),
}

trait ChunkSource {
    async fn next_chunk(&mut self) -> Option<Vec<u8>>;
}

struct Scripted {
    chunks: Vec<&'static [u8]>,
    pos: usize,
}

impl ChunkSource for Scripted {
    async fn next_chunk(&mut self) -> Option<Vec<u8>> {
        WouldBlock(false).await;
        let c = self.chunks.get(self.pos)?;
        self.pos += 1;
        Some(c.to_vec())
    }
}

struct Conn<S> {
    src: S,
    buf: Vec<u8>,
    reads: u32,
}

impl<S: ChunkSource> Conn<S> {
    async fn fill(&mut self) -> Result<(), ProtoError> {
        let chunk = self.src.next_chunk().await.ok_or(ProtoError::Eof)?;
        self.reads += 1;
        self.buf.extend_from_slice(&chunk);
        Ok(())
    }

    async fn read_line(&mut self) -> Result<String, ProtoError> {
        loop {
            if let Some(pos) = self.buf.windows(2).position(|w| w == b"\r\n") {
                let line: Vec<u8> = self.buf.drain(..pos + 2).take(pos).collect();
                return Ok(String::from_utf8(line)?);
            }
            self.fill().await?;
        }
    }

    async fn read_exact(&mut self, n: usize) -> Result<Vec<u8>, ProtoError> {
        while self.buf.len() < n + 2 {
            self.fill().await?;
        }
        let data: Vec<u8> = self.buf.drain(..n).collect();
        self.buf.drain(..2);
        Ok(data)
    }

    async fn at_eof(&mut self) -> bool {
        self.buf.is_empty() && self.fill().await.is_err()
    }
}

fn parse_len(s: &str) -> Result<i64, ProtoError> {
    s.parse::<i64>().map_err(|_| ProtoError::BadLength(s.to_string()))
}

fn read_value<'a, S: ChunkSource>(conn: &'a mut Conn<S>, depth: usize) -> Pin<Box<dyn Future<Output = Result<Value, ProtoError>> + 'a>> {
    Box::pin(async move {
        if depth > 4 {
            return Err(ProtoError::TooDeep(depth));
        }
        let line = conn.read_line().await?;
        let (&prefix, rest) = line.as_bytes().split_first().ok_or(ProtoError::BadPrefix(b' '))?;
        let rest = std::str::from_utf8(rest).map_err(|_| ProtoError::Utf8)?;
        let value = match prefix {
            b'+' => Value::Simple(rest.to_string()),
            b'-' => Value::Error(rest.to_string()),
            b':' => Value::Int(parse_len(rest)?),
            b'$' => match parse_len(rest)? {
                -1 => Value::Bulk(None),
                n if n >= 0 => Value::Bulk(Some(conn.read_exact(n as usize).await?)),
                _ => return Err(ProtoError::BadLength(rest.to_string())),
            },
            b'*' => {
                let n = parse_len(rest)?;
                let mut items = Vec::with_capacity(n.max(0) as usize);
                for _ in 0..n {
                    items.push(read_value(conn, depth + 1).await?);
                }
                Value::Array(items)
            }
            other => return Err(ProtoError::BadPrefix(other)),
        };
        Ok(value)
    })
}

fn as_args(v: Value) -> Option<Vec<String>> {
    let Value::Array(items) = v else { return None };
    items
        .into_iter()
        .map(|i| match i {
            Value::Bulk(Some(b)) => String::from_utf8(b).ok(),
            Value::Simple(s) => Some(s),
            _ => None,
        })
        .collect()
}

struct Executor {
    data: HashMap<String, String>,
}

impl Executor {
    async fn exec(&mut self, args: &[String]) -> Value {
        WouldBlock(false).await;
        let Some((cmd, rest)) = args.split_first() else {
            return Value::Error("ERR empty command".into());
        };
        match (cmd.to_ascii_uppercase().as_str(), rest) {
            ("PING", []) => Value::Simple("PONG".into()),
            ("SET", [k, v]) => {
                self.data.insert(k.clone(), v.clone());
                Value::Simple("OK".into())
            }
            ("GET", [k]) => Value::Bulk(self.data.get(k).map(|v| v.clone().into_bytes())),
            ("INCR", [k]) => {
                let cur = self.data.get(k).map(String::as_str).unwrap_or("0");
                match cur.parse::<i64>() {
                    Ok(n) => {
                        self.data.insert(k.clone(), (n + 1).to_string());
                        Value::Int(n + 1)
                    }
                    Err(_) => Value::Error("ERR value is not an integer".into()),
                }
            }
            ("MGET", keys) if !keys.is_empty() => Value::Array(keys.iter().map(|k| Value::Bulk(self.data.get(k).map(|v| v.as_bytes().to_vec()))).collect()),
            (other, _) => Value::Error(format!("ERR unknown command '{}'", other.to_lowercase())),
        }
    }
}

async fn serve<S: ChunkSource>(conn: &mut Conn<S>, exec: &mut Executor) -> (Vec<String>, Option<ProtoError>) {
    let mut replies = Vec::new();
    loop {
        if conn.at_eof().await {
            return (replies, None);
        }
        let value = match read_value(conn, 0).await {
            Ok(v) => v,
            Err(e) => return (replies, Some(e)),
        };
        if let Some(args) = as_args(value.clone()) && !args.is_empty() {
            let reply = exec.exec(&args).await;
            replies.push(format!("{} -> {:?}", args.join(" "), reply));
        } else {
            replies.push(format!("ignored {value:?}"));
        }
    }
}

fn main() {
    let chunks: Vec<&'static [u8]> = vec![
        b"*1\r\n$4\r\nPI", b"NG\r\n*3\r\n$3\r\nSET\r\n$6\r\nvisi", b"ts\r\n$2\r\n41\r\n",
        b"*2\r\n$4\r\nINCR\r\n$6\r\nvisits\r\n*2\r\n$3\r\nGET\r\n$6\r\nvisits\r", b"\n",
        b"*3\r\n$4\r\nMGET\r\n$6\r\nvisits\r\n$4\r\nnope\r\n+PING\r\n*1\r\n$5\r\nFLUSH\r\n",
        b"*2\r\n$4\r\nINCR\r\n$2\r\nxx\r\n",
    ];
    let mut conn = Conn { src: Scripted { chunks, pos: 0 }, buf: Vec::new(), reads: 0 };
    let mut exec = Executor { data: HashMap::new() };
    let (replies, err) = block_on(serve(&mut conn, &mut exec));
    for r in &replies {
        println!("{r}");
    }
    println!("reads={} err={err:?}", conn.reads);

    let mut bad = Conn { src: Scripted { chunks: vec![b"*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n", b"!oops\r\n"], pos: 0 }, buf: Vec::new(), reads: 0 };
    let first = block_on(read_value(&mut bad, 0));
    let second = block_on(read_value(&mut bad, 0));
    println!("nested: {first:?}; next: {second:?}");
}
