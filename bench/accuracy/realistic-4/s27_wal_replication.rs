#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Write-ahead log replication: a leader ships log batches to followers, tracks quorum commit and snapshots laggards.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct NetHop(u8);

impl Future for NetHop {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Command {
    Put(String, String),
    Delete(String),
}

#[derive(Debug, Clone)]
struct LogEntry {
    index: u64,
    term: u64,
    cmd: Command,
}

#[derive(Debug)]
enum Request {
    Append { prev_index: u64, prev_term: u64, entries: Vec<LogEntry>, commit: u64 },
    InstallSnapshot { last_index: u64, last_term: u64, state: BTreeMap<String, String> },
}

#[derive(Debug)]
enum Response {
    Ok { match_index: u64 },
    Mismatch { hint: u64 },
}

#[derive(Debug)]
enum NetError {
    Unreachable(usize),
}

#[derive(Default)]
struct Follower {
    log: Vec<LogEntry>,
    snapshot_index: u64,
    snapshot_term: u64,
    commit: u64,
    state: BTreeMap<String, String>,
}

impl Follower {
    fn last_index(&self) -> u64 {
        self.log.last().map_or(self.snapshot_index, |e| e.index)
    }

    fn term_at(&self, index: u64) -> Option<u64> {
        if index == self.snapshot_index {
            return Some(self.snapshot_term);
        }
        self.log.iter().find(|e| e.index == index).map(|e| e.term)
    }

    fn apply_committed(&mut self, commit: u64) {
        let upto = commit.min(self.last_index());
        for e in self.log.iter().filter(|e| e.index > self.commit && e.index <= upto) {
            match &e.cmd {
                Command::Put(k, v) => {
                    self.state.insert(k.clone(), v.clone());
                }
                Command::Delete(k) => {
                    self.state.remove(k);
                }
            }
        }
        self.commit = self.commit.max(upto);
    }

    fn handle(&mut self, req: Request) -> Response {
        match req {
            Request::InstallSnapshot { last_index, last_term, state } => {
                self.log.clear();
                self.snapshot_index = last_index;
                self.snapshot_term = last_term;
                self.state = state;
                self.commit = last_index;
                Response::Ok { match_index: last_index }
            }
            Request::Append { prev_index, prev_term, entries, commit } => {
                if self.term_at(prev_index) != Some(prev_term) {
                    return Response::Mismatch { hint: self.last_index().min(prev_index.saturating_sub(1)) };
                }
                self.log.retain(|e| e.index <= prev_index);
                self.log.extend(entries);
                self.apply_committed(commit);
                Response::Ok { match_index: self.last_index() }
            }
        }
    }
}

trait Transport {
    async fn call(&self, peer: usize, req: Request) -> Result<Response, NetError>;
}

struct LocalNet {
    peers: Vec<RefCell<Follower>>,
    down: RefCell<Vec<usize>>,
    messages: Cell<u32>,
}

impl Transport for LocalNet {
    async fn call(&self, peer: usize, req: Request) -> Result<Response, NetError> {
        NetHop(1).await;
        self.messages.set(self.messages.get() + 1);
        if self.down.borrow().contains(&peer) {
            return Err(NetError::Unreachable(peer));
        }
        let resp = self.peers[peer].borrow_mut().handle(req);
        NetHop(1).await;
        Ok(resp)
    }
}

struct Leader<T: Transport> {
    term: u64,
    log: Vec<LogEntry>,
    next_index: Vec<u64>,
    match_index: Vec<u64>,
    commit: u64,
    state: BTreeMap<String, String>,
    transport: T,
    max_batch: usize,
    snapshot_below: u64,
}

impl<T: Transport> Leader<T> {
    fn propose(&mut self, cmd: Command) -> u64 {
        let index = self.log.len() as u64 + 1;
        self.log.push(LogEntry { index, term: self.term, cmd });
        index
    }

    fn apply_to(&mut self, upto: u64) {
        for e in &self.log[self.commit as usize..upto as usize] {
            match &e.cmd {
                Command::Put(k, v) => self.state.insert(k.clone(), v.clone()),
                Command::Delete(k) => self.state.remove(k),
            };
        }
    }

    async fn replicate_round(&mut self) -> Vec<String> {
        let mut notes = Vec::new();
        for peer in 0..self.next_index.len() {
            let next = self.next_index[peer];
            let req = if next < self.snapshot_below && self.commit > 0 {
                Request::InstallSnapshot { last_index: self.commit, last_term: self.log[self.commit as usize - 1].term, state: self.state.clone() }
            } else {
                let prev_index = next - 1;
                let prev_term = if prev_index == 0 { 0 } else { self.log[prev_index as usize - 1].term };
                let entries: Vec<LogEntry> = self.log.iter().skip(prev_index as usize).take(self.max_batch).cloned().collect();
                Request::Append { prev_index, prev_term, entries, commit: self.commit }
            };
            match self.transport.call(peer, req).await {
                Ok(Response::Ok { match_index }) => {
                    self.match_index[peer] = match_index;
                    self.next_index[peer] = match_index + 1;
                }
                Ok(Response::Mismatch { hint }) => {
                    self.next_index[peer] = hint + 1;
                    notes.push(format!("peer{} rewound to {}", peer, hint + 1));
                }
                Err(NetError::Unreachable(p)) => notes.push(format!("peer{} unreachable", p)),
            }
        }
        let mut indexes: Vec<u64> = self.match_index.iter().copied().chain(std::iter::once(self.log.len() as u64)).collect();
        indexes.sort_unstable_by(|a, b| b.cmp(a));
        let quorum = indexes[indexes.len() / 2];
        if quorum > self.commit && self.log[quorum as usize - 1].term == self.term {
            self.apply_to(quorum);
            self.commit = quorum;
            self.snapshot_below = self.commit.saturating_sub(1);
        }
        notes
    }
}

fn main() {
    let net = LocalNet { peers: (0..4).map(|_| RefCell::new(Follower::default())).collect(), down: RefCell::new(vec![3]), messages: Cell::new(0) };
    net.peers[2].borrow_mut().log.push(LogEntry { index: 1, term: 0, cmd: Command::Put("stale".into(), "x".into()) });
    let mut leader = Leader { term: 2, log: vec![], next_index: vec![1; 4], match_index: vec![0; 4], commit: 0, state: BTreeMap::new(), transport: net, max_batch: 2, snapshot_below: 0 };
    let script = "put user:1 ada\nput user:2 bob\nput plan:1 pro\ndel user:2\nput user:3 cy\nput plan:3 free";
    let notes = block_on(async {
        let mut notes = Vec::new();
        for (round, line) in script.lines().enumerate() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let cmd = match parts.as_slice() {
                ["put", k, v] => Command::Put(k.to_string(), v.to_string()),
                ["del", k] => Command::Delete(k.to_string()),
                _ => continue,
            };
            leader.propose(cmd);
            if round == 3 {
                leader.transport.down.borrow_mut().clear();
            }
            notes.extend(leader.replicate_round().await);
        }
        for _ in 0..3 {
            notes.extend(leader.replicate_round().await);
        }
        notes
    });
    println!("notes: {:?}", notes);
    println!("leader commit={} state={:?}", leader.commit, leader.state);
    for (i, p) in leader.transport.peers.iter().enumerate() {
        let f = p.borrow();
        println!("peer{} last={} commit={} snapshot@{} state={:?}", i, f.last_index(), f.commit, f.snapshot_index, f.state.keys().collect::<Vec<_>>());
    }
    println!("messages={}", leader.transport.messages.get());
}
