//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a rotary milking parlor controller that queues cows, runs stall cycles and flags mastitis risk from conductivity readings.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

const VTABLE: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VTABLE), |_| {}, |_| {}, |_| {});

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    let mut spins = 0u64;
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => spins += 1,
        }
    }
}

/// Simulated timer: stays pending for a number of polls proportional to the duration.
struct Sleep {
    polls_left: u32,
}

impl Sleep {
    fn new(d: Duration) -> Self {
        Sleep { polls_left: (d.as_millis() / 100) as u32 }
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polls_left == 0 {
            return Poll::Ready(());
        }
        self.polls_left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn sleep_ms(ms: u64) {
    Sleep::new(Duration::from_millis(ms)).await;
}

#[derive(Debug, Clone)]
struct Cow {
    tag: u32,
    name: String,
    lactation_day: u16,
    quarters_ms_cm: [f32; 4],
}

#[derive(Debug)]
enum StallOutcome {
    Milked { tag: u32, litres: f64 },
    Kicked { tag: u32, attempts: u8 },
    Diverted { tag: u32, reason: String },
}

struct Stall {
    index: usize,
    parlor: Weak<Parlor>,
    cycles: Cell<u32>,
}

struct Parlor {
    queue: RefCell<VecDeque<Cow>>,
    yields: RefCell<HashMap<u32, f64>>,
    stalls: RefCell<Vec<Rc<Stall>>>,
}

impl Parlor {
    fn new(n: usize) -> Rc<Parlor> {
        let parlor = Rc::new(Parlor {
            queue: RefCell::new(VecDeque::new()),
            yields: RefCell::new(HashMap::new()),
            stalls: RefCell::new(Vec::new()),
        });
        for index in 0..n {
            let stall = Rc::new(Stall { index, parlor: Rc::downgrade(&parlor), cycles: Cell::new(0) });
            parlor.stalls.borrow_mut().push(stall);
        }
        parlor
    }
}

fn mastitis_risk(readings: &[f32; 4]) -> Option<usize> {
    let mean = readings.iter().sum::<f32>() / 4.0;
    readings
        .iter()
        .enumerate()
        .filter(|&(_, &r)| r > mean * 1.15)
        .map(|(i, _)| i)
        .next()
}

impl Stall {
    async fn run_cycle(&self, cow: Cow) -> StallOutcome {
        self.cycles.set(self.cycles.get() + 1);
        sleep_ms(200).await;
        if let Some(q) = mastitis_risk(&cow.quarters_ms_cm) {
            let reason = format!("quarter {} conductivity high", ["LF", "RF", "LR", "RR"][q]);
            sleep_ms(100).await;
            return StallOutcome::Diverted { tag: cow.tag, reason };
        }
        let mut attempts = 0u8;
        let litres = loop {
            attempts += 1;
            sleep_ms(100).await;
            match (cow.tag + attempts as u32) % 5 {
                0 if attempts < 3 => continue,
                0 => break None,
                _ => break Some(32.0 - cow.lactation_day as f64 * 0.04),
            }
        };
        let Some(litres) = litres else {
            return StallOutcome::Kicked { tag: cow.tag, attempts };
        };
        if let Some(parlor) = self.parlor.upgrade()
            && litres > 0.0
        {
            *parlor.yields.borrow_mut().entry(cow.tag).or_default() += litres;
        }
        StallOutcome::Milked { tag: cow.tag, litres }
    }
}

async fn rotate(parlor: Rc<Parlor>) -> Vec<StallOutcome> {
    let mut outcomes = Vec::new();
    let stalls: Vec<Rc<Stall>> = parlor.stalls.borrow().clone();
    'rotation: loop {
        for stall in stalls.iter() {
            let next = parlor.queue.borrow_mut().pop_front();
            let Some(cow) = next else {
                break 'rotation;
            };
            let outcome = stall.run_cycle(cow).await;
            outcomes.push(outcome);
        }
        sleep_ms(100).await;
    }
    outcomes
}

async fn shift_summary(parlor: &Parlor, outcomes: &mut Vec<StallOutcome>) -> String {
    let taken = std::mem::take(outcomes);
    let mut milked = 0;
    let mut diverted = Vec::new();
    for outcome in taken.into_iter() {
        match outcome {
            StallOutcome::Milked { litres, .. } if litres > 25.0 => milked += 2,
            StallOutcome::Milked { .. } => milked += 1,
            StallOutcome::Diverted { tag, ref reason } => diverted.push(format!("#{tag}: {reason}")),
            StallOutcome::Kicked { tag, attempts: a @ 3.. } => diverted.push(format!("#{tag}: kicked {a}x")),
            StallOutcome::Kicked { .. } => {}
        }
        sleep_ms(100).await;
    }
    let total: f64 = parlor.yields.borrow().values().sum();
    format!("weighted milked={milked} total={total:.1}L diverted={diverted:?}")
}

pub fn main() {
    let parlor = Parlor::new(3);
    let herd = [
        (101, "Buttercup", 40, [5.1, 5.0, 5.2, 5.0]),
        (102, "Daisy", 120, [5.0, 6.4, 5.1, 5.0]),
        (103, "Clover", 200, [4.9, 5.0, 5.0, 5.1]),
        (104, "Maisie", 15, [5.3, 5.2, 5.1, 5.2]),
        (105, "Bluebell", 300, [5.0, 5.0, 5.0, 5.0]),
    ];
    for (tag, name, day, q) in herd {
        parlor.queue.borrow_mut().push_back(Cow { tag, name: name.to_string(), lactation_day: day, quarters_ms_cm: q });
    }

    let mut outcomes = block_on(rotate(Rc::clone(&parlor)));
    println!("{} outcomes", outcomes.len());
    let summary = block_on(shift_summary(&parlor, &mut outcomes));
    println!("{summary}; remaining outcomes={}", outcomes.len());

    let wash = async move |stall_count: usize| -> Duration {
        let mut total = Duration::ZERO;
        for i in 0..stall_count {
            sleep_ms(100).await;
            total += Duration::from_secs(30 + i as u64 * 5);
        }
        total
    };
    let late_cow = Cow { tag: 106, name: "Pepper".into(), lactation_day: 5, quarters_ms_cm: [5.0; 4] };
    let stall0 = Rc::clone(&parlor.stalls.borrow()[0]);
    let jobs: Vec<Pin<Box<dyn Future<Output = String>>>> = vec![
        Box::pin(async move { format!("{:?}", stall0.run_cycle(late_cow).await) }),
        Box::pin(async move { format!("wash took {:?}", wash(3).await) }),
        Box::pin(async {
            sleep_ms(300).await;
            String::from("vacuum check ok")
        }),
    ];
    for job in jobs {
        println!("{}", block_on(job));
    }
    let cycles: Vec<u32> = parlor.stalls.borrow().iter().map(|s| s.cycles.get()).collect();
    println!("cycles per stall {cycles:?}");
}
