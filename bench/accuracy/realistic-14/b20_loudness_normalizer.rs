//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Podcast ingest loudness check: measures gated block loudness and sample peak over
//! streamed PCM buffers (integer or float) and computes the gain to hit a target level.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
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

trait Sample: Copy {
    fn to_unit(self) -> f64;
}
impl Sample for i16 {
    fn to_unit(self) -> f64 { self as f64 / 32768.0 }
}
impl Sample for f32 {
    fn to_unit(self) -> f64 { self as f64 }
}

#[derive(Debug)]
enum MeterError { Silent, TooShort(usize) }

#[derive(Debug, Default)]
struct Report { integrated_db: f64, peak_db: f64, gain_db: f64, blocks_gated: usize, blocks_total: usize }

struct PcmStream<S> { buffers: VecDeque<Vec<S>> }

impl<S: Copy> PcmStream<S> {
    async fn read(&mut self) -> Option<Vec<S>> {
        yield_now().await;
        self.buffers.pop_front()
    }
}

fn db(power: f64) -> f64 { 10.0 * power.log10() }

async fn measure<S>(stream: &mut PcmStream<S>, block: usize, target_db: f64) -> Result<Report, MeterError>
where
    S: Sample + std::fmt::Debug,
{
    let mut carry: Vec<f64> = Vec::new();
    let mut powers = Vec::new();
    let mut peak = 0.0f64;
    while let Some(buf) = stream.read().await {
        carry.extend(buf.into_iter().map(Sample::to_unit));
        let whole = carry.len() / block * block;
        for chunk in carry[..whole].chunks(block) {
            peak = chunk.iter().fold(peak, |p, s| p.max(s.abs()));
            powers.push(chunk.iter().map(|s| s * s).sum::<f64>() / block as f64);
        }
        carry.drain(..whole);
    }
    if powers.len() < 2 {
        return Err(MeterError::TooShort(powers.len()));
    }
    let loud: Vec<f64> = powers.iter().copied().filter(|p| *p > 0.0 && db(*p) > -70.0).collect();
    if loud.is_empty() {
        return Err(MeterError::Silent);
    }
    let ungated = db(loud.iter().sum::<f64>() / loud.len() as f64);
    let kept: Vec<f64> = loud.into_iter().filter(|p| db(*p) > ungated - 10.0).collect();
    let integrated = db(kept.iter().sum::<f64>() / kept.len() as f64);
    let peak_db = 20.0 * peak.log10();
    let gain = (target_db - integrated).min(-1.0 - peak_db);
    Ok(Report { integrated_db: integrated, peak_db, gain_db: gain, blocks_gated: powers.len() - kept.len(), blocks_total: powers.len() })
}

fn tone(amp: f64, n: usize, period: usize) -> impl Iterator<Item = f64> {
    (0..n).map(move |i| amp * (i as f64 * std::f64::consts::TAU / period as f64).sin())
}

pub fn main() {
    let speech: Vec<i16> = tone(0.3, 4000, 40).chain(tone(0.0005, 2000, 40)).chain(tone(0.5, 2000, 25)).map(|v| (v * 32767.0) as i16).collect();
    let mut ints = PcmStream { buffers: speech.chunks(777).map(|c| c.to_vec()).collect() };
    match block_on(measure(&mut ints, 400, -16.0)) {
        Ok(r) => println!("i16: {:.1} dB, peak {:.1} dBFS, gain {:+.1} dB ({} of {} blocks gated)", r.integrated_db, r.peak_db, r.gain_db, r.blocks_gated, r.blocks_total),
        Err(e) => println!("i16: {e:?}"),
    }
    let music: Vec<f32> = tone(0.05, 6000, 60).map(|v| v as f32).collect();
    let mut floats = PcmStream { buffers: music.chunks(1000).map(|c| c.to_vec()).collect() };
    println!("f32: {:?}", block_on(measure(&mut floats, 400, -16.0)));
    let mut silent = PcmStream { buffers: VecDeque::from(vec![vec![0.0f32; 2000]]) };
    println!("silent: {:?}", block_on(measure(&mut silent, 400, -16.0)).err());
    let mut short = PcmStream { buffers: VecDeque::from(vec![vec![1i16; 500]]) };
    println!("short: {:?}", block_on(measure(&mut short, 400, -16.0)).err());
}
