//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::str;

mod io {
    pub trait AsyncRead {
        async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize>;
    }
    pub trait AsyncWrite {
        async fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()>;
    }
}

use io::{AsyncRead, AsyncWrite};

const MTU: usize = 1500;
const MAX_LINE: usize = 8 * 1024;

#[derive(Debug)]
pub enum ProtoError {
    Io(std::io::Error),
    Utf8(str::Utf8Error),
    LineTooLong(usize),
}

impl From<std::io::Error> for ProtoError {
    fn from(e: std::io::Error) -> Self {
        ProtoError::Io(e)
    }
}

impl From<str::Utf8Error> for ProtoError {
    fn from(e: str::Utf8Error) -> Self {
        ProtoError::Utf8(e)
    }
}

pub struct MemStream {
    input: Vec<u8>,
    pos: usize,
    pub output: Vec<u8>,
}

impl AsyncRead for MemStream {
    async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.input.len() - self.pos).min(7);
        buf[..n].copy_from_slice(&self.input[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl AsyncWrite for MemStream {
    async fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.output.extend_from_slice(buf);
        Ok(())
    }
}

pub struct LineReader<R> {
    inner: R,
    pending: Vec<u8>,
}

impl<R: AsyncRead> LineReader<R> {
    pub async fn next_line(&mut self) -> Result<Option<String>, ProtoError> {
        let mut buf = [0u8; MTU];
        loop {
            if let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=pos).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(Some(str::from_utf8(&line)?.to_string()));
            }
            if self.pending.len() > MAX_LINE {
                return Err(ProtoError::LineTooLong(self.pending.len()));
            }
            let n = self.inner.read(&mut buf).await?;
            if n == 0 {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                let rest = std::mem::take(&mut self.pending);
                return Ok(Some(str::from_utf8(&rest)?.to_owned()));
            }
            self.pending.extend_from_slice(&buf[..n]);
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Get(String),
    Set(String, String),
    Del(Vec<String>),
    Incr(String, i64),
    Ping,
    Quit,
}

fn parse_command(line: &str) -> Result<Command, String> {
    let mut parts = line.split_whitespace();
    let verb = parts.next().ok_or("empty command")?.to_ascii_uppercase();
    match verb.as_str() {
        "GET" => parts.next().map(|k| Command::Get(k.into())).ok_or_else(|| "GET needs a key".into()),
        "SET" => {
            let key = parts.next().ok_or("SET needs a key")?;
            Ok(Command::Set(key.to_string(), parts.collect::<Vec<_>>().join(" ")))
        }
        "DEL" => Ok(Command::Del(parts.map(String::from).collect())),
        "INCR" => {
            let key = parts.next().ok_or("INCR needs a key")?;
            let by = parts.next().map_or(Ok(1), |n| n.parse::<i64>()).map_err(|e| e.to_string())?;
            Ok(Command::Incr(key.to_string(), by))
        }
        "PING" => Ok(Command::Ping),
        "QUIT" => Ok(Command::Quit),
        other => Err(format!("unknown command '{}'", other)),
    }
}

pub async fn serve<S: AsyncRead + AsyncWrite>(stream: S, db: &mut HashMap<String, String>) -> Result<usize, ProtoError> {
    let mut reader = LineReader { inner: stream, pending: Vec::with_capacity(MTU) };
    let mut handled = 0;
    while let Some(line) = reader.next_line().await? {
        let reply = match parse_command(&line) {
            Ok(Command::Get(k)) => db.get(&k).map_or_else(|| "$-1".to_string(), |v| format!("+{v}")),
            Ok(Command::Set(k, v)) => {
                db.insert(k, v);
                "+OK".into()
            }
            Ok(Command::Del(keys)) => format!(":{}", keys.iter().filter(|k| db.remove(*k).is_some()).count()),
            Ok(Command::Incr(k, by)) => {
                let cur = db.get(&k).and_then(|v| v.parse::<i64>().ok()).unwrap_or_default();
                db.insert(k, (cur + by).to_string());
                format!(":{}", cur + by)
            }
            Ok(Command::Ping) => "+PONG".into(),
            Ok(Command::Quit) => break,
            Err(e) => format!("-ERR {e}"),
        };
        reader.inner.write_all(reply.as_bytes()).await?;
        reader.inner.write_all(b"\r\n").await?;
        handled += 1;
    }
    Ok(handled)
}

pub async fn run_session(script: &str) -> Result<String, ProtoError> {
    let stream = MemStream { input: script.as_bytes().to_vec(), pos: 0, output: Vec::new() };
    let mut db = HashMap::new();
    let n = serve(stream, &mut db).await?;
    Ok(format!("{n} commands, {} keys", db.len()))
}
