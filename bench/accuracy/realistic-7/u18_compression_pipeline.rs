#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Streaming compression pipeline: reads fixed-size blocks, runs them through chained async codecs (RLE, delta) and frames the output.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Instant;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const BLOCK: usize = 32;
const MAGIC: [u8; 4] = *b"CPZ1";

#[derive(Debug)]
enum CodecError { Truncated(usize), BadMagic([u8; 4]), Io(String) }

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{:?}", self) }
}

trait Codec {
    fn id(&self) -> u8;
    async fn encode(&self, input: &[u8]) -> Vec<u8>;
    async fn decode(&self, input: &[u8]) -> Result<Vec<u8>, CodecError>;
    async fn roundtrip_ok(&self, sample: &[u8]) -> bool {
        let enc = self.encode(sample).await;
        match self.decode(&enc).await {
            Ok(dec) => dec == sample,
            Err(_) => false,
        }
    }
}

struct Rle;
struct Delta { yield_every: usize }

impl Codec for Rle {
    fn id(&self) -> u8 { 1 }
    async fn encode(&self, input: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len());
        let mut i = 0;
        while i < input.len() {
            let b = input[i];
            let run = input[i..].iter().take(255).take_while(|x| **x == b).count();
            out.push(run as u8);
            out.push(b);
            i += run;
        }
        Yield { left: 1 }.await;
        out
    }
    async fn decode(&self, input: &[u8]) -> Result<Vec<u8>, CodecError> {
        if input.len() % 2 != 0 {
            return Err(CodecError::Truncated(input.len()));
        }
        Yield { left: 1 }.await;
        Ok(input.chunks(2).flat_map(|p| std::iter::repeat(p[1]).take(p[0] as usize)).collect())
    }
}

impl Codec for Delta {
    fn id(&self) -> u8 { 2 }
    async fn encode(&self, input: &[u8]) -> Vec<u8> {
        let mut prev = 0u8;
        let mut out = Vec::with_capacity(input.len());
        for (i, b) in input.iter().enumerate() {
            out.push(b.wrapping_sub(prev));
            prev = *b;
            if i % self.yield_every == self.yield_every - 1 {
                Yield { left: 1 }.await;
            }
        }
        out
    }
    async fn decode(&self, input: &[u8]) -> Result<Vec<u8>, CodecError> {
        Yield { left: 1 }.await;
        let mut acc = 0u8;
        Ok(input.iter().map(|d| { acc = acc.wrapping_add(*d); acc }).collect())
    }
}

struct Source { data: Vec<u8>, pos: Cell<usize> }

impl Source {
    async fn read_block(&self, buf: &mut [u8; BLOCK]) -> Result<usize, CodecError> {
        Yield { left: 1 }.await;
        let start = self.pos.get();
        let n = (self.data.len() - start).min(BLOCK);
        buf[..n].copy_from_slice(&self.data[start..start + n]);
        self.pos.set(start + n);
        Ok(n)
    }
}

async fn compress_stream<A, B>(src: &Source, first: &A, second: &B) -> Result<Vec<u8>, CodecError>
where
    A: Codec,
    B: Codec,
{
    let mut out = MAGIC.to_vec();
    out.push(first.id());
    out.push(second.id());
    let mut buf = [0u8; BLOCK];
    loop {
        let n = src.read_block(&mut buf).await?;
        if n == 0 {
            break;
        }
        let stage1 = first.encode(&buf[..n]).await;
        let stage2 = second.encode(&stage1).await;
        out.extend_from_slice(&(stage2.len() as u16).to_be_bytes());
        out.extend_from_slice(&stage2);
    }
    Ok(out)
}

async fn decompress_stream(framed: &[u8], first: &impl Codec, second: &impl Codec) -> Result<Vec<u8>, CodecError> {
    if framed.len() < 6 {
        return Err(CodecError::Truncated(framed.len()));
    }
    let mut magic = [0u8; 4];
    magic.copy_from_slice(&framed[..4]);
    if magic != MAGIC {
        return Err(CodecError::BadMagic(magic));
    }
    let mut frames: VecDeque<&[u8]> = VecDeque::new();
    let mut rest = &framed[6..];
    while rest.len() >= 2 {
        let len = u16::from_be_bytes([rest[0], rest[1]]) as usize;
        let body = rest.get(2..2 + len).ok_or(CodecError::Truncated(rest.len()))?;
        frames.push_back(body);
        rest = &rest[2 + len..];
    }
    let mut out = Vec::new();
    while let Some(frame) = frames.pop_front() {
        let s2 = second.decode(frame).await?;
        out.extend(first.decode(&s2).await?);
    }
    Ok(out)
}

fn sample_input() -> Vec<u8> {
    let mut v = Vec::new();
    for row in 0..6u8 {
        v.extend(std::iter::repeat(b' ').take(10 + row as usize));
        v.extend_from_slice(b"temperature=");
        v.extend((0..8u8).map(|i| b'0' + (i + row) % 10));
        v.push(b'\n');
    }
    v
}

fn main() {
    let input = sample_input();
    let rle = Rle;
    let delta = Delta { yield_every: 16 };
    let started = Instant::now();
    let src = Source { data: input.clone(), pos: Cell::new(0) };
    let packed = block_on(compress_stream(&src, &delta, &rle)).unwrap();
    let unpacked = block_on(decompress_stream(&packed, &delta, &rle)).unwrap();
    let src2 = Source { data: input.clone(), pos: Cell::new(0) };
    let packed2 = block_on(compress_stream(&src2, &rle, &delta)).unwrap();
    let bad = block_on(decompress_stream(b"NOPE\x01\x02", &rle, &delta));
    let ok1 = block_on(rle.roundtrip_ok(b"aaaabbbcc"));
    let ok2 = block_on(delta.roundtrip_ok(&input));
    let trunc = block_on(rle.decode(&[3]));
    let mut buf = [0u8; BLOCK];
    let eof = block_on(src.read_block(&mut buf)).unwrap();
    println!("input={} delta+rle={} rle+delta={} roundtrip={} ok1={} ok2={}", input.len(), packed.len(), packed2.len(), unpacked == input, ok1, ok2);
    println!("bad={} trunc={:?} eof={} took<1s={}", bad.unwrap_err(), trunc.err(), eof, started.elapsed().as_secs() < 1);
}
