//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Freighter load planning: weighs ULDs, places them on main-deck positions, computes the
//! centre of gravity in %MAC and swaps positions until the CG sits inside the envelope.

use std::collections::HashMap;
use std::fmt::Write as _;
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const POSITIONS: usize = 8;
const ARMS_M: [f64; POSITIONS] = [8.0, 11.0, 14.0, 17.0, 20.0, 23.0, 26.0, 29.0];
const MAX_POS_KG: [u32; POSITIONS] = [3000, 4500, 5000, 5000, 5000, 5000, 4500, 3000];
const LEMAC_M: f64 = 15.5;
const MAC_M: f64 = 6.0;
const OEW: (f64, f64) = (42_000.0, 18.2);
const ENVELOPE_MAC: (f64, f64) = (14.0, 32.0);
const MTOW_KG: f64 = 78_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum DgClass { Flammable, Corrosive, Radioactive { ti: u8 } }

#[derive(Debug, Clone)]
struct Uld { id: String, tare_kg: u32, declared_kg: u32, gross_kg: Option<u32>, dg: Option<DgClass>, dest: String }

#[derive(Debug)]
enum LoadError { Overweight { pos: usize, kg: u32 }, Unweighed(String), Mtow(f64), OutOfEnvelope(f64), Segregation(String, String) }

trait Scale {
    async fn weigh(&mut self, uld: &Uld) -> Result<u32, LoadError>;
    async fn weigh_all(&mut self, ulds: &mut [Uld]) -> Result<u32, LoadError> {
        let mut total = 0;
        for u in ulds.iter_mut() {
            let kg = self.weigh(u).await?;
            u.gross_kg = Some(kg);
            total += kg;
        }
        Ok(total)
    }
}

struct FloorScale { drift_kg: i32, readings: u32 }
struct ManifestScale { manifest: HashMap<String, u32> }

impl Scale for FloorScale {
    async fn weigh(&mut self, uld: &Uld) -> Result<u32, LoadError> {
        Yield(false).await;
        self.readings += 1;
        Ok((uld.tare_kg as i32 + uld.declared_kg as i32 + self.drift_kg).max(0) as u32)
    }
}

impl Scale for ManifestScale {
    async fn weigh(&mut self, uld: &Uld) -> Result<u32, LoadError> {
        Yield(false).await;
        self.manifest.get(&uld.id).map(|kg| kg + uld.tare_kg).ok_or_else(|| LoadError::Unweighed(uld.id.clone()))
    }
}

struct LoadPlan { slots: [Option<Uld>; POSITIONS], fuel_kg: f64, fuel_arm: f64, passes: u32 }

impl LoadPlan {
    fn mass_and_moment(&self) -> (f64, f64) {
        self.slots.iter().zip(ARMS_M).fold((OEW.0 + self.fuel_kg, OEW.0 * OEW.1 + self.fuel_kg * self.fuel_arm), |(m, mo), (s, arm)| {
            let kg = s.as_ref().and_then(|u| u.gross_kg).unwrap_or(0) as f64;
            (m + kg, mo + kg * arm)
        })
    }
    fn cg_mac(&self) -> f64 {
        let (m, mo) = self.mass_and_moment();
        (mo / m - LEMAC_M) / MAC_M * 100.0
    }
    fn check(&self) -> Result<f64, LoadError> {
        for (pos, s) in self.slots.iter().enumerate() {
            if let Some(u) = s && let Some(kg) = u.gross_kg && kg > MAX_POS_KG[pos] { return Err(LoadError::Overweight { pos, kg }); }
        }
        for w in self.slots.windows(2) {
            if let [Some(a), Some(b)] = w && matches!((a.dg, b.dg), (Some(DgClass::Flammable), Some(DgClass::Corrosive)) | (Some(DgClass::Corrosive), Some(DgClass::Flammable))) {
                return Err(LoadError::Segregation(a.id.clone(), b.id.clone()));
            }
        }
        let (m, _) = self.mass_and_moment();
        if m > MTOW_KG { return Err(LoadError::Mtow(m)); }
        let cg = self.cg_mac();
        if !(ENVELOPE_MAC.0..=ENVELOPE_MAC.1).contains(&cg) { return Err(LoadError::OutOfEnvelope(cg)); }
        Ok(cg)
    }
}

