#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A leaf future that completes a read on its second poll, like a real reactor would.
struct ReadAt<'a> {
    data: &'a [u8],
    offset: usize,
    buf: &'a mut [u8],
    polled: bool,
}

impl<'a> Future for ReadAt<'a> {
    type Output = std::io::Result<usize>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if !self.polled {
            self.polled = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let this = &mut *self;
        if this.offset > this.data.len() {
            return Poll::Ready(Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "offset past end")));
        }
        let n = (this.data.len() - this.offset).min(this.buf.len());
        this.buf[..n].copy_from_slice(&this.data[this.offset..this.offset + n]);
        Poll::Ready(Ok(n))
    }
}

struct MemFile {
    name: String,
    bytes: Vec<u8>,
}

impl MemFile {
    fn read_at<'a>(&'a self, offset: usize, buf: &'a mut [u8]) -> ReadAt<'a> {
        ReadAt { data: &self.bytes, offset, buf, polled: false }
    }
}

#[derive(Debug, Clone)]
struct ChunkInfo {
    index: usize,
    len: usize,
    checksum: u32,
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &d in data {
        a = (a + d as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

async fn chunk_file<const N: usize>(file: &MemFile) -> std::io::Result<Vec<ChunkInfo>> {
    let mut buf = [0u8; N];
    let mut offset = 0;
    let mut out = Vec::new();
    loop {
        let n = file.read_at(offset, &mut buf).await?;
        if n == 0 {
            break;
        }
        out.push(ChunkInfo { index: out.len(), len: n, checksum: adler32(&buf[..n]) });
        offset += n;
    }
    Ok(out)
}

async fn dedup_store<const N: usize>(files: &[MemFile]) -> (HashMap<u32, usize>, usize) {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    let mut total = 0;
    for f in files {
        let chunks = match chunk_file::<N>(f).await {
            Ok(c) => c,
            Err(e) => {
                println!("{}: {}", f.name, e);
                continue;
            }
        };
        total += chunks.len();
        for c in chunks {
            *seen.entry(c.checksum).or_insert(0) += 1;
        }
    }
    (seen, total)
}

async fn verify(file: &MemFile, manifest: &[ChunkInfo], chunk: usize) -> Result<(), String> {
    let mut scratch = vec![0u8; chunk];
    for info in manifest {
        let n = file.read_at(info.index * chunk, &mut scratch).await.map_err(|e| e.to_string())?;
        let got = adler32(&scratch[..n]);
        if got != info.checksum {
            return Err(format!("chunk {} mismatch: {:08x} != {:08x}", info.index, got, info.checksum));
        }
    }
    Ok(())
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0u32;
    loop {
        polls += 1;
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let text = "lorem ipsum dolor sit amet ".repeat(10);
    let a = MemFile { name: "a.txt".into(), bytes: text.clone().into_bytes() };
    let mut b_bytes = text.into_bytes();
    b_bytes.extend_from_slice(b"tail data");
    let b = MemFile { name: "b.txt".into(), bytes: b_bytes };

    let m64 = block_on(chunk_file::<64>(&a)).unwrap();
    let m27 = block_on(chunk_file::<27>(&a)).unwrap();
    println!("64-byte chunks: {}, 27-byte chunks: {}", m64.len(), m27.len());
    println!("unique 27-byte chunks: {}", m27.iter().map(|c| c.checksum).collect::<std::collections::HashSet<_>>().len());

    let files = [a, b];
    let (seen, total) = block_on(dedup_store::<27>(&files));
    let dupes: usize = seen.values().filter(|&&n| n > 1).map(|n| n - 1).sum();
    println!("total {} unique {} dupes {}", total, seen.len(), dupes);

    let (seen16, total16) = block_on(dedup_store::<16>(&files));
    println!("16: total {} unique {}", total16, seen16.len());

    let mut tampered = MemFile { name: "a.txt".into(), bytes: files[0].bytes.clone() };
    tampered.bytes[70] ^= 0xff;
    let ok = block_on(verify(&files[0], &m64, 64));
    let bad = block_on(async { verify(&tampered, &m64, 64).await });
    println!("verify ok={:?} tampered={:?}", ok, bad);
}
