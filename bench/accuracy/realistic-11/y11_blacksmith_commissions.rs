//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a blacksmith shop's commission tracker that schedules forge heats for hooks, gate hinges and knives and bills coal and labour.

use std::cell::Cell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn nop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, nop, nop, nop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// A "heat": the forge needs several polls to bring stock up to temperature.
struct Heat {
    remaining: u8,
}

impl Future for Heat {
    type Output = u16;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u16> {
        if self.remaining == 0 {
            Poll::Ready(1100)
        } else {
            self.remaining -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn take_heat(coal: &Cell<f32>, polls: u8) -> u16 {
    coal.set(coal.get() + 0.2 * polls as f32);
    Heat { remaining: polls }.await
}

fn colour(temp_c: u16) -> &'static str {
    match temp_c {
        0..=499 => "black",
        500..=749 => "dull red",
        750..=949 => "cherry",
        950..=1099 => "orange",
        _ => "yellow",
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Stock {
    MildBar { section_mm: (u8, u8), length_mm: u16 },
    HighCarbon { grade: &'static str, length_mm: u16 },
}

trait Piece: Debug {
    fn name(&self) -> String;
    fn heats_needed(&self) -> u8;
    fn labour_rate(&self) -> f32 {
        45.0
    }

    async fn forge(&self, coal: &Cell<f32>) -> Vec<String> {
        let mut log = Vec::new();
        for n in 1..=self.heats_needed() {
            let t = take_heat(coal, 2).await;
            log.push(format!("{} heat {n}: worked at {}", self.name(), colour(t)));
        }
        log
    }
}

#[derive(Debug)]
struct Hook {
    curl_turns: u8,
}

#[derive(Debug)]
struct GateHinge {
    strap_len_mm: u16,
    pair: bool,
}

#[derive(Debug)]
struct Knife {
    blade_mm: u16,
    stock: Stock,
}

impl Piece for Hook {
    fn name(&self) -> String {
        format!("S-hook x{}", self.curl_turns)
    }
    fn heats_needed(&self) -> u8 {
        1 + self.curl_turns / 2
    }
}

impl Piece for GateHinge {
    fn name(&self) -> String {
        format!("strap hinge {}mm{}", self.strap_len_mm, if self.pair { " (pair)" } else { "" })
    }
    fn heats_needed(&self) -> u8 {
        let base = (self.strap_len_mm / 150) as u8 + 1;
        if self.pair { base * 2 } else { base }
    }
}

impl Piece for Knife {
    fn name(&self) -> String {
        format!("{}mm knife", self.blade_mm)
    }
    fn heats_needed(&self) -> u8 {
        4
    }
    fn labour_rate(&self) -> f32 {
        70.0
    }
    async fn forge(&self, coal: &Cell<f32>) -> Vec<String> {
        let mut log = Vec::new();
        let grade = match &self.stock {
            Stock::HighCarbon { grade, .. } => *grade,
            Stock::MildBar { .. } => return vec![format!("{}: refused, mild steel won't harden", self.name())],
        };
        for stage in ["draw", "bevel", "normalise", "normalise"] {
            let t = take_heat(coal, 3).await;
            log.push(format!("{stage} {grade} at {}", colour(t.saturating_sub(300))));
        }
        let quench = take_heat(coal, 1).await;
        log.push(format!("quench from {} in oil", colour(quench - 280)));
        log
    }
}

#[derive(Debug, Default, Clone)]
struct Invoice {
    lines: Vec<(String, f32)>,
    coal_kg: f32,
}

async fn forge_batch<P>(pieces: &[P], coal: Rc<Cell<f32>>) -> Invoice
where
    P: Piece,
{
    let mut inv = Invoice::default();
    let before = coal.get();
    for p in pieces {
        let log = p.forge(&coal).await;
        let hours = log.len() as f32 * 0.25;
        inv.lines.push((p.name(), hours * p.labour_rate()));
    }
    inv.coal_kg = coal.get() - before;
    inv
}

async fn run_queue(mut queue: VecDeque<Box<dyn Fn() -> Pin<Box<dyn Future<Output = Invoice>>>>>) -> BTreeMap<usize, Invoice> {
    let mut done = BTreeMap::new();
    let mut idx = 0;
    while let Some(job) = queue.pop_front() {
        let inv = job().await;
        Heat { remaining: 1 }.await;
        done.insert(idx, inv);
        idx += 1;
    }
    done
}

pub fn main() {
    let coal = Rc::new(Cell::new(0.0f32));
    let hooks = vec![Hook { curl_turns: 2 }, Hook { curl_turns: 5 }];
    let hinges = [GateHinge { strap_len_mm: 450, pair: true }];
    let knives = vec![
        Knife { blade_mm: 180, stock: Stock::HighCarbon { grade: "1084", length_mm: 300 } },
        Knife { blade_mm: 90, stock: Stock::MildBar { section_mm: (25, 6), length_mm: 200 } },
    ];

    let inv_hooks = block_on(forge_batch(&hooks, Rc::clone(&coal)));
    let inv_hinges = block_on(forge_batch(&hinges, Rc::clone(&coal)));
    let inv_knives = block_on(forge_batch(&knives, Rc::clone(&coal)));
    for inv in [&inv_hooks, &inv_hinges, &inv_knives] {
        let total: f32 = inv.lines.iter().map(|(_, c)| c).sum();
        println!("{:?} coal {:.1}kg total £{total:.2}", inv.lines, inv.coal_kg);
    }

    let knife_log = block_on(knives[0].forge(&coal));
    knife_log.iter().for_each(|l| println!("  {l}"));

    let mut queue: VecDeque<Box<dyn Fn() -> Pin<Box<dyn Future<Output = Invoice>>>>> = VecDeque::new();
    let c1 = Rc::clone(&coal);
    queue.push_back(Box::new(move || {
        let c = Rc::clone(&c1);
        Box::pin(async move { forge_batch(&[Hook { curl_turns: 1 }], c).await })
    }));
    let c2 = Rc::clone(&coal);
    queue.push_back(Box::new(move || {
        let c = Rc::clone(&c2);
        Box::pin(async move {
            let mut inv = forge_batch(&[GateHinge { strap_len_mm: 300, pair: false }], c).await;
            inv.lines.push(("galvanising".into(), 22.0));
            inv
        })
    }));
    let done = block_on(run_queue(queue));
    println!("queued jobs: {}", done.len());
    println!("coal burned today: {:.1}kg", coal.get());
}
