//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a city bus fare-card backend that validates taps, applies transfer windows and daily fare caps.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

struct Sleeper;
impl Wake for Sleeper {
    fn wake(self: Arc<Self>) {}
}

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let waker = Waker::from(Arc::new(Sleeper));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    let mut spins = 0u64;
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        spins += 1;
    }
}

#[derive(Default)]
struct Yield {
    yielded: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.yielded {
            Poll::Ready(())
        } else {
            this.yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn reader_latency() {
    Yield::default().await;
    Yield::default().await;
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rider {
    Adult,
    Senior,
    Student { grade: u8 },
}

#[derive(Debug)]
struct Card {
    id: u64,
    rider: Rider,
    balance_cents: i64,
    spent_today: i64,
    last_paid_tap: Option<(Duration, u16)>,
}

#[derive(Debug)]
enum TapOutcome {
    Paid(i64),
    Transfer,
    Capped,
}

#[derive(Debug)]
enum FareError {
    Insufficient { card: u64, need: i64 },
    Blocked(u64),
    BadTrack(String),
}

const DAILY_CAP: i64 = 600;
const TRANSFER_WINDOW: Duration = Duration::from_secs(90 * 60);

fn base_fare(r: Rider) -> i64 {
    match r {
        Rider::Adult => 275,
        Rider::Senior => 135,
        Rider::Student { grade } if grade <= 5 => 0,
        Rider::Student { .. } => 100,
    }
}

async fn tap(card: &Mutex<Card>, route: u16, at: Duration, blocklist: &RwLock<Vec<u64>>) -> Result<TapOutcome, FareError> {
    reader_latency().await;
    let id = card.lock().unwrap().id;
    {
        let blocked = blocklist.read().unwrap();
        if blocked.contains(&id) {
            return Err(FareError::Blocked(id));
        }
    }
    let mut c = card.lock().unwrap();
    if let Some((prev_at, prev_route)) = c.last_paid_tap {
        if at.saturating_sub(prev_at) <= TRANSFER_WINDOW && prev_route != route {
            return Ok(TapOutcome::Transfer);
        }
    }
    let fare = base_fare(c.rider);
    let remaining_to_cap = DAILY_CAP - c.spent_today;
    let charge = fare.min(remaining_to_cap.max(0));
    if charge == 0 {
        return Ok(TapOutcome::Capped);
    }
    if c.balance_cents < charge {
        return Err(FareError::Insufficient { card: c.id, need: charge - c.balance_cents });
    }
    c.balance_cents -= charge;
    c.spent_today += charge;
    c.last_paid_tap = Some((at, route));
    drop(c);
    Yield::default().await;
    Ok(TapOutcome::Paid(charge))
}

/// Card track data looks like `;4417=SEN=1200?` — parse it by hand from the raw swipe.
async fn decode_track(raw: &str) -> Result<(u64, Rider, i64), FareError> {
    let mut chars = raw.chars().peekable();
    if chars.next() != Some(';') {
        return Err(FareError::BadTrack(raw.to_string()));
    }
    let mut fields: Vec<String> = vec![String::new()];
    while let Some(ch) = chars.next() {
        match ch {
            '=' => fields.push(String::new()),
            '?' if chars.peek().is_none() => break,
            c if c.is_ascii_alphanumeric() => fields.last_mut().unwrap().push(c),
            other => return Err(FareError::BadTrack(format!("unexpected {other:?}"))),
        }
        if fields.len() % 2 == 0 {
            Yield::default().await;
        }
    }
    let [id, kind, bal] = <[String; 3]>::try_from(fields).map_err(|f| FareError::BadTrack(f.join("|")))?;
    let rider = match kind.as_str() {
        "ADT" => Rider::Adult,
        "SEN" => Rider::Senior,
        k if k.starts_with("ST") => Rider::Student { grade: k[2..].parse().unwrap_or(12) },
        _ => return Err(FareError::BadTrack(kind)),
    };
    reader_latency().await;
    let id = id.parse().map_err(|_| FareError::BadTrack(id.clone()))?;
    let bal = bal.parse().map_err(|_| FareError::BadTrack(bal))?;
    Ok((id, rider, bal))
}

/// Walk a chain of linked family cards to find who ultimately pays (auto-reload sponsor).
fn resolve_sponsor<'a>(links: &'a HashMap<u64, u64>, card: u64, depth: u8) -> Pin<Box<dyn Future<Output = Option<u64>> + 'a>> {
    Box::pin(async move {
        if depth > 4 {
            return None;
        }
        Yield::default().await;
        match links.get(&card) {
            Some(&parent) if parent == card => Some(card),
            Some(&parent) => resolve_sponsor(links, parent, depth + 1).await,
            None => Some(card),
        }
    })
}

fn describe(outcome: &Result<TapOutcome, FareError>) -> Cow<'static, str> {
    match outcome {
        Ok(TapOutcome::Paid(c)) => Cow::Owned(format!("paid ${}.{:02}", c / 100, c % 100)),
        Ok(TapOutcome::Transfer) => Cow::Borrowed("free transfer"),
        Ok(TapOutcome::Capped) => Cow::Borrowed("capped for today"),
        Err(FareError::Insufficient { need, .. }) => Cow::Owned(format!("declined, short {need}c")),
        Err(e) => Cow::Owned(format!("error {e:?}")),
    }
}

