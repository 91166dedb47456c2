#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Raft-style log replication: a leader pushes AppendEntries to followers and advances the commit index.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => continue,
        }
    }
}

struct Yield(u8);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Entry { term: u64, cmd: String }

#[derive(Debug)]
struct AppendEntries { term: u64, prev_index: usize, prev_term: u64, entries: Vec<Entry>, leader_commit: usize }

#[derive(Debug)]
enum AppendReply { Ok { match_index: usize }, Mismatch { hint: usize }, StaleTerm(u64) }

struct Follower { id: u8, term: u64, log: Vec<Entry>, commit: usize, lag: u8 }

impl Follower {
    async fn append(this: &Rc<RefCell<Follower>>, req: AppendEntries) -> AppendReply {
        // Single-threaded: the borrow is held across the network delay on purpose.
        let mut f = this.borrow_mut();
        Yield(f.lag).await;
        if req.term < f.term { return AppendReply::StaleTerm(f.term); }
        f.term = req.term;
        let ok = req.prev_index == 0
            || f.log.get(req.prev_index - 1).map(|e| e.term) == Some(req.prev_term);
        if !ok { return AppendReply::Mismatch { hint: f.log.len().min(req.prev_index.saturating_sub(1)) }; }
        f.log.truncate(req.prev_index);
        f.log.extend(req.entries);
        f.commit = req.leader_commit.min(f.log.len());
        AppendReply::Ok { match_index: f.log.len() }
    }
}

struct Leader { term: u64, log: Vec<Entry>, next_index: Vec<usize>, match_index: Vec<usize>, commit: usize }

impl Leader {
    fn request_for(&self, peer: usize) -> AppendEntries {
        let prev_index = self.next_index[peer] - 1;
        let prev_term = if prev_index == 0 { 0 } else { self.log[prev_index - 1].term };
        AppendEntries { term: self.term, prev_index, prev_term, entries: self.log[prev_index..].to_vec(), leader_commit: self.commit }
    }

    async fn replicate_to(&mut self, peer: usize, f: &Rc<RefCell<Follower>>) -> Result<usize, u64> {
        let rounds = 'retry: loop {
            for attempt in 0..8u32 {
                let req = self.request_for(peer);
                match Follower::append(f, req).await {
                    AppendReply::Ok { match_index } => {
                        self.match_index[peer] = match_index;
                        self.next_index[peer] = match_index + 1;
                        break 'retry attempt + 1;
                    }
                    AppendReply::Mismatch { hint } if hint + 1 < self.next_index[peer] => self.next_index[peer] = hint + 1,
                    AppendReply::Mismatch { .. } => self.next_index[peer] = (self.next_index[peer] - 1).max(1),
                    AppendReply::StaleTerm(t) => return Err(t),
                }
            }
            break 0;
        };
        Ok(rounds as usize)
    }

    fn advance_commit(&mut self) -> usize {
        let mut all: Vec<usize> = self.match_index.clone();
        all.push(self.log.len());
        all.sort_unstable_by(|a, b| b.cmp(a));
        let majority = all[all.len() / 2];
        if majority > self.commit && self.log[majority - 1].term == self.term { self.commit = majority; }
        self.commit
    }

    async fn propose(&mut self, cmd: &str, peers: &[Rc<RefCell<Follower>>]) -> usize {
        self.log.push(Entry { term: self.term, cmd: cmd.to_string() });
        for (i, p) in peers.iter().enumerate() {
            match self.replicate_to(i, p).await {
                Ok(r) => println!("  peer {} caught up in {r} round(s)", p.borrow().id),
                Err(t) => println!("  peer {} has newer term {t}", p.borrow().id),
            }
        }
        self.advance_commit()
    }
}

fn follower(id: u8, term: u64, log: &[(u64, &str)], lag: u8) -> Rc<RefCell<Follower>> {
    let log = log.iter().map(|&(term, c)| Entry { term, cmd: c.to_string() }).collect();
    Rc::new(RefCell::new(Follower { id, term, log, commit: 0, lag }))
}

async fn heartbeat(leader: &Leader, peers: &[Rc<RefCell<Follower>>]) -> Vec<usize> {
    let mut commits = Vec::with_capacity(peers.len());
    for p in peers {
        Yield(1).await;
        let hb = AppendEntries { term: leader.term, prev_index: 0, prev_term: 0, entries: leader.log.clone(), leader_commit: leader.commit };
        if let AppendReply::Ok { .. } = Follower::append(p, hb).await { commits.push(p.borrow().commit); }
    }
    commits
}

async fn apply_committed(f: &Rc<RefCell<Follower>>) -> BTreeMap<String, i64> {
    let (log, commit) = { let g = f.borrow(); (g.log.clone(), g.commit) }; // guard dropped before awaiting
    let mut state = BTreeMap::new();
    for (i, e) in log.iter().take(commit).enumerate() {
        if i % 2 == 0 { Yield(1).await; }
        let mut parts = e.cmd.split_whitespace();
        match (parts.next(), parts.next().map(|kv| kv.split_once('=').unwrap_or((kv, "")))) {
            (Some("set"), Some((k, v))) => { state.insert(k.to_string(), v.parse().unwrap_or(0)); }
            (Some("del"), Some((k, _))) => { state.remove(k); }
            (Some("incr"), Some((k, _))) => *state.entry(k.to_string()).or_insert(0) += 1,
            _ => {}
        }
    }
    state
}

fn main() {
    let base = [(1, "set a=1"), (1, "set b=2")];
    let peers = vec![
        follower(1, 1, &base, 1),
        follower(2, 1, &[(1, "set a=1")], 3),
        follower(3, 1, &[(1, "set a=1"), (1, "set b=2"), (1, "stale x")], 2),
        follower(4, 1, &[], 0),
    ];
    let mut leader = Leader {
        term: 2,
        log: base.iter().map(|&(t, c)| Entry { term: t, cmd: c.into() }).collect(),
        next_index: vec![3; peers.len()],
        match_index: vec![0; peers.len()],
        commit: 0,
    };
    let commits = block_on(async {
        for cmd in ["set c=3", "del a", "incr b"] {
            let c = leader.propose(cmd, &peers).await;
            println!("proposed {cmd:?}, commit index now {c}");
        }
        heartbeat(&leader, &peers).await
    });
    for p in &peers {
        let f = p.borrow();
        let cmds: Vec<&str> = f.log.iter().map(|e| e.cmd.as_str()).collect();
        println!("follower {} term={} commit={} log={:?}", f.id, f.term, f.commit, cmds);
        assert_eq!(f.log, leader.log);
    }
    assert_eq!(leader.commit, 5);
    assert_eq!(commits, vec![5, 5, 5, 5]);
    let states = block_on(async {
        let replay = async |p: &Rc<RefCell<Follower>>| apply_committed(p).await;
        let mut out = Vec::new();
        for p in &peers { out.push(replay(p).await); }
        out
    });
    println!("state machine: {:?}", states[0]);
    assert!(states.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(states[0], BTreeMap::from([("b".to_string(), 3), ("c".to_string(), 3)]));
}
