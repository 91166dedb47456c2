//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Message log reader for a protobuf-style wire format: reads length-prefixed records from
//! chunked byte sources, decodes varint/zigzag/nested fields against a schema registry.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug)]
enum WireError { Eof { wanted: usize, had: usize }, VarintOverflow, BadWireType(u8), UnknownField(String, u32) }

#[derive(Debug, Clone, Copy)]
enum Kind { UInt, SInt, Str, Msg(&'static str) }

type Schema = HashMap<&'static str, HashMap<u32, (&'static str, Kind)>>;

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 { out.push((v as u8) | 0x80); v >>= 7; }
    out.push(v as u8);
}

fn get_varint(buf: &[u8], pos: &mut usize) -> Result<u64, WireError> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *buf.get(*pos).ok_or(WireError::Eof { wanted: 1, had: 0 })?;
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 { return Ok(v); }
    }
    Err(WireError::VarintOverflow)
}

fn zigzag(v: i64) -> u64 { ((v << 1) ^ (v >> 63)) as u64 }
fn unzigzag(v: u64) -> i64 { ((v >> 1) as i64) ^ -((v & 1) as i64) }

trait ByteSource {
    async fn next_chunk(&mut self) -> Option<Vec<u8>>;

    async fn fill(&mut self, buf: &mut VecDeque<u8>, need: usize) -> Result<(), WireError> {
        while buf.len() < need {
            match self.next_chunk().await {
                Some(chunk) => buf.extend(chunk),
                None => return Err(WireError::Eof { wanted: need, had: buf.len() }),
            }
        }
        Ok(())
    }
}

struct SegmentFile { blocks: VecDeque<Vec<u8>> }
struct NetStream { data: Vec<u8>, offset: usize, mtu: usize, packets: Mutex<u32> }

impl ByteSource for SegmentFile {
    async fn next_chunk(&mut self) -> Option<Vec<u8>> {
        yield_now().await;
        self.blocks.pop_front()
    }
}

impl ByteSource for NetStream {
    async fn next_chunk(&mut self) -> Option<Vec<u8>> {
        if self.offset >= self.data.len() { return None; }
        yield_now().await;
        let end = (self.offset + self.mtu).min(self.data.len());
        *self.packets.lock().unwrap() += 1;
        let chunk = self.data[self.offset..end].to_vec();
        self.offset = end;
        Some(chunk)
    }
}

fn decode<'a>(schema: &'a Schema, msg_type: &'static str, buf: &'a [u8], depth: usize) -> Pin<Box<dyn Future<Output = Result<String, WireError>> + 'a>> {
    Box::pin(async move {
        let fields = schema.get(msg_type).ok_or(WireError::UnknownField(msg_type.to_string(), 0))?;
        let mut pos = 0;
        let mut parts = Vec::new();
        while pos < buf.len() {
            let key = get_varint(buf, &mut pos)?;
            let (num, wire) = ((key >> 3) as u32, (key & 7) as u8);
            let &(name, kind) = fields.get(&num).ok_or_else(|| WireError::UnknownField(msg_type.to_string(), num))?;
            let rendered = match (wire, kind) {
                (0, Kind::UInt) => get_varint(buf, &mut pos)?.to_string(),
                (0, Kind::SInt) => unzigzag(get_varint(buf, &mut pos)?).to_string(),
                (2, k) => {
                    let len = get_varint(buf, &mut pos)? as usize;
                    let body = buf.get(pos..pos + len).ok_or(WireError::Eof { wanted: len, had: buf.len() - pos })?;
                    pos += len;
                    match k {
                        Kind::Msg(inner) => { yield_now().await; decode(schema, inner, body, depth + 1).await? }
                        _ => format!("{:?}", String::from_utf8_lossy(body)),
                    }
                }
                (w, _) => return Err(WireError::BadWireType(w)),
            };
            parts.push(format!("{name}: {rendered}"));
        }
        Ok(format!("{msg_type} {{ {} }}", parts.join(", ")))
    })
}

async fn replay<S>(src: &mut S, schema: &Schema, root: &'static str) -> (Vec<String>, Option<WireError>)
where
    S: ByteSource,
{
    let mut buf = VecDeque::new();
    let mut records = Vec::new();
    loop {
        if buf.is_empty() {
            match src.next_chunk().await { Some(c) => buf.extend(c), None => return (records, None) }
        }
        if let Err(e) = src.fill(&mut buf, 2).await { return (records, Some(e)); }
        let len = u16::from_be_bytes([buf[0], buf[1]]) as usize;
        if let Err(e) = src.fill(&mut buf, 2 + len).await { return (records, Some(e)); }
        let body: Vec<u8> = buf.drain(..2 + len).skip(2).collect();
        match decode(schema, root, &body, 0).await {
            Ok(text) => records.push(text),
            Err(e) => return (records, Some(e)),
        }
    }
}

fn encode_order(id: u64, delta: i64, sku: &str, qty: u64) -> Vec<u8> {
    let mut line = Vec::new();
    put_varint(&mut line, 1 << 3 | 2); put_varint(&mut line, sku.len() as u64); line.extend(sku.as_bytes());
    put_varint(&mut line, 2 << 3); put_varint(&mut line, qty);
    let mut msg = Vec::new();
    put_varint(&mut msg, 1 << 3); put_varint(&mut msg, id);
    put_varint(&mut msg, 2 << 3); put_varint(&mut msg, zigzag(delta));
    put_varint(&mut msg, 3 << 3 | 2); put_varint(&mut msg, line.len() as u64); msg.extend(line);
    let mut framed = (msg.len() as u16).to_be_bytes().to_vec();
    framed.extend(msg);
    framed
}

pub fn main() {
    let schema: Schema = HashMap::from([
        ("Order", HashMap::from([(1, ("id", Kind::UInt)), (2, ("stock_delta", Kind::SInt)), (3, ("line", Kind::Msg("Line")))])),
        ("Line", HashMap::from([(1, ("sku", Kind::Str)), (2, ("qty", Kind::UInt))])),
    ]);
    let mut log: Vec<u8> = Vec::new();
    for (id, delta, sku, qty) in [(300, -2, "KB-101", 2), (70_000, 15, "MOUSE-7", 1), (1, i64::MIN + 1, "CABLE", 40)] {
        log.extend(encode_order(id, delta, sku, qty));
    }
    let mut file = SegmentFile { blocks: log.chunks(16).map(<[u8]>::to_vec).collect() };
    let (records, err) = block_on(replay(&mut file, &schema, "Order"));
    records.iter().for_each(|r| println!("{r}"));
    println!("file error: {err:?}");

    let mut truncated = log[..log.len() - 5].to_vec();
    let mut net = NetStream { data: std::mem::take(&mut truncated), offset: 0, mtu: 7, packets: Mutex::new(0) };
    let (records, err) = block_on(replay(&mut net, &schema, "Order"));
    println!("net: {} records, error {err:?}, {} packets", records.len(), net.packets.lock().unwrap());

    let probe = async |bytes: Vec<u8>| -> Result<String, WireError> {
        yield_now().await;
        decode(&schema, "Line", &bytes, 0).await
    };
    println!("{:?}", block_on(probe(vec![0x08 | 2, 2, b'o', b'k', 0x10, 0xff, 0xff, 0x03])));
    println!("{:?}", block_on(probe(vec![0x1d, 0, 0, 0, 0])));
    println!("{:?}", block_on(probe(vec![0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])));
}
