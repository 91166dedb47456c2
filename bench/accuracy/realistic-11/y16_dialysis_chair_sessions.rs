//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a haemodialysis unit's session recorder that runs treatments per chair, tracks ultrafiltration and flags intradialytic hypotension.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let w = Waker::noop();
    let mut cx = Context::from_waker(&w);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(x) => break x,
            Poll::Pending => {}
        }
    }
}

struct Interval {
    n: u8,
}

impl Future for Interval {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.n == 0 {
            return Poll::Ready(());
        }
        self.n -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn every_quarter_hour(q: u8) {
    Interval { n: q }.await;
}

#[derive(Debug, Clone, Copy)]
struct Obs {
    minute: u16,
    systolic: i16,
    diastolic: i16,
    uf_ml: u32,
}

#[derive(Debug, Clone)]
struct Prescription {
    patient: String,
    dry_weight_kg: f32,
    pre_weight_kg: f32,
    duration: Duration,
    max_uf_rate_ml_kg_h: f32,
}

#[derive(Debug)]
enum SessionError {
    OverTarget { wanted_ml: u32, cap_ml: u32 },
    Prescription(String),
    Alarm(String),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::OverTarget { wanted_ml, cap_ml } => write!(f, "UF goal {wanted_ml}ml exceeds safe cap {cap_ml}ml"),
            SessionError::Prescription(s) | SessionError::Alarm(s) => f.write_str(s),
        }
    }
}

impl From<std::num::ParseFloatError> for SessionError {
    fn from(e: std::num::ParseFloatError) -> Self {
        SessionError::Prescription(format!("bad number: {e}"))
    }
}

trait Machine {
    fn model(&self) -> &'static str;
    async fn pump_segment(&self, rate_ml_h: f32) -> u32;

    async fn measure(&self, minute: u16, baseline: (i16, i16), uf_so_far: u32) -> Obs {
        every_quarter_hour(1).await;
        let drop = (uf_so_far / 150) as i16;
        Obs { minute, systolic: baseline.0 - drop, diastolic: baseline.1 - drop / 2, uf_ml: uf_so_far }
    }
}

struct Fresenius5008 {
    calibrated: bool,
}

struct NxStage {
    cartridge_uses: RefCell<u8>,
}

impl Machine for Fresenius5008 {
    fn model(&self) -> &'static str {
        "5008S"
    }
    async fn pump_segment(&self, rate_ml_h: f32) -> u32 {
        every_quarter_hour(1).await;
        let drift = if self.calibrated { 1.0 } else { 0.97 };
        (rate_ml_h * 0.25 * drift) as u32
    }
}

impl Machine for NxStage {
    fn model(&self) -> &'static str {
        "NxStage System One"
    }
    async fn pump_segment(&self, rate_ml_h: f32) -> u32 {
        *self.cartridge_uses.borrow_mut() += 1;
        every_quarter_hour(2).await;
        (rate_ml_h.min(900.0) * 0.25) as u32
    }
    async fn measure(&self, minute: u16, baseline: (i16, i16), uf_so_far: u32) -> Obs {
        every_quarter_hour(1).await;
        Obs { minute, systolic: baseline.0 - (uf_so_far / 250) as i16, diastolic: baseline.1, uf_ml: uf_so_far }
    }
}

fn parse_prescription(line: &str) -> Result<Prescription, SessionError> {
    let f: Vec<&str> = line.split(',').map(str::trim).collect();
    if f.len() != 5 {
        return Err(SessionError::Prescription(format!("expected 5 fields, got {}", f.len())));
    }
    let hours: f32 = f[3].parse()?;
    Ok(Prescription {
        patient: f[0].to_string(),
        dry_weight_kg: f[1].parse()?,
        pre_weight_kg: f[2].parse()?,
        duration: Duration::from_secs_f32(hours * 3600.0),
        max_uf_rate_ml_kg_h: f[4].parse()?,
    })
}

async fn run_session<M>(machine: &M, rx: &Prescription, baseline: (i16, i16)) -> Result<Vec<Obs>, SessionError>
where
    M: Machine,
{
    let goal_ml = ((rx.pre_weight_kg - rx.dry_weight_kg) * 1000.0).max(0.0) as u32;
    let hours = rx.duration.as_secs_f32() / 3600.0;
    let cap_ml = (rx.max_uf_rate_ml_kg_h * rx.dry_weight_kg * hours) as u32;
    if goal_ml > cap_ml + 500 {
        return Err(SessionError::OverTarget { wanted_ml: goal_ml, cap_ml });
    }
    let goal_ml = goal_ml.min(cap_ml);
    let rate = goal_ml as f32 / hours;
    let segments = (rx.duration.as_secs() / 900) as u16;
    let mut obs = Vec::with_capacity(segments as usize);
    let mut removed = 0u32;
    for seg in 1..=segments {
        removed += machine.pump_segment(rate).await;
        let o = machine.measure(seg * 15, baseline, removed).await;
        if o.systolic < 90 {
            obs.push(o);
            return Err(SessionError::Alarm(format!("{}: SBP {} at {}min on {}", rx.patient, o.systolic, o.minute, machine.model())));
        }
        obs.push(o);
    }
    Ok(obs)
}

fn hypotension_episodes(obs: &[Obs]) -> usize {
    obs.windows(2).filter(|w| w[0].systolic - w[1].systolic >= 8).count()
}

pub fn main() {
    let lines = "Mr A. Okoye, 72.0, 74.6, 4.0, 13\nMrs B. Lindqvist, 58.5, 62.9, 3.5, 13\nMr C. Duarte, 81.0, 82.1, 4.5, 10\nbroken,row\nMs D. Park, 60.0, 6l.0, 4, 13";
    let chairs: Rc<RefCell<BTreeMap<u8, Vec<String>>>> = Rc::new(RefCell::new(BTreeMap::new()));
    let fres = Fresenius5008 { calibrated: false };
    let nx = NxStage { cartridge_uses: RefCell::new(0) };
    let baselines: HashMap<&str, (i16, i16)> = [("Mr A. Okoye", (148, 82)), ("Mrs B. Lindqvist", (112, 70))].into_iter().collect();

    for (chair, line) in (1u8..).zip(lines.lines()) {
        let rx = match parse_prescription(line) {
            Ok(rx) => rx,
            Err(e) => {
                chairs.borrow_mut().entry(chair).or_default().push(format!("rejected: {e}"));
                continue;
            }
        };
        let baseline = baselines.get(rx.patient.as_str()).copied().unwrap_or((130, 75));
        let result = if chair % 2 == 0 { block_on(run_session(&nx, &rx, baseline)) } else { block_on(run_session(&fres, &rx, baseline)) };
        let note = match result {
            Ok(obs) if hypotension_episodes(&obs) > 0 => format!("{} completed with {} BP drops", rx.patient, hypotension_episodes(&obs)),
            Ok(obs) => format!("{} completed, UF {}ml", rx.patient, obs.last().map_or(0, |o| o.uf_ml)),
            Err(e @ SessionError::Alarm(_)) => format!("stopped early: {e}"),
            Err(e) => format!("not started: {e}"),
        };
        chairs.borrow_mut().entry(chair).or_default().push(note);
    }

    let handover = {
        let chairs = Rc::clone(&chairs);
        async move {
            every_quarter_hour(1).await;
            let board = chairs.borrow();
            board.iter().map(|(c, notes)| format!("chair {c}: {}", notes.join("; "))).collect::<Vec<_>>()
        }
    };
    for line in block_on(handover) {
        println!("{line}");
    }
    println!("NxStage cartridge segments used: {}", nx.cartridge_uses.borrow());
}
