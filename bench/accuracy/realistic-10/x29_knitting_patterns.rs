//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a knitting pattern helper that expands written rows with nested repeats, checks stitch counts and sources yarn.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::iter::Peekable;
use std::pin::Pin;
use std::str::Chars;
use std::task::{Context, Poll, Waker};

struct Yield {
    woke: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.woke {
            Poll::Ready(())
        } else {
            self.woke = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn yield_now() -> Yield {
    Yield { woke: false }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Stitch {
    Knit,
    Purl,
    YarnOver,
    K2tog,
    Ssk,
    Slip,
}

impl Stitch {
    /// (stitches consumed, stitches produced)
    fn delta(self) -> (u8, u8) {
        match self {
            Stitch::Knit | Stitch::Purl | Stitch::Slip => (1, 1),
            Stitch::YarnOver => (0, 1),
            Stitch::K2tog | Stitch::Ssk => (2, 1),
        }
    }
}

#[derive(Debug)]
enum PatternError {
    Unknown(String),
    Unbalanced(usize),
    CountMismatch { row: usize, expected: u32, got: u32 },
}

fn read_word(it: &mut Peekable<Chars<'_>>) -> String {
    let mut w = String::new();
    while let Some(&c) = it.peek() {
        if c.is_ascii_alphanumeric() {
            w.push(c);
            it.next();
        } else {
            break;
        }
    }
    w
}

/// Expands a row such as `k2, [yo, k2tog] x3, p1` into individual stitches; brackets nest.
fn expand<'a>(it: &'a mut Peekable<Chars<'_>>, depth: usize, out: &'a mut Vec<Stitch>) -> Pin<Box<dyn Future<Output = Result<(), PatternError>> + 'a>> {
    Box::pin(async move {
        loop {
            match it.peek().copied() {
                None if depth > 0 => return Err(PatternError::Unbalanced(depth)),
                None => return Ok(()),
                Some(' ') | Some(',') => {
                    it.next();
                }
                Some(']') if depth == 0 => return Err(PatternError::Unbalanced(0)),
                Some(']') => {
                    it.next();
                    return Ok(());
                }
                Some('[') => {
                    it.next();
                    let mut inner = Vec::new();
                    expand(it, depth + 1, &mut inner).await?;
                    while it.peek() == Some(&' ') {
                        it.next();
                    }
                    let times = if it.peek() == Some(&'x') {
                        it.next();
                        read_word(it).parse::<usize>().unwrap_or(1)
                    } else {
                        1
                    };
                    for _ in 0..times {
                        out.extend_from_slice(&inner);
                    }
                    yield_now().await;
                }
                Some(_) => {
                    let word = read_word(it);
                    if word.is_empty() {
                        return Err(PatternError::Unknown(it.next().map(String::from).unwrap_or_default()));
                    }
                    let (stitch, n) = match word.as_str() {
                        "k2tog" => (Stitch::K2tog, 1),
                        "ssk" => (Stitch::Ssk, 1),
                        "yo" => (Stitch::YarnOver, 1),
                        w => {
                            let split = w.find(|c: char| c.is_ascii_digit()).unwrap_or(w.len());
                            let (name, count) = w.split_at(split);
                            let n: usize = if count.is_empty() { 1 } else { count.parse().map_err(|_| PatternError::Unknown(w.to_string()))? };
                            let stitch = match name {
                                "k" => Stitch::Knit,
                                "p" => Stitch::Purl,
                                "sl" => Stitch::Slip,
                                _ => return Err(PatternError::Unknown(w.to_string())),
                            };
                            (stitch, n)
                        }
                    };
                    out.extend(std::iter::repeat(stitch).take(n));
                }
            }
        }
    })
}

async fn check_rows(rows: &[&str], cast_on: u32) -> Result<Vec<(u32, BTreeMap<Stitch, u32>)>, PatternError> {
    let mut live = cast_on;
    let mut summary = Vec::new();
    for (idx, row) in rows.iter().enumerate() {
        let mut stitches = Vec::new();
        let mut chars = row.chars().peekable();
        expand(&mut chars, 0, &mut stitches).await?;
        let (consumed, produced) = stitches.iter().fold((0u32, 0u32), |(c, p), s| {
            let (a, b) = s.delta();
            (c + a as u32, p + b as u32)
        });
        if consumed != live {
            return Err(PatternError::CountMismatch { row: idx + 1, expected: live, got: consumed });
        }
        live = produced;
        let mut tally = BTreeMap::new();
        for s in &stitches {
            *tally.entry(*s).or_insert(0) += 1;
        }
        summary.push((live, tally));
        yield_now().await;
    }
    Ok(summary)
}

trait YarnShop {
    fn shop(&self) -> String;
    async fn quote(&self, weight: &str, skeins: u8) -> Option<u32>;
    async fn cheapest_of(&self, weights: &[&str], skeins: u8) -> Option<(String, u32)> {
        let mut best: Option<(String, u32)> = None;
        for w in weights {
            if let Some(p) = self.quote(w, skeins).await {
                if best.as_ref().map_or(true, |(_, bp)| p < *bp) {
                    best = Some((w.to_string(), p));
                }
            }
        }
        best
    }
}

struct LocalShop {
    shelf: HashMap<&'static str, (u8, u32)>, // weight -> (skeins in stock, cents each)
}

struct OnlineStore {
    cents_per_skein: u32,
    shipping: u32,
}

impl YarnShop for LocalShop {
    fn shop(&self) -> String {
        "Purl & Loop (local)".into()
    }
    async fn quote(&self, weight: &str, skeins: u8) -> Option<u32> {
        yield_now().await;
        let &(stock, each) = self.shelf.get(weight)?;
        (stock >= skeins).then(|| each * skeins as u32)
    }
}

impl YarnShop for OnlineStore {
    fn shop(&self) -> String {
        format!("online (+${} shipping)", self.shipping / 100)
    }
    async fn quote(&self, weight: &str, skeins: u8) -> Option<u32> {
        yield_now().await;
        yield_now().await;
        let premium = if weight == "lace" { 250 } else { 0 };
        Some((self.cents_per_skein + premium) * skeins as u32 + if skeins >= 6 { 0 } else { self.shipping })
    }
}

async fn source_yarn<S>(shop: &S, weights: &[&str], skeins: u8) -> String
where
    S: YarnShop,
{
    match shop.cheapest_of(weights, skeins).await {
        Some((w, cents)) => format!("{}: {skeins} x {w} for ${}.{:02}", shop.shop(), cents / 100, cents % 100),
        None => format!("{}: nothing suitable", shop.shop()),
    }
}

pub fn main() {
    let lace_panel = ["k2, [yo, k2tog] x3, k2", "p10", "k1, [ssk, yo] x2, [yo, k2tog] x2, k1", "p10"];
    let broken = ["k4", "k2, [p1, k1"];
    let miscount = ["k8", "k2, yo, k6", "k2tog, k8"];

    let rows_done = Cell::new(0u32);
    let knit_along = async |label: &str, rows: &[&str], cast_on: u32| {
        let result = check_rows(rows, cast_on).await;
        if let Ok(summary) = &result {
            rows_done.set(rows_done.get() + summary.len() as u32);
        }
        match result {
            Ok(summary) => {
                let last = summary.last().map(|(n, _)| *n).unwrap_or(cast_on);
                let yo: u32 = summary.iter().filter_map(|(_, t)| t.get(&Stitch::YarnOver)).sum();
                format!("{label}: {} rows ok, ends with {last} sts, {yo} yarn-overs", summary.len())
            }
            Err(PatternError::CountMismatch { row, expected, got }) if got > expected => format!("{label}: row {row} works {got} sts but only {expected} on needle"),
            Err(e) => format!("{label}: {e:?}"),
        }
    };

    let local = LocalShop { shelf: HashMap::from([("fingering", (4, 1450)), ("dk", (10, 1100)), ("lace", (2, 1800))]) };
    let online = OnlineStore { cents_per_skein: 1200, shipping: 695 };

    block_on(async {
        for (label, rows, cast_on) in [("lace panel", &lace_panel[..], 10), ("broken", &broken[..], 4), ("miscount", &miscount[..], 8)] {
            println!("{}", knit_along(label, rows, cast_on).await);
        }
        println!("{}", source_yarn(&local, &["lace", "fingering"], 3).await);
        println!("{}", source_yarn(&online, &["lace", "fingering"], 3).await);
        println!("{}", source_yarn(&local, &["worsted"], 8).await);
    });
    println!("rows validated: {}", rows_done.get());
}
