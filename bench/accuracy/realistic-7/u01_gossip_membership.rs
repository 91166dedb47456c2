//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Gossip membership service: SWIM-style probing, indirect pings and digest merging between nodes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now(left: u32) -> Yield {
    Yield { left }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeerState {
    Alive,
    Suspect,
    Dead,
}

#[derive(Debug, Clone)]
struct Member {
    id: u32,
    addr: String,
    incarnation: u64,
    state: PeerState,
    missed: u8,
}

#[derive(Debug)]
enum GossipError {
    Timeout(u32),
    Unknown(u32),
}

const SUSPECT_AFTER: u8 = 2;
const FANOUT: usize = 2;

struct Cluster {
    local_id: u32,
    members: Mutex<HashMap<u32, Member>>,
    events: RefCell<Vec<String>>,
}

impl Cluster {
    fn new(local_id: u32, n: u32) -> Self {
        let mut map = HashMap::new();
        for id in 1..=n {
            map.insert(
                id,
                Member { id, addr: format!("10.0.0.{id}:7946"), incarnation: 1, state: PeerState::Alive, missed: 0 },
            );
        }
        Cluster { local_id, members: Mutex::new(map), events: RefCell::new(Vec::new()) }
    }

    async fn send_ping(&self, target: u32) -> Result<Duration, GossipError> {
        let started = Instant::now();
        yield_now(1 + target % 3).await;
        if target > 100 {
            return Err(GossipError::Unknown(target));
        }
        if target % 4 == 0 {
            return Err(GossipError::Timeout(target));
        }
        Ok(started.elapsed() + Duration::from_millis(target as u64 * 3))
    }

    async fn indirect_probe(&self, target: u32) -> bool {
        let helpers: Vec<u32> = self
            .members
            .lock()
            .unwrap()
            .values()
            .filter(|m| m.id != target && m.id != self.local_id && m.state == PeerState::Alive)
            .map(|m| m.id)
            .take(FANOUT)
            .collect();
        for helper in helpers.iter() {
            yield_now(1).await;
            let relayed = self.send_ping(*helper).await;
            if relayed.is_ok() && target % 8 != 0 {
                self.events.borrow_mut().push(format!("indirect ack {target} via {helper}"));
                return true;
            }
        }
        false
    }

    fn mark(&self, id: u32, state: PeerState) {
        if let Some(m) = self.members.lock().unwrap().get_mut(&id) {
            if m.state != state {
                m.incarnation += 1;
            }
            m.state = state;
        }
    }

    async fn probe(&self, target: u32) -> PeerState {
        if let Some(m) = self.members.lock().unwrap().get(&target)
            && m.state == PeerState::Dead
        {
            return PeerState::Dead;
        } else {
            yield_now(1).await;
        }
        match self.send_ping(target).await {
            Ok(rtt) => {
                self.events.borrow_mut().push(format!("ack {target} rtt={rtt:?}"));
                self.mark(target, PeerState::Alive);
                PeerState::Alive
            }
            Err(GossipError::Timeout(_)) => {
                if self.indirect_probe(target).await {
                    self.mark(target, PeerState::Alive);
                    return PeerState::Alive;
                }
                let missed = {
                    let mut members = self.members.lock().unwrap();
                    let m = members.get_mut(&target).unwrap();
                    m.missed += 1;
                    m.missed
                };
                yield_now(1).await;
                let next = if missed >= SUSPECT_AFTER { PeerState::Dead } else { PeerState::Suspect };
                self.mark(target, next);
                next
            }
            Err(GossipError::Unknown(id)) => {
                self.events.borrow_mut().push(format!("unknown peer {id}"));
                PeerState::Dead
            }
        }
    }

    fn digest(&self) -> Vec<(u32, u64, PeerState)> {
        let mut d: Vec<_> =
            self.members.lock().unwrap().values().map(|m| (m.id, m.incarnation, m.state)).collect();
        d.sort_by_key(|e| e.0);
        d
    }

    async fn protocol_period(&self, rounds: u32) -> usize {
        let mut ids: Vec<u32> =
            self.members.lock().unwrap().keys().copied().filter(|id| *id != self.local_id).collect();
        ids.sort();
        let mut alive = 0;
        for round in 0..rounds {
            let target = ids[(round as usize) % ids.len()];
            if self.probe(target).await == PeerState::Alive {
                alive += 1;
            }
        }
        alive
    }
}

async fn exchange(local: &Cluster, remote: &Cluster) -> usize {
    let merge = async |incoming: Vec<(u32, u64, PeerState)>| {
        let mut applied = 0usize;
        for (id, inc, state) in incoming {
            yield_now(1).await;
            let mut members = local.members.lock().unwrap();
            if let Some(m) = members.get_mut(&id)
                && inc > m.incarnation
            {
                m.incarnation = inc;
                m.state = state;
                applied += 1;
            }
        }
        applied
    };
    let remote_digest = remote.digest();
    yield_now(2).await;
    let first = merge(remote_digest).await;
    let second = merge(local.digest()).await;
    first + second
}

fn main() {
    let cluster = Cluster::new(1, 9);
    let rtt = block_on(cluster.send_ping(3));
    let helped = block_on(cluster.indirect_probe(5));
    let state = block_on(cluster.probe(4));
    let alive = block_on(cluster.protocol_period(12));

    let remote = Cluster::new(2, 9);
    remote.mark(5, PeerState::Suspect);
    remote.mark(5, PeerState::Alive);
    let applied = block_on(exchange(&cluster, &remote));

    println!("rtt={rtt:?} helped={helped} probe4={state:?} alive={alive} merged={applied}");
    for e in cluster.events.borrow().iter().take(5) {
        println!("  {e}");
    }
}
