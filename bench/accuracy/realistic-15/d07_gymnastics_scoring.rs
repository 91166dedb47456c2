//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Artistic gymnastics scoring system: collects D- and E-panel marks from judge tablets,
//! trims the execution panel, applies neutral deductions and publishes apparatus rankings.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
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

const E_JUDGES: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Apparatus { Vault, UnevenBars, Beam, Floor }

#[derive(Debug)]
enum ScoreError { TabletTimeout(usize), OutOfRange { judge: usize, thousandths: u16 }, Inquiry(String) }

trait JudgeTablet {
    async fn execution_deduction(&self, gymnast: u32) -> Result<u16, ScoreError>;
}

struct WiredTablet { seat: usize, deductions: Vec<(u32, u16)> }
struct WifiTablet { seat: usize, drop_every: u32 }

impl JudgeTablet for WiredTablet {
    async fn execution_deduction(&self, gymnast: u32) -> Result<u16, ScoreError> {
        yield_now().await;
        self.deductions.iter().find(|(g, _)| *g == gymnast).map(|(_, d)| *d).ok_or(ScoreError::TabletTimeout(self.seat))
    }
}
impl JudgeTablet for WifiTablet {
    async fn execution_deduction(&self, gymnast: u32) -> Result<u16, ScoreError> {
        for _ in 0..2 { yield_now().await; }
        if self.drop_every > 0 && gymnast % self.drop_every == 0 { return Err(ScoreError::TabletTimeout(self.seat)); }
        Ok(1200 + (gymnast as u16 * 37 + self.seat as u16 * 91) % 900)
    }
}

async fn collect_panel<J>(tablets: &[J], gymnast: u32) -> Result<[u16; E_JUDGES], ScoreError>
where
    J: JudgeTablet,
{
    let mut marks = [0u16; E_JUDGES];
    for (i, t) in tablets.iter().take(E_JUDGES).enumerate() {
        let d = t.execution_deduction(gymnast).await?;
        if d > 10_000 { return Err(ScoreError::OutOfRange { judge: i, thousandths: d }); }
        marks[i] = 10_000 - d;
    }
    Ok(marks)
}

fn trimmed_e(marks: [u16; E_JUDGES]) -> u32 {
    let mut sorted = marks;
    sorted.sort_unstable();
    let middle = &sorted[1..E_JUDGES - 1];
    middle.iter().map(|&m| m as u32).sum::<u32>() / middle.len() as u32
}

#[derive(Debug, Clone)]
struct Routine { gymnast: u32, name: String, app: Apparatus, d_thousandths: u32, neutral: u32, e_thousandths: u32 }
impl Routine {
    fn final_score(&self) -> u32 { (self.d_thousandths + self.e_thousandths).saturating_sub(self.neutral) }
}

type Board = Arc<RwLock<BTreeMap<Apparatus, Vec<Routine>>>>;

fn neutral_from_notes(notes: &str) -> u32 {
    notes.split(';').map(str::trim).filter(|n| !n.is_empty()).map(|n| match n.split_once(':') {
        Some(("oob", k)) => 100 * k.parse::<u32>().unwrap_or(1),
        Some(("time", _)) => 100,
        Some(("attire", _)) => 300,
        Some(("coach", _)) => 1000,
        _ => 0,
    }).sum()
}

async fn score_routine<J: JudgeTablet>(board: Board, tablets: &[J], gymnast: u32, name: &str, app: Apparatus, d: u32, notes: &str) -> Result<u32, ScoreError> {
    let marks = collect_panel(tablets, gymnast).await?;
    let r = Routine { gymnast, name: name.to_string(), app, d_thousandths: d, neutral: neutral_from_notes(notes), e_thousandths: trimmed_e(marks) };
    let score = r.final_score();
    board.write().unwrap().entry(app).or_default().push(r);
    yield_now().await;
    Ok(score)
}

fn standings(board: &Board, app: Apparatus) -> Vec<String> {
    let guard = board.read().unwrap();
    let Some(list) = guard.get(&app) else { return vec![] };
    let mut v: Vec<&Routine> = list.iter().collect();
    v.sort_by(|a, b| b.final_score().cmp(&a.final_score()).then(b.e_thousandths.cmp(&a.e_thousandths)));
    v.iter().enumerate().map(|(i, r)| format!("{}. {} {:.3}", i + 1, r.name, r.final_score() as f64 / 1000.0)).collect()
}

fn main() {
    let board: Board = Arc::new(RwLock::new(BTreeMap::new()));
    let wired: Vec<WiredTablet> = (0..E_JUDGES)
        .map(|s| WiredTablet { seat: s, deductions: vec![(11, 1500 + s as u16 * 100), (12, 1300 + (s as u16 % 3) * 200), (13, 2100)] })
        .collect();
    let wifi: Vec<WifiTablet> = (0..E_JUDGES).map(|s| WifiTablet { seat: s, drop_every: if s == 4 { 5 } else { 0 } }).collect();

    let entries = [(11, "Ito", 5600, ""), (12, "Moreau", 5900, "oob:1"), (13, "Okafor", 6100, "attire:x; time:over"), (14, "Lind", 5000, "")];
    for (g, name, d, notes) in entries {
        let res = block_on(score_routine(board.clone(), &wired, g, name, Apparatus::Beam, d, notes));
        if let Err(e) = &res { println!("beam {name}: {e:?}"); }
    }
    for (g, name, d, notes) in [(21, "Ito", 5400, ""), (25, "Lind", 4800, "coach:spoke"), (22, "Okafor", 5800, "")] {
        match block_on(score_routine(board.clone(), &wifi, g, name, Apparatus::Floor, d, notes)) {
            Ok(s) => println!("floor {name}: {:.3}", s as f64 / 1000.0),
            Err(ScoreError::TabletTimeout(seat)) => println!("floor {name}: judge {seat} tablet lost, hold score"),
            Err(e) => println!("floor {name}: {e:?}"),
        }
    }
    for app in [Apparatus::Beam, Apparatus::Floor] {
        println!("{app:?}: {}", standings(&board, app).join(" | "));
    }

    let panel_a = block_on(collect_panel(&wired, 11)).unwrap();
    let panel_b = block_on(collect_panel(&wifi, 7)).unwrap();
    let inquiry = async |gymnast: u32, extra_d: u32| -> Result<u32, ScoreError> {
        yield_now().await;
        let mut b = board.write().unwrap();
        let r = b.values_mut().flatten().find(|r| r.gymnast == gymnast).ok_or(ScoreError::Inquiry(format!("no routine {gymnast}")))?;
        r.d_thousandths += extra_d;
        Ok(r.final_score())
    };
    let upheld = block_on(inquiry(12, 200));
    let rejected = block_on(inquiry(99, 100));
    println!("panels {panel_a:?} {panel_b:?} inquiry {upheld:?} {}", rejected.is_err());
    println!("Beam after inquiry: {}", standings(&board, Apparatus::Beam).join(" | "));
}
