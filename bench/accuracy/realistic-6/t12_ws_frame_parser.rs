//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! WebSocket frame decoder: incremental parsing of RFC 6455 frames from a chunked async byte source, with unmasking and fragmentation.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn raw() -> RawWaker {
    unsafe fn clone(_: *const ()) -> RawWaker { raw() }
    unsafe fn nop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, nop, nop, nop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u8);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Opcode { Cont, Text, Binary, Close, Ping, Pong }

#[derive(Debug)]
enum WsError { BadOpcode(u8), ControlTooLong(usize), UnexpectedContinuation, Utf8, Eof, Handshake(&'static str) }

#[derive(Debug)]
struct Frame { fin: bool, op: Opcode, payload: Vec<u8> }

#[derive(Debug, PartialEq)]
enum Message { Text(String), Binary(usize), Ping(Vec<u8>), Close(u16) }

struct Socket { chunks: RefCell<VecDeque<Vec<u8>>> }
impl Socket {
    async fn read(&self) -> Option<Vec<u8>> {
        Yield(1).await;
        self.chunks.borrow_mut().pop_front()
    }
}

struct Decoder { buf: Vec<u8>, partial: Option<(Opcode, Vec<u8>)> }

impl Decoder {
    fn try_frame(&mut self) -> Result<Option<Frame>, WsError> {
        let b = &self.buf;
        if b.len() < 2 { return Ok(None); }
        let (fin, raw_op, masked, len7) = (b[0] & 0x80 != 0, b[0] & 0x0f, b[1] & 0x80 != 0, (b[1] & 0x7f) as usize);
        let op = match raw_op {
            0 => Opcode::Cont, 1 => Opcode::Text, 2 => Opcode::Binary, 8 => Opcode::Close, 9 => Opcode::Ping, 10 => Opcode::Pong,
            other => return Err(WsError::BadOpcode(other)),
        };
        let (len, mut at) = match len7 {
            126 if b.len() >= 4 => (u16::from_be_bytes([b[2], b[3]]) as usize, 4),
            127 if b.len() >= 10 => (u64::from_be_bytes(b[2..10].try_into().unwrap()) as usize, 10),
            126 | 127 => return Ok(None),
            n => (n, 2),
        };
        if matches!(op, Opcode::Close | Opcode::Ping | Opcode::Pong) && len > 125 { return Err(WsError::ControlTooLong(len)); }
        let key: Option<[u8; 4]> = if masked && b.len() >= at + 4 { let k = b[at..at + 4].try_into().ok(); at += 4; k } else if masked { return Ok(None) } else { None };
        if b.len() < at + len { return Ok(None); }
        let mut payload = b[at..at + len].to_vec();
        if let Some(k) = key { payload.iter_mut().enumerate().for_each(|(i, byte)| *byte ^= k[i % 4]); }
        self.buf.drain(..at + len);
        Ok(Some(Frame { fin, op, payload }))
    }

    async fn next_frame(&mut self, sock: &Socket) -> Result<Frame, WsError> {
        loop {
            if let Some(f) = self.try_frame()? { return Ok(f); }
            let Some(chunk) = sock.read().await else { return Err(WsError::Eof) };
            self.buf.extend_from_slice(&chunk);
        }
    }
}

async fn next_message(dec: &mut Decoder, sock: &Socket) -> Result<Message, WsError> {
    loop {
        let Frame { fin, op, payload } = dec.next_frame(sock).await?;
        match (op, dec.partial.as_mut()) {
            (Opcode::Ping, _) => return Ok(Message::Ping(payload)),
            (Opcode::Pong, _) => continue,
            (Opcode::Close, _) if let Some(code) = payload.get(..2) => return Ok(Message::Close(u16::from_be_bytes([code[0], code[1]]))),
            (Opcode::Close, _) => return Ok(Message::Close(1005)),
            (Opcode::Cont, None) => return Err(WsError::UnexpectedContinuation),
            (Opcode::Cont, Some((_, acc))) => acc.extend(payload),
            (data_op, _) => dec.partial = Some((data_op, payload)),
        }
        if fin && let Some((kind, bytes)) = dec.partial.take() {
            return match kind {
                Opcode::Text => String::from_utf8(bytes).map(Message::Text).map_err(|_| WsError::Utf8),
                _ => Ok(Message::Binary(bytes.len())),
            };
        }
    }
}

fn encode(fin: bool, op: u8, payload: &[u8], mask: Option<[u8; 4]>) -> Vec<u8> {
    let mut out = vec![(fin as u8) << 7 | op];
    let m = if mask.is_some() { 0x80 } else { 0 };
    match payload.len() {
        n if n < 126 => out.push(m | n as u8),
        n if n <= u16::MAX as usize => { out.push(m | 126); out.extend((n as u16).to_be_bytes()); }
        n => { out.push(m | 127); out.extend((n as u64).to_be_bytes()); }
    }
    if let Some(k) = mask { out.extend(k); out.extend(payload.iter().zip(k.iter().cycle()).map(|(b, k)| b ^ k)); } else { out.extend(payload); }
    out
}

async fn accept_handshake(req: &str) -> Result<String, WsError> {
    Yield(1).await;
    let mut lines = req.lines();
    match lines.next() {
        Some(first) if first.starts_with("GET ") && first.ends_with("HTTP/1.1") => {}
        _ => return Err(WsError::Handshake("bad request line")),
    }
    let headers: Vec<(String, &str)> = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim())).collect();
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| *v);
    if !get("upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket")) { return Err(WsError::Handshake("missing upgrade")); }
    if get("sec-websocket-version") != Some("13") { return Err(WsError::Handshake("unsupported version")); }
    let key = get("sec-websocket-key").ok_or(WsError::Handshake("missing key"))?;
    let accept: u64 = key.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    Ok(format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept:016x}"))
}

