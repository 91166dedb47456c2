//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a tailoring shop's alteration tickets moving from measurement intake through fittings to pickup.

use std::collections::{BinaryHeap, HashMap};
use std::cmp::Ordering;
use std::fmt::Write;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

struct Yield {
    ready: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.ready {
            Poll::Ready(())
        } else {
            self.ready = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn pass_time() {
    Yield { ready: false }.await
}

async fn steam_press(minutes: u32) -> Duration {
    for _ in 0..minutes.min(4) {
        pass_time().await;
    }
    Duration::from_secs(minutes as u64 * 60)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            break v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Alteration {
    Hem { inches: f32 },
    TakeIn { seam: &'static str, inches: f32 },
    Zipper,
    Sleeves(f32, f32),
}

#[derive(Debug)]
enum Stage {
    Intake,
    Marked { chalk_notes: Vec<String> },
    Sewing { started: Instant },
    Fitting { attempt: u8 },
    Ready { shelf: char },
    PickedUp,
}

#[derive(Debug)]
struct Ticket {
    number: u32,
    customer: String,
    garment: String,
    work: Vec<Alteration>,
    rush: bool,
    stage: Stage,
}

impl PartialEq for Ticket {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number
    }
}
impl Eq for Ticket {}
impl PartialOrd for Ticket {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ticket {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rush.cmp(&other.rush).then(other.number.cmp(&self.number))
    }
}

#[derive(Debug)]
enum ShopError {
    BadMeasurement(String),
    TooManyFittings(u32),
}

/// Parses intake slips like `hem 1.5; take-in side 0.75; zipper; sleeves 0.5/0.25`.
async fn parse_slip(slip: &str) -> Result<Vec<Alteration>, ShopError> {
    let mut work = Vec::new();
    for item in slip.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let mut words = item.split_whitespace();
        let kind = words.next().unwrap_or_default();
        let num = |s: Option<&str>| -> Result<f32, ShopError> {
            s.and_then(|v| v.parse::<f32>().ok()).ok_or_else(|| ShopError::BadMeasurement(item.to_string()))
        };
        let alt = match kind {
            "hem" => Alteration::Hem { inches: num(words.next())? },
            "take-in" => {
                let seam = match words.next() {
                    Some("side") => "side",
                    Some("back") => "center back",
                    _ => "side",
                };
                Alteration::TakeIn { seam, inches: num(words.next())? }
            }
            "zipper" => Alteration::Zipper,
            "sleeves" => {
                let spec = words.next().unwrap_or("0/0");
                let (l, r) = spec.split_once('/').unwrap_or((spec, spec));
                Alteration::Sleeves(num(Some(l))?, num(Some(r))?)
            }
            other => return Err(ShopError::BadMeasurement(format!("unknown job '{other}'"))),
        };
        pass_time().await;
        work.push(alt);
    }
    Ok(work)
}

fn minutes_for(alt: &Alteration) -> u32 {
    match alt {
        Alteration::Hem { inches } if *inches > 3.0 => 45,
        Alteration::Hem { .. } => 25,
        Alteration::TakeIn { seam: "center back", .. } => 50,
        Alteration::TakeIn { inches, .. } => 30 + (*inches * 10.0) as u32,
        Alteration::Zipper => 40,
        Alteration::Sleeves(l, r) if (l - r).abs() > 0.2 => 55,
        Alteration::Sleeves(..) => 35,
    }
}

async fn advance(ticket: &mut Ticket, fits_first_try: bool) -> Result<Option<Duration>, ShopError> {
    let current = std::mem::replace(&mut ticket.stage, Stage::Intake);
    let (next, spent) = match current {
        Stage::Intake => {
            let mut notes = Vec::new();
            for (i, alt) in ticket.work.iter().enumerate() {
                notes.push(format!("{}: {:?}", i + 1, alt));
                pass_time().await;
            }
            (Stage::Marked { chalk_notes: notes }, None)
        }
        Stage::Marked { chalk_notes } => {
            println!("  #{} marked with {} notes", ticket.number, chalk_notes.len());
            (Stage::Sewing { started: Instant::now() }, None)
        }
        Stage::Sewing { started } => {
            let mins: u32 = ticket.work.iter().map(minutes_for).sum();
            let pressed = steam_press(mins / 10).await;
            (Stage::Fitting { attempt: 1 }, Some(Duration::from_secs(mins as u64 * 60) + pressed))
        }
        Stage::Fitting { attempt } if attempt > 2 => return Err(ShopError::TooManyFittings(ticket.number)),
        Stage::Fitting { attempt } if !fits_first_try && attempt == 1 => {
            pass_time().await;
            (Stage::Fitting { attempt: attempt + 1 }, Some(Duration::from_secs(15 * 60)))
        }
        Stage::Fitting { .. } => {
            let shelf = ticket.customer.chars().next().map(|c| c.to_ascii_uppercase()).unwrap_or('#');
            (Stage::Ready { shelf }, None)
        }
        Stage::Ready { shelf } => {
            pass_time().await;
            (Stage::PickedUp, None)
        }
        Stage::PickedUp => (Stage::PickedUp, None),
    };
    ticket.stage = next;
    Ok(spent)
}

pub fn main() {
    let intake = [
        (101u32, "lena park", "wool trousers", "hem 1.25; take-in back 0.5", false),
        (102, "omar faye", "wedding gown", "hem 4; zipper; take-in side 1", true),
        (103, "ivy cho", "blazer", "sleeves 0.75/0.25", false),
        (104, "raj n", "jeans", "patch knee", false),
    ];

    let mut board: BinaryHeap<Ticket> = BinaryHeap::new();
    let mut rejected = String::new();

    block_on(async {
        for (number, customer, garment, slip, rush) in intake {
            match parse_slip(slip).await {
                Ok(work) => board.push(Ticket {
                    number,
                    customer: customer.to_string(),
                    garment: garment.into(),
                    work,
                    rush,
                    stage: Stage::Intake,
                }),
                Err(ShopError::BadMeasurement(why)) => {
                    let _ = write!(rejected, "#{number} ({why}) ");
                    pass_time().await;
                }
                Err(other) => unreachable!("{other:?}"),
            }
        }
    });

    let mut labor: HashMap<u32, Duration> = HashMap::new();
    let mut receipts = String::new();
    block_on(async {
        while let Some(mut ticket) = board.pop() {
            let fits = ticket.number % 2 == 1;
            let mut total = Duration::ZERO;
            let mut steps = 0;
            let result = loop {
                steps += 1;
                match advance(&mut ticket, fits).await {
                    Ok(Some(d)) => total += d,
                    Ok(None) if matches!(ticket.stage, Stage::PickedUp) => break Ok(steps),
                    Ok(None) => {}
                    Err(e) => break Err(e),
                }
            };
            let Ticket { number, customer, garment, .. } = ticket;
            labor.insert(number, total);
            let line = match result {
                Ok(n) => format!("#{number} {garment} for {customer}: {n} steps, {} min labor", total.as_secs() / 60),
                Err(e) => format!("#{number} stuck: {e:?}"),
            };
            steam_press(1).await;
            writeln!(receipts, "{line}").unwrap();
        }
    });

    print!("{receipts}");
    println!("rejected: {rejected}");
    let mut by_time: Vec<_> = labor.into_iter().collect();
    by_time.sort_by(|a, b| b.1.cmp(&a.1));
    println!("longest job: {:?}", by_time.first());
}
