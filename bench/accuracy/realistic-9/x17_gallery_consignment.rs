#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Art gallery consignment desk: intakes artworks, verifies provenance, prices them and settles artist payouts after sales.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;
use std::fmt;
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

#[derive(Debug)]
enum GalleryError {
    Provenance { work: String, gap_years: u16 },
    Duplicate(String),
    Parse(std::num::ParseIntError),
}

impl fmt::Display for GalleryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GalleryError::Provenance { work, gap_years } => write!(f, "{work}: {gap_years}-year provenance gap"),
            GalleryError::Duplicate(w) => write!(f, "{w} already consigned"),
            GalleryError::Parse(e) => write!(f, "bad number: {e}"),
        }
    }
}

impl Error for GalleryError {}

impl From<std::num::ParseIntError> for GalleryError {
    fn from(e: std::num::ParseIntError) -> Self {
        GalleryError::Parse(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Medium {
    OilOnCanvas,
    Watercolor,
    Bronze { edition: Option<(u8, u8)> },
    Print,
}

#[derive(Debug, Clone)]
struct Artwork {
    title: String,
    artist: String,
    year: u16,
    medium: Medium,
    owners: Vec<(u16, String)>,
    reserve_cents: u64,
}

struct Gallery {
    consigned: Mutex<HashMap<String, Artwork>>,
    commission_pct: u64,
    payouts: Mutex<BTreeMap<String, u64>>,
}

fn parse_artwork(rec: &str) -> Result<Artwork, GalleryError> {
    let mut fields = rec.split(';');
    let title = fields.next().unwrap_or_default().trim().to_string();
    let artist = fields.next().unwrap_or_default().trim().to_string();
    let year: u16 = fields.next().unwrap_or("0").trim().parse()?;
    let medium = match fields.next().unwrap_or("").trim() {
        "oil" => Medium::OilOnCanvas,
        "watercolor" => Medium::Watercolor,
        m if m.starts_with("bronze") => {
            let ed = m.strip_prefix("bronze ").and_then(|s| s.split_once('/')).and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
            Medium::Bronze { edition: ed }
        }
        _ => Medium::Print,
    };
    let reserve_cents: u64 = fields.next().unwrap_or("0").trim().parse::<u64>()? * 100;
    let owners = fields
        .next()
        .unwrap_or("")
        .split(',')
        .filter_map(|o| o.trim().split_once(' '))
        .filter_map(|(y, n)| Some((y.parse().ok()?, n.to_string())))
        .collect();
    Ok(Artwork { title, artist, year, medium, owners, reserve_cents })
}

async fn verify_provenance(work: &Artwork) -> Result<(), GalleryError> {
    let mut years: Vec<u16> = std::iter::once(work.year).chain(work.owners.iter().map(|(y, _)| *y)).collect();
    years.sort_unstable();
    for pair in years.windows(2) {
        Yield { left: 1 }.await;
        let gap = pair[1] - pair[0];
        if gap > 40 {
            return Err(GalleryError::Provenance { work: work.title.clone(), gap_years: gap });
        }
    }
    Ok(())
}

async fn appraise(work: &Artwork) -> u64 {
    Yield { left: 2 }.await;
    let base = match work.medium {
        Medium::OilOnCanvas => 1_200_000,
        Medium::Watercolor => 350_000,
        Medium::Bronze { edition: Some((n, of)) } => 900_000 * (of as u64 + 1 - n as u64) / of as u64,
        Medium::Bronze { edition: None } => 1_500_000,
        Medium::Print => 80_000,
    };
    let age_bonus = (2025 - work.year.min(2025)) as u64 * 2_000;
    Yield { left: 1 }.await;
    (base + age_bonus).max(work.reserve_cents)
}

impl Gallery {
    async fn intake(&self, record: &str) -> Result<u64, GalleryError> {
        let work = parse_artwork(record)?;
        if self.consigned.lock().unwrap().contains_key(&work.title) {
            return Err(GalleryError::Duplicate(work.title));
        }
        verify_provenance(&work).await?;
        let estimate = appraise(&work).await;
        self.consigned.lock().unwrap().insert(work.title.clone(), work);
        Ok(estimate)
    }

    async fn record_sale(&self, title: &str, hammer_cents: u64) -> Option<u64> {
        let work = {
            let mut guard = self.consigned.lock().unwrap();
            guard.remove(title)?
        };
        Yield { left: 1 }.await;
        if hammer_cents < work.reserve_cents {
            let mut guard = self.consigned.lock().unwrap();
            guard.insert(work.title.clone(), work);
            drop(guard);
            Yield { left: 1 }.await;
            return None;
        }
        let payout = hammer_cents * (100 - self.commission_pct) / 100;
        *self.payouts.lock().unwrap().entry(work.artist.clone()).or_insert(0) += payout;
        Some(payout)
    }
}

async fn season(gallery: Arc<Gallery>, records: &[&str], sales: &[(&str, u64)]) -> Result<String, Box<dyn Error>> {
    let mut seen = HashSet::new();
    let mut estimates = 0u64;
    for r in records {
        match gallery.intake(r).await {
            Ok(e) => estimates += e,
            Err(e @ GalleryError::Provenance { .. }) => println!("  rejected: {e}"),
            Err(e) => return Err(Box::new(e)),
        }
    }
    for (title, cents) in sales {
        if !seen.insert(*title) {
            continue;
        }
        if gallery.record_sale(title, *cents).await.is_none() {
            println!("  {title} bought in");
        }
    }
    let payouts = gallery.payouts.lock().unwrap();
    let total: u64 = payouts.values().sum();
    Ok(format!("estimates ${}, payouts ${} to {} artists", estimates / 100, total / 100, payouts.len()))
}

fn main() {
    let gallery = Arc::new(Gallery { consigned: Mutex::new(HashMap::new()), commission_pct: 30, payouts: Mutex::new(BTreeMap::new()) });
    let records = [
        "Harbor at Dusk; M. Lindqvist; 1962; oil; 9000; 1970 Berg, 1995 Okoye",
        "Heron; T. Ayodele; 2011; bronze 3/8; 4000; 2015 Ruiz",
        "Lost Years; Anon; 1890; watercolor; 500; 1950 Pratt",
        "Rain Study; M. Lindqvist; 1965; watercolor; 2500; ",
    ];
    let sales = [("Harbor at Dusk", 2_000_000), ("Heron", 300_000), ("Rain Study", 400_000), ("Heron", 999_999)];
    match block_on(season(gallery.clone(), &records, &sales)) {
        Ok(s) => println!("{s}"),
        Err(e) => println!("season failed: {e}"),
    }
    println!("dup: {:?}", block_on(gallery.intake(records[1])).map_err(|e| e.to_string()));
    println!("bad: {:?}", block_on(gallery.intake("X; Y; nineteen; oil; 1;")).map_err(|e| e.to_string()));
    let w = parse_artwork(records[0]).unwrap();
    println!("appraise {} / provenance ok {}", block_on(appraise(&w)), block_on(verify_provenance(&w)).is_ok());
}
