//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! RIP-style routing daemon: neighbours exchange distance vectors with split horizon
//! and poisoned reverse until convergence, then react to a link failure.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
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

const INFINITY: u32 = 16;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Route { cost: u32, next_hop: char }

struct Router {
    id: char,
    links: BTreeMap<char, u32>,
    table: BTreeMap<char, Route>,
}

impl Router {
    fn new(id: char) -> Self {
        Router { id, links: BTreeMap::new(), table: BTreeMap::from([(id, Route { cost: 0, next_hop: id })]) }
    }

    fn advertise_to(&self, neighbour: char) -> Vec<(char, u32)> {
        self.table
            .iter()
            .map(|(&dst, r)| (dst, if r.next_hop == neighbour && dst != self.id { INFINITY } else { r.cost }))
            .collect()
    }

    fn absorb(&mut self, from: char, vector: &[(char, u32)]) -> bool {
        let Some(&link) = self.links.get(&from) else { return false };
        let mut changed = false;
        for &(dst, cost) in vector {
            let via = (cost + link).min(INFINITY);
            let better = match self.table.get(&dst) {
                None => via < INFINITY,
                Some(cur) if cur.next_hop == from => cur.cost != via,
                Some(cur) => via < cur.cost,
            };
            if better {
                self.table.insert(dst, Route { cost: via, next_hop: from });
                changed = true;
            }
        }
        changed
    }
}

type Net = HashMap<char, Rc<RefCell<Router>>>;

async fn converge(net: &Net, max_rounds: u32) -> u32 {
    let mut ids: Vec<char> = net.keys().copied().collect();
    ids.sort();
    for round in 1..=max_rounds {
        let mut any = false;
        for &src in &ids {
            let neighbours: Vec<char> = net[&src].borrow().links.keys().copied().collect();
            for n in neighbours {
                let vector = net[&src].borrow().advertise_to(n);
                yield_now().await;
                any |= net[&n].borrow_mut().absorb(src, &vector);
            }
        }
        if !any {
            return round;
        }
    }
    max_rounds
}

fn link(net: &Net, a: char, b: char, cost: Option<u32>) {
    for (x, y) in [(a, b), (b, a)] {
        let mut r = net[&x].borrow_mut();
        match cost {
            Some(c) => { r.links.insert(y, c); }
            None => {
                r.links.remove(&y);
                for route in r.table.values_mut().filter(|rt| rt.next_hop == y) {
                    route.cost = INFINITY;
                }
            }
        }
    }
}

pub fn main() {
    let net: Net = "ABCDE".chars().map(|c| (c, Rc::new(RefCell::new(Router::new(c))))).collect();
    for (a, b, c) in [('A', 'B', 1), ('B', 'C', 2), ('C', 'D', 1), ('A', 'E', 4), ('E', 'D', 1)] {
        link(&net, a, b, Some(c));
    }
    let show = async |who: char| -> String {
        yield_now().await;
        let r = net[&who].borrow();
        r.table.iter().map(|(d, rt)| format!("{d}:{}via{}", rt.cost, rt.next_hop)).collect::<Vec<_>>().join(" ")
    };
    println!("converged in {} rounds", block_on(converge(&net, 20)));
    println!("A: {}", block_on(show('A')));
    link(&net, 'C', 'D', None);
    println!("after C-D failure: {} rounds", block_on(converge(&net, 20)));
    println!("A: {}", block_on(show('A')));
    println!("C: {}", block_on(show('C')));
}
