#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, PartialEq)]
enum Frame {
    Get(String),
    Set(String, Vec<u8>),
    Del(String),
    Ping,
}

#[derive(Debug)]
enum Reply {
    Value(Option<Vec<u8>>),
    Ok,
    Count(usize),
    Pong,
    Error(String),
}

async fn read_bytes(conn_id: u32, n: usize) -> Vec<u8> {
    let script: &[u8] = b"GET foo\nSET foo bar\nGET foo\nDEL foo\nPING\n";
    script.iter().skip(n).take(16).copied().collect()
}

async fn write_reply(conn_id: u32, reply: &Reply) -> usize {
    format!("{:?}", reply).len()
}

fn parse_frame(line: &str) -> Result<Frame, String> {
    let mut it = line.split_whitespace();
    let cmd = it.next().ok_or_else(|| "empty line".to_string())?;
    let frame = match cmd.to_ascii_uppercase().as_str() {
        "GET" => Frame::Get(it.next().ok_or("GET needs key")?.to_string()),
        "SET" => {
            let key = it.next().ok_or("SET needs key")?;
            let val = it.next().ok_or("SET needs value")?;
            Frame::Set(key.to_string(), val.as_bytes().to_vec())
        }
        "DEL" => Frame::Del(it.next().ok_or("DEL needs key")?.to_string()),
        "PING" => Frame::Ping,
        other => return Err(format!("unknown command {}", other)),
    };
    Ok(frame)
}

struct Server {
    store: HashMap<String, Vec<u8>>,
}

impl Server {
    async fn apply(&mut self, frame: Frame) -> Reply {
        match frame {
            Frame::Get(k) => Reply::Value(self.store.get(&k).cloned()),
            Frame::Set(k, v) => {
                self.store.insert(k, v);
                Reply::Ok
            }
            Frame::Del(k) => Reply::Count(self.store.remove(&k).map_or(0, |_| 1)),
            Frame::Ping => Reply::Pong,
        }
    }

    async fn serve(&mut self, conn_id: u32) -> usize {
        let mut buf: Vec<u8> = Vec::new();
        let mut consumed = 0usize;
        let mut written = 0usize;
        loop {
            let chunk = read_bytes(conn_id, consumed).await;
            if chunk.is_empty() {
                break;
            }
            consumed += chunk.len();
            buf.extend_from_slice(&chunk);
            while let Some(pos) = buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = buf.drain(..=pos).collect();
                let text = String::from_utf8_lossy(&line[..line.len() - 1]).to_string();
                drop(line);
                let reply = match parse_frame(&text) {
                    Ok(f) => self.apply(f).await,
                    Err(e) => Reply::Error(e),
                };
                written += write_reply(conn_id, &reply).await;
            }
        }
        written
    }
}

async fn serve_connections(ids: Vec<u32>) -> usize {
    let mut server = Server { store: HashMap::new() };
    let mut total = 0;
    for id in ids {
        total += server.serve(id).await;
    }
    total
}
