#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Follower,
    Candidate,
    Leader,
}

#[derive(Debug)]
struct NodeState {
    term: u64,
    voted_for: Option<u32>,
    role: Role,
    log_len: u64,
}

struct Node {
    id: u32,
    state: Mutex<NodeState>,
    cluster: RwLock<Weak<Cluster>>,
    alive: Mutex<bool>,
}

struct Cluster {
    nodes: Vec<Arc<Node>>,
}

#[derive(Debug)]
struct VoteRequest {
    term: u64,
    candidate: u32,
    last_log: u64,
}

trait Transport {
    async fn request_vote(&self, to: &Node, req: &VoteRequest) -> Option<(u64, bool)>;
}

struct LocalTransport {
    dropped: Mutex<Vec<(u32, u32)>>,
}

impl Transport for LocalTransport {
    async fn request_vote(&self, to: &Node, req: &VoteRequest) -> Option<(u64, bool)> {
        if !*to.alive.lock().unwrap() {
            self.dropped.lock().unwrap().push((req.candidate, to.id));
            return None;
        }
        Some(to.handle_vote(req))
    }
}

impl Node {
    fn new(id: u32, log_len: u64) -> Arc<Node> {
        Arc::new(Node {
            id,
            state: Mutex::new(NodeState { term: 0, voted_for: None, role: Role::Follower, log_len }),
            cluster: RwLock::new(Weak::new()),
            alive: Mutex::new(true),
        })
    }

    fn handle_vote(&self, req: &VoteRequest) -> (u64, bool) {
        let mut st = self.state.lock().unwrap();
        if req.term > st.term {
            st.term = req.term;
            st.voted_for = None;
            st.role = Role::Follower;
        }
        let grant = req.term == st.term && st.voted_for.map_or(true, |v| v == req.candidate) && req.last_log >= st.log_len;
        if grant {
            st.voted_for = Some(req.candidate);
        }
        (st.term, grant)
    }

    async fn campaign<T: Transport>(self: &Arc<Self>, transport: &T) -> Role {
        let req = {
            let mut st = self.state.lock().unwrap();
            st.term += 1;
            st.role = Role::Candidate;
            st.voted_for = Some(self.id);
            VoteRequest { term: st.term, candidate: self.id, last_log: st.log_len }
        };
        let Some(cluster) = self.cluster.read().unwrap().upgrade() else {
            return Role::Follower;
        };
        let majority = cluster.nodes.len() / 2 + 1;
        let mut votes = 1;
        for peer in cluster.nodes.iter().filter(|n| n.id != self.id) {
            match transport.request_vote(peer, &req).await {
                Some((term, _)) if term > req.term => {
                    let mut st = self.state.lock().unwrap();
                    st.term = term;
                    st.role = Role::Follower;
                    return Role::Follower;
                }
                Some((_, true)) => votes += 1,
                Some((_, false)) | None => {}
            }
            if votes >= majority {
                break;
            }
        }
        let mut st = self.state.lock().unwrap();
        st.role = if votes >= majority && st.role == Role::Candidate { Role::Leader } else { Role::Follower };
        st.role
    }
}

fn build(lens: &[u64]) -> Arc<Cluster> {
    let nodes: Vec<Arc<Node>> = lens.iter().enumerate().map(|(i, l)| Node::new(i as u32 + 1, *l)).collect();
    let c = Arc::new(Cluster { nodes });
    for n in &c.nodes {
        *n.cluster.write().unwrap() = Arc::downgrade(&c);
    }
    c
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let cluster = build(&[10, 12, 12, 8, 12]);
    let tx = LocalTransport { dropped: Mutex::new(Vec::new()) };
    *cluster.nodes[2].alive.lock().unwrap() = false;

    let election = async {
        let mut results = HashMap::new();
        for n in [0usize, 3, 1] {
            let node = cluster.nodes[n].clone();
            let role = node.campaign(&tx).await;
            results.insert(node.id, role);
        }
        results
    };
    let mut results: Vec<_> = block_on(election).into_iter().collect();
    results.sort_by_key(|(id, _)| *id);
    println!("campaign results {:?}", results);
    for n in &cluster.nodes {
        let st = n.state.lock().unwrap();
        println!("node {} term {} role {:?} voted {:?}", n.id, st.term, st.role, st.voted_for);
    }
    println!("dropped rpcs {:?}", tx.dropped.lock().unwrap());

    let orphan = Node::new(99, 0);
    let r = block_on(async { orphan.campaign(&tx).await });
    println!("orphan -> {:?}", r);
    let leaders = cluster.nodes.iter().filter(|n| n.state.lock().unwrap().role == Role::Leader).count();
    println!("leaders: {}", leaders);
}
