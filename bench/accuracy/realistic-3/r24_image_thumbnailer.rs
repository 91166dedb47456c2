//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Thumbnail pipeline: stream raw grayscale images from storage, box-downscale in tiles, upload.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::collections::HashMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Mutex;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }

    pub struct Bucket { pub objects: Mutex<HashMap<String, Vec<u8>>> }
    pub struct ObjectReader { data: Vec<u8>, pos: usize }
    impl Bucket {
        pub async fn open(&self, key: &str) -> Result<ObjectReader, String> {
            io().await;
            let data = self.objects.lock().unwrap().get(key).cloned().ok_or_else(|| format!("NoSuchKey: {key}"))?;
            Ok(ObjectReader { data, pos: 0 })
        }
        pub async fn put(&self, key: String, body: Vec<u8>) -> Result<usize, String> {
            io().await;
            let n = body.len();
            self.objects.lock().unwrap().insert(key, body);
            Ok(n)
        }
    }
    impl ObjectReader {
        pub async fn read(&mut self, buf: &mut [u8]) -> Result<usize, String> {
            io().await;
            let n = buf.len().min(self.data.len() - self.pos);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }
}

/// Header: b"PGM1" + width u16 LE + height u16 LE, then width*height bytes.
fn parse_header(h: &[u8]) -> Option<(usize, usize)> {
    if h.len() < 8 || &h[..4] != b"PGM1" { return None; }
    Some((u16::from_le_bytes([h[4], h[5]]) as usize, u16::from_le_bytes([h[6], h[7]]) as usize))
}

struct Thumb<const F: usize> { width: usize, height: usize, pixels: Vec<u8> }

impl<const F: usize> Thumb<F> {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.pixels.len());
        out.extend_from_slice(b"PGM1");
        out.extend_from_slice(&(self.width as u16).to_le_bytes());
        out.extend_from_slice(&(self.height as u16).to_le_bytes());
        out.extend_from_slice(&self.pixels);
        out
    }
}

async fn downscale<const F: usize>(reader: &mut rt::ObjectReader) -> Result<Thumb<F>, String> {
    let mut header = [0u8; 8];
    let n = reader.read(&mut header).await?;
    let Some((w, h)) = parse_header(&header[..n]) else { return Err("not a PGM1 image".into()) };
    let (tw, th) = (w / F, h / F);
    let mut sums = vec![0u32; tw * th];
    // Stream rows through a fixed 4 KiB buffer; each row is consumed as it arrives.
    let mut buf = [0u8; 4096];
    let mut row = Vec::with_capacity(w);
    let mut y = 0;
    while y < h {
        let n = reader.read(&mut buf).await?;
        if n == 0 { return Err(format!("truncated at row {y}")); }
        for &px in &buf[..n] {
            row.push(px);
            if row.len() == w {
                if y / F < th {
                    for (x, p) in row.iter().enumerate().take(tw * F) {
                        sums[(y / F) * tw + x / F] += *p as u32;
                    }
                }
                row.clear();
                y += 1;
            }
        }
    }
    let pixels = sums.iter().map(|s| (s / (F * F) as u32) as u8).collect();
    Ok(Thumb { width: tw, height: th, pixels })
}

#[derive(Debug, Default)]
struct Stats { processed: usize, bytes_out: usize, failures: Vec<String> }

async fn thumbnail_all<const F: usize>(bucket: &rt::Bucket, keys: &[&str], stats: &Mutex<Stats>) {
    for key in keys {
        let outcome = async {
            let mut reader = bucket.open(key).await?;
            let thumb = downscale::<F>(&mut reader).await?;
            let dest = format!("thumbs/{F}x/{}", key.trim_start_matches("raw/"));
            bucket.put(dest, thumb.encode()).await
        }
        .await;
        let mut s = stats.lock().unwrap();
        match outcome {
            Ok(n) => { s.processed += 1; s.bytes_out += n; }
            Err(e) => s.failures.push(format!("{key}@{F}x: {e}")),
        }
    }
}

fn image(w: u16, h: u16) -> Vec<u8> {
    let mut v = b"PGM1".to_vec();
    v.extend_from_slice(&w.to_le_bytes());
    v.extend_from_slice(&h.to_le_bytes());
    v.extend((0..w as usize * h as usize).map(|i| ((i % w as usize) * 255 / w as usize) as u8));
    v
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let mut truncated = image(64, 64);
    truncated.truncate(2000);
    let bucket = Arc::new(rt::Bucket {
        objects: Mutex::new(HashMap::from([
            ("raw/banner.pgm".to_string(), image(320, 80)),
            ("raw/avatar.pgm".to_string(), image(96, 96)),
            ("raw/broken.pgm".to_string(), truncated),
            ("raw/readme.txt".to_string(), b"hello".to_vec()),
        ])),
    });
    let stats = Mutex::new(Stats::default());
    let keys = ["raw/banner.pgm", "raw/avatar.pgm", "raw/broken.pgm", "raw/readme.txt", "raw/missing.pgm"];
    block_on(async {
        thumbnail_all::<4>(&bucket, &keys, &stats).await;
        thumbnail_all::<8>(&bucket, &keys[..2], &stats).await;
    });
    let s = stats.lock().unwrap();
    println!("processed={} bytes_out={} failures={}", s.processed, s.bytes_out, s.failures.len());
    for f in &s.failures { println!("  {f}"); }
}
