#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod net {
    pub async fn send_frame(_peer: u32, frame: &[u8]) -> std::io::Result<usize> {
        if frame.is_empty() {
            Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "empty frame"))
        } else {
            Ok(frame.len())
        }
    }
}

struct Member {
    id: u32,
    nick: String,
    inbox: RefCell<VecDeque<String>>,
    room: RefCell<Weak<Room>>,
}

struct Room {
    name: String,
    members: RefCell<Vec<Rc<Member>>>,
    history: RefCell<Vec<(u32, String)>>,
}

#[derive(Debug)]
enum ChatEvent {
    Joined(u32),
    Said { from: u32, text: String },
    Left(u32),
}

impl Room {
    fn new(name: &str) -> Rc<Room> {
        Rc::new(Room { name: name.into(), members: RefCell::new(vec![]), history: RefCell::new(vec![]) })
    }

    fn join(self: &Rc<Self>, id: u32, nick: &str) -> Rc<Member> {
        let m = Rc::new(Member {
            id,
            nick: nick.to_string(),
            inbox: RefCell::new(VecDeque::new()),
            room: RefCell::new(Weak::new()),
        });
        *m.room.borrow_mut() = Rc::downgrade(self);
        self.members.borrow_mut().push(m.clone());
        m
    }

    async fn broadcast(&self, ev: ChatEvent) -> usize {
        let text = match &ev {
            ChatEvent::Joined(id) => format!("* {} joined", id),
            ChatEvent::Said { from, text } => format!("<{}> {}", from, text),
            ChatEvent::Left(id) => format!("* {} left", id),
        };
        if let ChatEvent::Said { from, text: t } = &ev {
            self.history.borrow_mut().push((*from, t.clone()));
        }
        let targets: Vec<Rc<Member>> = self.members.borrow().iter().cloned().collect();
        let mut delivered = 0;
        for m in targets {
            match net::send_frame(m.id, text.as_bytes()).await {
                Ok(_) => {
                    m.inbox.borrow_mut().push_back(text.clone());
                    delivered += 1;
                }
                Err(e) => eprintln!("drop {}: {}", m.id, e),
            }
        }
        delivered
    }

    async fn leave(self: Rc<Self>, id: u32) -> bool {
        let before = self.members.borrow().len();
        self.members.borrow_mut().retain(|m| m.id != id);
        let removed = self.members.borrow().len() != before;
        if removed {
            self.broadcast(ChatEvent::Left(id)).await;
        }
        removed
    }
}

impl Member {
    async fn say(&self, text: &str) -> Option<usize> {
        let room = self.room.borrow().upgrade()?;
        let cleaned: String = text.chars().filter(|c| !c.is_control()).collect();
        let n = room.broadcast(ChatEvent::Said { from: self.id, text: cleaned }).await;
        Some(n)
    }

    fn drain_inbox(&self) -> Vec<String> {
        self.inbox.borrow_mut().drain(..).collect()
    }
}

unsafe fn vt_clone(p: *const ()) -> RawWaker {
    RawWaker::new(p, &VTABLE)
}
unsafe fn vt_noop(_: *const ()) {}
static VTABLE: RawWakerVTable = RawWakerVTable::new(vt_clone, vt_noop, vt_noop, vt_noop);

fn block_on<F: Future>(mut f: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = unsafe { Pin::new_unchecked(&mut f) };
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let room = Room::new("rust");
    let alice = room.join(1, "alice");
    let bob = room.join(2, "bob");
    let carol = room.join(3, "carol");

    let session = async {
        room.broadcast(ChatEvent::Joined(3)).await;
        alice.say("hello\u{7} all").await;
        bob.say("hi alice").await;
        let left = room.clone().leave(2).await;
        let after = bob.say("anyone?").await;
        (left, after)
    };
    let (left, after) = block_on(session);
    println!("bob left={} after={:?}", left, after);

    for m in [&alice, &bob, &carol] {
        let msgs = m.drain_inbox();
        println!("{} got {} msgs: {:?}", m.nick, msgs.len(), msgs);
    }

    let mut counts: HashMap<u32, usize> = HashMap::new();
    for (from, _) in room.history.borrow().iter() {
        *counts.entry(*from).or_default() += 1;
    }
    println!("history counts {:?}", counts);

    let replay = async {
        let lines: Vec<String> = room.history.borrow().iter().map(|(f, t)| format!("{}:{}", f, t)).collect();
        let mut sent = 0;
        for l in &lines {
            sent += net::send_frame(99, l.as_bytes()).await.unwrap_or(0);
        }
        sent
    };
    println!("replayed {} bytes", block_on(replay));

    drop(room);
    let orphan = block_on(async move { alice.say("is this thing on").await });
    println!("after room dropped: {:?}", orphan);
}
