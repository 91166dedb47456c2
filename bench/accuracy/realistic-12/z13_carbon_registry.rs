//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Carbon-credit registry: issues serialised credit blocks per project vintage, splits
//! serial ranges on transfer and retirement, and mirrors each event to async ledger sinks.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, PartialEq)]
struct Block { project: String, vintage: u16, start: u64, end: u64, owner: String, retired_for: Option<String> }

#[derive(Debug, Clone)]
enum Event { Issued { serial: String, owner: String }, Transferred { serial: String, from: String, to: String }, Retired { serial: String, beneficiary: String } }

#[derive(Debug)]
enum RegistryError { BadSerial(String), BadOp(String), NotOwner { serial: String, owner: String }, AlreadyRetired(String), Uncovered(String), Sink(String) }

fn serial(project: &str, vintage: u16, start: u64, end: u64) -> String {
    format!("VCS-{project}-{vintage}-{start:06}-{end:06}")
}

fn parse_serial(s: &str) -> Result<(String, u16, u64, u64), RegistryError> {
    let bad = || RegistryError::BadSerial(s.to_string());
    match s.split('-').collect::<Vec<_>>().as_slice() {
        ["VCS", p, v, a, b] if p.chars().all(|c| c.is_ascii_digit()) => {
            let (a, b): (u64, u64) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
            if a > b { return Err(bad()); }
            Ok((p.to_string(), v.parse().map_err(|_| bad())?, a, b))
        }
        _ => Err(bad()),
    }
}

#[derive(Default)]
struct Registry { blocks: BTreeMap<(String, u64), Block>, next_serial: HashMap<(String, u16), u64> }

impl Registry {
    fn issue(&mut self, project: &str, vintage: u16, qty: u64, owner: &str) -> Event {
        let next = self.next_serial.entry((project.to_string(), vintage)).or_insert(1);
        let (start, end) = (*next + vintage as u64 * 1_000, *next + vintage as u64 * 1_000 + qty - 1);
        *next += qty;
        let b = Block { project: project.into(), vintage, start, end, owner: owner.into(), retired_for: None };
        self.blocks.insert((project.to_string(), start), b);
        Event::Issued { serial: serial(project, vintage, start, end), owner: owner.into() }
    }

    fn carve(&mut self, s: &str, from: &str) -> Result<Block, RegistryError> {
        let (project, vintage, start, end) = parse_serial(s)?;
        let key = self.blocks.range(..=(project.clone(), start)).next_back()
            .filter(|(k, b)| k.0 == project && b.end >= end)
            .map(|(k, _)| k.clone())
            .ok_or_else(|| RegistryError::Uncovered(s.to_string()))?;
        let block = &self.blocks[&key];
        if block.retired_for.is_some() { return Err(RegistryError::AlreadyRetired(s.to_string())); }
        if block.owner != from { return Err(RegistryError::NotOwner { serial: s.to_string(), owner: block.owner.clone() }); }
        let whole = self.blocks.remove(&key).unwrap();
        let pieces = [(whole.start, start.saturating_sub(1)), (end + 1, whole.end)];
        for &(a, b) in pieces.iter().filter(|&&(a, b)| a <= b && !(a..=b).contains(&start)) {
            self.blocks.insert((project.clone(), a), Block { start: a, end: b, ..whole.clone() });
        }
        Ok(Block { start, end, ..whole })
    }

    fn transfer(&mut self, s: &str, from: &str, to: &str) -> Result<Event, RegistryError> {
        let mut b = self.carve(s, from)?;
        b.owner = to.to_string();
        self.blocks.insert((b.project.clone(), b.start), b);
        Ok(Event::Transferred { serial: s.into(), from: from.into(), to: to.into() })
    }

    fn retire(&mut self, s: &str, owner: &str, beneficiary: &str) -> Result<Event, RegistryError> {
        let mut b = self.carve(s, owner)?;
        b.retired_for = Some(beneficiary.to_string());
        self.blocks.insert((b.project.clone(), b.start), b);
        Ok(Event::Retired { serial: s.into(), beneficiary: beneficiary.into() })
    }

