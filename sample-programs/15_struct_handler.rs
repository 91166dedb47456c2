//@ edition: 2024
//! Structs in a future: the compiler reorders the fields of a struct (unless
//! it is `#[repr(C)]`) to waste as little padding as it can, and the future is
//! laid out with the same rules.
//! Look for: `Header` (u8, u64, u16 declared in that order) is 16 bytes, while
//! the `#[repr(C)]` `CHeader` with the same fields is 24; `handle_packet` keeps
//! its `Packet` argument twice (argument and body copy) plus the parsed
//! `Header` and a `Reply` across its awaits; the enum `Kind` fits in one byte
//! and `Option<Kind>` uses one of its spare values, so it is one byte too.
#![allow(dead_code, unused_variables)]

pub struct Header {
    pub version: u8,
    pub length: u64,
    pub flags: u16,
}

#[repr(C)]
pub struct CHeader {
    pub version: u8,
    pub length: u64,
    pub flags: u16,
}

#[derive(Clone, Copy)]
pub enum Kind {
    Ping,
    Data,
    Close,
}

pub struct Packet {
    pub header: Header,
    pub kind: Kind,
    pub payload: Vec<u8>,
}

pub struct Reply {
    pub code: u16,
    pub kind: Option<Kind>,
    pub body: String,
}

async fn validate(h: &Header) -> bool {
    h.length < 1 << 20
}

async fn store(payload: &[u8]) -> usize {
    payload.len()
}

async fn send(reply: &Reply) {}

pub async fn handle_packet(packet: Packet) -> Reply {
    let header: Header = Header { version: packet.header.version, length: 0, flags: packet.header.flags };
    let ok: bool = validate(&header).await;
    let mut reply: Reply = Reply { code: 200, kind: Some(packet.kind), body: String::new() };
    let stored: usize = store(&packet.payload).await;
    reply.body = format!("stored {stored} bytes, ok={ok}");
    send(&reply).await;
    reply
}

pub async fn legacy_header(raw: CHeader) -> u64 {
    let copy: CHeader = CHeader { version: raw.version, length: raw.length, flags: raw.flags };
    send(&Reply { code: 0, kind: None, body: String::new() }).await;
    copy.length
}
