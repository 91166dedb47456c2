#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Solar farm cleaning robot: plans passes over panel rows by soiling level, manages battery and water, and docks to recharge.

use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::cmp::Reverse;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::cell::{Cell, RefCell};
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

const ROW_LEN_M: u32 = 120;
const PANELS_PER_ROW: usize = 24;

#[derive(Debug, Clone)]
struct Row {
    id: u16,
    soiling: [u8; PANELS_PER_ROW],
    tilt_deg: u8,
}

struct Robot {
    battery_pct: Cell<f32>,
    water_l: Cell<f32>,
    position: Cell<u16>,
    log: RefCell<Vec<String>>,
}

#[derive(Debug)]
enum PassOutcome {
    Cleaned { row: u16, panels: usize, gain_pct: f32 },
    Aborted { row: u16, reason: &'static str },
}

impl Robot {
    async fn drive_to(&self, row: u16) {
        let dist = (self.position.get() as i32 - row as i32).unsigned_abs();
        for _ in 0..dist.min(5) {
            Yield { left: 1 }.await;
        }
        self.battery_pct.set(self.battery_pct.get() - dist as f32 * 0.4);
        self.position.set(row);
    }

    async fn dock_and_charge(&self) -> Duration {
        self.drive_to(0).await;
        let need = 100.0 - self.battery_pct.get();
        let mut minutes = 0;
        while self.battery_pct.get() < 95.0 {
            Yield { left: 1 }.await;
            self.battery_pct.set(self.battery_pct.get() + 15.0);
            minutes += 10;
        }
        self.water_l.set(200.0);
        self.log.borrow_mut().push(format!("charged {need:.0}% in {minutes}min"));
        Duration::from_secs(minutes * 60)
    }

    async fn clean_row(&self, row: &Row) -> PassOutcome {
        self.drive_to(row.id).await;
        if row.tilt_deg > 30 {
            return PassOutcome::Aborted { row: row.id, reason: "tilt beyond brush reach" };
        }
        let dirty: Vec<(usize, u8)> = row.soiling.iter().copied().enumerate().filter(|(_, s)| *s > 15).collect();
        let mut before = 0u32;
        let mut cleaned = 0;
        for (idx, s) in dirty.iter() {
            if self.battery_pct.get() < 12.0 {
                self.log.borrow_mut().push(format!("row {} low battery at panel {idx}", row.id));
                return PassOutcome::Aborted { row: row.id, reason: "battery" };
            }
            let water = *s as f32 * 0.12;
            if self.water_l.get() < water {
                return PassOutcome::Aborted { row: row.id, reason: "water" };
            }
            Yield { left: 1 }.await;
            self.water_l.set(self.water_l.get() - water);
            self.battery_pct.set(self.battery_pct.get() - 1.1);
            before += *s as u32;
            cleaned += 1;
        }
        let gain_pct = before as f32 / (PANELS_PER_ROW as f32 * 100.0) * 100.0;
        PassOutcome::Cleaned { row: row.id, panels: cleaned, gain_pct }
    }
}

async fn run_shift(robot: &Robot, rows: &[Row], max_docks: u32) -> String {
    let mut heap: BinaryHeap<(u32, Reverse<u16>)> = rows
        .iter()
        .map(|r| (r.soiling.iter().map(|s| *s as u32).sum(), Reverse(r.id)))
        .collect();
    let by_id: BTreeMap<u16, &Row> = rows.iter().map(|r| (r.id, r)).collect();
    let mut retried: HashSet<u16> = HashSet::new();
    let mut docks = 0;
    let mut summary = String::new();
    while let Some((score, Reverse(id))) = heap.pop() {
        let row = by_id[&id];
        match robot.clean_row(row).await {
            PassOutcome::Cleaned { row, panels, gain_pct } => {
                writeln!(summary, "row {row}: {panels} panels, +{gain_pct:.1}% yield").unwrap();
            }
            PassOutcome::Aborted { row, reason } if reason != "tilt beyond brush reach" => {
                if docks >= max_docks || !retried.insert(row) {
                    writeln!(summary, "row {row}: gave up ({reason})").unwrap();
                    continue;
                }
                let t = robot.dock_and_charge().await;
                docks += 1;
                heap.push((score, Reverse(row)));
            }
            PassOutcome::Aborted { row, reason } => {
                writeln!(summary, "row {row}: skipped ({reason})").unwrap();
            }
        }
    }
    write!(summary, "docked {docks}x, battery {:.0}%", robot.battery_pct.get()).unwrap();
    summary
}

fn make_rows() -> Vec<Row> {
    (1..=6u16)
        .map(|id| {
            let mut soiling = [0u8; PANELS_PER_ROW];
            for (i, s) in soiling.iter_mut().enumerate() {
                *s = ((id as usize * 13 + i * 7) % 40) as u8;
            }
            Row { id, soiling, tilt_deg: if id == 4 { 35 } else { 20 } }
        })
        .collect()
}

fn main() {
    let robot = Robot { battery_pct: Cell::new(60.0), water_l: Cell::new(80.0), position: Cell::new(0), log: RefCell::new(Vec::new()) };
    let rows = make_rows();
    println!("{}", block_on(run_shift(&robot, &rows, 2)));
    println!("log: {:?}", robot.log.borrow());
    let outcome = block_on(robot.clean_row(&rows[0]));
    println!("{:?}", outcome);
    println!("charge took {:?}", block_on(robot.dock_and_charge()));
}
