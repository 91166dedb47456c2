#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Game server tick loop: gathers player input, steps physics at a fixed timestep, resolves collisions and broadcasts snapshots.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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

const TICK: Duration = Duration::from_millis(50);
const ARENA: (f32, f32) = (100.0, 60.0);
const MAX_PLAYERS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Input { Move(f32, f32), Fire, Idle }

#[derive(Debug, Clone)]
struct Entity { id: u32, pos: (f32, f32), vel: (f32, f32), hp: i32, kind: Kind }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind { Player, Bullet { owner: u32, ttl: u8 } }

struct Network {
    inbox: RefCell<VecDeque<(u32, u64, Input)>>,
    sent: RefCell<Vec<(u32, usize)>>,
}

impl Network {
    async fn poll_inputs(&self, tick: u64) -> Vec<(u32, Input)> {
        Yield { left: 1 }.await;
        let mut out = Vec::new();
        let mut inbox = self.inbox.borrow_mut();
        while inbox.front().map_or(false, |(_, t, _)| *t <= tick) {
            let (pid, _, input) = inbox.pop_front().unwrap();
            out.push((pid, input));
        }
        out
    }

    async fn send(&self, player: u32, payload: Vec<u8>) {
        Yield { left: 1 }.await;
        self.sent.borrow_mut().push((player, payload.len()));
    }
}

struct World {
    tick: u64,
    entities: BTreeMap<u32, Entity>,
    next_id: u32,
    score: HashMap<u32, u32>,
}

impl World {
    fn spawn_player(&mut self, id: u32, pos: (f32, f32)) {
        self.entities.insert(id, Entity { id, pos, vel: (0.0, 0.0), hp: 3, kind: Kind::Player });
    }

    fn apply_input(&mut self, pid: u32, input: Input) {
        let Some(p) = self.entities.get_mut(&pid) else { return };
        match input {
            Input::Move(dx, dy) => p.vel = (dx * 20.0, dy * 20.0),
            Input::Idle => p.vel = (0.0, 0.0),
            Input::Fire => {
                let (pos, id) = (p.pos, self.next_id);
                self.next_id += 1;
                let e = Entity { id, pos: (pos.0 + 1.0, pos.1), vel: (60.0, 0.0), hp: 1, kind: Kind::Bullet { owner: pid, ttl: 10 } };
                self.entities.insert(id, e);
            }
        }
    }

    fn integrate(&mut self, dt: f32) {
        for e in self.entities.values_mut() {
            e.pos.0 = (e.pos.0 + e.vel.0 * dt).clamp(0.0, ARENA.0);
            e.pos.1 = (e.pos.1 + e.vel.1 * dt).clamp(0.0, ARENA.1);
            if let Kind::Bullet { ttl, .. } = &mut e.kind {
                *ttl = ttl.saturating_sub(1);
                if *ttl == 0 {
                    e.hp = 0;
                }
            }
        }
    }

    fn collide(&mut self) -> Vec<(u32, u32)> {
        let bullets: Vec<(u32, u32, (f32, f32))> = self
            .entities
            .values()
            .filter_map(|e| match e.kind { Kind::Bullet { owner, .. } if e.hp > 0 => Some((e.id, owner, e.pos)), _ => None })
            .collect();
        let mut hits = Vec::new();
        for (bid, owner, bpos) in bullets {
            let target = self.entities.values_mut().find(|e| {
                e.kind == Kind::Player && e.id != owner && e.hp > 0 && (e.pos.0 - bpos.0).abs() < 2.0 && (e.pos.1 - bpos.1).abs() < 2.0
            });
            if let Some(t) = target {
                t.hp -= 1;
                hits.push((owner, t.id));
                *self.score.entry(owner).or_insert(0) += 1;
                self.entities.get_mut(&bid).unwrap().hp = 0;
            }
        }
        self.entities.retain(|_, e| e.hp > 0 || e.kind == Kind::Player);
        hits
    }

    fn snapshot(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(self.entities.len() * 9);
        buf.extend_from_slice(&self.tick.to_le_bytes());
        for e in self.entities.values() {
            buf.extend_from_slice(&e.id.to_le_bytes());
            buf.push(e.pos.0 as u8);
            buf.push(e.pos.1 as u8);
        }
        buf
    }
}

async fn broadcast(net: &Network, world: &World) -> usize {
    let snap = world.snapshot();
    let players: Vec<u32> = world.entities.values().filter(|e| e.kind == Kind::Player).map(|e| e.id).collect();
    for pid in players.iter() {
        net.send(*pid, snap.clone()).await;
    }
    players.len()
}

async fn run_ticks(world: Rc<RefCell<World>>, net: &Network, ticks: u64) -> Vec<String> {
    let mut events = Vec::new();
    let started = Instant::now();
    for _ in 0..ticks {
        let tick = world.borrow().tick;
        let inputs = net.poll_inputs(tick).await;
        {
            let mut w = world.borrow_mut();
            for (pid, input) in inputs {
                w.apply_input(pid, input);
            }
            w.integrate(TICK.as_secs_f32());
        }
        let hits = world.borrow_mut().collide();
        for (a, b) in hits {
            events.push(format!("tick {}: {} hit {}", tick, a, b));
        }
        if tick % 5 == 0 {
            let w = world.borrow();
            broadcast(net, &w).await;
        }
        world.borrow_mut().tick += 1;
        Yield { left: 1 }.await;
    }
    events.push(format!("simulated {} ticks ({:?} game time)", ticks, TICK * ticks as u32));
    events
}

fn main() {
    let mut world = World { tick: 0, entities: BTreeMap::new(), next_id: 100, score: HashMap::new() };
    world.spawn_player(1, (10.0, 30.0));
    world.spawn_player(2, (20.0, 30.0));
    world.spawn_player(3, (80.0, 10.0));
    let world = Rc::new(RefCell::new(world));
    let script = [(1, 0, Input::Fire), (3, 1, Input::Move(-1.0, 1.0)), (1, 4, Input::Fire), (2, 6, Input::Move(0.0, -1.0)), (1, 9, Input::Idle)];
    let net = Network { inbox: RefCell::new(script.iter().copied().collect()), sent: RefCell::new(Vec::new()) };
    let events = block_on(run_ticks(Rc::clone(&world), &net, 20));
    let extra = block_on(net.poll_inputs(100));
    block_on(net.send(9, vec![1, 2, 3]));
    let n = block_on(broadcast(&net, &world.borrow()));
    for e in &events {
        println!("{}", e);
    }
    let w = world.borrow();
    println!("entities={} score={:?} packets={} extra={:?} bcast={}", w.entities.len(), w.score, net.sent.borrow().len(), extra, n);
}
