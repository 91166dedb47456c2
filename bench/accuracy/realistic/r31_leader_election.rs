//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role { Follower, Candidate, Leader }

pub struct Node {
    pub id: u32,
    term: Cell<u64>,
    voted_for: Cell<Option<u32>>,
    role: Cell<Role>,
    leader: Cell<Option<u32>>,
    alive: Cell<bool>,
    peers: RefCell<Vec<Weak<Node>>>,
    log: RefCell<Vec<(u64, String)>>,
}

impl Node {
    pub fn new(id: u32) -> Rc<Node> {
        Rc::new(Node {
            id,
            term: Cell::new(0),
            voted_for: Cell::new(None),
            role: Cell::new(Role::Follower),
            leader: Cell::new(None),
            alive: Cell::new(true),
            peers: RefCell::new(Vec::new()),
            log: RefCell::new(Vec::new()),
        })
    }

    pub fn connect(nodes: &[Rc<Node>]) {
        for a in nodes {
            a.peers.borrow_mut().extend(nodes.iter().filter(|b| !Rc::ptr_eq(a, b)).map(Rc::downgrade));
        }
    }

    fn last_log(&self) -> (u64, usize) {
        let log = self.log.borrow();
        (log.last().map_or(0, |(t, _)| *t), log.len())
    }

    fn step_down(&self, term: u64) {
        self.term.set(term);
        self.voted_for.set(None);
        self.role.set(Role::Follower);
    }

    async fn request_vote(&self, term: u64, candidate: u32, last_log: (u64, usize)) -> (u64, bool) {
        rt::sleep(3).await;
        if !self.alive.get() || term < self.term.get() {
            return (self.term.get(), false);
        }
        if term > self.term.get() {
            self.step_down(term);
        }
        let grant = last_log >= self.last_log() && self.voted_for.get().map_or(true, |v| v == candidate);
        if grant {
            self.voted_for.set(Some(candidate));
        }
        (self.term.get(), grant)
    }

    async fn append_entries(&self, term: u64, leader: u32, entries: &[(u64, String)]) -> bool {
        rt::sleep(1).await;
        if !self.alive.get() || term < self.term.get() {
            return false;
        }
        if term > self.term.get() || self.role.get() != Role::Follower {
            self.step_down(term);
        }
        self.leader.set(Some(leader));
        let mut log = self.log.borrow_mut();
        let common = log.iter().zip(entries).take_while(|(a, b)| a == b).count();
        log.truncate(common);
        log.extend_from_slice(&entries[common..]);
        true
    }

    pub async fn heartbeat(&self) -> usize {
        let entries = self.log.borrow().clone();
        let mut acks = 0;
        for w in self.peers.borrow().iter() {
            if let Some(peer) = w.upgrade() {
                if peer.append_entries(self.term.get(), self.id, &entries).await {
                    acks += 1;
                }
            }
        }
        acks
    }

    pub async fn campaign(&self) -> bool {
        self.term.set(self.term.get() + 1);
        self.role.set(Role::Candidate);
        self.voted_for.set(Some(self.id));
        let term = self.term.get();
        let last = self.last_log();
        let peers: Vec<Rc<Node>> = self.peers.borrow().iter().filter_map(Weak::upgrade).collect();
        let quorum = (self.peers.borrow().len() + 1) / 2 + 1;
        let mut votes = 1;
        for peer in &peers {
            let (peer_term, granted) = peer.request_vote(term, self.id, last).await;
            if peer_term > term {
                self.step_down(peer_term);
                return false;
            }
            votes += granted as usize;
            if votes >= quorum {
                break;
            }
        }
        if votes < quorum || self.role.get() != Role::Candidate {
            self.role.set(Role::Follower);
            return false;
        }
        self.role.set(Role::Leader);
        self.leader.set(Some(self.id));
        self.heartbeat().await;
        true
    }

    pub async fn propose(&self, cmd: &str) -> Result<usize, Option<u32>> {
        if self.role.get() != Role::Leader {
            return Err(self.leader.get());
        }
        self.log.borrow_mut().push((self.term.get(), cmd.to_string()));
        Ok(self.heartbeat().await)
    }
}

pub async fn simulate() -> (Option<u32>, Vec<usize>) {
    let nodes: Vec<Rc<Node>> = (1..=5).map(Node::new).collect();
    Node::connect(&nodes);
    nodes[0].alive.set(false);
    let mut leader = None;
    'election: for round in 0..3 {
        for n in nodes.iter().skip(1 + round % 2) {
            if n.campaign().await {
                leader = Some(Rc::clone(n));
                break 'election;
            }
        }
        rt::sleep(150).await;
    }
    let Some(leader) = leader else { return (None, Vec::new()) };
    let mut acks = Vec::new();
    for cmd in "set x 1;set y 2;del x".split(';') {
        acks.push(leader.propose(cmd).await.unwrap_or_default());
    }
    (Some(leader.id), acks)
}
