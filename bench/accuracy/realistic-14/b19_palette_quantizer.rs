//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Sticker-printing service palette reducer: reads plain PPM uploads in chunks, builds an
//! indexed palette by median cut, remaps pixels and reports the quantisation error.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
async fn yield_now() {
    Yield(false).await;
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum ImageError {
    Magic(String),
    Header,
    Sample(String),
    Truncated { want: usize, got: usize },
}

type Rgb = [u8; 3];

struct Upload {
    chunks: VecDeque<String>,
}

impl Upload {
    async fn next_chunk(&mut self) -> Option<String> {
        yield_now().await;
        self.chunks.pop_front()
    }
}

async fn read_ppm(up: &mut Upload) -> Result<(usize, usize, Vec<Rgb>), ImageError> {
    let mut text = String::new();
    while let Some(c) = up.next_chunk().await {
        text.push_str(&c);
    }
    let mut tokens = text.lines().map(|l| l.split('#').next().unwrap_or("")).flat_map(str::split_whitespace);
    match tokens.next() {
        Some("P3") => {}
        other => return Err(ImageError::Magic(other.unwrap_or("").to_string())),
    }
    let mut header = [0usize; 3];
    for h in header.iter_mut() {
        *h = tokens.next().and_then(|t| t.parse().ok()).ok_or(ImageError::Header)?;
    }
    let [w, h, max] = header;
    let samples: Vec<u8> = tokens
        .map(|t| t.parse::<usize>().map(|v| (v * 255 / max.max(1)) as u8).map_err(|_| ImageError::Sample(t.to_string())))
        .collect::<Result<_, _>>()?;
    if samples.len() < w * h * 3 {
        return Err(ImageError::Truncated { want: w * h * 3, got: samples.len() });
    }
    Ok((w, h, samples.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect()))
}

fn median_cut(mut bucket: Vec<Rgb>, depth: u32) -> Pin<Box<dyn Future<Output = Vec<Rgb>>>> {
    Box::pin(async move {
        if bucket.is_empty() {
            return vec![];
        }
        if depth == 0 || bucket.len() == 1 {
            let n = bucket.len() as u32;
            let mut sum = [0u32; 3];
            for px in &bucket {
                for (s, c) in sum.iter_mut().zip(px) {
                    *s += *c as u32;
                }
            }
            return vec![[(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]];
        }
        let ranges: Vec<u8> = (0..3).map(|ch| {
            let (lo, hi) = bucket.iter().fold((255u8, 0u8), |(lo, hi), p| (lo.min(p[ch]), hi.max(p[ch])));
            hi - lo
        }).collect();
        let axis = (0..3).max_by_key(|&i| ranges[i]).unwrap_or(0);
        bucket.sort_unstable_by_key(|p| p[axis]);
        let upper = bucket.split_off(bucket.len() / 2);
        yield_now().await;
        let mut palette = median_cut(bucket, depth - 1).await;
        palette.extend(median_cut(upper, depth - 1).await);
        palette
    })
}

fn nearest(palette: &[Rgb], px: &Rgb) -> (usize, u32) {
    palette
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.iter().zip(px).map(|(a, b)| (*a as i32 - *b as i32).pow(2) as u32).sum()))
        .min_by_key(|&(_, d)| d)
        .unwrap_or((0, 0))
}

async fn quantize(up: &mut Upload, colours_log2: u32) -> Result<String, ImageError> {
    let (w, h, pixels) = read_ppm(up).await?;
    let palette = median_cut(pixels.clone(), colours_log2).await;
    let mut cache: HashMap<Rgb, (usize, u32)> = HashMap::new();
    let mut err_total: u64 = 0;
    let mut histogram = vec![0u32; palette.len()];
    for px in &pixels {
        let (idx, d) = *cache.entry(*px).or_insert_with(|| nearest(&palette, px));
        histogram[idx] += 1;
        err_total += d as u64;
    }
    let mse = err_total as f64 / (pixels.len() * 3) as f64;
    let hex: Vec<String> = palette.iter().map(|c| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])).collect();
    Ok(format!("{w}x{h} -> {} colours {:?} use {:?} mse {:.1}", palette.len(), hex, histogram, mse))
}

pub fn main() {
    let mut body = String::from("P3\n# sticker\n4 3\n15\n");
    for y in 0..3 {
        for x in 0..4 {
            let px = if x < 2 { [15, y * 2, 0] } else { [0, 4 + y, 15 - x] };
            body.push_str(&format!("{} {} {}  ", px[0], px[1], px[2]));
        }
        body.push('\n');
    }
    let split = |s: &str| -> VecDeque<String> { s.as_bytes().chunks(9).map(|c| String::from_utf8_lossy(c).into_owned()).collect() };
    for bits in [1, 2] {
        let mut up = Upload { chunks: split(&body) };
        println!("{:?}", block_on(quantize(&mut up, bits)));
    }
    for bad in ["P6 1 1 255 0 0 0", "P3 2 2 255 1 2 3", "P3 1 1 255 1 2 x"] {
        let mut up = Upload { chunks: split(bad) };
        println!("{:?}", block_on(quantize(&mut up, 1)));
    }
}
