//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Content-addressed blob store with chunked writes, Adler-32 checksums and a pluggable async backend.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) { break out; }
    }
}

struct Yield { remaining: usize }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 { return Poll::Ready(()); }
        self.remaining -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
fn io_delay(n: usize) -> Yield { Yield { remaining: n } }

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk { a += byte as u32; b += a; }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

#[derive(Debug)]
enum BlobError { Missing(String), Corrupt { key: String, want: u32, got: u32 }, TooLarge(usize) }

trait Backend {
    async fn put_chunk(&self, key: String, bytes: Vec<u8>) -> Result<(), BlobError>;
    async fn get_chunk(&self, key: &str) -> Result<Vec<u8>, BlobError>;
    async fn exists(&self, key: &str) -> bool { self.get_chunk(key).await.is_ok() }
}

struct MemBackend<const CAP: usize> { slots: RefCell<HashMap<String, Vec<u8>>>, writes: RefCell<u32> }

impl<const CAP: usize> Backend for MemBackend<CAP> {
    async fn put_chunk(&self, key: String, bytes: Vec<u8>) -> Result<(), BlobError> {
        if bytes.len() > CAP { return Err(BlobError::TooLarge(bytes.len())); }
        io_delay(2).await;
        *self.writes.borrow_mut() += 1;
        self.slots.borrow_mut().insert(key, bytes);
        Ok(())
    }
    async fn get_chunk(&self, key: &str) -> Result<Vec<u8>, BlobError> {
        io_delay(1).await;
        self.slots.borrow().get(key).cloned().ok_or_else(|| BlobError::Missing(key.to_string()))
    }
}

#[derive(Clone, Debug)]
struct Manifest { name: String, chunks: Vec<(String, u32)>, len: usize }

struct BlobStore<B: Backend, const CHUNK: usize> { backend: B, manifests: RefCell<HashMap<String, Manifest>>, dedup_hits: RefCell<u32> }

impl<B: Backend, const CHUNK: usize> BlobStore<B, CHUNK> {
    async fn write(&self, name: &str, data: &[u8]) -> Result<Manifest, BlobError> {
        let mut chunks = Vec::new();
        for (i, piece) in data.chunks(CHUNK).enumerate() {
            let sum = adler32(piece);
            let key = format!("{sum:08x}-{}", piece.len());
            if self.backend.exists(&key).await {
                *self.dedup_hits.borrow_mut() += 1;
            } else {
                self.backend.put_chunk(key.clone(), piece.to_vec()).await?;
            }
            chunks.push((key, sum));
        }
        let m = Manifest { name: name.to_string(), chunks, len: data.len() };
        self.manifests.borrow_mut().insert(name.to_string(), m.clone());
        Ok(m)
    }

    async fn read(&self, name: &str) -> Result<Vec<u8>, BlobError> {
        // Edition 2024: the `borrow()` temporary in the scrutinee is dropped before `else`.
        let manifest = if let Some(m) = self.manifests.borrow().get(name) {
            m.clone()
        } else {
            self.manifests.borrow_mut().remove(name);
            return Err(BlobError::Missing(name.to_string()));
        };
        let mut out = Vec::with_capacity(manifest.len);
        for (key, want) in &manifest.chunks {
            let bytes = self.backend.get_chunk(key).await?;
            let got = adler32(&bytes);
            if got != *want { return Err(BlobError::Corrupt { key: key.clone(), want: *want, got }); }
            out.extend_from_slice(&bytes);
        }
        Ok(out)
    }

    fn stored_names(&self) -> usize {
        let names = RefCell::new(self.manifests.borrow().keys().cloned().collect::<Vec<_>>());
        names.borrow().len() // tail temporary outlives `names` only under edition 2021 rules
    }
}

async fn corrupt<const CAP: usize>(backend: &MemBackend<CAP>, key: &str) {
    io_delay(1).await;
    if let Some(bytes) = backend.slots.borrow_mut().get_mut(key)
        && let Some(first) = bytes.first_mut()
    {
        *first ^= 0xff;
    }
}

fn main() {
    let store: BlobStore<MemBackend<64>, 16> = BlobStore {
        backend: MemBackend { slots: RefCell::new(HashMap::new()), writes: RefCell::new(0) },
        manifests: RefCell::new(HashMap::new()),
        dedup_hits: RefCell::new(0),
    };
    let report = Rc::new(RefCell::new(Vec::<String>::new()));
    let log = report.clone();
    block_on(async move {
        let a = b"the quick brown fox jumps over the lazy dog, the quick brown fox!".to_vec();
        let b: Vec<u8> = a.iter().rev().copied().collect();
        let doubled = [a.as_slice(), a.as_slice()].concat();
        for (name, data) in [("a.txt", &a), ("b.txt", &b), ("aa.txt", &doubled)] {
            let m = store.write(name, data).await.expect("write");
            log.borrow_mut().push(format!("{name}: {} bytes in {} chunks", m.len, m.chunks.len()));
        }
        let roundtrip = store.read("aa.txt").await.map(|v| v == doubled);
        log.borrow_mut().push(format!("roundtrip aa.txt ok={roundtrip:?}"));
        let victim = store.manifests.borrow()["b.txt"].chunks[1].0.clone();
        corrupt(&store.backend, &victim).await;
        match store.read("b.txt").await {
            Err(BlobError::Corrupt { key, want, got }) if want != got => log.borrow_mut().push(format!("corruption in {key}")),
            other => panic!("expected corruption, got {other:?}"),
        }
        let missing = store.read("nope").await;
        assert!(matches!(missing, Err(BlobError::Missing(_))));
        let small: BlobStore<MemBackend<8>, 16> = BlobStore {
            backend: MemBackend { slots: RefCell::new(HashMap::new()), writes: RefCell::new(0) },
            manifests: RefCell::new(HashMap::new()),
            dedup_hits: RefCell::new(0),
        };
        let too_big = small.write("x", &a).await;
        assert!(matches!(too_big, Err(BlobError::TooLarge(16))));
        log.borrow_mut().push(format!("names={} dedup_hits={} writes={}", store.stored_names(), store.dedup_hits.borrow(), store.backend.writes.borrow()));
    });
    for line in report.borrow().iter() { println!("{line}"); }
}
