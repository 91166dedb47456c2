//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Tattoo studio booking backend: intake requests move through consult, design approval and
//! multi-session inking, with artist calendars behind a mutex and deposit-aware reminders.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) { Poll::Ready(()) } else { cx.waker().wake_by_ref(); Poll::Pending }
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

#[derive(Debug)]
enum IntakeError { Missing(&'static str), BadSize(String), NoArtist(String) }

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Consult,
    Design { revisions: u8 },
    Inking { done: u8, total: u8 },
    Healed,
}

#[derive(Debug, Clone)]
struct Request { client: String, artist: String, area_cm2: u32, placement: String, stage: Stage, deposit_cents: u32 }

fn parse_request(client: &str, line: &str) -> Result<Request, IntakeError> {
    let fields: HashMap<&str, &str> = line.split_whitespace().filter_map(|kv| kv.split_once('=')).collect();
    let artist = fields.get("artist").ok_or(IntakeError::Missing("artist"))?;
    let size = fields.get("size").ok_or(IntakeError::Missing("size"))?;
    let (w, h) = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .ok_or_else(|| IntakeError::BadSize(size.to_string()))?;
    let placement = fields.get("placement").copied().unwrap_or("unspecified").to_string();
    Ok(Request { client: client.into(), artist: artist.to_string(), area_cm2: w * h, placement, stage: Stage::Consult, deposit_cents: 0 })
}

type Calendar = Arc<Mutex<HashMap<String, BTreeMap<u32, String>>>>;

async fn book_slot(cal: Calendar, artist: &str, from_day: u32, client: &str) -> Result<u32, IntakeError> {
    for day in from_day..from_day + 30 {
        let free = {
            let guard = cal.lock().unwrap();
            let days = guard.get(artist).ok_or_else(|| IntakeError::NoArtist(artist.to_string()))?;
            !days.contains_key(&day)
        };
        yield_now().await;
        if free {
            cal.lock().unwrap().get_mut(artist).unwrap().insert(day, client.to_string());
            return Ok(day);
        }
    }
    Err(IntakeError::NoArtist(format!("{artist} fully booked")))
}

fn sessions_for(area_cm2: u32, placement: &str) -> u8 {
    let base = (area_cm2 / 150 + 1) as u8;
    match placement {
        "ribs" | "neck" | "hands" => base + 1,
        _ => base,
    }
}

async fn advance(req: &mut Request, cal: Calendar, today: u32) -> Result<Vec<u32>, IntakeError> {
    let mut booked = Vec::new();
    loop {
        req.stage = match req.stage.clone() {
            Stage::Consult => {
                req.deposit_cents = 5_000 + req.area_cm2 * 20;
                Stage::Design { revisions: 0 }
            }
            Stage::Design { revisions } if revisions < 2 => {
                yield_now().await;
                Stage::Design { revisions: revisions + 1 }
            }
            Stage::Design { .. } => Stage::Inking { done: 0, total: sessions_for(req.area_cm2, &req.placement) },
            Stage::Inking { done, total } if done < total => {
                let start = booked.last().map_or(today, |d| d + 21);
                booked.push(book_slot(Arc::clone(&cal), &req.artist, start, &req.client).await?);
                Stage::Inking { done: done + 1, total }
            }
            Stage::Inking { .. } => Stage::Healed,
            Stage::Healed => return Ok(booked),
        };
    }
}

async fn reminder_digest(reqs: &[Request]) -> String {
    let mut out = String::new();
    let jobs: Vec<Pin<Box<dyn Future<Output = Option<String>> + '_>>> = reqs
        .iter()
        .map(|r| {
            Box::pin(async move {
                yield_now().await;
                (r.deposit_cents > 0).then(|| format!("{} owes ${:.2} to {}", r.client, r.deposit_cents as f64 / 100.0, r.artist))
            }) as Pin<Box<dyn Future<Output = Option<String>> + '_>>
        })
        .collect();
    for job in jobs {
        if let Some(line) = job.await {
            writeln!(out, "{line}").unwrap();
        }
    }
    out
}

fn main() {
    let cal: Calendar = Arc::new(Mutex::new(HashMap::new()));
    {
        let mut c = cal.lock().unwrap();
        c.insert("mika".into(), BTreeMap::from([(10, "walk-in".to_string()), (11, "touchup".to_string())]));
        c.insert("dara".into(), BTreeMap::new());
    }
    let mut a = parse_request("jo", "artist=mika size=12x15 placement=ribs style=fineline").unwrap();
    let mut b = parse_request("sam", "artist=dara size=5x5").unwrap();
    assert!(matches!(parse_request("x", "artist=mika size=axb"), Err(IntakeError::BadSize(_))));
    assert!(matches!(parse_request("x", "size=1x1"), Err(IntakeError::Missing("artist"))));

    let days_a = block_on(advance(&mut a, Arc::clone(&cal), 10)).unwrap();
    let days_b = block_on(advance(&mut b, Arc::clone(&cal), 3)).unwrap();
    assert_eq!(days_a[0], 12);
    assert_eq!(a.stage, Stage::Healed);
    assert_eq!(days_b, vec![3]);

    let mut ghost = parse_request("lee", "artist=nobody size=2x2").unwrap();
    assert!(block_on(advance(&mut ghost, Arc::clone(&cal), 1)).is_err());

    let digest = block_on(reminder_digest(&[a.clone(), b.clone(), ghost]));
    assert_eq!(digest.lines().count(), 3);

    let cal2 = Arc::clone(&cal);
    let load = block_on(async move {
        yield_now().await;
        let c = cal2.lock().unwrap();
        c.iter().map(|(k, v)| (k.clone(), v.len())).collect::<BTreeMap<_, _>>()
    });
    let cancel = async move |artist: String, day: u32| {
        yield_now().await;
        cal.lock().unwrap().get_mut(&artist).and_then(|d| d.remove(&day))
    };
    let removed = block_on(cancel("mika".to_string(), 10));
    assert_eq!(removed.as_deref(), Some("walk-in"));
    println!("{load:?}\n{digest}");
}
