//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a handloom studio service that parses weaving drafts, validates threading and computes drawdown rows.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    remaining: u8,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 {
            Poll::Ready(())
        } else {
            self.remaining -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn yield_now() -> Yield {
    Yield { remaining: 1 }
}

async fn pause(n: u8) {
    Yield { remaining: n }.await
}

const SHAFTS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
enum DraftError {
    Empty(&'static str),
    ShaftOutOfRange { pos: usize, shaft: u8 },
    Parse(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Empty(what) => write!(f, "{what} is empty"),
            DraftError::ShaftOutOfRange { pos, shaft } => write!(f, "shaft {shaft} at end {pos} out of range"),
            DraftError::Parse(msg) => write!(f, "parse: {msg}"),
        }
    }
}

impl From<std::num::ParseIntError> for DraftError {
    fn from(e: std::num::ParseIntError) -> Self {
        DraftError::Parse(e.to_string())
    }
}

#[derive(Debug, Clone, Default)]
struct Draft {
    name: String,
    threading: Vec<u8>,
    treadling: Vec<u8>,
    tieup: [[bool; SHAFTS]; SHAFTS],
}

async fn parse_sequence(text: &str, what: &'static str) -> Result<Vec<u8>, DraftError> {
    let mut out = Vec::new();
    for (i, tok) in text.split_whitespace().enumerate() {
        let shaft: u8 = tok.parse()?;
        if i % 8 == 7 {
            pause(1).await;
        }
        out.push(shaft);
    }
    if out.is_empty() {
        return Err(DraftError::Empty(what));
    }
    yield_now().await;
    Ok(out)
}

async fn validate(draft: &Draft) -> Result<usize, DraftError> {
    let mut seen = HashSet::new();
    for (pos, &shaft) in draft.threading.iter().enumerate() {
        match shaft {
            s @ 1..=4 => {
                seen.insert(s);
            }
            s => return Err(DraftError::ShaftOutOfRange { pos, shaft: s }),
        }
        yield_now().await;
    }
    Ok(seen.len())
}

trait Loom {
    fn label(&self) -> String;

    async fn lift(&self, tieup: &[[bool; SHAFTS]; SHAFTS], treadle: u8) -> [bool; SHAFTS] {
        pause(1).await;
        let idx = (treadle as usize).saturating_sub(1).min(SHAFTS - 1);
        tieup[idx]
    }

    async fn weave_row(&self, draft: &Draft, treadle: u8) -> String {
        let raised = self.lift(&draft.tieup, treadle).await;
        let row: String = draft
            .threading
            .iter()
            .map(|&s| if raised[(s as usize - 1) % SHAFTS] { '#' } else { '.' })
            .collect();
        yield_now().await;
        row
    }
}

struct TableLoom {
    name: String,
}

struct FloorLoom {
    treadles: u8,
    wear: RefCell<u32>,
}

impl Loom for TableLoom {
    fn label(&self) -> String {
        format!("table loom '{}'", self.name)
    }
}

impl Loom for FloorLoom {
    fn label(&self) -> String {
        format!("floor loom with {} treadles", self.treadles)
    }

    async fn lift(&self, tieup: &[[bool; SHAFTS]; SHAFTS], treadle: u8) -> [bool; SHAFTS] {
        let mut wear = self.wear.borrow_mut();
        *wear += 1;
        pause(2).await;
        let idx = ((treadle % self.treadles) as usize).min(SHAFTS - 1);
        tieup[idx]
    }
}

async fn drawdown<L>(loom: &L, draft: &Draft) -> Vec<String>
where
    L: Loom,
{
    let mut rows = Vec::with_capacity(draft.treadling.len());
    for &t in draft.treadling.iter() {
        rows.push(loom.weave_row(draft, t).await);
    }
    if let Some(first) = rows.first()
        && first.chars().all(|c| c == '#')
    {
        println!("warning: {} has a fully raised first pick", draft.name);
    }
    rows
}

async fn float_report(rows: &[String]) -> BTreeMap<usize, usize> {
    let mut hist = BTreeMap::new();
    for row in rows {
        let longest = row
            .as_bytes()
            .chunk_by(|a, b| a == b)
            .map(|run| run.len())
            .max()
            .unwrap_or(0);
        *hist.entry(longest).or_insert(0usize) += 1;
        pause(1).await;
    }
    hist
}

async fn load_draft(name: &str, threading: &str, treadling: &str) -> Result<Draft, DraftError> {
    let threading = parse_sequence(threading, "threading").await?;
    let treadling = parse_sequence(treadling, "treadling").await?;
    let mut tieup = [[false; SHAFTS]; SHAFTS];
    for (i, row) in tieup.iter_mut().enumerate() {
        row[i] = true;
        row[(i + 1) % SHAFTS] = true;
    }
    let draft = Draft { name: name.to_string(), threading, treadling, tieup };
    let distinct = validate(&draft).await?;
    println!("{} uses {distinct} shafts", draft.name);
    Ok(draft)
}

pub fn main() {
    let table = TableLoom { name: "Ashford".into() };
    let floor = FloorLoom { treadles: 6, wear: RefCell::new(0) };

    let twill = block_on(load_draft("twill", "1 2 3 4 1 2 3 4 1 2 3 4", "1 2 3 4 1 2"));
    let broken = block_on(load_draft("broken", "1 2 9 4", "1"));
    let bad = block_on(load_draft("bad", "1 x", "1"));
    if let Err(e) = &broken {
        println!("rejected: {e}");
    }
    if let Err(e) = &bad {
        println!("rejected: {e}");
    }

    let Ok(draft) = twill else {
        panic!("twill must load");
    };

    let rows_a = block_on(drawdown(&table, &draft));
    let rows_b = block_on(drawdown(&floor, &draft));
    println!("{}: {} rows; {}: {} rows", table.label(), rows_a.len(), floor.label(), rows_b.len());
    for row in rows_a.iter().take(3) {
        println!("  {row}");
    }

    let hist = block_on(float_report(&rows_b));
    println!("float histogram {hist:?}, wear={}", floor.wear.borrow());

    let count_raised = async |rows: &[String]| -> usize {
        pause(1).await;
        let n = rows.iter().flat_map(|r| r.chars()).filter(|&c| c == '#').count();
        yield_now().await;
        n
    };
    let raised = block_on(count_raised(&rows_a));
    let summary = block_on(async {
        let a = count_raised(&rows_b).await;
        format!("raised ends: table={raised} floor={a}")
    });
    println!("{summary}");
}
