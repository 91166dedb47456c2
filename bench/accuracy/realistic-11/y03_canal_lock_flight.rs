//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a canal authority scheduler that passes narrowboats through a flight of locks, filling and draining chambers in order.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

mod rt {
    use super::*;

    pub fn block_on<T>(f: impl Future<Output = T>) -> T {
        let mut f = std::pin::pin!(f);
        let waker = Waker::noop();
        let mut cx = Context::from_waker(&waker);
        loop {
            if let Poll::Ready(t) = f.as_mut().poll(&mut cx) {
                break t;
            }
            std::hint::spin_loop();
        }
    }

    pub struct Tick(pub u32);

    impl Future for Tick {
        type Output = u32;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            if self.0 == 0 {
                Poll::Ready(0)
            } else {
                self.0 -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    pub async fn ticks(n: u32) {
        Tick(n).await;
    }
}

use rt::{block_on, ticks};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Upper,
    Lower,
}

#[derive(Debug)]
struct Chamber {
    number: u8,
    level: Level,
    rise_cm: u16,
    operations: u32,
}

#[derive(Debug, Clone)]
struct Boat {
    name: String,
    length_m: f32,
    heading_up: bool,
}

#[derive(Debug)]
enum PassageError {
    TooLong { boat: String, limit: f32 },
    Stoppage(u8),
}

struct Flight {
    chambers: Vec<Arc<Mutex<Chamber>>>,
    stoppages: RwLock<Vec<u8>>,
    max_len: f32,
}

trait WaterControl {
    fn paddle_rate(&self) -> u16;

    async fn equalise(&self, chamber: &Mutex<Chamber>, target: Level) -> Duration {
        let mut guard = chamber.lock().unwrap();
        if guard.level == target {
            return Duration::ZERO;
        }
        let steps = (guard.rise_cm / self.paddle_rate()).max(1);
        ticks(steps as u32).await;
        guard.level = target;
        guard.operations += 1;
        Duration::from_secs(steps as u64 * 30)
    }
}

struct HandPaddles;
struct HydraulicPaddles {
    pressure_bar: f32,
}

impl WaterControl for HandPaddles {
    fn paddle_rate(&self) -> u16 {
        40
    }
}

impl WaterControl for HydraulicPaddles {
    fn paddle_rate(&self) -> u16 {
        (self.pressure_bar * 20.0) as u16
    }

    async fn equalise(&self, chamber: &Mutex<Chamber>, target: Level) -> Duration {
        let rise = chamber.lock().unwrap().rise_cm;
        ticks(1).await;
        let mut guard = chamber.lock().unwrap();
        guard.level = target;
        guard.operations += 1;
        Duration::from_secs((rise / self.paddle_rate().max(1)) as u64 * 10)
    }
}

fn pass_from<'a, W>(
    flight: &'a Flight,
    control: &'a W,
    boat: &'a Boat,
    idx: usize,
) -> Pin<Box<dyn Future<Output = Result<Duration, PassageError>> + 'a>>
where
    W: WaterControl,
{
    Box::pin(async move {
        if idx >= flight.chambers.len() {
            return Ok(Duration::ZERO);
        }
        let order = if boat.heading_up { idx } else { flight.chambers.len() - 1 - idx };
        let chamber = &flight.chambers[order];
        let number = chamber.lock().unwrap().number;
        if flight.stoppages.read().unwrap().contains(&number) {
            return Err(PassageError::Stoppage(number));
        }
        let (enter, leave) = if boat.heading_up { (Level::Lower, Level::Upper) } else { (Level::Upper, Level::Lower) };
        let a = control.equalise(chamber, enter).await;
        ticks(1).await;
        let b = control.equalise(chamber, leave).await;
        let rest = pass_from(flight, control, boat, idx + 1).await?;
        Ok(a + b + rest)
    })
}

async fn schedule<W>(flight: &Flight, control: &W, mut queue: VecDeque<Boat>) -> BTreeMap<String, Result<Duration, String>>
where
    W: WaterControl,
{
    let mut log = BTreeMap::new();
    let started = Instant::now();
    while let Some(boat) = queue.pop_front() {
        if boat.length_m > flight.max_len {
            let err = PassageError::TooLong { boat: boat.name.clone(), limit: flight.max_len };
            log.insert(boat.name, Err(format!("{err:?}")));
            continue;
        }
        let res = pass_from(flight, control, &boat, 0).await.map_err(|e| format!("{e:?}"));
        ticks(1).await;
        log.insert(boat.name, res);
    }
    let _elapsed = started.elapsed();
    log
}

fn build_flight(rises: &[u16]) -> Flight {
    let chambers = rises
        .iter()
        .zip(1u8..)
        .map(|(&rise_cm, number)| Arc::new(Mutex::new(Chamber { number, level: Level::Lower, rise_cm, operations: 0 })))
        .collect();
    Flight { chambers, stoppages: RwLock::new(Vec::new()), max_len: 21.9 }
}

pub fn main() {
    let flight = build_flight(&[210, 190, 250, 230]);
    let boats: VecDeque<Boat> = [("Kingfisher", 18.0, true), ("Dawn Treader", 22.5, true), ("Otter", 12.2, false)]
        .into_iter()
        .map(|(n, l, up)| Boat { name: n.to_owned(), length_m: l, heading_up: up })
        .collect();

    let hand = HandPaddles;
    let hyd = HydraulicPaddles { pressure_bar: 3.5 };
    let log_hand = block_on(schedule(&flight, &hand, boats.clone()));
    flight.stoppages.write().unwrap().push(3);
    let log_hyd = block_on(schedule(&flight, &hyd, boats));

    for (name, res) in log_hand.iter().chain(log_hyd.iter()) {
        match res {
            Ok(d) if d.as_secs() > 600 => println!("{name}: slow passage {d:?}"),
            Ok(d) => println!("{name}: {d:?}"),
            Err(e) => println!("{name}: refused ({e})"),
        }
    }

    let audit = async || {
        let mut total = 0u32;
        for c in &flight.chambers {
            total += c.lock().unwrap().operations;
            ticks(1).await;
        }
        total
    };
    let ops = block_on(audit());
    println!("total paddle operations {ops}");
}