pub fn main() {
    let blocklist = Arc::new(RwLock::new(vec![9999u64]));
    let swipes = [";4417=SEN=1200?", ";5120=ADT=700?", ";6001=ST3=0?", ";7777=XYZ=5?", ";9999=ADT=5000?"];
    let links: HashMap<u64, u64> = HashMap::from([(6001, 5120), (5120, 4417), (4417, 4417)]);

    let mut cards: Vec<Arc<Mutex<Card>>> = Vec::new();
    block_on(async {
        for raw in swipes {
            match decode_track(raw).await {
                Ok((id, rider, balance_cents)) => cards.push(Arc::new(Mutex::new(Card {
                    id,
                    rider,
                    balance_cents,
                    spent_today: 0,
                    last_paid_tap: None,
                }))),
                Err(e) => println!("swipe {raw} rejected: {e:?}"),
            }
        }
    });

    // a day of taps: (card index, route, minutes since service start)
    let day: Vec<(usize, u16, u64)> = vec![(0, 12, 5), (1, 12, 6), (1, 40, 50), (1, 12, 200), (1, 7, 400), (1, 9, 600), (2, 3, 30), (3, 12, 31), (0, 12, 700)];

    let mut taps: Vec<Pin<Box<dyn Future<Output = (u64, Cow<'static, str>)>>>> = Vec::new();
    for (idx, route, minute) in day.iter().copied() {
        let card = Arc::clone(&cards[idx]);
        let blocklist = Arc::clone(&blocklist);
        taps.push(Box::pin(async move {
            let outcome = tap(&card, route, Duration::from_secs(minute * 60), &blocklist).await;
            let id = card.lock().unwrap().id;
            (id, describe(&outcome))
        }));
    }

    block_on(async {
        let mut declined = 0usize;
        for fut in taps {
            let (id, text) = fut.await;
            if text.starts_with("declined") {
                declined += 1;
                if let Some(sponsor) = resolve_sponsor(&links, id, 0).await {
                    println!("card {id}: {text} -> notify sponsor {sponsor}");
                    continue;
                }
            }
            println!("card {id}: {text}");
        }
        println!("declined taps: {declined}");
    });

    let totals: Vec<(u64, i64)> = cards
        .iter()
        .map(|c| {
            let c = c.lock().unwrap();
            (c.id, c.spent_today)
        })
        .collect();
    println!("spent today: {totals:?}");
}
