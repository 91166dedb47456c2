//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a recycling facility's conveyor line that classifies items from optical sensor spectra and diverts them into bales.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

struct Yield {
    spent: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.spent {
            self.spent = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

async fn belt_step() {
    Yield { spent: false }.await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const BANDS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Material {
    Pet,
    Hdpe,
    Aluminum,
    Cardboard,
    Glass,
    Residue,
}

#[derive(Debug, Clone)]
struct Item {
    seq: u32,
    spectrum: [f32; BANDS],
    metal_signal: f32,
    mass_g: u16,
}

fn argmax<const N: usize>(values: &[f32; N]) -> (usize, f32) {
    values.iter().copied().enumerate().fold((0, f32::MIN), |best, (i, v)| if v > best.1 { (i, v) } else { best })
}

fn classify(item: &Item) -> Material {
    let (peak, height) = argmax(&item.spectrum);
    let mean = item.spectrum.iter().sum::<f32>() / BANDS as f32;
    match peak {
        _ if item.metal_signal > 0.7 && item.mass_g < 40 => Material::Aluminum,
        _ if item.mass_g > 250 && height - mean < 0.05 => Material::Glass,
        1 | 2 if height > 0.6 => Material::Pet,
        3 if height > 0.55 => Material::Hdpe,
        5..=7 if mean > 0.3 => Material::Cardboard,
        _ => Material::Residue,
    }
}

trait Diverter {
    fn lane(&self) -> Material;
    async fn fire(&mut self, item: &Item) -> bool;
    async fn settle_after(&mut self, fired: u32) {
        for _ in 0..(fired % 3) {
            belt_step().await;
        }
    }
}

struct AirJet {
    material: Material,
    pressure_kpa: u16,
    misses: u32,
}

struct EddyCurrent {
    rotor_rpm: u32,
    caught: u32,
}

impl Diverter for AirJet {
    fn lane(&self) -> Material {
        self.material
    }
    async fn fire(&mut self, item: &Item) -> bool {
        belt_step().await;
        // heavier items need more pressure; below 500 kPa the jet misses anything over 120 g
        let ok = self.pressure_kpa >= 500 || item.mass_g <= 120;
        if !ok {
            self.misses += 1;
        }
        ok
    }
}

impl Diverter for EddyCurrent {
    fn lane(&self) -> Material {
        Material::Aluminum
    }
    async fn fire(&mut self, _item: &Item) -> bool {
        belt_step().await;
        belt_step().await;
        self.caught += 1;
        self.rotor_rpm >= 2000
    }
    async fn settle_after(&mut self, fired: u32) {
        belt_step().await;
    }
}

async fn run_lane<D>(diverter: &mut D, belt: &mut VecDeque<(Item, Material)>, bales: &mut BTreeMap<Material, u32>) -> u32
where
    D: Diverter,
{
    let lane = diverter.lane();
    let mut fired = 0u32;
    let mut passed = VecDeque::with_capacity(belt.len());
    while let Some((item, material)) = belt.pop_front() {
        if material != lane {
            passed.push_back((item, material));
            continue;
        }
        if diverter.fire(&item).await {
            *bales.entry(lane).or_insert(0) += item.mass_g as u32;
            fired += 1;
        } else {
            passed.push_back((item, Material::Residue));
        }
    }
    diverter.settle_after(fired).await;
    *belt = passed;
    fired
}

async fn scan(raw: &str) -> Vec<(Item, Material)> {
    let mut out = Vec::new();
    for (seq, line) in raw.lines().map(str::trim).filter(|l| !l.starts_with('#')).enumerate() {
        let nums: Vec<f32> = line.split(',').filter_map(|t| t.trim().parse().ok()).collect();
        if nums.len() != BANDS + 2 {
            continue; // torn reading; item rides to residue
        }
        let mut spectrum = [0f32; BANDS];
        spectrum.copy_from_slice(&nums[..BANDS]);
        let item = Item { seq: seq as u32, spectrum, metal_signal: nums[BANDS], mass_g: nums[BANDS + 1] as u16 };
        let material = classify(&item);
        belt_step().await;
        out.push((item, material));
    }
    out
}

pub fn main() {
    let readings = "\
        # b0..b7, metal, grams
        0.1,0.72,0.4,0.2,0.1,0.1,0.1,0.1,0.0,31
        0.1,0.2,0.2,0.66,0.2,0.1,0.1,0.1,0.0,58
        0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.9,15
        0.2,0.3,0.3,0.3,0.4,0.5,0.6,0.55,0.0,180
        0.31,0.32,0.30,0.31,0.30,0.32,0.31,0.30,0.0,410
        0.1,0.1,0.9,0.2
        0.1,0.65,0.7,0.2,0.1,0.1,0.1,0.1,0.0,140
        0.2,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.2,22";
    let started = Instant::now();
    let mut bales: BTreeMap<Material, u32> = BTreeMap::new();
    let mut pet_jet = AirJet { material: Material::Pet, pressure_kpa: 420, misses: 0 };
    let mut hdpe_jet = AirJet { material: Material::Hdpe, pressure_kpa: 600, misses: 0 };
    let mut fiber_jet = AirJet { material: Material::Cardboard, pressure_kpa: 650, misses: 0 };
    let mut eddy = EddyCurrent { rotor_rpm: 2400, caught: 0 };

    let summary = block_on(async {
        let scanned = scan(readings).await;
        let counts: HashMap<Material, usize> = scanned.iter().fold(HashMap::new(), |mut m, (_, mat)| {
            *m.entry(*mat).or_default() += 1;
            m
        });
        let mut belt: VecDeque<(Item, Material)> = scanned.into();
        let fired = [
            run_lane(&mut eddy, &mut belt, &mut bales).await,
            run_lane(&mut pet_jet, &mut belt, &mut bales).await,
            run_lane(&mut hdpe_jet, &mut belt, &mut bales).await,
            run_lane(&mut fiber_jet, &mut belt, &mut bales).await,
        ];
        let residue_g: u32 = belt.iter().map(|(i, _)| i.mass_g as u32).sum();
        let residue_ids: Vec<u32> = belt.iter().map(|(i, _)| i.seq).collect();
        (counts, fired, residue_g, residue_ids)
    });

    let (counts, fired, residue_g, residue_ids) = summary;
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort();
    println!("classified: {counts:?}");
    println!("fired per lane [eddy, pet, hdpe, fiber] = {fired:?}");
    for (mat, grams) in &bales {
        println!("  bale {mat:?}: {grams} g");
    }
    let capture = bales.values().sum::<u32>() as f64 / (bales.values().sum::<u32>() + residue_g).max(1) as f64;
    println!("residue items {residue_ids:?} ({residue_g} g); capture rate {:.1}%; pet misses {}", capture * 100.0, pet_jet.misses);
    let _elapsed: Duration = started.elapsed();
}
