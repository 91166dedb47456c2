#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Redis-protocol (RESP) server connection handler over a TcpStream-like socket.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::collections::VecDeque;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }

    /// Delivers the client's bytes in the fragments they arrived in.
    pub struct TcpStream { pub incoming: VecDeque<Vec<u8>>, pub written: Vec<u8> }
    impl TcpStream {
        pub async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            Yield(false).await;
            let Some(mut seg) = self.incoming.pop_front() else { return Ok(0) };
            let n = seg.len().min(buf.len());
            buf[..n].copy_from_slice(&seg[..n]);
            if n < seg.len() { self.incoming.push_front(seg.split_off(n)); }
            Ok(n)
        }
        pub async fn write_all(&mut self, data: &[u8]) -> std::io::Result<()> {
            Yield(false).await;
            self.written.extend_from_slice(data);
            Ok(())
        }
    }
}

#[derive(Debug, PartialEq)]
enum Frame { Simple(String), Error(String), Int(i64), Bulk(Option<Vec<u8>>), Array(Vec<Frame>) }

impl Frame {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Frame::Simple(s) => out.extend_from_slice(format!("+{s}\r\n").as_bytes()),
            Frame::Error(s) => out.extend_from_slice(format!("-{s}\r\n").as_bytes()),
            Frame::Int(i) => out.extend_from_slice(format!(":{i}\r\n").as_bytes()),
            Frame::Bulk(None) => out.extend_from_slice(b"$-1\r\n"),
            Frame::Bulk(Some(b)) => {
                out.extend_from_slice(format!("${}\r\n", b.len()).as_bytes());
                out.extend_from_slice(b);
                out.extend_from_slice(b"\r\n");
            }
            Frame::Array(items) => {
                out.extend_from_slice(format!("*{}\r\n", items.len()).as_bytes());
                for it in items { it.encode(out); }
            }
        }
    }
}

/// Parses one command (array of bulk strings) from the front of `buf`; returns consumed length.
fn parse_command(buf: &[u8]) -> Result<Option<(Vec<String>, usize)>, String> {
    fn line(buf: &[u8], from: usize) -> Option<(&[u8], usize)> {
        let end = buf[from..].windows(2).position(|w| w == b"\r\n")? + from;
        Some((&buf[from..end], end + 2))
    }
    let Some((head, mut pos)) = line(buf, 0) else { return Ok(None) };
    if head.first() != Some(&b'*') { return Err("expected array".into()); }
    let n: usize = std::str::from_utf8(&head[1..]).map_err(|e| e.to_string())?.parse().map_err(|_| "bad array len".to_string())?;
    let mut args = Vec::with_capacity(n);
    for _ in 0..n {
        let Some((h, p)) = line(buf, pos) else { return Ok(None) };
        let len: usize = std::str::from_utf8(&h[1..]).ok().and_then(|s| s.parse().ok()).ok_or("bad bulk len")?;
        if buf.len() < p + len + 2 { return Ok(None); }
        args.push(String::from_utf8_lossy(&buf[p..p + len]).into_owned());
        pos = p + len + 2;
    }
    Ok(Some((args, pos)))
}

#[derive(Default)]
struct Db { strings: RwLock<HashMap<String, Vec<u8>>>, lists: Mutex<HashMap<String, VecDeque<String>>>, commands: Mutex<u64> }

async fn execute(db: &Db, args: Vec<String>) -> Frame {
    *db.commands.lock().unwrap() += 1;
    let mut it = args.into_iter();
    let Some(cmd) = it.next() else { return Frame::Error("ERR empty command".into()) };
    let rest: Vec<String> = it.collect();
    match (cmd.to_ascii_uppercase().as_str(), rest.as_slice()) {
        ("PING", []) => Frame::Simple("PONG".into()),
        ("SET", [k, v]) => { db.strings.write().unwrap().insert(k.clone(), v.clone().into_bytes()); Frame::Simple("OK".into()) }
        ("GET", [k]) => Frame::Bulk(db.strings.read().unwrap().get(k).cloned()),
        ("INCR", [k]) => {
            let mut map = db.strings.write().unwrap();
            let cur = map.get(k).map(|v| String::from_utf8_lossy(v).parse::<i64>());
            match cur {
                Some(Err(_)) => Frame::Error("ERR value is not an integer".into()),
                other => {
                    let n = other.map(|r| r.unwrap()).unwrap_or(0) + 1;
                    map.insert(k.clone(), n.to_string().into_bytes());
                    Frame::Int(n)
                }
            }
        }
        ("RPUSH", [k, vals @ ..]) if !vals.is_empty() => {
            let mut lists = db.lists.lock().unwrap();
            let l = lists.entry(k.clone()).or_default();
            l.extend(vals.iter().cloned());
            Frame::Int(l.len() as i64)
        }
        ("LRANGE", [k, a, b]) => {
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<i64>()) else { return Frame::Error("ERR bad range".into()) };
            let lists = db.lists.lock().unwrap();
            let items: Vec<Frame> = lists.get(k).into_iter().flatten().skip(a).take(if b < 0 { usize::MAX } else { b as usize + 1 - a }).map(|s| Frame::Bulk(Some(s.clone().into_bytes()))).collect();
            Frame::Array(items)
        }
        (c, _) => Frame::Error(format!("ERR unknown command '{}'", c.to_lowercase())),
    }
}

async fn handle_connection(mut stream: rt::TcpStream, db: Arc<Db>) -> std::io::Result<rt::TcpStream> {
    let mut buf = [0u8; 4096];
    let mut pending: Vec<u8> = Vec::with_capacity(8192);
    loop {
        let n = stream.read(&mut buf).await?;
        if n == 0 { break; }
        pending.extend_from_slice(&buf[..n]);
        let mut out = Vec::new();
        loop {
            match parse_command(&pending) {
                Ok(Some((args, used))) => {
                    pending.drain(..used);
                    execute(&db, args).await.encode(&mut out);
                }
                Ok(None) => break,
                Err(e) => {
                    Frame::Error(format!("ERR protocol: {e}")).encode(&mut out);
                    pending.clear();
                    break;
                }
            }
        }
        if !out.is_empty() { stream.write_all(&out).await?; }
    }
    Ok(stream)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    static VT: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VT), |_| {}, |_| {}, |_| {});
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn cmd(args: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    Frame::Array(args.iter().map(|a| Frame::Bulk(Some(a.as_bytes().to_vec()))).collect()).encode(&mut out);
    out
}

fn main() {
    let mut wire: Vec<u8> = [cmd(&["PING"]), cmd(&["SET", "greeting", "hello"]), cmd(&["GET", "greeting"]), cmd(&["INCR", "hits"]), cmd(&["INCR", "hits"]),
        cmd(&["INCR", "greeting"]), cmd(&["RPUSH", "queue", "a", "b", "c"]), cmd(&["LRANGE", "queue", "1", "-1"]), cmd(&["GET", "nope"]), cmd(&["FLUSHALL"])].concat();
    // split the byte stream into awkward fragments to exercise partial parsing
    let incoming: VecDeque<Vec<u8>> = wire.chunks(7).map(|c| c.to_vec()).collect();
    let db = Arc::new(Db::default());
    let stream = block_on(handle_connection(rt::TcpStream { incoming, written: Vec::new() }, Arc::clone(&db))).unwrap();
    let text = String::from_utf8_lossy(&stream.written);
    let replies: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    println!("commands={} reply_lines={}", db.commands.lock().unwrap(), replies.len());
    println!("{}", replies.join(" | "));
}
