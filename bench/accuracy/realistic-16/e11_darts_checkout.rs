//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Darts league match server: scores 501 double-out legs from caller-entered visits, applies
//! bust rules, keeps averages, and suggests checkouts via a recursive search over segments.

use std::collections::HashMap;
use std::fmt::Write;
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
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Seg { Single(u8), Double(u8), Treble(u8), OuterBull, Bull, Miss }

impl Seg {
    fn points(self) -> u32 {
        match self {
            Seg::Single(n) => n as u32,
            Seg::Double(n) => 2 * n as u32,
            Seg::Treble(n) => 3 * n as u32,
            Seg::OuterBull => 25,
            Seg::Bull => 50,
            Seg::Miss => 0,
        }
    }
    fn is_double(self) -> bool { matches!(self, Seg::Double(_) | Seg::Bull) }
    fn label(self) -> String {
        match self {
            Seg::Single(n) => n.to_string(),
            Seg::Double(n) => format!("D{n}"),
            Seg::Treble(n) => format!("T{n}"),
            Seg::OuterBull => "25".into(),
            Seg::Bull => "BULL".into(),
            Seg::Miss => "M".into(),
        }
    }
}

fn parse_dart(tok: &str) -> Option<Seg> {
    let (prefix, rest) = tok.split_at(tok.char_indices().find(|(_, c)| c.is_ascii_digit()).map_or(tok.len(), |(i, _)| i));
    let n = rest.parse::<u8>().ok();
    match (prefix.to_ascii_uppercase().as_str(), n) {
        ("BULL", None) | ("DB", None) => Some(Seg::Bull),
        ("", Some(25)) => Some(Seg::OuterBull),
        ("M", None) => Some(Seg::Miss),
        ("", Some(n)) if (1..=20).contains(&n) => Some(Seg::Single(n)),
        ("D", Some(n)) if (1..=20).contains(&n) => Some(Seg::Double(n)),
        ("T", Some(n)) if (1..=20).contains(&n) => Some(Seg::Treble(n)),
        _ => None,
    }
}

#[derive(Debug, PartialEq)]
enum VisitOutcome { Scored(u32), Bust, Checkout(u32) }

fn apply_visit(remaining: &mut u32, darts: &[Seg]) -> VisitOutcome {
    let before = *remaining;
    let mut left = before;
    for d in darts {
        let p = d.points();
        match left.checked_sub(p) {
            Some(0) if d.is_double() => {
                *remaining = 0;
                return VisitOutcome::Checkout(before);
            }
            Some(r) if r >= 2 => left = r,
            _ => return VisitOutcome::Bust,
        }
    }
    *remaining = left;
    VisitOutcome::Scored(before - left)
}

fn all_segments() -> Vec<Seg> {
    let mut v: Vec<Seg> = (1..=20).rev().flat_map(|n| [Seg::Treble(n), Seg::Single(n), Seg::Double(n)]).collect();
    v.extend([Seg::Bull, Seg::OuterBull]);
    v
}

fn checkout(target: u32, darts_left: u8, segs: &[Seg]) -> Pin<Box<dyn Future<Output = Option<Vec<Seg>>> + '_>> {
    Box::pin(async move {
        if darts_left == 0 || target > 60 * darts_left as u32 - 10 {
            return None;
        }
        if let Some(&finisher) = segs.iter().find(|s| s.is_double() && s.points() == target) {
            return Some(vec![finisher]);
        }
        yield_now().await;
        for &s in segs.iter().filter(|s| s.points() < target) {
            if let Some(mut rest) = checkout(target - s.points(), darts_left - 1, segs).await {
                rest.insert(0, s);
                return Some(rest);
            }
        }
        None
    })
}

async fn play_leg(players: [&str; 2], visits: &str, segs: &[Seg]) -> (Option<String>, String) {
    let mut remaining = [501u32; 2];
    let mut scored = [0u32; 2];
    let mut darts_thrown = [0u32; 2];
    let mut log = String::new();
    for (turn, line) in visits.lines().enumerate() {
        let who = turn % 2;
        let darts: Vec<Seg> = line.split_whitespace().filter_map(parse_dart).collect();
        darts_thrown[who] += darts.len() as u32;
        let outcome = apply_visit(&mut remaining[who], &darts);
        match outcome {
            VisitOutcome::Checkout(n) => {
                writeln!(log, "{} checks out {n}", players[who]).unwrap();
                return (Some(players[who].to_string()), log);
            }
            VisitOutcome::Scored(n) => scored[who] += n,
            VisitOutcome::Bust => writeln!(log, "{} bust", players[who]).unwrap(),
        }
        if remaining[who] <= 170 {
            let hint = checkout(remaining[who], 3, segs).await;
            let text = hint.map(|h| h.iter().map(|s| s.label()).collect::<Vec<_>>().join(" ")).unwrap_or_else(|| "no out".into());
            writeln!(log, "{} on {}: {text}", players[who], remaining[who]).unwrap();
        }
    }
    let avg = |i: usize| scored[i] as f64 * 3.0 / darts_thrown[i].max(1) as f64;
    writeln!(log, "unfinished, averages {:.1} / {:.1}", avg(0), avg(1)).unwrap();
    (None, log)
}

fn main() {
    let segs = all_segments();
    assert_eq!(parse_dart("T20"), Some(Seg::Treble(20)));
    assert_eq!(parse_dart("bull"), Some(Seg::Bull));
    assert_eq!(parse_dart("D21"), None);
    let mut r = 40;
    assert_eq!(apply_visit(&mut r, &[Seg::Single(20), Seg::Single(19)]), VisitOutcome::Bust);
    assert_eq!(r, 40);

    let outs = block_on(async {
        let mut m = HashMap::new();
        for target in [170u32, 121, 40, 169, 2] {
            m.insert(target, checkout(target, 3, &segs).await);
        }
        m
    });
    assert_eq!(outs[&170].as_ref().map(|v| v.len()), Some(3));
    assert_eq!(outs[&40], Some(vec![Seg::Double(20)]));
    assert_eq!(outs[&169], None);

    let visits = "T20 T20 T20\n60 60 20\nT20 T19 T20\n100x 20 20\nT20 T20 D20\n";
    let (winner, log) = block_on(play_leg(["Ray", "Kim"], visits, &segs));
    assert_eq!(winner, None);
    let finish = "T20 T20 T20\n20 20 20\nT20 T20 T20\n5 1 1\nT20 T19 D12\n";
    let (winner2, log2) = block_on(play_leg(["Ray", "Kim"], finish, &segs));
    assert_eq!(winner2.as_deref(), Some("Ray"));
    print!("{log}{log2}");
}
