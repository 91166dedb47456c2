//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a port terminal's yard planner that stacks arriving containers into bays, counts rehandles and serves truck pickups by appointment.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

unsafe fn vt_clone(_: *const ()) -> RawWaker {
    RawWaker::new(std::ptr::null(), &VTABLE)
}
unsafe fn vt_noop(_: *const ()) {}
static VTABLE: RawWakerVTable = RawWakerVTable::new(vt_clone, vt_noop, vt_noop, vt_noop);

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct CraneMove {
    cycles: u8,
}

impl Future for CraneMove {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.cycles == 0 {
            Poll::Ready(())
        } else {
            self.cycles -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn crane(cycles: u8) {
    CraneMove { cycles }.await
}

const ROWS: usize = 4;
const TIERS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
struct Container {
    id: String,
    gross_t: f32,
    pickup_slot: u16,
    reefer: bool,
}

impl fmt::Display for Container {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:.0}t@{})", self.id, self.gross_t, self.pickup_slot)
    }
}

type Bay = [[Option<Container>; TIERS]; ROWS];

#[derive(Debug, Default)]
struct Stats {
    placed: u32,
    rehandles: u32,
    refused: Vec<String>,
}

trait StackPolicy {
    fn name(&self) -> &'static str;
    fn score(&self, bay: &Bay, row: usize, c: &Container) -> Option<i32>;

    async fn choose_row(&self, bay: &Bay, c: &Container) -> Option<usize> {
        crane(1).await;
        (0..ROWS).filter_map(|r| self.score(bay, r, c).map(|s| (r, s))).max_by_key(|&(_, s)| s).map(|(r, _)| r)
    }
}

fn height(bay: &Bay, row: usize) -> usize {
    bay[row].iter().take_while(|s| s.is_some()).count()
}

struct ByDeparture;
struct ByWeight {
    reefer_row: usize,
}

impl StackPolicy for ByDeparture {
    fn name(&self) -> &'static str {
        "departure-ordered"
    }
    fn score(&self, bay: &Bay, row: usize, c: &Container) -> Option<i32> {
        let h = height(bay, row);
        if h == TIERS {
            return None;
        }
        match h.checked_sub(1).and_then(|t| bay[row][t].as_ref()) {
            None => Some(10),
            Some(top) if top.pickup_slot >= c.pickup_slot => Some(20 - (top.pickup_slot - c.pickup_slot) as i32),
            Some(_) => Some(-5 * h as i32),
        }
    }
}

impl StackPolicy for ByWeight {
    fn name(&self) -> &'static str {
        "weight-stable"
    }
    fn score(&self, bay: &Bay, row: usize, c: &Container) -> Option<i32> {
        let h = height(bay, row);
        match (h, c.reefer) {
            (TIERS, _) => None,
            (_, true) if row != self.reefer_row => None,
            (_, false) if row == self.reefer_row => None,
            (0, _) => Some(5),
            (h, _) => {
                let below = bay[row][h - 1].as_ref()?;
                if below.gross_t + 2.0 >= c.gross_t { Some(15 - h as i32) } else { Some(-10) }
            }
        }
    }

    async fn choose_row(&self, bay: &Bay, c: &Container) -> Option<usize> {
        if c.gross_t > 32.5 {
            return None;
        }
        crane(2).await;
        (0..ROWS).filter_map(|r| self.score(bay, r, c).map(|s| (r, s))).max_by_key(|&(r, s)| (s, std::cmp::Reverse(r))).map(|(r, _)| r)
    }
}

async fn receive<P>(policy: &P, bay: &mut Bay, arrivals: impl IntoIterator<Item = Container>, stats: &mut Stats)
where
    P: StackPolicy,
{
    for c in arrivals {
        let Some(row) = policy.choose_row(bay, &c).await else {
            stats.refused.push(format!("{} ({})", c.id, policy.name()));
            continue;
        };
        let tier = height(bay, row);
        crane(tier as u8 + 1).await;
        bay[row][tier] = Some(c);
        stats.placed += 1;
    }
}

async fn serve_pickups(bay: &mut Bay, mut trucks: VecDeque<(u16, String)>, stats: &mut Stats) -> HashMap<String, u16> {
    let mut served = HashMap::new();
    while let Some((slot, wanted)) = trucks.pop_front() {
        let found = 'search: {
            for (r, stack) in bay.iter().enumerate() {
                for (t, cell) in stack.iter().enumerate() {
                    if matches!(cell, Some(c) if c.id == wanted) {
                        break 'search Some((r, t));
                    }
                }
            }
            None
        };
        let Some((row, tier)) = found else {
            served.insert(wanted, 0);
            continue;
        };
        let h = height(bay, row);
        let mut lifted: Vec<Container> = Vec::new();
        for t in (tier + 1..h).rev() {
            if let Some(c) = bay[row][t].take() {
                crane(1).await;
                lifted.push(c);
                stats.rehandles += 1;
            }
        }
        let box_ = bay[row][tier].take().expect("located above");
        crane(2).await;
        for c in lifted.into_iter().rev() {
            let dest = (0..ROWS).find(|&r| r != row && height(bay, r) < TIERS).unwrap_or(row);
            let t = height(bay, dest);
            bay[dest][t] = Some(c);
        }
        served.insert(box_.id, slot);
    }
    served
}

pub fn main() {
    let manifest: Vec<Container> = [("MSKU100", 24.0, 9, false), ("TGHU201", 30.5, 3, false), ("CMAU302", 12.0, 1, false), ("SZLU403", 28.0, 5, true), ("OOLU504", 33.0, 7, false), ("HLXU605", 18.5, 2, false), ("MSCU706", 22.0, 4, true), ("EGLV807", 26.0, 6, false)]
        .into_iter()
        .map(|(id, gross_t, pickup_slot, reefer)| Container { id: id.into(), gross_t, pickup_slot, reefer })
        .collect();

    for policy_run in 0..2 {
        let mut bay: Bay = Default::default();
        let mut stats = Stats::default();
        if policy_run == 0 {
            block_on(receive(&ByDeparture, &mut bay, manifest.clone(), &mut stats));
        } else {
            block_on(receive(&ByWeight { reefer_row: 3 }, &mut bay, manifest.iter().cloned().rev(), &mut stats));
        }
        let mut appointments: Vec<(u16, String)> = manifest.iter().map(|c| (c.pickup_slot, c.id.clone())).collect();
        appointments.sort();
        appointments.push((10, "GHOST999".into()));
        let served = block_on(serve_pickups(&mut bay, appointments.into(), &mut stats));
        println!("policy {policy_run}: placed {} rehandles {} refused {:?} ghost={:?}", stats.placed, stats.rehandles, stats.refused, served.get("GHOST999"));
        let left: Vec<String> = bay.iter().flat_map(|s| s.iter().flatten()).map(|c| c.to_string()).collect();
        println!("  still in bay: {left:?}");
    }
}
