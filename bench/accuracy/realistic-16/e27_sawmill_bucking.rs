//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Sawmill merchandiser: takes 3D log scans from the infeed, finds defects along the stem, and
//! chooses bucking cuts into sellable lengths by dynamic programming against a price matrix.

use std::collections::{BTreeMap, HashMap};
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

/// Scan resolution: one diameter sample per decimetre, logs up to 25.6 m.
const SAMPLES: usize = 256;
const TRIM_DM: usize = 1;

#[derive(Clone)]
struct LogScan { id: u32, species: &'static str, diam_mm: [u16; SAMPLES], len_dm: usize, defects: Vec<(usize, usize)> }

trait PriceList {
    /// Value of a piece `len_dm` long with small-end diameter `sed_mm`, if sellable.
    fn value(&self, len_dm: usize, sed_mm: u16) -> Option<u32>;
}

struct SawlogPrices { lengths: Vec<usize>, per_m3: BTreeMap<u16, u32> }
struct PulpOnly { per_dm: u32 }

impl PriceList for SawlogPrices {
    fn value(&self, len_dm: usize, sed_mm: u16) -> Option<u32> {
        if !self.lengths.contains(&len_dm) { return None; }
        let rate = self.per_m3.range(..=sed_mm).next_back().map(|(_, r)| *r)?;
        let r = sed_mm as f64 / 2000.0;
        let vol = std::f64::consts::PI * r * r * len_dm as f64 / 10.0;
        Some((vol * rate as f64).round() as u32)
    }
}
impl PriceList for PulpOnly {
    fn value(&self, len_dm: usize, sed_mm: u16) -> Option<u32> { (sed_mm >= 60 && len_dm >= 20).then(|| len_dm as u32 * self.per_dm) }
}

struct Merchandiser<P> where P: PriceList { prices: P, kerf_dm: usize }

impl<P> Merchandiser<P>
where
    P: PriceList,
{
    async fn buck(&self, log: &LogScan) -> (u32, Vec<(usize, usize)>) {
        // best[i] = best value of the butt-end section [0, i)
        let n = log.len_dm;
        let mut best = [0u32; SAMPLES + 1];
        let mut choice = [(0usize, false); SAMPLES + 1];
        for end in 1..=n {
            best[end] = best[end - 1];
            choice[end] = (end - 1, false);
            for start in (0..end).rev() {
                let len = end - start;
                if len > 60 { break; }
                if log.defects.iter().any(|&(a, b)| a < end && b > start) { continue; }
                let sed = log.diam_mm[start..end].iter().copied().min().unwrap_or(0);
                if let Some(v) = self.prices.value(len.saturating_sub(TRIM_DM), sed) {
                    let prev = start.saturating_sub(self.kerf_dm);
                    if best[prev] + v > best[end] {
                        best[end] = best[prev] + v;
                        choice[end] = (prev, true);
                    }
                }
            }
            if end % 32 == 0 { yield_now().await; }
        }
        let mut cuts = Vec::new();
        let mut at = n;
        while at > 0 {
            let (prev, piece) = choice[at];
            if piece { cuts.push((prev + self.kerf_dm.min(at - prev), at)); }
            at = prev;
        }
        cuts.reverse();
        (best[n], cuts)
    }
}

fn parse_scan(id: u32, species: &'static str, profile: &str) -> Option<LogScan> {
    let mut diam_mm = [0u16; SAMPLES];
    let mut defects = Vec::new();
    let mut len = 0;
    for (i, tok) in profile.split_whitespace().enumerate().take(SAMPLES) {
        let (d, flag) = tok.split_once('!').map_or((tok, false), |(d, _)| (d, true));
        diam_mm[i] = d.parse().ok()?;
        if flag { defects.push((i, i + 1)); }
        len = i + 1;
    }
    Some(LogScan { id, species, diam_mm, len_dm: len, defects })
}

fn taper(butt: u16, top: u16, len: usize) -> String {
    (0..len).map(|i| (butt as usize - (butt - top) as usize * i / len.max(1)).to_string()).collect::<Vec<_>>().join(" ")
}

fn main() {
    let saw = Merchandiser { prices: SawlogPrices { lengths: vec![31, 37, 43, 49, 55], per_m3: BTreeMap::from([(140, 550), (200, 700), (300, 850)]) }, kerf_dm: 0 };
    let pulp = Merchandiser { prices: PulpOnly { per_dm: 3 }, kerf_dm: 1 };

    let clean = parse_scan(1, "spruce", &taper(420, 160, 180)).unwrap();
    let mut knotty_profile: Vec<String> = taper(380, 120, 150).split(' ').map(String::from).collect();
    knotty_profile[40].push_str("!rot");
    knotty_profile[41].push_str("!rot");
    let knotty = parse_scan(2, "pine", &knotty_profile.join(" ")).unwrap();
    assert_eq!(knotty.defects, vec![(40, 41), (41, 42)]);
    assert!(parse_scan(3, "pine", "300 abc 200").is_none());

    let (v1, cuts1) = block_on(saw.buck(&clean));
    assert!(v1 > 0 && cuts1.iter().all(|&(a, b)| b - a <= 60));
    let (v2, cuts2) = block_on(saw.buck(&knotty));
    assert!(cuts2.iter().all(|&(a, b)| b <= 40 || a >= 42), "{cuts2:?}");
    let (pv, pcuts) = block_on(pulp.buck(&knotty));
    assert!(pv > 0 && pv < v2 && pcuts.windows(2).all(|w| w[1].0 > w[0].1 - 1));

    let ticket = block_on(async {
        let mut out = String::new();
        for (log, (value, cuts)) in [(&clean, (v1, &cuts1)), (&knotty, (v2, &cuts2))] {
            yield_now().await;
            let lens: Vec<String> = cuts.iter().map(|(a, b)| format!("{:.1}m", (b - a) as f64 / 10.0)).collect();
            writeln!(out, "log {} {}: {} -> value {value}", log.id, log.species, lens.join(" + ")).unwrap();
        }
        out
    });
    let by_species: HashMap<&str, u32> = [(clean.species, v1), (knotty.species, v2)].into_iter().collect();
    print!("{ticket}pulp alternative for log 2: {pv} ({} pieces)\n{by_species:?}\n", pcuts.len());
}
