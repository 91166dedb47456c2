#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Ski resort lift status board: polls lift controllers and wind stations, applies hold rules and renders the base-area board.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum LiftState {
    Open { wait: Duration },
    WindHold { gust_kmh: u16 },
    Mechanical(String),
    Closed,
}

impl fmt::Display for LiftState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiftState::Open { wait } => write!(f, "OPEN {} min", wait.as_secs() / 60),
            LiftState::WindHold { gust_kmh } => write!(f, "WIND HOLD ({gust_kmh} km/h)"),
            LiftState::Mechanical(m) => write!(f, "DOWN: {m}"),
            LiftState::Closed => f.write_str("CLOSED"),
        }
    }
}

trait Controller {
    type Id: Copy + fmt::Debug + Ord;
    fn ids(&self) -> Vec<Self::Id>;
    async fn poll_lift(&self, id: Self::Id) -> Result<(u32, Option<String>), String>;
}

trait WindSource {
    async fn gust_at(&self, elevation_m: u32) -> u16;
}

struct PlcController {
    faults: HashMap<u8, String>,
    queue_len: Vec<(u8, u32)>,
}

struct LegacyModem {
    lines: String,
}

impl Controller for PlcController {
    type Id = u8;
    fn ids(&self) -> Vec<u8> {
        self.queue_len.iter().map(|(id, _)| *id).collect()
    }
    async fn poll_lift(&self, id: u8) -> Result<(u32, Option<String>), String> {
        Yield { left: 1 }.await;
        let q = self.queue_len.iter().find(|(i, _)| *i == id).map(|(_, q)| *q).ok_or(format!("no lift {id}"))?;
        Yield { left: 1 }.await;
        Ok((q, self.faults.get(&id).cloned()))
    }
}

impl Controller for LegacyModem {
    type Id = char;
    fn ids(&self) -> Vec<char> {
        self.lines.lines().filter_map(|l| l.chars().next()).collect()
    }
    async fn poll_lift(&self, id: char) -> Result<(u32, Option<String>), String> {
        Yield { left: 3 }.await;
        let line = self.lines.lines().find(|l| l.starts_with(id)).ok_or_else(|| "modem timeout".to_string())?;
        let mut fields = line[1..].split(',').map(str::trim);
        let q: u32 = fields.next().unwrap_or("0").parse().map_err(|e| format!("{e}"))?;
        let fault = fields.next().filter(|s| !s.is_empty()).map(|s| s.to_string());
        Ok((q, fault))
    }
}

struct SummitAnemometer {
    base_gust: u16,
}

impl WindSource for SummitAnemometer {
    async fn gust_at(&self, elevation_m: u32) -> u16 {
        Yield { left: 1 }.await;
        self.base_gust + (elevation_m / 100) as u16 * 3
    }
}

struct LiftInfo {
    name: String,
    top_m: u32,
    hold_kmh: u16,
    riders_per_min: u32,
}

async fn refresh<C, W>(ctrl: &C, wind: &W, info: &BTreeMap<C::Id, LiftInfo>, board: Arc<RwLock<Vec<(String, LiftState)>>>) -> usize
where
    C: Controller,
    W: WindSource,
{
    let mut changed = 0;
    for id in ctrl.ids() {
        let Some(meta) = info.get(&id) else { continue };
        let state = match ctrl.poll_lift(id).await {
            Err(e) => LiftState::Mechanical(e),
            Ok((_, Some(fault))) => LiftState::Mechanical(fault),
            Ok((queue, None)) => {
                let gust = wind.gust_at(meta.top_m).await;
                if gust > meta.hold_kmh {
                    LiftState::WindHold { gust_kmh: gust }
                } else {
                    let mins = queue / meta.riders_per_min.max(1);
                    LiftState::Open { wait: Duration::from_secs(mins as u64 * 60) }
                }
            }
        };
        let mut b = board.write().unwrap();
        match b.iter_mut().find(|(n, _)| *n == meta.name) {
            Some((_, s)) if *s == state => {}
            Some((_, s)) => {
                *s = state;
                changed += 1;
            }
            None => {
                b.push((meta.name.clone(), state));
                changed += 1;
            }
        }
    }
    changed
}

fn render(board: &[(String, LiftState)]) -> String {
    let mut s = String::new();
    let width = board.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, st) in board {
        writeln!(s, "{name:<width$}  {st}").unwrap();
    }
    s
}

fn main() {
    let board = Arc::new(RwLock::new(Vec::new()));
    let plc = PlcController { faults: HashMap::from([(3, "bullwheel sensor".to_string())]), queue_len: vec![(1, 240), (2, 35), (3, 0)] };
    let modem = LegacyModem { lines: "A 60,\nB 10, rope inspection\nC x".to_string() };
    let calm = SummitAnemometer { base_gust: 20 };
    let gusty = SummitAnemometer { base_gust: 45 };
    let plc_info: BTreeMap<u8, LiftInfo> = BTreeMap::from([
        (1, LiftInfo { name: "Eagle Express".into(), top_m: 2400, hold_kmh: 80, riders_per_min: 40 }),
        (2, LiftInfo { name: "Bunny Carpet".into(), top_m: 1500, hold_kmh: 90, riders_per_min: 10 }),
        (3, LiftInfo { name: "Summit Tram".into(), top_m: 3000, hold_kmh: 70, riders_per_min: 20 }),
    ]);
    let modem_info: BTreeMap<char, LiftInfo> = BTreeMap::from([
        ('A', LiftInfo { name: "Old Chair A".into(), top_m: 1900, hold_kmh: 95, riders_per_min: 12 }),
        ('B', LiftInfo { name: "Old Chair B".into(), top_m: 2100, hold_kmh: 95, riders_per_min: 12 }),
        ('C', LiftInfo { name: "T-Bar C".into(), top_m: 1700, hold_kmh: 60, riders_per_min: 8 }),
    ]);
    let c1 = block_on(refresh(&plc, &calm, &plc_info, board.clone()));
    let c2 = block_on(refresh(&modem, &calm, &modem_info, board.clone()));
    let c3 = block_on(refresh(&plc, &gusty, &plc_info, board.clone()));
    print!("{}", render(&board.read().unwrap()));
    println!("changes: {c1} {c2} {c3}");
    println!("direct: {:?}, gust {}", block_on(modem.poll_lift('Z')), block_on(gusty.gust_at(1000)));
}
