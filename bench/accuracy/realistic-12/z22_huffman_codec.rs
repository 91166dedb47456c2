//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Huffman codec for a log archiver: counts byte frequencies from chunked async readers,
//! builds canonical codes with a min-heap, packs bits and decodes them back.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
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

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug)]
enum CodecError { Empty, TooDeep(u8), Truncated { bits_left: usize }, UnknownSymbol(u8) }

#[derive(Debug)]
enum Node { Leaf(u8), Branch(Box<Node>, Box<Node>) }

trait ChunkReader {
    async fn read_chunk(&mut self) -> Option<Vec<u8>>;
    async fn read_to_end(&mut self) -> Vec<u8> {
        let mut all = Vec::new();
        while let Some(c) = self.read_chunk().await { all.extend(c); }
        all
    }
}

struct SliceReader<'a> { data: &'a [u8], chunk: usize }
struct LineReader { lines: VecDeque<String> }

impl<'a> ChunkReader for SliceReader<'a> {
    async fn read_chunk(&mut self) -> Option<Vec<u8>> {
        if self.data.is_empty() { return None; }
        let n = self.chunk.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Yield::default().await;
        Some(head.to_vec())
    }
}

impl ChunkReader for LineReader {
    async fn read_chunk(&mut self) -> Option<Vec<u8>> {
        let mut l = self.lines.pop_front()?;
        l.push('\n');
        Yield::default().await;
        Some(l.into_bytes())
    }
}

async fn count<R: ChunkReader>(r: &mut R) -> ([u64; 256], Vec<u8>) {
    let mut freq = [0u64; 256];
    let mut raw = Vec::new();
    while let Some(chunk) = r.read_chunk().await {
        chunk.iter().for_each(|&b| freq[b as usize] += 1);
        raw.extend_from_slice(&chunk);
    }
    (freq, raw)
}

fn build_tree(freq: &[u64; 256]) -> Result<Node, CodecError> {
    let mut heap: BinaryHeap<Reverse<(u64, u32, usize)>> = BinaryHeap::new();
    let mut arena: Vec<Option<Node>> = Vec::new();
    for (sym, &f) in freq.iter().enumerate().filter(|(_, f)| **f > 0) {
        heap.push(Reverse((f, sym as u32, arena.len())));
        arena.push(Some(Node::Leaf(sym as u8)));
    }
    if heap.len() == 1 {
        let Reverse((_, _, i)) = heap.pop().unwrap();
        return Ok(Node::Branch(Box::new(arena[i].take().unwrap()), Box::new(Node::Leaf(0))));
    }
    let mut tiebreak = 256u32;
    while heap.len() > 1 {
        let (Reverse((fa, _, a)), Reverse((fb, _, b))) = (heap.pop().unwrap(), heap.pop().unwrap());
        let node = Node::Branch(Box::new(arena[a].take().unwrap()), Box::new(arena[b].take().unwrap()));
        heap.push(Reverse((fa + fb, tiebreak, arena.len())));
        arena.push(Some(node));
        tiebreak += 1;
    }
    let Reverse((_, _, root)) = heap.pop().ok_or(CodecError::Empty)?;
    Ok(arena[root].take().unwrap())
}

fn code_lengths(node: &Node, depth: u8, out: &mut BTreeMap<u8, u8>) {
    match node {
        Node::Leaf(s) => { out.insert(*s, depth.max(1)); }
        Node::Branch(l, r) => { code_lengths(l, depth + 1, out); code_lengths(r, depth + 1, out); }
    }
}

fn canonical(lengths: &BTreeMap<u8, u8>) -> Result<HashMap<u8, (u32, u8)>, CodecError> {
    let mut syms: Vec<(u8, u8)> = lengths.iter().map(|(&s, &l)| (l, s)).collect();
    syms.sort_unstable();
    if let Some(&(l, _)) = syms.last().filter(|(l, _)| *l > 24) { return Err(CodecError::TooDeep(l)); }
    let (mut code, mut prev_len, mut table) = (0u32, 0u8, HashMap::new());
    for (len, sym) in syms {
        code <<= len - prev_len;
        table.insert(sym, (code, len));
        code += 1;
        prev_len = len;
    }
    Ok(table)
}