    fn balance(&self, owner: &str) -> BTreeMap<(String, u16), (u64, u64)> {
        let mut out: BTreeMap<(String, u16), (u64, u64)> = BTreeMap::new();
        for b in self.blocks.values().filter(|b| b.owner == owner) {
            let e = out.entry((b.project.clone(), b.vintage)).or_default();
            if b.retired_for.is_some() { e.1 += b.end - b.start + 1 } else { e.0 += b.end - b.start + 1 }
        }
        out
    }

    fn apply(&mut self, op: &str) -> Result<Event, RegistryError> {
        let toks: Vec<&str> = op.split_whitespace().collect();
        let bad = || RegistryError::BadOp(op.to_string());
        match toks.as_slice() {
            ["issue", p, v, q, owner] => Ok(self.issue(p, v.parse().map_err(|_| bad())?, q.parse().map_err(|_| bad())?, owner)),
            ["transfer", s, from, to] => self.transfer(s, from, to),
            ["retire", s, owner, rest @ ..] if !rest.is_empty() => self.retire(s, owner, &rest.join(" ")),
            _ => Err(bad()),
        }
    }
}

trait LedgerSink {
    async fn record(&mut self, ev: &Event) -> Result<(), RegistryError>;
    async fn record_batch(&mut self, evs: &[Event]) -> Result<usize, RegistryError> {
        for ev in evs { self.record(ev).await?; }
        Ok(evs.len())
    }
}

struct AuditLog { lines: Vec<String> }
struct PublicMirror { accepted: usize, capacity: usize }

impl LedgerSink for AuditLog {
    async fn record(&mut self, ev: &Event) -> Result<(), RegistryError> {
        Yield(false).await;
        self.lines.push(format!("{:04} {:?}", self.lines.len(), ev));
        Ok(())
    }
}

impl LedgerSink for PublicMirror {
    async fn record(&mut self, ev: &Event) -> Result<(), RegistryError> {
        if self.accepted >= self.capacity { return Err(RegistryError::Sink("mirror quota exhausted".into())); }
        self.accepted += 1;
        Ok(())
    }
    async fn record_batch(&mut self, evs: &[Event]) -> Result<usize, RegistryError> {
        let mut n = 0;
        for chunk in evs.chunks(2) {
            Yield(false).await;
            for ev in chunk { self.record(ev).await?; n += 1; }
        }
        Ok(n)
    }
}

async fn apply_and_publish<S: LedgerSink>(reg: &mut Registry, ops: &str, sink: &mut S) -> (Vec<RegistryError>, Result<usize, RegistryError>) {
    let (mut events, mut errors) = (Vec::new(), Vec::new());
    for line in ops.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        match reg.apply(line) { Ok(ev) => events.push(ev), Err(e) => errors.push(e) }
        if events.len() % 3 == 0 { Yield(false).await; }
    }
    let published = sink.record_batch(&events).await;
    (errors, published)
}

const OPS: &str = "
    issue 1234 2019 500 acme
    issue 1234 2020 200 acme
    issue 987 2021 50 forestco
    transfer VCS-1234-2019-2019100-2019199 acme globex
    transfer VCS-1234-2019-2019150-2019160 acme globex
    retire VCS-1234-2019-2019120-2019129 globex Globex 2023 travel footprint
    retire VCS-1234-2019-2019120-2019121 globex double counting attempt
    transfer VCS-987-2021-2021001-2021050 forestco acme
    # malformed lines below
    transfer VCS-12x4-2019-1-2 acme globex
    burn everything
";

fn main() {
    let mut reg = Registry::default();
    let mut audit = AuditLog { lines: vec![] };
    let (errors, published) = block_on(apply_and_publish(&mut reg, OPS, &mut audit));
    errors.iter().for_each(|e| println!("error: {e:?}"));
    println!("audit published {:?}", published);
    audit.lines.iter().for_each(|l| println!("{l}"));
    let mut mirror = PublicMirror { accepted: 0, capacity: 2 };
    let mut reg2 = Registry::default();
    println!("mirror {:?}", block_on(apply_and_publish(&mut reg2, OPS, &mut mirror)).1);
    let statement = async |owner: &str| -> String {
        Yield(false).await;
        reg.balance(owner).iter().map(|((p, v), (live, retired))| format!("{owner} {p}/{v}: {live} live, {retired} retired")).collect::<Vec<_>>().join("\n")
    };
    for owner in ["acme", "globex", "forestco"] { println!("{}", block_on(statement(owner))); }
    println!("blocks: {}", reg.blocks.len());
}
