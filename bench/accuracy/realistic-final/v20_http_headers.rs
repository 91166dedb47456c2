#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::BTreeMap;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::str::Utf8Error;
use std::task::{Context, Poll, Waker};

const MAX_HEAD: usize = 512;

#[derive(Debug)]
enum HttpError {
    Utf8(Utf8Error),
    Int(ParseIntError),
    HeadTooLarge(usize),
    BadRequestLine(String),
    Eof,
}

impl From<Utf8Error> for HttpError {
    fn from(e: Utf8Error) -> Self {
        HttpError::Utf8(e)
    }
}
impl From<ParseIntError> for HttpError {
    fn from(e: ParseIntError) -> Self {
        HttpError::Int(e)
    }
}

struct Socket {
    incoming: Vec<Vec<u8>>,
}

impl Socket {
    async fn read(&mut self, buf: &mut Vec<u8>) -> usize {
        if self.incoming.is_empty() {
            return 0;
        }
        let chunk = self.incoming.remove(0);
        buf.extend_from_slice(&chunk);
        chunk.len()
    }
}

#[derive(Debug, Default)]
struct Head {
    method: String,
    target: String,
    version: String,
    headers: BTreeMap<String, Vec<String>>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).and_then(|v| v.first()).map(String::as_str)
    }
}

fn find_double_crlf(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n")
}

fn parse_head(raw: &str) -> Result<Head, HttpError> {
    let mut lines = raw.split("\r\n");
    let first = lines.next().ok_or(HttpError::Eof)?;
    let parts: Vec<&str> = first.splitn(3, ' ').collect();
    let (method, target, version) = match parts.as_slice() {
        [m, t, v] if v.starts_with("HTTP/") => (m.to_string(), t.to_string(), v.to_string()),
        _ => return Err(HttpError::BadRequestLine(first.to_string())),
    };
    let mut head = Head { method, target, version, headers: BTreeMap::new() };
    for line in lines.filter(|l| !l.is_empty()) {
        if let Some((k, v)) = line.split_once(':') {
            head.headers.entry(k.trim().to_ascii_lowercase()).or_default().push(v.trim().to_string());
        }
    }
    Ok(head)
}

async fn read_head(sock: &mut Socket, buf: &mut Vec<u8>) -> Result<Head, HttpError> {
    loop {
        if let Some(end) = find_double_crlf(buf) {
            let raw = std::str::from_utf8(&buf[..end])?.to_string();
            buf.drain(..end + 4);
            return parse_head(&raw);
        }
        if buf.len() > MAX_HEAD {
            return Err(HttpError::HeadTooLarge(buf.len()));
        }
        if sock.read(buf).await == 0 {
            return Err(HttpError::Eof);
        }
    }
}

async fn read_chunked(sock: &mut Socket, buf: &mut Vec<u8>) -> Result<Vec<u8>, HttpError> {
    let mut body = Vec::new();
    loop {
        let line_end = loop {
            if let Some(i) = buf.windows(2).position(|w| w == b"\r\n") {
                break i;
            }
            if sock.read(buf).await == 0 {
                return Err(HttpError::Eof);
            }
        };
        let size_str = std::str::from_utf8(&buf[..line_end])?;
        let size = usize::from_str_radix(size_str.trim(), 16)?;
        while buf.len() < line_end + 2 + size + 2 {
            if sock.read(buf).await == 0 {
                return Err(HttpError::Eof);
            }
        }
        body.extend_from_slice(&buf[line_end + 2..line_end + 2 + size]);
        buf.drain(..line_end + 2 + size + 2);
        if size == 0 {
            return Ok(body);
        }
    }
}

async fn handle(mut sock: Socket) -> Result<String, HttpError> {
    let mut buf = Vec::with_capacity(MAX_HEAD);
    let head = read_head(&mut sock, &mut buf).await?;
    let body = match (head.header("transfer-encoding"), head.header("content-length")) {
        (Some(te), _) if te.eq_ignore_ascii_case("chunked") => read_chunked(&mut sock, &mut buf).await?,
        (_, Some(cl)) => {
            let n: usize = cl.parse()?;
            while buf.len() < n {
                if sock.read(&mut buf).await == 0 {
                    break;
                }
            }
            buf[..n.min(buf.len())].to_vec()
        }
        _ => Vec::new(),
    };
    Ok(format!("{} {} {} hdrs={} body={:?}", head.method, head.target, head.version, head.headers.len(), String::from_utf8_lossy(&body)))
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

fn sock(parts: &[&str]) -> Socket {
    Socket { incoming: parts.iter().map(|p| p.as_bytes().to_vec()).collect() }
}

fn main() {
    let cases = vec![
        sock(&["GET /index.html HTTP/1.1\r\nHost: a\r\n", "Accept: */*\r\nAccept: text/html\r\n\r\n"]),
        sock(&["POST /api HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello", " world"]),
        sock(&["PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", "lo\r\n6\r\n world\r\n0\r\n\r\n"]),
        sock(&["BROKEN\r\n\r\n"]),
        sock(&["POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n"]),
        sock(&["GET / HTTP/1.1\r\nHost: a"]),
    ];
    let all = async {
        let mut out = Vec::new();
        for s in cases {
            out.push(handle(s).await);
        }
        out
    };
    for r in block_on(all) {
        match r {
            Ok(s) => println!("ok  {}", s),
            Err(e) => println!("err {:?}", e),
        }
    }
}
