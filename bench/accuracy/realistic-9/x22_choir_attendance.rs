#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Choir rehearsal manager: records attendance from sign-in sources, balances voice parts and flags singers at risk for the concert.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Voice {
    Soprano,
    Alto,
    Tenor,
    Bass,
}

#[derive(Debug, Clone)]
struct Singer {
    name: String,
    voice: Voice,
}

trait SignInSource {
    fn label(&self) -> &str;
    async fn fetch(&self, rehearsal: u32) -> Vec<String>;

    async fn fetch_normalized(&self, rehearsal: u32) -> HashSet<String> {
        let raw = self.fetch(rehearsal).await;
        Yield { left: 1 }.await;
        raw.iter().map(|n| n.trim().to_lowercase()).filter(|n| !n.is_empty()).collect()
    }
}

struct PaperSheet {
    scanned: BTreeMap<u32, String>,
}

struct AppCheckin {
    taps: Vec<(u32, String)>,
}

impl SignInSource for PaperSheet {
    fn label(&self) -> &str {
        "paper"
    }
    async fn fetch(&self, rehearsal: u32) -> Vec<String> {
        Yield { left: 2 }.await;
        match self.scanned.get(&rehearsal) {
            Some(text) => text.split(';').map(|s| s.to_string()).collect(),
            None => Vec::new(),
        }
    }
}

impl SignInSource for AppCheckin {
    fn label(&self) -> &str {
        "app"
    }
    async fn fetch(&self, rehearsal: u32) -> Vec<String> {
        let mut out = Vec::new();
        for (r, name) in self.taps.iter() {
            if *r == rehearsal {
                Yield { left: 1 }.await;
                out.push(name.clone());
            }
        }
        out
    }
}

struct Register<'a> {
    roster: &'a [Singer],
    attended: Mutex<HashMap<String, u32>>,
}

impl<'a> Register<'a> {
    async fn record<S: SignInSource>(&self, source: &S, rehearsal: u32) -> usize {
        let names = source.fetch_normalized(rehearsal).await;
        let known: HashSet<String> = self.roster.iter().map(|s| s.name.to_lowercase()).collect();
        let mut counted = 0;
        let mut guard = self.attended.lock().unwrap();
        for n in names.intersection(&known) {
            *guard.entry(n.clone()).or_insert(0) += 1;
            counted += 1;
        }
        drop(guard);
        Yield { left: 1 }.await;
        counted
    }

    async fn balance(&self, rehearsal_count: u32) -> BTreeMap<Voice, (u32, u32)> {
        let mut per_voice: BTreeMap<Voice, (u32, u32)> = BTreeMap::new();
        for s in self.roster {
            Yield { left: 1 }.await;
            let count = self.attended.lock().unwrap().get(&s.name.to_lowercase()).copied().unwrap_or(0);
            let entry = per_voice.entry(s.voice).or_insert((0, 0));
            entry.0 += count;
            entry.1 += rehearsal_count;
        }
        per_voice
    }
}

async fn sync_sources<A, B>(reg: &Register<'_>, a: &A, b: &B, rehearsals: std::ops::Range<u32>) -> String
where
    A: SignInSource,
    B: SignInSource,
{
    let mut out = String::new();
    for r in rehearsals.clone() {
        let from_a = a.fetch_normalized(r).await;
        let from_b = b.fetch_normalized(r).await;
        let both: HashSet<String> = from_a.union(&from_b).cloned().collect();
        let mut guard = reg.attended.lock().unwrap();
        for n in both.iter().filter(|n| reg.roster.iter().any(|s| s.name.to_lowercase() == **n)) {
            *guard.entry(n.clone()).or_insert(0) += 1;
        }
        drop(guard);
        writeln!(out, "rehearsal {r}: {} via {}, {} via {}", from_a.len(), a.label(), from_b.len(), b.label()).unwrap();
    }
    let total = rehearsals.len() as u32;
    let balance = reg.balance(total).await;
    for (voice, (present, possible)) in &balance {
        let pct = *present as f32 * 100.0 / (*possible).max(1) as f32;
        writeln!(out, "{voice:?}: {pct:.0}%").unwrap();
    }
    let at_risk: Vec<String> = {
        let att = reg.attended.lock().unwrap();
        reg.roster.iter().filter(|s| att.get(&s.name.to_lowercase()).copied().unwrap_or(0) * 2 < total).map(|s| s.name.clone()).collect()
    };
    write!(out, "at risk: {}", at_risk.join(", ")).unwrap();
    out
}

fn main() {
    let roster: Vec<Singer> = "Ada S\nBea S\nCal A\nDev A\nEli T\nFinn B\nGus B"
        .lines()
        .map(|l| {
            let (name, v) = l.split_once(' ').unwrap();
            let voice = match v { "S" => Voice::Soprano, "A" => Voice::Alto, "T" => Voice::Tenor, _ => Voice::Bass };
            Singer { name: name.to_string(), voice }
        })
        .collect();
    let paper = PaperSheet { scanned: BTreeMap::from([(1, "Ada; Cal ;Eli".to_string()), (2, "ada;finn;;".to_string()), (3, "Gus".to_string())]) };
    let app = AppCheckin { taps: vec![(1, "Bea".into()), (2, "Dev".into()), (3, "Ada".into()), (3, "Stranger".into())] };
    let reg = Register { roster: &roster, attended: Mutex::new(HashMap::new()) };
    println!("{}", block_on(sync_sources(&reg, &paper, &app, 1..4)));
    let reg2 = Register { roster: &roster, attended: Mutex::new(HashMap::new()) };
    let a = block_on(reg2.record(&paper, 1));
    let b = block_on(reg2.record(&app, 3));
    let c = block_on(sync_sources(&reg2, &app, &app, 2..3));
    println!("recorded {a} + {b}\n{c}");
}
