//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models an audiology clinic's hearing-aid fitting session that turns audiograms into per-band gain targets, runs feedback checks and saves programs.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            break v;
        }
    }
}

struct Probe {
    polls_remaining: u8,
}

impl Future for Probe {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polls_remaining == 0 {
            Poll::Ready(())
        } else {
            self.polls_remaining -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn wireless_roundtrip() {
    Probe { polls_remaining: 2 }.await
}

const FREQS_HZ: [u16; 8] = [250, 500, 1000, 2000, 3000, 4000, 6000, 8000];
const BANDS: usize = FREQS_HZ.len();

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ear {
    Left,
    Right,
}

#[derive(Debug, Clone)]
struct Audiogram {
    ear: Ear,
    thresholds_db: [Option<i8>; BANDS],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Program {
    Quiet,
    Noise,
    Music,
}

#[derive(Debug, Clone)]
struct DeviceState {
    serial: String,
    gains: [f32; BANDS],
    mpo_db: u8,
    programs: BTreeMap<Program, [f32; BANDS]>,
    writes: u32,
}

#[derive(Debug)]
enum FitError {
    NoResponse(Ear),
    Feedback { band_hz: u16, margin_db: f32 },
    Unfittable(&'static str),
}

trait Formula {
    fn label(&self) -> &'static str;
    fn target(&self, hz: u16, threshold: i8) -> f32;

    async fn targets(&self, gram: &Audiogram) -> Result<[f32; BANDS], FitError> {
        if gram.thresholds_db.iter().all(Option::is_none) {
            return Err(FitError::NoResponse(gram.ear));
        }
        let mut out = [0.0f32; BANDS];
        let mut last = 0i8;
        for (slot, (&hz, th)) in out.iter_mut().zip(FREQS_HZ.iter().zip(gram.thresholds_db.iter())) {
            let th = th.unwrap_or(last);
            last = th;
            *slot = self.target(hz, th);
        }
        wireless_roundtrip().await;
        Ok(out)
    }
}

struct HalfGain;
struct SlopeCorrected {
    low_cut_hz: u16,
}

impl Formula for HalfGain {
    fn label(&self) -> &'static str {
        "half-gain"
    }
    fn target(&self, _hz: u16, threshold: i8) -> f32 {
        (threshold.max(0) as f32) / 2.0
    }
}

impl Formula for SlopeCorrected {
    fn label(&self) -> &'static str {
        "slope-corrected"
    }
    fn target(&self, hz: u16, threshold: i8) -> f32 {
        let base = threshold.max(0) as f32 * 0.46;
        match hz {
            f if f < self.low_cut_hz => base - 6.0,
            2000..=4000 => base + 3.0,
            _ => base,
        }
        .max(0.0)
    }
}

async fn feedback_check(gains: &[f32; BANDS], vent_mm: f32) -> Result<(), FitError> {
    for (i, chunk) in gains.chunks(2).enumerate() {
        wireless_roundtrip().await;
        for (j, &g) in chunk.iter().enumerate() {
            let band = i * 2 + j;
            let stable_limit = 45.0 - vent_mm * 4.0 - if FREQS_HZ[band] >= 2000 { 5.0 } else { 0.0 };
            let margin = stable_limit - g;
            if margin < 0.0 {
                return Err(FitError::Feedback { band_hz: FREQS_HZ[band], margin_db: margin });
            }
        }
    }
    Ok(())
}

async fn fit<F>(formula: &F, gram: &Audiogram, device: &mut DeviceState, vent_mm: f32, attempts: &Cell<u8>) -> Result<usize, FitError>
where
    F: Formula,
{
    let mut gains = formula.targets(gram).await?;
    let settled = loop {
        attempts.set(attempts.get() + 1);
        match feedback_check(&gains, vent_mm).await {
            Ok(()) => break gains,
            Err(FitError::Feedback { band_hz, margin_db }) if attempts.get() < 4 => {
                let idx = FREQS_HZ.iter().position(|&f| f == band_hz).unwrap_or(0);
                gains[idx] += margin_db - 1.0;
            }
            Err(e) => return Err(e),
        }
    };
    let DeviceState { ref mut gains, ref mut programs, ref mut writes, .. } = *device;
    *gains = settled;
    let noise: [f32; BANDS] = std::array::from_fn(|i| if FREQS_HZ[i] < 1000 { settled[i] - 4.0 } else { settled[i] });
    let music: [f32; BANDS] = settled.map(|g| (g * 0.9).max(0.0));
    for (p, g) in [(Program::Quiet, settled), (Program::Noise, noise), (Program::Music, music)] {
        wireless_roundtrip().await;
        programs.insert(p, g);
        *writes += 1;
    }
    Ok(programs.len())
}

fn parse_gram(ear: Ear, row: &str) -> Audiogram {
    let mut thresholds_db = [None; BANDS];
    for (slot, tok) in thresholds_db.iter_mut().zip(row.split_whitespace()) {
        *slot = match tok {
            "NR" | "-" => None,
            t => t.parse().ok(),
        };
    }
    Audiogram { ear, thresholds_db }
}

pub fn main() {
    let left = parse_gram(Ear::Left, "20 25 35 55 65 70 75 NR");
    let right = parse_gram(Ear::Right, "15 20 30 45 80 90 95 100");
    let dead = parse_gram(Ear::Right, "NR NR NR NR NR NR NR NR");
    let blank = DeviceState { serial: String::new(), gains: [0.0; BANDS], mpo_db: 110, programs: BTreeMap::new(), writes: 0 };
    let mut left_aid = DeviceState { serial: "L-88213".into(), ..blank.clone() };
    let mut right_aid = DeviceState { serial: "R-88214".into(), mpo_db: 118, ..blank };

    let attempts = Cell::new(0u8);
    let r1 = block_on(fit(&HalfGain, &left, &mut left_aid, 1.0, &attempts));
    let a1 = attempts.replace(0);
    let r2 = block_on(fit(&SlopeCorrected { low_cut_hz: 500 }, &right, &mut right_aid, 3.5, &attempts));
    let a2 = attempts.replace(0);
    let r3 = block_on(fit(&HalfGain, &dead, &mut right_aid, 1.0, &attempts));
    for (label, r, a) in [("left/half-gain", r1, a1), ("right/slope", r2, a2), ("dead ear", r3, attempts.get())] {
        match r {
            Ok(n) => println!("{label}: {n} programs after {a} feedback passes"),
            Err(FitError::Feedback { band_hz, margin_db }) => println!("{label}: feedback at {band_hz}Hz ({margin_db:.1} dB)"),
            Err(e) => println!("{label}: {e:?}"),
        }
    }
    let summary: HashMap<&str, Vec<String>> = [(&left_aid.serial, &left_aid), (&right_aid.serial, &right_aid)]
        .into_iter()
        .map(|(s, d)| (s.as_str(), d.gains.iter().zip(FREQS_HZ).filter(|(g, _)| **g > 20.0).map(|(g, f)| format!("{f}:{g:.0}")).collect()))
        .collect();
    println!("high-gain bands {summary:?}");

    let counselling = async |dev: &DeviceState| -> String {
        wireless_roundtrip().await;
        let progs: Vec<String> = dev.programs.keys().map(|p| format!("{p:?}")).collect();
        format!("{} has {} (written {}x)", dev.serial, progs.join("/"), dev.writes)
    };
    println!("{}", block_on(counselling(&left_aid)));
    println!("{}", block_on(counselling(&right_aid)));
}