async fn encode(data: &[u8], table: &HashMap<u8, (u32, u8)>) -> Result<(Vec<u8>, usize), CodecError> {
    let (mut out, mut acc, mut nbits, mut total) = (Vec::with_capacity(data.len() / 2), 0u64, 0u32, 0usize);
    for (i, b) in data.iter().enumerate() {
        let &(code, len) = table.get(b).ok_or(CodecError::UnknownSymbol(*b))?;
        acc = (acc << len) | code as u64;
        nbits += len as u32;
        total += len as usize;
        while nbits >= 8 { nbits -= 8; out.push((acc >> nbits) as u8); acc &= (1u64 << nbits) - 1; }
        if i % 64 == 63 { Yield::default().await; }
    }
    if nbits > 0 { out.push((acc << (8 - nbits)) as u8); }
    Ok((out, total))
}

async fn decode(bits: &[u8], total: usize, table: &HashMap<u8, (u32, u8)>) -> Result<Vec<u8>, CodecError> {
    let lookup: HashMap<(u32, u8), u8> = table.iter().map(|(&s, &k)| (k, s)).collect();
    let (mut out, mut code, mut len) = (Vec::new(), 0u32, 0u8);
    for i in 0..total {
        let bit = (bits[i / 8] >> (7 - i % 8)) & 1;
        code = (code << 1) | bit as u32;
        len += 1;
        if let Some(&s) = lookup.get(&(code, len)) { out.push(s); code = 0; len = 0; }
        if i % 256 == 255 { Yield::default().await; }
    }
    if len != 0 { return Err(CodecError::Truncated { bits_left: len as usize }); }
    Ok(out)
}

async fn roundtrip<R: ChunkReader>(reader: &mut R) -> Result<(usize, usize, bool), CodecError> {
    let (freq, raw) = count(reader).await;
    let tree = build_tree(&freq)?;
    let mut lengths = BTreeMap::new();
    code_lengths(&tree, 0, &mut lengths);
    let table = canonical(&lengths)?;
    let (packed, total) = encode(&raw, &table).await?;
    let back = decode(&packed, total, &table).await?;
    Ok((raw.len(), packed.len(), back == raw))
}

fn main() {
    let log = "2024-06-01T12:00:01Z INFO request id=1 path=/api/items status=200\n".repeat(12) + "2024-06-01T12:00:09Z WARN slow query took=812ms\n";
    println!("slice: {:?}", block_on(roundtrip(&mut SliceReader { data: log.as_bytes(), chunk: 100 })));
    let mut lines = LineReader { lines: ["GET /", "GET /favicon.ico", "POST /login", "GET /"].iter().map(|s| s.to_string()).collect() };
    println!("lines: {:?}", block_on(roundtrip(&mut lines)));
    println!("single: {:?}", block_on(roundtrip(&mut SliceReader { data: b"aaaaaaa", chunk: 3 })));
    println!("empty: {:?}", block_on(roundtrip(&mut SliceReader { data: b"", chunk: 3 })).err());
    let table = async |text: &str| -> Vec<(char, u8)> {
        let (freq, _) = count(&mut SliceReader { data: text.as_bytes(), chunk: 4 }).await;
        let mut lengths = BTreeMap::new();
        if let Ok(t) = build_tree(&freq) { code_lengths(&t, 0, &mut lengths); }
        lengths.into_iter().map(|(s, l)| (s as char, l)).collect()
    };
    println!("{:?}", block_on(table("abracadabra")));
    let all = block_on(LineReader { lines: VecDeque::from(vec!["x".to_string(), "y".to_string()]) }.read_to_end());
    println!("read_to_end {:?} / truncated {:?}", all, block_on(decode(&[0b1000_0000], 1, &HashMap::from([(b'a', (0b10, 2))]))).err());
}
