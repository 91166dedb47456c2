//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::str::{self, Utf8Error};

const MAX_FRAME: usize = 64 * 1024;
const READ_CHUNK: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Opcode { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 }

impl Opcode {
    fn from_u8(b: u8) -> Option<Self> {
        use Opcode::*;
        Some(match b { 0 => Continuation, 1 => Text, 2 => Binary, 8 => Close, 9 => Ping, 10 => Pong, _ => return None })
    }
}

#[derive(Debug)]
pub struct Frame { pub fin: bool, pub opcode: Opcode, pub payload: Vec<u8> }

#[derive(Debug)]
pub enum WsError { Protocol(&'static str), TooLarge(u64), Utf8(Utf8Error), Closed(u16) }

impl From<Utf8Error> for WsError {
    fn from(e: Utf8Error) -> Self { WsError::Utf8(e) }
}

pub fn parse_frame(buf: &[u8]) -> Result<Option<(Frame, usize)>, WsError> {
    let (b0, b1) = match buf {
        [a, b, ..] => (*a, *b),
        _ => return Ok(None),
    };
    let opcode = Opcode::from_u8(b0 & 0x0f).ok_or(WsError::Protocol("bad opcode"))?;
    let (len, mut pos) = match b1 & 0x7f {
        126 if buf.len() >= 4 => (u16::from_be_bytes([buf[2], buf[3]]) as u64, 4),
        127 if buf.len() >= 10 => (u64::from_be_bytes(buf[2..10].try_into().unwrap()), 10),
        126 | 127 => return Ok(None),
        n => (n as u64, 2),
    };
    if len > MAX_FRAME as u64 {
        return Err(WsError::TooLarge(len));
    }
    let mut mask = None;
    if b1 & 0x80 != 0 {
        let Some(m) = buf.get(pos..pos + 4) else { return Ok(None) };
        mask = Some([m[0], m[1], m[2], m[3]]);
        pos += 4;
    }
    let end = pos + len as usize;
    if buf.len() < end {
        return Ok(None);
    }
    let mut payload = buf[pos..end].to_vec();
    if let Some(m) = mask {
        payload.iter_mut().zip(m.iter().cycle()).for_each(|(b, k)| *b ^= k);
    }
    Ok(Some((Frame { fin: b0 & 0x80 != 0, opcode, payload }, end)))
}

fn encode(op: Opcode, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0x80 | op as u8];
    if payload.len() < 126 {
        out.push(payload.len() as u8);
    } else {
        out.push(126);
        out.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    }
    out.extend_from_slice(payload);
    out
}

pub trait Transport {
    async fn recv(&mut self, buf: &mut [u8]) -> usize;
    async fn send(&mut self, data: &[u8]);
}

pub enum Message { Text(String), Binary(Vec<u8>) }

pub struct Connection<T> {
    transport: T,
    rx: Vec<u8>,
    fragments: Vec<u8>,
    frag_opcode: Option<Opcode>,
}

impl<T: Transport> Connection<T> {
    async fn next_frame(&mut self) -> Result<Frame, WsError> {
        let mut chunk = [0u8; READ_CHUNK];
        loop {
            if let Some((frame, used)) = parse_frame(&self.rx)? {
                self.rx.drain(..used);
                return Ok(frame);
            }
            let n = self.transport.recv(&mut chunk).await;
            if n == 0 {
                return Err(WsError::Closed(1006));
            }
            self.rx.extend_from_slice(&chunk[..n]);
        }
    }

    pub async fn next_message(&mut self) -> Result<Message, WsError> {
        loop {
            let Frame { fin, opcode, payload } = self.next_frame().await?;
            match opcode {
                Opcode::Ping => self.transport.send(&encode(Opcode::Pong, &payload)).await,
                Opcode::Pong => {}
                Opcode::Close => {
                    let code = payload.get(..2).map_or(1005, |c| u16::from_be_bytes([c[0], c[1]]));
                    self.transport.send(&encode(Opcode::Close, &payload[..payload.len().min(2)])).await;
                    return Err(WsError::Closed(code));
                }
                Opcode::Continuation if self.frag_opcode.is_none() => return Err(WsError::Protocol("stray continuation")),
                Opcode::Text | Opcode::Binary | Opcode::Continuation => {
                    if opcode != Opcode::Continuation {
                        self.frag_opcode = Some(opcode);
                    }
                    self.fragments.extend_from_slice(&payload);
                    if fin {
                        let data = std::mem::take(&mut self.fragments);
                        return match self.frag_opcode.take() {
                            Some(Opcode::Text) => Ok(Message::Text(str::from_utf8(&data)?.to_owned())),
                            _ => Ok(Message::Binary(data)),
                        };
                    }
                }
            }
        }
    }
}

pub struct Loopback { inbound: Vec<u8>, pos: usize, pub sent: Vec<Vec<u8>> }

impl Transport for Loopback {
    async fn recv(&mut self, buf: &mut [u8]) -> usize {
        let n = (self.inbound.len() - self.pos).min(buf.len()).min(5);
        buf[..n].copy_from_slice(&self.inbound[self.pos..self.pos + n]);
        self.pos += n;
        n
    }
    async fn send(&mut self, data: &[u8]) {
        self.sent.push(data.to_vec());
    }
}

pub async fn echo_session(raw: Vec<u8>) -> Result<Vec<String>, WsError> {
    let transport = Loopback { inbound: raw, pos: 0, sent: Vec::new() };
    let mut conn = Connection { transport, rx: Vec::new(), fragments: Vec::new(), frag_opcode: None };
    let mut out = Vec::new();
    loop {
        match conn.next_message().await {
            Ok(Message::Text(t)) => out.push(t),
            Ok(Message::Binary(b)) => out.push(format!("<{} bytes>", b.len())),
            Err(WsError::Closed(1000)) | Err(WsError::Closed(1005)) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
