#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Image thumbnail pipeline over a toy raw format: decode header, box-filter downscale, grayscale, encode, with per-stage async hooks.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(fut);
    let mut spins = 0u64;
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => spins += 1,
        }
    }
}

struct Yield { left: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 { Poll::Ready(()) } else { self.left -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug)]
enum ImgError { Magic([u8; 4]), Truncated { want: usize, got: usize }, ZeroSize }

#[derive(Debug, Clone)]
struct Image { w: usize, h: usize, channels: usize, px: Vec<u8> }

fn fake_rgb(w: u16, h: u16, seed: u8) -> Vec<u8> {
    let mut out = b"RAWI".to_vec();
    out.extend(w.to_le_bytes());
    out.extend(h.to_le_bytes());
    out.push(3);
    for y in 0..h as usize {
        for x in 0..w as usize {
            out.extend([(x * 8) as u8 ^ seed, (y * 8) as u8, seed.wrapping_mul((x + y) as u8)]);
        }
    }
    out
}

async fn decode(bytes: &[u8]) -> Result<Image, ImgError> {
    Yield { left: 1 }.await;
    let magic: [u8; 4] = bytes.get(..4).and_then(|s| s.try_into().ok()).ok_or(ImgError::Truncated { want: 4, got: bytes.len() })?;
    if &magic != b"RAWI" { return Err(ImgError::Magic(magic)); }
    let (w, h, c) = match bytes.get(4..9) {
        Some(&[w0, w1, h0, h1, c]) => (u16::from_le_bytes([w0, w1]) as usize, u16::from_le_bytes([h0, h1]) as usize, c as usize),
        _ => return Err(ImgError::Truncated { want: 9, got: bytes.len() }),
    };
    if w == 0 || h == 0 { return Err(ImgError::ZeroSize); }
    let want = 9 + w * h * c;
    if bytes.len() < want { return Err(ImgError::Truncated { want, got: bytes.len() }); }
    Ok(Image { w, h, channels: c, px: bytes[9..want].to_vec() })
}

async fn downscale(img: Image, factor: usize) -> Image {
    let (nw, nh) = (img.w / factor, img.h / factor);
    let mut px = Vec::with_capacity(nw * nh * img.channels);
    for (row_idx, _) in (0..nh).enumerate() {
        if row_idx % 4 == 0 { Yield { left: 1 }.await; }
        for x in 0..nw {
            for c in 0..img.channels {
                let sum: u32 = (0..factor).flat_map(|dy| (0..factor).map(move |dx| (dx, dy)))
                    .map(|(dx, dy)| img.px[((row_idx * factor + dy) * img.w + x * factor + dx) * img.channels + c] as u32)
                    .sum();
                px.push((sum / (factor * factor) as u32) as u8);
            }
        }
    }
    Image { w: nw, h: nh, channels: img.channels, px }
}

async fn grayscale(img: Image) -> Image {
    Yield { left: 2 }.await;
    let px = img.px.chunks(img.channels).map(|p| match p {
        [r, g, b] => ((*r as u32 * 299 + *g as u32 * 587 + *b as u32 * 114) / 1000) as u8,
        [l, ..] => *l,
        [] => 0,
    }).collect();
    Image { channels: 1, px, ..img }
}

async fn encode(img: &Image) -> Vec<u8> {
    Yield { left: 1 }.await;
    // Run-length encode the luminance plane.
    let mut out = format!("THMB{}x{}:", img.w, img.h).into_bytes();
    let mut iter = img.px.iter().peekable();
    while let Some(&v) = iter.next() {
        let mut run = 1u8;
        while run < 255 && iter.peek() == Some(&&v) { iter.next(); run += 1; }
        out.extend([run, v]);
    }
    out
}

type Hook = Box<dyn Fn(String, usize) -> Pin<Box<dyn Future<Output = ()>>>>;

async fn process(name: &str, bytes: Vec<u8>, factor: usize, hooks: &[Hook]) -> Result<(usize, Vec<u8>), ImgError> {
    let img = decode(&bytes).await?;
    let input_px = img.w * img.h;
    let small = downscale(img, factor).await;
    for h in hooks { h(format!("{name}:scaled"), small.px.len()).await; }
    let gray = grayscale(small).await;
    let out = encode(&gray).await;
    for h in hooks { h(format!("{name}:encoded"), out.len()).await; }
    Ok((input_px, out))
}

fn main() {
    let audit = Arc::new(Mutex::new(Vec::<String>::new()));
    let a1 = audit.clone();
    let hooks: Vec<Hook> = vec![
        Box::new(move |stage, n| {
            let a = a1.clone();
            Box::pin(async move { Yield { left: 1 }.await; a.lock().unwrap().push(format!("{stage}={n}")); })
        }),
        Box::new(|stage, n| Box::pin(async move { if n > 1000 { println!("  large intermediate at {stage}: {n} bytes"); } })),
    ];
    let mut uploads = vec![
        ("cat.rawi", fake_rgb(64, 48, 3)),
        ("flat.rawi", { let mut b = fake_rgb(32, 32, 0); b.truncate(9); b.extend(std::iter::repeat(200).take(32 * 32 * 3)); b }),
        ("broken.png", b"\x89PNG....".to_vec()),
        ("short.rawi", fake_rgb(16, 16, 9)[..100].to_vec()),
    ];
    let results = block_on(async {
        let mut results = Vec::new();
        for (name, bytes) in uploads.drain(..) {
            let r = process(name, bytes, 4, &hooks).await;
            match &r {
                Ok((px, thumb)) => println!("{name}: {px} px -> {} byte thumb ({})", thumb.len(), String::from_utf8_lossy(&thumb[..thumb.iter().position(|&b| b == b':').unwrap_or(0)])),
                Err(e) => println!("{name}: rejected {e:?}"),
            }
            results.push(r.map(|(_, t)| t.len()));
        }
        results
    });
    println!("audit: {:?}", audit.lock().unwrap());
    assert!(results[0].is_ok() && results[1].is_ok());
    assert!(matches!(results[2], Err(ImgError::Magic(_))));
    assert!(matches!(results[3], Err(ImgError::Truncated { want: 777, got: 100 })));
    assert_eq!(results[1].as_ref().ok(), Some(&(8 + 2)));
}
