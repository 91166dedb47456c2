//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Stadium access control: turnstiles validate ticket barcodes against the ticketing
//! backend (or an offline whitelist), enforce anti-passback and count gate throughput.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind { Single, Season, Staff }

#[derive(Debug, PartialEq)]
enum Deny { Checksum, Unknown, WrongStand { ticket: char, gate: char }, Passback, Voided }

#[derive(Default)]
struct GateStats { entries: u32, exits: u32, denials: HashMap<String, u32> }

struct AccessControl {
    online: bool,
    tickets: HashMap<String, (Kind, char, bool)>,
    offline_whitelist: HashSet<String>,
    inside: Arc<Mutex<HashSet<String>>>,
    stats: Arc<Mutex<HashMap<char, GateStats>>>,
}

fn luhn_ok(code: &str) -> bool {
    let digits: Option<Vec<u32>> = code.chars().map(|c| c.to_digit(10)).collect();
    let Some(digits) = digits else { return false };
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { let d = d * 2; if d > 9 { d - 9 } else { d } } else { d })
        .sum();
    digits.len() >= 8 && sum % 10 == 0
}

impl AccessControl {
    fn lookup<'a>(&'a self, code: &'a str) -> BoxFut<'a, Option<(Kind, char, bool)>> {
        if self.online {
            Box::pin(async move {
                yield_now().await;
                self.tickets.get(code).copied()
            })
        } else {
            Box::pin(async move { self.offline_whitelist.contains(code).then_some((Kind::Single, '*', false)) })
        }
    }

    async fn tap(&self, gate: char, code: &str, exiting: bool) -> Result<Kind, Deny> {
        if !luhn_ok(code) {
            return Err(Deny::Checksum);
        }
        let (kind, stand, voided) = self.lookup(code).await.ok_or(Deny::Unknown)?;
        match (kind, stand) {
            _ if voided => return Err(Deny::Voided),
            (Kind::Staff, _) => {}
            (_, s) if s != '*' && s != gate => return Err(Deny::WrongStand { ticket: s, gate }),
            _ => {}
        }
        let mut inside = self.inside.lock().unwrap();
        let changed = if exiting { inside.remove(code) } else { inside.insert(code.to_string()) };
        drop(inside);
        if !changed && kind != Kind::Staff {
            return Err(Deny::Passback);
        }
        yield_now().await;
        let mut stats = self.stats.lock().unwrap();
        let g = stats.entry(gate).or_default();
        if exiting { g.exits += 1 } else { g.entries += 1 }
        Ok(kind)
    }

    async fn publish_occupancy(&self, gate: char, inside: usize) {
        yield_now().await;
        if inside % 2 == 0 {
            println!("  gate {gate}: {inside} inside");
        }
    }

    async fn process(&self, gate: char, events: &[(&str, bool)]) -> u32 {
        let mut admitted = 0;
        for &(code, exiting) in events {
            match self.tap(gate, code, exiting).await {
                Ok(_) if !exiting => {
                    admitted += 1;
                    self.publish_occupancy(gate, self.inside.lock().unwrap().len()).await;
                }
                Ok(_) => {}
                Err(d) => {
                    let reason = format!("{d:?}").split([' ', '{']).next().unwrap_or("?").to_string();
                    *self.stats.lock().unwrap().entry(gate).or_default().denials.entry(reason).or_default() += 1;
                }
            }
        }
        admitted
    }
}

pub fn main() {
    let mut tickets = HashMap::new();
    tickets.insert("79927398713".to_string(), (Kind::Single, 'N', false));
    tickets.insert("12345674".to_string(), (Kind::Season, 'S', false));
    tickets.insert("4539578763621486".to_string(), (Kind::Staff, 'N', false));
    tickets.insert("00000000".to_string(), (Kind::Single, 'N', true));
    let ctl = AccessControl {
        online: true,
        tickets,
        offline_whitelist: ["79927398713".to_string()].into(),
        inside: Arc::new(Mutex::new(HashSet::new())),
        stats: Arc::new(Mutex::new(HashMap::new())),
    };
    let north = [("79927398713", false), ("79927398713", false), ("12345674", false), ("4539578763621486", false), ("4539578763621486", false), ("11111111", false), ("00000000", false), ("79927398713", true)];
    let south = [("12345674", false), ("12345674", true), ("12345674", false), ("99999999", false)];
    let n = block_on(ctl.process('N', &north));
    let s = block_on(ctl.process('S', &south));
    println!("admitted N={n} S={s}");

    let offline = AccessControl { online: false, inside: Arc::new(Mutex::new(HashSet::new())), ..ctl };
    println!("offline tap: {:?}", block_on(offline.tap('E', "79927398713", false)));
    println!("offline season: {:?}", block_on(offline.tap('E', "12345674", false)));

    let stats = offline.stats.lock().unwrap();
    let mut gates: Vec<_> = stats.iter().collect();
    gates.sort_by_key(|(g, _)| **g);
    for (gate, st) in gates {
        let mut d: Vec<_> = st.denials.iter().collect();
        d.sort();
        println!("gate {gate}: in={} out={} denied={d:?}", st.entries, st.exits);
    }
}