async fn reply_pong(out: &RefCell<Vec<u8>>, payload: &[u8]) {
    Yield(1).await;
    out.borrow_mut().extend(encode(true, 10, payload, None));
}

async fn reply_close(out: &RefCell<Vec<u8>>, code: u16) -> usize {
    Yield(2).await;
    let frame = encode(true, 8, &code.to_be_bytes(), None);
    out.borrow_mut().extend_from_slice(&frame);
    frame.len()
}

fn main() {
    let mut wire = Vec::new();
    wire.extend(encode(true, 1, "héllo".as_bytes(), Some([1, 2, 3, 4])));
    wire.extend(encode(false, 1, b"frag", None));
    wire.extend(encode(true, 9, b"hb", None));
    wire.extend(encode(true, 0, b"mented", Some([9, 9, 9, 9])));
    wire.extend(encode(true, 2, &[7u8; 300], None));
    wire.extend(encode(true, 10, b"", None));
    wire.extend(encode(true, 8, &1000u16.to_be_bytes(), None));
    let sock = Socket { chunks: RefCell::new(wire.chunks(7).map(<[u8]>::to_vec).collect()) };
    let received = Rc::new(RefCell::new(Vec::new()));
    let sink = received.clone();
    let outbound = RefCell::new(Vec::new());
    let out = &outbound;
    let err = block_on(async move {
        let bad = accept_handshake("GET /chat HTTP/1.1\r\nUpgrade: h2c").await;
        assert!(matches!(bad, Err(WsError::Handshake("missing upgrade"))));
        let req = "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13";
        match accept_handshake(req).await { Ok(resp) => println!("{}", resp.replace("\r\n", " | ")), Err(e) => return Some(e) }
        let mut dec = Decoder { buf: Vec::new(), partial: None };
        loop {
            match next_message(&mut dec, &sock).await {
                Ok(Message::Close(code)) => { reply_close(out, code).await; sink.borrow_mut().push(Message::Close(code)); break None; }
                Ok(Message::Ping(p)) => { reply_pong(out, &p).await; sink.borrow_mut().push(Message::Ping(p)); }
                Ok(m) => sink.borrow_mut().push(m),
                Err(e) => break Some(e),
            }
        }
    });
    for m in received.borrow().iter() { println!("{m:?}"); }
    assert!(err.is_none(), "{err:?}");
    println!("outbound bytes: {:02x?}", outbound.borrow());
    assert_eq!(outbound.borrow()[..4], [0x8a, 2, b'h', b'b']);
    assert_eq!(received.borrow().len(), 5);
    assert_eq!(received.borrow()[2], Message::Text("fragmented".into()));
}
