//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Addressable fire alarm control panel: polls detector loops, classifies events into
//! alarm/trouble/supervisory, applies the cause-and-effect matrix and drives outputs.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

const ZONES: usize = 16;
const OUTPUTS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
enum DeviceReading { Smoke { obscuration_pct: u8 }, Heat { celsius: u8 }, CallPoint { pressed: bool }, Sprinkler { flow: bool, valve_open: bool }, Missing }

#[derive(Debug, Clone, PartialEq)]
enum PanelEvent { Device { loop_no: u8, addr: u8, zone: u8, reading: DeviceReading }, Mains(bool), Earth }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Condition { Normal, Trouble, Supervisory, PreAlarm, Fire }

trait DetectorLoop {
    fn loop_no(&self) -> u8;
    async fn poll_device(&mut self, addr: u8) -> DeviceReading;
    async fn sweep(&mut self, addrs: &[u8], zone_of: &dyn Fn(u8) -> u8, out: &mut VecDeque<PanelEvent>) {
        for &addr in addrs {
            let reading = self.poll_device(addr).await;
            out.push_back(PanelEvent::Device { loop_no: self.loop_no(), addr, zone: zone_of(addr), reading });
        }
    }
}

struct AnalogueLoop { no: u8, script: Vec<DeviceReading>, cursor: usize }
struct ConventionalLoop { no: u8, open_circuit: Cell<bool> }

impl DetectorLoop for AnalogueLoop {
    fn loop_no(&self) -> u8 { self.no }
    async fn poll_device(&mut self, addr: u8) -> DeviceReading {
        yield_now().await;
        let r = self.script.get(self.cursor).copied().unwrap_or(DeviceReading::Smoke { obscuration_pct: 1 });
        self.cursor += 1;
        r
    }
}

impl DetectorLoop for ConventionalLoop {
    fn loop_no(&self) -> u8 { self.no }
    async fn poll_device(&mut self, addr: u8) -> DeviceReading {
        yield_now().await;
        if self.open_circuit.get() { DeviceReading::Missing } else { DeviceReading::CallPoint { pressed: addr == 3 } }
    }
    async fn sweep(&mut self, addrs: &[u8], zone_of: &dyn Fn(u8) -> u8, out: &mut VecDeque<PanelEvent>) {
        // conventional zones report once per zone, not per device
        let reading = self.poll_device(addrs.iter().copied().max().unwrap_or(0)).await;
        out.push_back(PanelEvent::Device { loop_no: self.no, addr: 0, zone: zone_of(addrs[0]), reading });
    }
}

fn classify(ev: &PanelEvent) -> Condition {
    match ev {
        PanelEvent::Device { reading: DeviceReading::Smoke { obscuration_pct: p }, .. } if *p >= 12 => Condition::Fire,
        PanelEvent::Device { reading: DeviceReading::Smoke { obscuration_pct: p }, .. } if *p >= 8 => Condition::PreAlarm,
        PanelEvent::Device { reading: DeviceReading::Heat { celsius }, .. } if *celsius >= 58 => Condition::Fire,
        PanelEvent::Device { reading: DeviceReading::CallPoint { pressed: true }, .. } => Condition::Fire,
        PanelEvent::Device { reading: DeviceReading::Sprinkler { flow: true, .. }, .. } => Condition::Fire,
        PanelEvent::Device { reading: DeviceReading::Sprinkler { valve_open: false, .. }, .. } => Condition::Supervisory,
        PanelEvent::Device { reading: DeviceReading::Missing, .. } | PanelEvent::Mains(false) | PanelEvent::Earth => Condition::Trouble,
        _ => Condition::Normal,
    }
}

struct Panel {
    matrix: [[bool; OUTPUTS]; ZONES],
    outputs: Rc<RefCell<[bool; OUTPUTS]>>,
    zone_state: [Condition; ZONES],
    history: Vec<String>,
}

impl Panel {
    async fn process(&mut self, mut queue: VecDeque<PanelEvent>) -> Condition {
        let mut worst = Condition::Normal;
        while let Some(ev) = queue.pop_front() {
            let cond = classify(&ev);
            worst = worst.max(cond);
            if let PanelEvent::Device { zone, loop_no, addr, .. } = ev {
                let z = zone as usize % ZONES;
                self.zone_state[z] = self.zone_state[z].max(cond);
                if cond == Condition::Fire {
                    let row = self.matrix[z];
                    {
                        let mut outs = self.outputs.borrow_mut();
                        for (o, on) in outs.iter_mut().zip(row) { *o |= on; }
                    }
                    self.history.push(format!("FIRE zone {z} L{loop_no}D{addr:03}"));
                    yield_now().await;
                }
            } else if cond == Condition::Trouble {
                self.history.push(format!("TROUBLE {ev:?}"));
            }
        }
        worst
    }
}

fn main() {
    let outputs = Rc::new(RefCell::new([false; OUTPUTS]));
    let mut matrix = [[false; OUTPUTS]; ZONES];
    matrix[2] = [true, true, false, false, true, false, false, false]; // sounders, door release, AHU trip
    matrix[5] = [true, false, true, false, false, false, true, false];
    let mut panel = Panel { matrix, outputs: outputs.clone(), zone_state: [Condition::Normal; ZONES], history: vec![] };

    let mut analogue = AnalogueLoop {
        no: 1,
        script: vec![
            DeviceReading::Smoke { obscuration_pct: 2 },
            DeviceReading::Smoke { obscuration_pct: 9 },
            DeviceReading::Heat { celsius: 61 },
            DeviceReading::Sprinkler { flow: false, valve_open: false },
        ],
        cursor: 0,
    };
    let mut conventional = ConventionalLoop { no: 2, open_circuit: Cell::new(false) };
    let zone_of = |addr: u8| if addr < 20 { 2 } else { 5 };

    let worst = block_on(async {
        let mut q = VecDeque::new();
        analogue.sweep(&[4, 11, 17, 25], &zone_of, &mut q).await;
        conventional.sweep(&[1, 2, 3], &zone_of, &mut q).await;
        q.push_back(PanelEvent::Mains(false));
        panel.process(q).await
    });
    println!("worst condition {worst:?}");
    for h in &panel.history { println!("  {h}"); }
    let active: Vec<usize> = outputs.borrow().iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| i).collect();
    println!("outputs on {active:?}");

    conventional.open_circuit.set(true);
    let r = block_on(conventional.poll_device(9));
    let r2 = block_on(analogue.poll_device(1));
    let silence = async |p: &mut Panel| {
        yield_now().await;
        *p.outputs.borrow_mut() = [false; OUTPUTS];
        p.zone_state.iter().filter(|c| **c >= Condition::PreAlarm).count()
    };
    let latched = block_on(silence(&mut panel));
    println!("open circuit reads {r:?}, extra {r2:?}, latched zones {latched}, outputs {:?}", outputs.borrow());
}
