//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

const HISTORY: usize = 50;

pub struct Member {
    pub id: u32,
    pub nick: RefCell<String>,
    inbox: RefCell<VecDeque<String>>,
    muted: Cell<bool>,
}

impl Member {
    async fn deliver(&self, msg: &str) {
        if self.muted.get() {
            return;
        }
        rt::sleep(1).await;
        self.inbox.borrow_mut().push_back(msg.to_owned());
    }
}

pub struct Room {
    pub name: String,
    members: RefCell<Vec<Weak<Member>>>,
    history: RefCell<VecDeque<String>>,
}

impl Room {
    pub fn new(name: &str) -> Rc<Room> {
        Rc::new(Room { name: name.into(), members: RefCell::new(Vec::new()), history: RefCell::new(VecDeque::new()) })
    }

    pub async fn join(&self, id: u32, nick: &str) -> Rc<Member> {
        let member = Rc::new(Member {
            id,
            nick: RefCell::new(nick.to_string()),
            inbox: RefCell::new(VecDeque::new()),
            muted: Cell::new(false),
        });
        let backlog: Vec<String> = self.history.borrow().iter().rev().take(10).rev().cloned().collect();
        for line in &backlog {
            member.deliver(line).await;
        }
        self.members.borrow_mut().push(Rc::downgrade(&member));
        self.broadcast(&format!("*** {} joined {}", nick, self.name)).await;
        member
    }

    fn live_members(&self) -> Vec<Rc<Member>> {
        let mut members = self.members.borrow_mut();
        members.retain(|w| w.strong_count() > 0);
        members.iter().filter_map(Weak::upgrade).collect()
    }

    pub async fn broadcast(&self, msg: &str) {
        {
            let mut history = self.history.borrow_mut();
            if history.len() == HISTORY {
                history.pop_front();
            }
            history.push_back(msg.to_string());
        }
        for m in self.live_members() {
            m.deliver(msg).await;
        }
    }

    pub async fn handle_line(&self, from: &Member, line: &str) {
        let line = line.trim_end();
        let command = line.strip_prefix('/').map(|c| c.split_once(' ').unwrap_or((c, "")));
        match command {
            Some(("nick", new)) if !new.trim().is_empty() => {
                let old = std::mem::replace(&mut *from.nick.borrow_mut(), new.trim().to_string());
                self.broadcast(&format!("*** {} is now {}", old, new.trim())).await;
            }
            Some(("me", action)) => {
                let nick = from.nick.borrow();
                self.broadcast(&format!("* {} {}", nick, action)).await;
            }
            Some(("who", _)) => {
                let names = self.live_members().iter().map(|m| m.nick.borrow().clone()).collect::<Vec<_>>();
                from.deliver(&format!("in {}: {}", self.name, names.join(", "))).await;
            }
            Some(("mute", _)) => from.muted.set(!from.muted.get()),
            Some((cmd, _)) => from.deliver(&format!("unknown command /{}", cmd)).await,
            None if line.is_empty() => {}
            None => {
                let text = format!("<{}> {}", from.nick.borrow(), line);
                self.broadcast(&text).await;
            }
        }
    }
}

pub async fn session() -> usize {
    let room = Room::new("#rust");
    let alice = room.join(1, "alice").await;
    let bob = room.join(2, "bob").await;
    for line in "hi all\n/me waves\n/nick bobby\n/who\n/dance".lines() {
        room.handle_line(&bob, line).await;
    }
    drop(bob);
    room.handle_line(&alice, "anyone there?").await;
    let inbox = alice.inbox.borrow();
    inbox.iter().map(|m| m.len()).sum::<usize>()
}
