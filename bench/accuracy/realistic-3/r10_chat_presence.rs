#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Chat presence tracker: heartbeats, idle detection, room rosters, presence broadcast.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll};

    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub async fn sleep(_ms: u64) { Yield(false).await }

    /// A single-threaded broadcast socket (websocket-ish)
    #[derive(Clone, Default)]
    pub struct Socket { pub sent: Rc<RefCell<VecDeque<String>>> }
    impl Socket {
        pub async fn send(&self, frame: String) -> Result<(), &'static str> {
            sleep(1).await;
            if frame.len() > 200 { return Err("frame too large"); }
            self.sent.borrow_mut().push_back(frame);
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status { Online, Idle, Offline }

#[derive(Debug, Clone)]
struct Presence { status: Status, last_seen: u64, device: String }

struct Tracker {
    users: RefCell<HashMap<String, Presence>>,
    rooms: RefCell<BTreeMap<String, HashSet<String>>>,
    sockets: RefCell<HashMap<String, rt::Socket>>,
    clock: Rc<Cell<u64>>,
    idle_after: u64,
    offline_after: u64,
}

impl Tracker {
    async fn heartbeat(&self, user: &str, device: &str) {
        let now = self.clock.get();
        let changed = {
            let mut users = self.users.borrow_mut();
            let p = users.entry(user.to_string()).or_insert(Presence { status: Status::Offline, last_seen: 0, device: device.into() });
            let was = p.status;
            p.status = Status::Online;
            p.last_seen = now;
            p.device = device.to_string();
            was != Status::Online
        };
        if changed {
            self.broadcast(user, Status::Online).await;
        }
    }

    async fn join(&self, room: &str, user: &str) {
        self.rooms.borrow_mut().entry(room.to_string()).or_default().insert(user.to_string());
        self.sockets.borrow_mut().entry(user.to_string()).or_default();
        self.heartbeat(user, "web").await;
    }

    async fn broadcast(&self, user: &str, status: Status) {
        let peers: Vec<String> = self
            .rooms
            .borrow()
            .values()
            .filter(|members| members.contains(user))
            .flat_map(|members| members.iter().cloned())
            .filter(|m| m != user)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let frame = format!("{{\"presence\":{{\"user\":\"{user}\",\"status\":\"{status:?}\"}}}}");
        for peer in peers {
            let sock = match self.sockets.borrow().get(&peer) {
                Some(s) => s.clone(),
                None => continue,
            };
            if let Err(e) = sock.send(frame.clone()).await {
                eprintln!("drop frame to {peer}: {e}");
            }
        }
    }

    async fn sweep(&self) -> Vec<(String, Status)> {
        let now = self.clock.get();
        let mut transitions = Vec::new();
        for (user, p) in self.users.borrow_mut().iter_mut() {
            let age = now - p.last_seen;
            let next = if age >= self.offline_after { Status::Offline } else if age >= self.idle_after { Status::Idle } else { Status::Online };
            if next != p.status {
                p.status = next;
                transitions.push((user.clone(), next));
            }
        }
        for (user, status) in &transitions {
            self.broadcast(user, *status).await;
        }
        transitions
    }

    fn roster(&self, room: &str) -> Vec<(String, Status)> {
        let rooms = self.rooms.borrow();
        let users = self.users.borrow();
        let mut v: Vec<_> = rooms
            .get(room)
            .into_iter()
            .flatten()
            .map(|u| (u.clone(), users.get(u).map(|p| p.status).unwrap_or(Status::Offline)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let clock = Rc::new(Cell::new(0u64));
    let tracker = Rc::new(Tracker {
        users: RefCell::new(HashMap::new()),
        rooms: RefCell::new(BTreeMap::new()),
        sockets: RefCell::new(HashMap::new()),
        clock: Rc::clone(&clock),
        idle_after: 30,
        offline_after: 90,
    });
    let t = Rc::clone(&tracker);
    let transitions = block_on(async move {
        t.join("general", "ana").await;
        t.join("general", "ben").await;
        t.join("ops", "ana").await;
        t.join("ops", "cho").await;
        let mut all = Vec::new();
        for tick in 1..=10u64 {
            clock.set(tick * 10);
            if tick % 2 == 0 { t.heartbeat("ana", "ios").await; }
            if tick < 3 { t.heartbeat("cho", "web").await; }
            all.extend(t.sweep().await);
        }
        all
    });
    let frames: usize = tracker.sockets.borrow().values().map(|s| s.sent.borrow().len()).sum();
    println!("transitions={} frames={} general={:?}", transitions.len(), frames, tracker.roster("general"));
    println!("ops={:?}", tracker.roster("ops"));
}
