//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a mail processing plant that verifies postage, reads postal codes and sorts pieces into carrier-route trays.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield {
    bumped: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.bumped {
            Poll::Ready(())
        } else {
            self.bumped = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn conveyor() {
    Yield { bumped: false }.await
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

const TRAY_CAPACITY: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Shape {
    Letter,
    Flat,
    Parcel,
}

#[derive(Debug, Clone)]
struct Piece {
    barcode: u64,
    shape: Shape,
    grams: u32,
    postage_cents: u32,
    address: String,
}

#[derive(Debug, PartialEq)]
enum Disposition {
    Tray { route: String, tray: usize },
    ReturnToSender(&'static str),
    PostageDue(u32),
    ManualKeying(String),
}

fn required_postage(shape: Shape, grams: u32) -> Option<u32> {
    let ounces = grams.div_ceil(28);
    match (shape, ounces) {
        (Shape::Letter, 0..=1) => Some(73),
        (Shape::Letter, n @ 2..=3) => Some(73 + (n - 1) * 28),
        (Shape::Letter, _) => required_postage(Shape::Flat, grams),
        (Shape::Flat, n) if n <= 13 => Some(150 + (n - 1) * 28),
        (Shape::Flat, _) | (Shape::Parcel, _) if grams > 31_750 => None,
        (_, n) => Some(520 + n * 15),
    }
}

/// Pulls a five-digit code plus optional +4 from the last address line.
async fn read_zip(address: &str) -> Result<(String, Option<String>), String> {
    let last = address.lines().last().unwrap_or("").trim();
    conveyor().await;
    let token = last.split_whitespace().rev().find(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit())).ok_or_else(|| last.to_string())?;
    let (five, plus4) = match token.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (token, None),
    };
    if five.len() != 5 || !five.bytes().all(|b| b.is_ascii_digit()) {
        return Err(token.to_string());
    }
    let plus4 = plus4.filter(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_digit())).map(str::to_string);
    conveyor().await;
    Ok((five.to_string(), plus4))
}

struct Scheme {
    // 5-digit zip -> list of (+4 range start, +4 range end, carrier route)
    routes: HashMap<String, Vec<(u16, u16, &'static str)>>,
    default_route: HashMap<String, &'static str>,
}

struct Trays {
    open: HashMap<String, Vec<u64>>,
    closed: BTreeMap<String, Vec<Vec<u64>>>,
}

async fn sort_piece(piece: &Piece, scheme: &RwLock<Scheme>, trays: &RwLock<Trays>) -> Disposition {
    let Some(needed) = required_postage(piece.shape, piece.grams) else {
        return Disposition::ReturnToSender("exceeds weight limit");
    };
    if piece.postage_cents < needed {
        return Disposition::PostageDue(needed - piece.postage_cents);
    }
    let (zip5, plus4) = match read_zip(&piece.address).await {
        Ok(z) => z,
        Err(raw) => return Disposition::ManualKeying(raw),
    };
    let route: String = {
        let scheme = scheme.read().unwrap();
        let by_plus4 = plus4.as_deref().and_then(|p| p.parse::<u16>().ok()).and_then(|p4| {
            scheme.routes.get(&zip5)?.iter().find(|(lo, hi, _)| (*lo..=*hi).contains(&p4)).map(|r| r.2)
        });
        match by_plus4.or_else(|| scheme.default_route.get(&zip5).copied()) {
            Some(r) => r.to_string(),
            None => return Disposition::ReturnToSender("no such postal code"),
        }
    };
    conveyor().await;
    let mut t = trays.write().unwrap();
    let open = t.open.entry(route.clone()).or_default();
    open.push(piece.barcode);
    if open.len() == TRAY_CAPACITY {
        let full = std::mem::take(open);
        let closed = t.closed.entry(route.clone()).or_default();
        closed.push(full);
        return Disposition::Tray { route, tray: closed.len() };
    }
    let tray = t.closed.get(&route).map_or(0, Vec::len) + 1;
    Disposition::Tray { route, tray }
}

pub fn main() {
    let scheme = Arc::new(RwLock::new(Scheme {
        routes: HashMap::from([
            ("97214".to_string(), vec![(1000, 2999, "C014"), (3000, 4999, "C015")]),
            ("97202".to_string(), vec![(1, 9999, "C031")]),
        ]),
        default_route: HashMap::from([("97214".to_string(), "C014"), ("97206".to_string(), "R002")]),
    }));
    let trays = Arc::new(RwLock::new(Trays { open: HashMap::new(), closed: BTreeMap::new() }));

    let mut feed: VecDeque<Piece> = [
        (1, Shape::Letter, 20, 73, "J. Ortiz\n1420 SE Belmont\nPortland OR 97214-1420"),
        (2, Shape::Letter, 60, 73, "A. Singh\n3300 SE Hawthorne\nPortland OR 97214-3300"),
        (3, Shape::Flat, 200, 500, "Reed College\nPortland OR 97202-8199"),
        (4, Shape::Letter, 15, 73, "K. Brown\nPortland OR 97214"),
        (5, Shape::Parcel, 40_000, 9000, "Heavy Co\nPortland OR 97206"),
        (6, Shape::Letter, 18, 73, "Occupant\nPortland OR 9721"),
        (7, Shape::Letter, 18, 73, "L. Tran\nGresham OR 97080"),
        (8, Shape::Letter, 25, 73, "M. Diaz\n1999 SE Morrison\nPortland OR 97214-1999"),
        (9, Shape::Parcel, 900, 1200, "B. Cole\nPortland OR 97206-0042"),
        (10, Shape::Letter, 28, 80, "Resident\nPortland OR 97214-2001"),
    ]
    .into_iter()
    .map(|(barcode, shape, grams, postage_cents, addr)| Piece { barcode, shape, grams, postage_cents, address: addr.to_string() })
    .collect();

    let shift_counts = block_on({
        let scheme = Arc::clone(&scheme);
        let trays = Arc::clone(&trays);
        async move {
            let mut counts: HashMap<&'static str, u32> = HashMap::new();
            let mut manual: Vec<(u64, String)> = Vec::new();
            'belt: while let Some(piece) = feed.pop_front() {
                let outcome = sort_piece(&piece, &scheme, &trays).await;
                let bucket = match outcome {
                    Disposition::Tray { tray, .. } if tray > 1 => "tray (overflow)",
                    Disposition::Tray { .. } => "tray",
                    Disposition::PostageDue(c) if c < 30 => "postage due (small)",
                    Disposition::PostageDue(_) => "postage due",
                    Disposition::ReturnToSender(why) => {
                        println!("  #{} RTS: {why}", piece.barcode);
                        "rts"
                    }
                    Disposition::ManualKeying(raw) => {
                        manual.push((piece.barcode, raw));
                        if manual.len() > 3 {
                            println!("  too many unreadables, stopping belt for OCR recalibration");
                            break 'belt;
                        }
                        "manual"
                    }
                };
                *counts.entry(bucket).or_default() += 1;
            }
            for (code, raw) in &manual {
                println!("  #{code} keyed manually (read '{raw}')");
                conveyor().await;
            }
            counts
        }
    });

    let mut counts: Vec<_> = shift_counts.into_iter().collect();
    counts.sort();
    println!("counts: {counts:?}");
    let t = trays.read().unwrap();
    let mut open: Vec<_> = t.open.iter().filter(|(_, v)| !v.is_empty()).collect();
    open.sort();
    println!("closed trays: {:?}", t.closed);
    println!("open trays: {open:?}");
}
