#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Caching stub DNS resolver: TTL + negative caching, recursive CNAME chasing, wire-format queries.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::net::Ipv4Addr;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
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
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Answer {
    A(Ipv4Addr),
    Cname(String),
    NxDomain,
}

#[derive(Debug)]
enum ResolveError {
    Malformed(String),
    CnameLoop(Vec<String>),
    Upstream(u8),
}

fn encode_query(id: u16, name: &str) -> Result<([u8; 512], usize), ResolveError> {
    let mut pkt = [0u8; 512];
    pkt[..2].copy_from_slice(&id.to_be_bytes());
    pkt[2] = 0x01; // RD
    pkt[5] = 1; // QDCOUNT
    let mut pos = 12;
    for label in name.trim_end_matches('.').split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err(ResolveError::Malformed(name.to_string()));
        }
        pkt[pos] = label.len() as u8;
        pkt[pos + 1..pos + 1 + label.len()].copy_from_slice(label.as_bytes());
        pos += 1 + label.len();
    }
    pkt[pos..pos + 5].copy_from_slice(&[0, 0, 1, 0, 1]);
    Ok((pkt, pos + 5))
}

trait Upstream {
    async fn exchange(&self, packet: &[u8]) -> Result<(Answer, u32), ResolveError>;
}

struct ZoneServer {
    records: HashMap<String, (Answer, u32)>,
    queries: Cell<u32>,
}

impl ZoneServer {
    fn from_zone(text: &str) -> Self {
        let records = text
            .lines()
            .filter_map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                let &[name, ttl, kind, data] = cols.as_slice() else { return None };
                let ans = match kind {
                    "A" => Answer::A(data.parse().ok()?),
                    "CNAME" => Answer::Cname(data.to_string()),
                    _ => return None,
                };
                Some((name.to_string(), (ans, ttl.parse().ok()?)))
            })
            .collect();
        ZoneServer { records, queries: Cell::new(0) }
    }
}

fn decode_qname(packet: &[u8]) -> String {
    let mut labels = Vec::new();
    let mut pos = 12;
    while let Some(&len) = packet.get(pos).filter(|&&l| l != 0) {
        let len = len as usize;
        labels.push(String::from_utf8_lossy(&packet[pos + 1..pos + 1 + len]).into_owned());
        pos += len + 1;
    }
    labels.join(".")
}

impl Upstream for ZoneServer {
    async fn exchange(&self, packet: &[u8]) -> Result<(Answer, u32), ResolveError> {
        self.queries.set(self.queries.get() + 1);
        Yield(3).await;
        let qname = decode_qname(packet);
        Ok(self.records.get(&qname).cloned().unwrap_or((Answer::NxDomain, 30)))
    }
}

struct Resolver<U: Upstream> {
    upstream: U,
    cache: RefCell<HashMap<String, (Answer, u64)>>,
    now: Cell<u64>,
    next_id: Cell<u16>,
}

impl<U: Upstream> Resolver<U> {
    async fn lookup_one(&self, name: &str) -> Result<Answer, ResolveError> {
        if let Some((ans, expires)) = self.cache.borrow().get(name) {
            if *expires > self.now.get() {
                return Ok(ans.clone());
            }
        }
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let (pkt, len) = encode_query(id, name)?;
        let (answer, ttl) = self.upstream.exchange(&pkt[..len]).await?;
        self.cache.borrow_mut().insert(name.to_string(), (answer.clone(), self.now.get() + ttl as u64));
        Ok(answer)
    }

    fn resolve<'a>(&'a self, name: &'a str, chain: Vec<String>) -> Pin<Box<dyn Future<Output = Result<(Ipv4Addr, Vec<String>), ResolveError>> + 'a>> {
        Box::pin(async move {
            if chain.iter().any(|c| c == name) || chain.len() > 8 {
                return Err(ResolveError::CnameLoop(chain));
            }
            let mut chain = chain;
            chain.push(name.to_string());
            match self.lookup_one(name).await? {
                Answer::A(ip) => Ok((ip, chain)),
                Answer::Cname(target) => self.resolve(&target, chain).await,
                Answer::NxDomain => Err(ResolveError::Upstream(3)),
            }
        })
    }
}

fn main() {
    let zone = "api.example.com 300 CNAME edge.cdn.net\nedge.cdn.net 60 CNAME pop-fra.cdn.net\npop-fra.cdn.net 20 A 203.0.113.7\n\
                db.internal 600 A 10.0.4.12\nloop-a.test 60 CNAME loop-b.test\nloop-b.test 60 CNAME loop-a.test\n";
    let resolver = Resolver { upstream: ZoneServer::from_zone(zone), cache: RefCell::default(), now: Cell::new(0), next_id: Cell::new(0x4a00) };

    let names = ["api.example.com", "db.internal", "missing.example.com", "loop-a.test", "bad..name"];
    let run_pass = async |label: &str, at: u64| {
        resolver.now.set(at);
        let mut lines = Vec::new();
        for name in names {
            let line = match resolver.resolve(name, Vec::new()).await {
                Ok((ip, chain)) => format!("{name} -> {ip} via {}", chain.len()),
                Err(ResolveError::CnameLoop(chain)) => format!("{name} loop {}", chain.join(">")),
                Err(e) => format!("{name} error {e:?}"),
            };
            lines.push(line);
        }
        (label.to_string(), lines, resolver.upstream.queries.get())
    };

    let passes = block_on(async {
        let cold = run_pass("cold", 0).await;
        let warm = run_pass("warm", 10).await;
        let partial = run_pass("t=45", 45).await;
        vec![cold, warm, partial]
    });
    for (label, lines, queries) in &passes {
        println!("[{label}] upstream queries so far: {queries}");
        lines.iter().for_each(|l| println!("    {l}"));
    }
}
