#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Bike share rebalancing: forecasts dock demand, plans van pickups/dropoffs between stations and executes the route.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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

const HOURS: usize = 6;

#[derive(Debug, Clone)]
struct Station {
    id: u32,
    capacity: u16,
    bikes: u16,
    pos: (f32, f32),
    hourly_net: [i16; HOURS],
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Move {
    Pickup { station: u32, n: u16 },
    Dropoff { station: u32, n: u16 },
}

struct Fleet {
    stations: Mutex<BTreeMap<u32, Station>>,
    van_load: Mutex<u16>,
    van_capacity: u16,
}

async fn forecast(st: &Station) -> i32 {
    Yield { left: 1 }.await;
    let mut level = st.bikes as i32;
    let mut worst = 0i32;
    for delta in st.hourly_net.iter() {
        level += *delta as i32;
        if level < 2 {
            worst = worst.max(2 - level);
        } else if level > st.capacity as i32 - 2 {
            worst = worst.min(st.capacity as i32 - 2 - level);
        }
    }
    Yield { left: 1 }.await;
    worst
}

fn distance(a: (f32, f32), b: (f32, f32)) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

impl Fleet {
    async fn plan(&self) -> Vec<Move> {
        let snapshot: Vec<Station> = self.stations.lock().unwrap().values().cloned().collect();
        let mut needs: Vec<(u32, i32)> = Vec::new();
        for st in snapshot.iter() {
            let need = forecast(st).await;
            if need != 0 {
                needs.push((st.id, need));
            }
        }
        let (mut surplus, mut deficit): (Vec<_>, Vec<_>) = needs.into_iter().partition(|(_, n)| *n < 0);
        surplus.sort_by_key(|(_, n)| *n);
        deficit.sort_by_key(|(_, n)| -*n);
        let mut moves = Vec::new();
        for ((s_id, s_n), (d_id, d_n)) in surplus.iter().zip(deficit.iter()) {
            let n = (-s_n).min(*d_n).min(self.van_capacity as i32) as u16;
            moves.push(Move::Pickup { station: *s_id, n });
            moves.push(Move::Dropoff { station: *d_id, n });
        }
        for (s_id, s_n) in surplus.iter().skip(deficit.len()) {
            moves.push(Move::Pickup { station: *s_id, n: (-s_n) as u16 });
        }
        moves
    }

    async fn execute(&self, moves: &[Move], start: (f32, f32)) -> Result<(f32, Duration), String> {
        let mut pos = start;
        let mut km = 0.0;
        let mut minutes = 0u64;
        let mut pending: VecDeque<Move> = moves.iter().copied().collect();
        while let Some(m) = pending.pop_front() {
            let (id, pickup, n) = match m {
                Move::Pickup { station, n } => (station, true, n),
                Move::Dropoff { station, n } => (station, false, n),
            };
            let target = match self.stations.lock().unwrap().get(&id) {
                Some(s) => s.pos,
                None => return Err(format!("station {id} vanished")),
            };
            let leg = distance(pos, target);
            for _ in 0..(leg.ceil() as u32).max(1) {
                Yield { left: 1 }.await;
            }
            km += leg;
            minutes += (leg * 4.0) as u64 + 2 * n as u64;
            pos = target;
            let mut load = self.van_load.lock().unwrap();
            let mut stations = self.stations.lock().unwrap();
            let st = stations.get_mut(&id).unwrap();
            if pickup {
                let take = n.min(st.bikes).min(self.van_capacity - *load);
                st.bikes -= take;
                *load += take;
            } else {
                let give = n.min(*load).min(st.capacity - st.bikes);
                st.bikes += give;
                *load -= give;
            }
        }
        Yield { left: 1 }.await;
        Ok((km, Duration::from_secs(minutes * 60)))
    }
}

async fn morning_run(fleet: Arc<Fleet>) -> String {
    let t0 = Instant::now();
    let moves = fleet.plan().await;
    let mut out = String::new();
    for m in &moves {
        writeln!(out, "{m:?}").unwrap();
    }
    match fleet.execute(&moves, (0.0, 0.0)).await {
        Ok((km, dur)) => write!(out, "route {km:.1} km, {} min, van holds {}", dur.as_secs() / 60, fleet.van_load.lock().unwrap()).unwrap(),
        Err(e) => write!(out, "route failed: {e}").unwrap(),
    }
    let after = fleet.plan().await;
    write!(out, "\nremaining moves: {} (planned under 1s: {})", after.len(), t0.elapsed() < Duration::from_secs(1)).unwrap();
    out
}

fn main() {
    let stations = vec![
        Station { id: 1, capacity: 20, bikes: 18, pos: (1.0, 2.0), hourly_net: [2, 1, 0, -1, 0, 0] },
        Station { id: 2, capacity: 15, bikes: 3, pos: (3.5, 1.0), hourly_net: [-2, -3, -1, 0, 1, 0] },
        Station { id: 3, capacity: 25, bikes: 12, pos: (2.0, 4.0), hourly_net: [0, 0, 1, -1, 0, 0] },
        Station { id: 4, capacity: 12, bikes: 11, pos: (5.0, 5.0), hourly_net: [1, 1, 1, 0, 0, 0] },
    ];
    let fleet = Arc::new(Fleet {
        stations: Mutex::new(stations.iter().map(|s| (s.id, s.clone())).collect()),
        van_load: Mutex::new(0),
        van_capacity: 10,
    });
    println!("{}", block_on(morning_run(fleet.clone())));
    println!("forecast st2 now: {}", block_on(forecast(&stations[1])));
    let bad = block_on(fleet.execute(&[Move::Dropoff { station: 99, n: 1 }], (0.0, 0.0)));
    println!("{:?}", bad);
}
