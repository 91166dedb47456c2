//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Paint store tinting station: looks up a colour formula, scales colorant shots
//! (oz + 1/48 "Y" units) from the gallon base to the ordered can size and drives the dispenser.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

const CANISTERS: usize = 12;
const Y_PER_OZ: u32 = 48;

#[derive(Debug, Clone, Copy, PartialEq)]
enum CanSize { Quart, Gallon, FiveGallon }
impl CanSize {
    fn factor_x4(self) -> u32 { match self { CanSize::Quart => 1, CanSize::Gallon => 4, CanSize::FiveGallon => 20 } }
}

#[derive(Debug)]
enum TintError { NoFormula(String), LowCanister { slot: usize, need_y: u32, have_y: u32 }, BadCode(char), Overfill(u32) }

struct Dispenser { levels_y: [u32; CANISTERS], purges: u32, log: Vec<String> }

fn parse_formula_line(line: &str) -> Result<Vec<(usize, u32)>, TintError> {
    // e.g. "B:1-12 L:0-30 R:2-4"  colorant code : oz - Y
    line.split_whitespace()
        .map(|tok| {
            let mut chars = tok.chars();
            let code = chars.next().unwrap_or('?');
            let slot = "BCDEFIKLRTVY".find(code).ok_or(TintError::BadCode(code))?;
            let rest: String = chars.skip(1).collect();
            let (oz, y) = rest.split_once('-').unwrap_or((rest.as_str(), "0"));
            let oz: u32 = oz.parse().unwrap_or(0);
            let y: u32 = y.parse().unwrap_or(0);
            Ok((slot, oz * Y_PER_OZ + y))
        })
        .collect()
}

fn scale(shots: &[(usize, u32)], size: CanSize) -> Vec<(usize, u32)> {
    shots.iter().map(|&(s, y)| (s, (y * size.factor_x4() + 2) / 4)).collect()
}

async fn dispense(disp: &Arc<Mutex<Dispenser>>, shots: Vec<(usize, u32)>) -> Result<u32, TintError> {
    let total: u32 = shots.iter().map(|s| s.1).sum::<u32>();
    if total > 40 * Y_PER_OZ {
        return Err(TintError::Overfill(total));
    }
    // the dispenser is a single physical device: hold it for the whole can
    let mut d = disp.lock().unwrap();
    for &(slot, need) in &shots {
        if d.levels_y[slot] < need {
            return Err(TintError::LowCanister { slot, need_y: need, have_y: d.levels_y[slot] });
        }
    }
    for (slot, need) in shots {
        d.levels_y[slot] -= need;
        d.log.push(format!("slot {slot} {}oz {}Y", need / Y_PER_OZ, need % Y_PER_OZ));
        yield_now().await;
    }
    d.purges += 1;
    Ok(total)
}

async fn tint_order(
    disp: Arc<Mutex<Dispenser>>,
    lookup: impl AsyncFn(&str) -> Option<String>,
    colour: &str,
    size: CanSize,
) -> Result<String, TintError> {
    let line = lookup(colour).await.ok_or_else(|| TintError::NoFormula(colour.to_string()))?;
    let shots = scale(&parse_formula_line(&line)?, size);
    let total = dispense(&disp, shots).await?;
    Ok(format!("{colour} {size:?}: {total}Y dispensed"))
}

async fn matched_sample(disp: Arc<Mutex<Dispenser>>, spectro: [u16; 31]) -> Result<String, TintError> {
    // crude spectro match: pick the dominant band third and emit a single-colorant formula
    let thirds: Vec<u32> = spectro.chunks(11).map(|c| c.iter().map(|&v| v as u32).sum::<u32>()).collect();
    let idx = thirds.iter().enumerate().max_by_key(|(_, v)| **v).map(|(i, _)| i).unwrap_or(0);
    let code = ['E', 'D', 'R'][idx];
    let line = format!("{code}:0-{}", thirds[idx] / 100);
    yield_now().await;
    let shots = scale(&parse_formula_line(&line)?, CanSize::Quart);
    dispense(&disp, shots).await.map(|y| format!("sample match {line} -> {y}Y"))
}

fn main() {
    let disp = Arc::new(Mutex::new(Dispenser { levels_y: [30 * Y_PER_OZ; CANISTERS], purges: 0, log: Vec::new() }));
    let fan_deck: BTreeMap<&str, &str> = BTreeMap::from([
        ("Harbour Fog", "B:0-18 L:0-6 E:0-2"),
        ("Barn Red", "R:6-0 C:1-24 L:0-10"),
        ("Oops", "Z:1-0"),
    ]);
    let lookup = async |name: &str| -> Option<String> {
        yield_now().await;
        fan_deck.get(name).map(|s| s.to_string())
    };

    let orders = [
        ("Harbour Fog", CanSize::Gallon),
        ("Barn Red", CanSize::FiveGallon),
        ("Barn Red", CanSize::FiveGallon),
        ("Oops", CanSize::Quart),
        ("Seafoam", CanSize::Quart),
    ];
    for (colour, size) in orders {
        match block_on(tint_order(disp.clone(), &lookup, colour, size)) {
            Ok(msg) => println!("{msg}"),
            Err(TintError::LowCanister { slot, need_y, have_y }) if have_y > 0 => {
                println!("{colour}: refill slot {slot} (need {need_y}Y, have {have_y}Y)")
            }
            Err(e) => println!("{colour}: {e:?}"),
        }
    }

    let mut spectro = [0u16; 31];
    for (i, v) in spectro.iter_mut().enumerate() {
        *v = if (20..31).contains(&i) { 900 } else { 120 };
    }
    let sample = block_on(matched_sample(disp.clone(), spectro));
    println!("{sample:?}");
    let found = block_on(lookup("Harbour Fog"));
    // counter staff can key a formula straight off a competitor's chip label
    let keyed = async |code: &str| -> Option<String> { code.strip_prefix("RAW:").map(str::to_string) };
    let manual = block_on(tint_order(disp.clone(), keyed, "RAW:B:0-4 Y:0-9", CanSize::Quart));
    println!("manual formula: {manual:?}");
    let d = disp.lock().unwrap();
    println!("purges={} log entries={} first={:?} found={}", d.purges, d.log.len(), d.log.first(), found.is_some());
}
