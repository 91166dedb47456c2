//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Addressable fire alarm control panel: polls loop devices, runs alarm verification for smoke
//! heads, supervises wiring faults, latches zones and drives sounder (NAC) outputs and the monitoring link.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, VecDeque};
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

const LOOP_DEVICES: usize = 32;
const VERIFY_POLLS: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq)]
enum DeviceKind { Smoke, Heat { rate_of_rise: bool }, ManualCallPoint, Sounder }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Response { Normal(u8), Alarm(u8), Fault(FaultKind), NoReply }

#[derive(Debug, Clone, Copy, PartialEq)]
enum FaultKind { OpenCircuit, Dirty, LowBattery }

#[derive(Debug, Clone, PartialEq)]
enum PanelEvent { FireZone(u8), Prealarm { addr: usize }, Fault { addr: usize, kind: FaultKind }, Missing(usize) }

struct Device { kind: DeviceKind, zone: u8, script: VecDeque<Response> }

struct Panel {
    devices: [Option<Device>; LOOP_DEVICES],
    verify: [u8; LOOP_DEVICES],
    latched: RefCell<BTreeSet<u8>>,
    sounders_on: Cell<bool>,
}

impl Panel {
    async fn poll_device(&mut self, addr: usize) -> Option<PanelEvent> {
        let dev = self.devices[addr].as_mut()?;
        yield_now().await;
        let resp = dev.script.pop_front().unwrap_or(Response::Normal(10));
        let event = match (dev.kind, resp) {
            (DeviceKind::Sounder, _) => None,
            (DeviceKind::ManualCallPoint, Response::Alarm(_)) => Some(PanelEvent::FireZone(dev.zone)),
            (DeviceKind::Smoke, Response::Alarm(_)) => {
                self.verify[addr] += 1;
                if self.verify[addr] >= VERIFY_POLLS { Some(PanelEvent::FireZone(dev.zone)) } else { Some(PanelEvent::Prealarm { addr }) }
            }
            (DeviceKind::Heat { rate_of_rise }, Response::Normal(v)) if rate_of_rise && v > 57 => Some(PanelEvent::FireZone(dev.zone)),
            (DeviceKind::Heat { .. }, Response::Alarm(_)) => Some(PanelEvent::FireZone(dev.zone)),
            (_, Response::Fault(kind)) => Some(PanelEvent::Fault { addr, kind }),
            (_, Response::NoReply) => Some(PanelEvent::Missing(addr)),
            (DeviceKind::Smoke, Response::Normal(_)) => {
                self.verify[addr] = 0;
                None
            }
            _ => None,
        };
        if let Some(PanelEvent::FireZone(z)) = &event {
            self.latched.borrow_mut().insert(*z);
        }
        event
    }

    async fn scan(&mut self) -> Vec<PanelEvent> {
        let mut events = Vec::new();
        for addr in 0..LOOP_DEVICES {
            if let Some(ev) = self.poll_device(addr).await {
                events.push(ev);
            }
        }
        events
    }
}

async fn drive_outputs(panel: &Panel, link: Rc<RefCell<Vec<String>>>, events: &[PanelEvent]) -> usize {
    let fire_zones: Vec<u8> = panel.latched.borrow().iter().copied().collect();
    if !fire_zones.is_empty() && !panel.sounders_on.replace(true) {
        yield_now().await;
        link.borrow_mut().push(format!("FIRE zones {fire_zones:?}"));
    }
    let mut sent = 0;
    for ev in events {
        let msg = match ev {
            PanelEvent::Fault { addr, kind: FaultKind::OpenCircuit } => format!("TROUBLE loop open near {addr}"),
            PanelEvent::Fault { addr, kind } => format!("TROUBLE {kind:?} at {addr}"),
            PanelEvent::Missing(addr) => format!("TROUBLE device {addr} missing"),
            _ => continue,
        };
        yield_now().await;
        link.borrow_mut().push(msg);
        sent += 1;
    }
    sent
}

fn device(kind: DeviceKind, zone: u8, script: &[Response]) -> Option<Device> {
    Some(Device { kind, zone, script: script.iter().copied().collect() })
}

fn main() {
    let mut devices: [Option<Device>; LOOP_DEVICES] = std::array::from_fn(|_| None);
    devices[1] = device(DeviceKind::Smoke, 1, &[Response::Alarm(90), Response::Normal(5), Response::Alarm(90), Response::Alarm(95), Response::Alarm(99)]);
    devices[2] = device(DeviceKind::Smoke, 1, &[Response::Fault(FaultKind::Dirty)]);
    devices[5] = device(DeviceKind::Heat { rate_of_rise: true }, 2, &[Response::Normal(40), Response::Normal(61)]);
    devices[9] = device(DeviceKind::ManualCallPoint, 3, &[Response::NoReply]);
    devices[20] = device(DeviceKind::Sounder, 0, &[]);
    let mut panel = Panel { devices, verify: [0; LOOP_DEVICES], latched: RefCell::new(BTreeSet::new()), sounders_on: Cell::new(false) };
    let link = Rc::new(RefCell::new(Vec::new()));

    let mut history = Vec::new();
    for round in 0..5 {
        let events = block_on(panel.scan());
        let sent = block_on(drive_outputs(&panel, Rc::clone(&link), &events));
        history.push((round, events));
    }
    assert_eq!(history[0].1, vec![PanelEvent::Prealarm { addr: 1 }, PanelEvent::Fault { addr: 2, kind: FaultKind::Dirty }, PanelEvent::Missing(9)]);
    assert_eq!(history[1].1, vec![PanelEvent::FireZone(2)]);
    assert!(history[4].1.contains(&PanelEvent::FireZone(1)));
    assert_eq!(*panel.latched.borrow(), BTreeSet::from([1, 2]));
    let log = link.borrow().clone();
    assert_eq!(log.iter().filter(|l| l.starts_with("FIRE")).count(), 1);
    assert_eq!(log.len(), 3);

    let reset = async || {
        yield_now().await;
        let cleared = panel.latched.borrow().len();
        panel.latched.borrow_mut().clear();
        panel.sounders_on.set(false);
        cleared
    };
    assert_eq!(block_on(reset()), 2);

    let counts: HashMap<&str, usize> = block_on(async {
        let mut m = HashMap::new();
        for (_, evs) in &history {
            yield_now().await;
            for e in evs {
                let key = match e { PanelEvent::FireZone(_) => "fire", PanelEvent::Prealarm { .. } => "pre", _ => "trouble" };
                *m.entry(key).or_default() += 1;
            }
        }
        m
    });
    println!("{log:?}\n{counts:?}");
}
