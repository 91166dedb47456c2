#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Elevator bank controller: assigns hall calls to cars and drives each car with the SCAN algorithm, one floor per tick.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
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

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const FLOORS: i32 = 12;
const DOOR_TIME: Duration = Duration::from_secs(4);
const FLOOR_TIME: Duration = Duration::from_millis(1500);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir { Up, Down, Idle }

#[derive(Debug, Clone, Copy)]
struct HallCall { floor: i32, dir: Dir }

struct Car {
    id: u8,
    floor: Cell<i32>,
    dir: Cell<Dir>,
    stops: RefCell<BTreeSet<i32>>,
    travelled: Cell<Duration>,
    log: Rc<RefCell<Vec<String>>>,
}

impl Car {
    fn new(id: u8, floor: i32, log: Rc<RefCell<Vec<String>>>) -> Self {
        Car { id, floor: Cell::new(floor), dir: Cell::new(Dir::Idle), stops: RefCell::default(), travelled: Cell::new(Duration::ZERO), log }
    }

    fn cost(&self, call: &HallCall) -> i32 {
        let d = (self.floor.get() - call.floor).abs();
        let penalty = match (self.dir.get(), call.dir) {
            (Dir::Idle, _) => 0,
            (Dir::Up, Dir::Up) if call.floor >= self.floor.get() => 0,
            (Dir::Down, Dir::Down) if call.floor <= self.floor.get() => 0,
            _ => FLOORS,
        };
        d + penalty + self.stops.borrow().len() as i32
    }

    async fn move_one(&self, towards: i32) {
        Yield { left: 1 }.await;
        let step = if towards > self.floor.get() { 1 } else { -1 };
        self.floor.set(self.floor.get() + step);
        self.travelled.set(self.travelled.get() + FLOOR_TIME);
    }

    async fn open_doors(&self) {
        self.log.borrow_mut().push(format!("car {} doors open at {}", self.id, self.floor.get()));
        Yield { left: 2 }.await;
        self.travelled.set(self.travelled.get() + DOOR_TIME);
    }

    async fn run_until_idle(&self, max_ticks: u32) -> u32 {
        let mut ticks = 0;
        while ticks < max_ticks {
            let here = self.floor.get();
            if self.stops.borrow_mut().remove(&here) {
                self.open_doors().await;
            }
            let next = {
                let stops = self.stops.borrow();
                match self.dir.get() {
                    Dir::Up | Dir::Idle => stops.range(here..).next().or_else(|| stops.range(..here).next_back()).copied(),
                    Dir::Down => stops.range(..here).next_back().or_else(|| stops.range(here..).next()).copied(),
                }
            };
            let target = match next {
                Some(t) => t,
                None => {
                    self.dir.set(Dir::Idle);
                    break;
                }
            };
            self.dir.set(if target > here { Dir::Up } else { Dir::Down });
            self.move_one(target).await;
            ticks += 1;
        }
        ticks
    }
}

async fn dispatch(cars: &[Car], calls: &mut VecDeque<HallCall>) -> Vec<(i32, u8)> {
    let mut assignments = Vec::new();
    while let Some(call) = calls.pop_front() {
        Yield { left: 1 }.await;
        if !(0..FLOORS).contains(&call.floor) {
            continue;
        }
        let best = cars.iter().min_by_key(|c| (c.cost(&call), c.id)).unwrap();
        best.stops.borrow_mut().insert(call.floor);
        if best.dir.get() == Dir::Idle {
            best.dir.set(if call.floor >= best.floor.get() { Dir::Up } else { Dir::Down });
        }
        assignments.push((call.floor, best.id));
    }
    assignments
}

async fn simulate(cars: &[Car], calls: Vec<HallCall>, car_calls: &[(u8, i32)]) -> (Vec<(i32, u8)>, u32) {
    let mut queue: VecDeque<HallCall> = calls.into_iter().collect();
    let assigned = dispatch(cars, &mut queue).await;
    for (car_id, floor) in car_calls {
        if let Some(car) = cars.iter().find(|c| c.id == *car_id) {
            car.stops.borrow_mut().insert(*floor);
        }
    }
    let mut total = 0;
    for car in cars.iter() {
        total += car.run_until_idle(40).await;
    }
    (assigned, total)
}

fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let cars = [Car::new(1, 0, Rc::clone(&log)), Car::new(2, 8, Rc::clone(&log)), Car::new(3, 4, Rc::clone(&log))];
    let calls = vec![HallCall { floor: 3, dir: Dir::Up }, HallCall { floor: 10, dir: Dir::Down }, HallCall { floor: 7, dir: Dir::Down },
        HallCall { floor: 0, dir: Dir::Up }, HallCall { floor: 42, dir: Dir::Up }, HallCall { floor: 5, dir: Dir::Up }];
    let (assigned, ticks) = block_on(simulate(&cars, calls, &[(1, 11), (2, 2), (3, 9)]));
    block_on(cars[0].move_one(0));
    block_on(cars[0].open_doors());
    let mut q = VecDeque::from(vec![HallCall { floor: 6, dir: Dir::Idle }]);
    let extra = block_on(dispatch(&cars, &mut q));
    let idle_ticks = block_on(cars[1].run_until_idle(3));
    println!("assigned={:?} ticks={} extra={:?} idle_ticks={}", assigned, ticks, extra, idle_ticks);
    for c in cars.iter() {
        println!("car {} at floor {} dir={:?} busy={:?}", c.id, c.floor.get(), c.dir.get(), c.travelled.get());
    }
    println!("{} door events, first: {:?}", log.borrow().len(), log.borrow().first());
}
