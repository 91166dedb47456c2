//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Software router's forwarding table: applies announce/withdraw updates from a
//! routing feed into a binary prefix trie and answers longest-prefix-match lookups.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield(false).await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum RouteError {
    Syntax(String),
    Octet(String),
    PrefixLen(u8),
    UnknownPrefix(String),
}

#[derive(Clone, Debug, PartialEq)]
struct NextHop {
    via: String,
    metric: u32,
}

#[derive(Default)]
struct Node {
    hop: Option<NextHop>,
    kids: [Option<Box<Node>>; 2],
}

#[derive(Default)]
struct Fib {
    root: Node,
    routes: usize,
}

fn parse_addr(s: &str) -> Result<u32, RouteError> {
    let octets: Vec<&str> = s.split('.').collect();
    if octets.len() != 4 {
        return Err(RouteError::Octet(s.to_string()));
    }
    octets.iter().try_fold(0u32, |acc, o| {
        o.parse::<u8>().map(|b| (acc << 8) | b as u32).map_err(|_| RouteError::Octet(o.to_string()))
    })
}

fn parse_prefix(s: &str) -> Result<(u32, u8), RouteError> {
    let (addr, len) = s.split_once('/').ok_or_else(|| RouteError::Syntax(s.to_string()))?;
    let len: u8 = len.parse().map_err(|_| RouteError::Syntax(s.to_string()))?;
    if len > 32 {
        return Err(RouteError::PrefixLen(len));
    }
    Ok((parse_addr(addr)?, len))
}

impl Fib {
    fn insert(&mut self, addr: u32, len: u8, hop: NextHop) {
        let mut node = &mut self.root;
        for i in 0..len {
            let bit = ((addr >> (31 - i)) & 1) as usize;
            node = node.kids[bit].get_or_insert_with(Box::default);
        }
        if node.hop.replace(hop).is_none() {
            self.routes += 1;
        }
    }

    fn remove(&mut self, addr: u32, len: u8) -> Option<NextHop> {
        let mut node = &mut self.root;
        for i in 0..len {
            let bit = ((addr >> (31 - i)) & 1) as usize;
            node = node.kids[bit].as_deref_mut()?;
        }
        let old = node.hop.take();
        if old.is_some() {
            self.routes -= 1;
        }
        old
    }

    fn lookup(&self, addr: u32) -> Option<(&NextHop, u8)> {
        let mut best = self.root.hop.as_ref().map(|h| (h, 0));
        let mut node = &self.root;
        for depth in 0..32u8 {
            let bit = ((addr >> (31 - depth)) & 1) as usize;
            let Some(next) = node.kids[bit].as_deref() else { break };
            node = next;
            if let Some(h) = &node.hop {
                best = Some((h, depth + 1));
            }
        }
        best
    }
}

async fn apply_feed(fib: &RwLock<Fib>, feed: &str) -> Result<usize, RouteError> {
    let mut applied = 0;
    for line in feed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words[..] {
            ["announce", pfx, "via", via, "metric", m] => {
                let (addr, len) = parse_prefix(pfx)?;
                let metric = m.parse().map_err(|_| RouteError::Syntax(line.to_string()))?;
                let mut w = fib.write().unwrap();
                let keep = matches!(w.lookup(addr), Some((cur, l)) if l == len && cur.metric < metric);
                if !keep {
                    w.insert(addr, len, NextHop { via: via.to_string(), metric });
                }
            }
            ["withdraw", pfx] => {
                let (addr, len) = parse_prefix(pfx)?;
                fib.write().unwrap().remove(addr, len).ok_or_else(|| RouteError::UnknownPrefix(pfx.to_string()))?;
            }
            _ => return Err(RouteError::Syntax(line.to_string())),
        }
        applied += 1;
        yield_now().await;
    }
    Ok(applied)
}

pub fn main() {
    let fib = Arc::new(RwLock::new(Fib::default()));
    let feed = "
        announce 0.0.0.0/0 via isp-a metric 100
        announce 10.0.0.0/8 via core-1 metric 20
        announce 10.20.0.0/16 via edge-7 metric 10
        announce 10.20.0.0/16 via edge-9 metric 30
        announce 192.168.4.0/22 via lab metric 5
    ";
    println!("applied {:?}", block_on(apply_feed(&fib, feed)));

    let resolve = async |dst: &str| -> Result<String, RouteError> {
        let addr = parse_addr(dst)?;
        yield_now().await;
        let table = fib.read().unwrap();
        Ok(match table.lookup(addr) {
            Some((hop, len)) if len == 0 => format!("{dst} -> default via {}", hop.via),
            Some((hop, len)) => format!("{dst} -> /{len} via {} (metric {})", hop.via, hop.metric),
            None => format!("{dst} -> unreachable"),
        })
    };
    for dst in ["10.20.3.4", "10.99.0.1", "192.168.7.250", "8.8.8.8", "300.1.1.1"] {
        println!("{:?}", block_on(resolve(dst)));
    }

    let errors = ["withdraw 10.20.0.0/16\nwithdraw 0.0.0.0/0", "withdraw 172.16.0.0/12", "announce 1.2.3.0/40 via x metric 1", "flap"];
    for f in errors {
        println!("{:?}", block_on(apply_feed(&fib, f)));
    }
    println!("{:?}", block_on(resolve("10.20.3.4")));
    println!("{:?}", block_on(resolve("8.8.8.8")));
    println!("routes installed: {}", fib.read().unwrap().routes);
}