async fn plan<S: Scale>(scale: &mut S, mut ulds: Vec<Uld>, fuel_kg: f64) -> Result<LoadPlan, LoadError> {
    let total = scale.weigh_all(&mut ulds).await?;
    ulds.sort_by_key(|u| std::cmp::Reverse(u.gross_kg.unwrap_or(0)));
    let centre_out = [3usize, 4, 2, 5, 1, 6, 0, 7];
    let mut lp = LoadPlan { slots: Default::default(), fuel_kg, fuel_arm: 19.0, passes: 0 };
    for (u, &pos) in ulds.into_iter().zip(centre_out.iter()) { lp.slots[pos] = Some(u); }
    let target = (ENVELOPE_MAC.0 + ENVELOPE_MAC.1) / 2.0;
    loop {
        Yield(false).await;
        lp.passes += 1;
        let before = (lp.cg_mac() - target).abs();
        let mut best: Option<(usize, usize, f64)> = None;
        for i in 0..POSITIONS {
            for j in i + 1..POSITIONS {
                lp.slots.swap(i, j);
                let d = (lp.cg_mac() - target).abs();
                let legal = !matches!(lp.check(), Err(LoadError::Overweight { .. } | LoadError::Segregation(..)));
                lp.slots.swap(i, j);
                if legal && d + 0.05 < best.map_or(before, |b| b.2) { best = Some((i, j, d)); }
            }
        }
        match best {
            Some((i, j, _)) if lp.passes < 20 => lp.slots.swap(i, j),
            _ => break,
        }
    }
    lp.check()?;
    Ok(lp)
}

fn uld(id: &str, net: u32, dg: Option<DgClass>) -> Uld {
    Uld { id: id.into(), tare_kg: 120, declared_kg: net, gross_kg: None, dg, dest: "LEJ".into() }
}

fn main() {
    let cargo = vec![
        uld("PMC101", 4200, None), uld("PMC102", 4700, Some(DgClass::Flammable)), uld("PMC103", 2900, Some(DgClass::Corrosive)),
        uld("PLA201", 1800, None), uld("AKE301", 800, Some(DgClass::Radioactive { ti: 2 })), uld("PMC104", 3900, None),
    ];
    let mut floor = FloorScale { drift_kg: 15, readings: 0 };
    let trim_sheet = async |lp: &LoadPlan| -> String {
        Yield(false).await;
        let mut s = String::new();
        for (pos, slot) in lp.slots.iter().enumerate() {
            let _ = writeln!(s, "P{pos} arm {:>4.1} {}", ARMS_M[pos], slot.as_ref().map_or("-".to_string(), |u| format!("{} {}kg {:?}", u.id, u.gross_kg.unwrap_or(0), u.dg)));
        }
        let _ = write!(s, "CG {:.1}% MAC after {} passes", lp.cg_mac(), lp.passes);
        s
    };
    match block_on(plan(&mut floor, cargo.clone(), 9000.0)) {
        Ok(lp) => println!("{}", block_on(trim_sheet(&lp))),
        Err(e) => println!("floor plan failed: {e:?}"),
    }
    let mut manifest = ManifestScale { manifest: cargo.iter().map(|u| (u.id.clone(), u.declared_kg + 50)).collect() };
    manifest.manifest.remove("AKE301");
    println!("manifest: {:?}", block_on(plan(&mut manifest, cargo.clone(), 9000.0)).err());
    manifest.manifest.insert("AKE301".into(), 800);
    println!("heavy fuel: {:?}", block_on(plan(&mut manifest, cargo, 30000.0)).map(|lp| lp.cg_mac()).err());
}
