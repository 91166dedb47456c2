//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Upper-air station sounding processor: decodes radiosonde telemetry frames as the balloon
//! ascends, quality-controls levels, derives lapse rates, finds the tropopause and freezing level.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;
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

const FRAME_LEN: usize = 12;
const MANDATORY_HPA: [u16; 8] = [1000, 925, 850, 700, 500, 300, 250, 200];

#[derive(Debug, Clone, Copy, PartialEq)]
struct Level { hpa: f32, height_m: f32, temp_c: f32, dewpt_c: f32, wind_dir: u16, wind_kt: u16 }

#[derive(Debug, PartialEq)]
enum FrameError { Checksum { frame: u16, got: u8, want: u8 }, Short(usize), Superadiabatic(u16) }

/// Frame layout (big-endian): seq u16, pressure*10 u16, height u16, temp*10 i16, dewpt*10 i16, dir u8*2, kt u8, checksum u8.
fn decode(bytes: &[u8; FRAME_LEN]) -> Result<(u16, Level), FrameError> {
    let be = |i: usize| u16::from_be_bytes([bytes[i], bytes[i + 1]]);
    let seq = be(0);
    let want = bytes[..FRAME_LEN - 1].iter().fold(0u8, |acc, b| acc.wrapping_add(*b));
    if want != bytes[FRAME_LEN - 1] {
        return Err(FrameError::Checksum { frame: seq, got: bytes[FRAME_LEN - 1], want });
    }
    Ok((seq, Level {
        hpa: be(2) as f32 / 10.0,
        height_m: be(4) as f32,
        temp_c: be(6) as i16 as f32 / 10.0,
        dewpt_c: be(8) as i16 as f32 / 10.0,
        wind_dir: bytes[10] as u16 * 2,
        wind_kt: 0,
    }))
}

fn encode(seq: u16, l: &Level) -> [u8; FRAME_LEN] {
    let mut f = [0u8; FRAME_LEN];
    f[0..2].copy_from_slice(&seq.to_be_bytes());
    f[2..4].copy_from_slice(&((l.hpa * 10.0).round() as u16).to_be_bytes());
    f[4..6].copy_from_slice(&(l.height_m as u16).to_be_bytes());
    f[6..8].copy_from_slice(&((l.temp_c * 10.0).round() as i16).to_be_bytes());
    f[8..10].copy_from_slice(&((l.dewpt_c * 10.0).round() as i16).to_be_bytes());
    f[10] = (l.wind_dir / 2) as u8;
    f[11] = f[..11].iter().fold(0u8, |a, b| a.wrapping_add(*b));
    f
}

async fn receive(stream: &[u8]) -> (Vec<Level>, Vec<FrameError>) {
    let mut levels = Vec::new();
    let mut errors = Vec::new();
    let mut chunks = stream.chunks(FRAME_LEN);
    while let Some(chunk) = chunks.next() {
        yield_now().await;
        let Ok(frame) = <&[u8; FRAME_LEN]>::try_from(chunk) else {
            errors.push(FrameError::Short(chunk.len()));
            break;
        };
        match decode(frame) {
            Ok((_, lvl)) if levels.last().is_some_and(|p: &Level| lvl.hpa >= p.hpa) => continue,
            Ok((_, lvl)) => levels.push(lvl),
            Err(e) => errors.push(e),
        }
    }
    (levels, errors)
}

async fn analyse(levels: &[Level]) -> BTreeMap<&'static str, f32> {
    let mut out = BTreeMap::new();
    for pair in levels.windows(2) {
        let (lo, hi) = (pair[0], pair[1]);
        let dz = (hi.height_m - lo.height_m) / 1000.0;
        let lapse = (lo.temp_c - hi.temp_c) / dz.max(0.001);
        if lo.temp_c >= 0.0 && hi.temp_c < 0.0 && !out.contains_key("freezing_m") {
            out.insert("freezing_m", lo.height_m + (hi.height_m - lo.height_m) * lo.temp_c / (lo.temp_c - hi.temp_c));
        }
        if lapse <= 2.0 && hi.hpa <= 500.0 && !out.contains_key("tropopause_hpa") {
            out.insert("tropopause_hpa", lo.hpa);
        }
        out.entry("max_lapse").and_modify(|m: &mut f32| *m = m.max(lapse)).or_insert(lapse);
        yield_now().await;
    }
    let pw: f32 = levels.iter().map(|l| (l.temp_c - l.dewpt_c).max(0.0)).sum::<f32>() / levels.len().max(1) as f32;
    out.insert("mean_dewpoint_depression", pw);
    out
}

fn profile() -> Vec<Level> {
    let rows: [(f32, f32, f32, f32); 9] = [
        (1012.0, 30.0, 18.4, 14.0), (925.0, 790.0, 13.1, 10.2), (850.0, 1500.0, 9.0, 3.0), (700.0, 3090.0, -1.5, -9.0),
        (500.0, 5740.0, -17.9, -30.0), (300.0, 9330.0, -44.1, -55.0), (250.0, 10500.0, -53.0, -63.0),
        (200.0, 11900.0, -55.1, -68.0), (150.0, 13800.0, -56.0, -72.0),
    ];
    rows.iter().enumerate().map(|(i, &(hpa, h, t, td))| Level { hpa, height_m: h, temp_c: t, dewpt_c: td, wind_dir: (200 + i as u16 * 10) % 360, wind_kt: 0 }).collect()
}

fn main() {
    let truth = profile();
    let mut stream: Vec<u8> = truth.iter().enumerate().flat_map(|(i, l)| encode(i as u16, l)).collect();
    stream[FRAME_LEN * 2 + 5] ^= 0x40;
    stream.extend_from_slice(&encode(99, &truth[1]));
    stream.extend_from_slice(&[1, 2, 3]);

    let (levels, errors) = block_on(receive(&stream));
    assert_eq!(levels.len(), truth.len() - 1);
    assert!(matches!(errors[0], FrameError::Checksum { frame: 2, .. }));
    assert_eq!(errors.last(), Some(&FrameError::Short(3)));
    assert_eq!(levels[3].wind_dir, truth[4].wind_dir);

    let stats = block_on(analyse(&levels));
    let frz = stats["freezing_m"];
    assert!((2800.0..3090.0).contains(&frz), "freezing level {frz}");
    assert_eq!(stats["tropopause_hpa"], 250.0);

    let temp_text = block_on(async {
        let mut txt = String::from("TTAA ");
        for hpa in MANDATORY_HPA {
            yield_now().await;
            match levels.iter().find(|l| l.hpa as u16 == hpa) {
                Some(l) => write!(txt, "{:02}{:03}{:+04} ", hpa / 10 % 100, (l.height_m as u32) % 1000, l.temp_c.round() as i32).unwrap(),
                None => txt.push_str("///// "),
            }
        }
        txt
    });
    assert!(temp_text.contains("/////"));
    println!("{temp_text}\n{stats:?}");
}
