//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a shearing shed tally board that counts sheep per stand, classes fleeces by micron and computes contractor pay per run.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Blow {
    strokes: u8,
}

impl Future for Blow {
    type Output = u8;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u8> {
        match self.strokes {
            0 => Poll::Ready(0),
            n => {
                self.strokes = n - 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

async fn shear_blows(n: u8) {
    Blow { strokes: n }.await;
}

const RUNS: usize = 4;
const RATE_PER_HEAD_CENTS: u32 = 345;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Line {
    SuperFine,
    Fine,
    Medium,
    Strong,
    Oddments,
}

#[derive(Debug, Clone)]
struct Fleece {
    stand: u8,
    shearer: String,
    mob: &'static str,
    weight_kg: f32,
    micron: f32,
    cotted: bool,
}

#[derive(Debug, Default)]
struct Board {
    tallies: BTreeMap<String, [u16; RUNS]>,
    fleeces: Vec<Fleece>,
    second_cuts: u16,
}

fn class(micron: f32, cotted: bool) -> Line {
    match micron {
        _ if cotted => Line::Oddments,
        m if m < 17.5 => Line::SuperFine,
        m if m < 19.5 => Line::Fine,
        m if m < 22.0 => Line::Medium,
        _ => Line::Strong,
    }
}

async fn total_by<K, I, F>(fleeces: I, key: F) -> HashMap<K, (u32, f32)>
where
    K: Hash + Eq,
    I: IntoIterator<Item = Fleece>,
    F: Fn(&Fleece) -> K,
{
    let mut out: HashMap<K, (u32, f32)> = HashMap::new();
    for (i, f) in fleeces.into_iter().enumerate() {
        let e = out.entry(key(&f)).or_insert((0, 0.0));
        e.0 += 1;
        e.1 += f.weight_kg;
        if i % 5 == 0 {
            shear_blows(1).await;
        }
    }
    out
}

async fn stand_run(board: Arc<Mutex<Board>>, stand: u8, shearer: String, run: usize, pen: Vec<(&'static str, f32, f32)>) -> u16 {
    let mut count = 0u16;
    for (i, (mob, micron, weight)) in pen.into_iter().enumerate() {
        let blows = if micron < 18.0 { 6 } else { 4 };
        shear_blows(blows).await;
        let fleece = Fleece { stand, shearer: shearer.clone(), mob, weight_kg: weight, micron, cotted: i % 7 == 6 };
        let mut b = board.lock().unwrap();
        let Board { ref mut tallies, ref mut fleeces, ref mut second_cuts } = *b;
        tallies.entry(shearer.clone()).or_insert([0; RUNS])[run] += 1;
        if weight < 2.0 {
            *second_cuts += 1;
        }
        fleeces.push(fleece);
        count += 1;
    }
    count
}

fn pen_for(mob: &'static str, n: usize, base_micron: f32) -> Vec<(&'static str, f32, f32)> {
    [0.0f32, 0.8, -0.6, 1.9, -1.2].iter().cycle().take(n).map(|d| (mob, base_micron + d, 4.2 + d)).collect()
}

async fn pay_sheet(board: &Mutex<Board>) -> Vec<(String, u16, String)> {
    let b = board.lock().unwrap();
    let mut rows = Vec::new();
    for (name, runs) in b.tallies.iter() {
        shear_blows(1).await;
        let total: u16 = runs.iter().sum();
        let best = runs.iter().copied().max().unwrap_or(0);
        let cents = total as u32 * RATE_PER_HEAD_CENTS + if best >= 10 { 2_000 } else { 0 };
        rows.push((name.clone(), total, format!("${}.{:02}", cents / 100, cents % 100)));
    }
    rows
}

pub fn main() {
    let board = Arc::new(Mutex::new(Board::default()));
    let stands = [(1u8, "Jonno"), (2, "Wiremu"), (3, "Kate")];
    let mobs: [(&'static str, f32); 2] = [("hogget ewes", 17.2), ("wethers", 21.0)];

    let mut runs: Vec<Pin<Box<dyn Future<Output = u16>>>> = Vec::new();
    for run in 0..RUNS {
        for &(stand, name) in &stands {
            let (mob, micron) = mobs[(run + stand as usize) % mobs.len()];
            let n = 6 + (stand as usize * 3 + run) % 7;
            runs.push(Box::pin(stand_run(Arc::clone(&board), stand, name.to_string(), run, pen_for(mob, n, micron))));
        }
    }
    let shorn: u16 = runs.into_iter().map(block_on).sum();
    println!("shorn {shorn} head over {RUNS} runs");

    let fleeces = board.lock().unwrap().fleeces.clone();
    let by_line = block_on(total_by(fleeces.clone(), |f| class(f.micron, f.cotted)));
    let by_shearer = block_on(total_by(fleeces.iter().filter(|f| f.mob == "wethers").cloned().collect::<Vec<_>>(), |f| f.shearer.clone()));
    let by_stand = block_on(total_by(fleeces, |f| f.stand));
    let mut lines: Vec<_> = by_line.into_iter().collect();
    lines.sort_by_key(|(l, _)| *l);
    for (line, (n, kg)) in lines {
        println!("{line:?}: {n} fleeces, {kg:.1} kg ({} bales)", (kg / 180.0).ceil());
    }
    println!("wether fleeces by shearer: {:?}", by_shearer.get("Kate"));
    println!("stand 2 total: {:?}", by_stand.get(&2));

    let sheet = block_on(pay_sheet(&board));
    for (name, total, pay) in &sheet {
        println!("{name:<8} {total:>3} head {pay}");
    }
    let smoko = async move |break_for: Duration| -> String {
        shear_blows((break_for.as_secs() / 300) as u8).await;
        let b = board.lock().unwrap();
        format!("second cuts so far: {}", b.second_cuts)
    };
    println!("{}", block_on(smoko(Duration::from_secs(1800))));
}
