//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a radio station playout system that builds an hourly clock of music, ads and station IDs and cues each item.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn frame() -> Yield {
    Yield(false)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Song { artist: Rc<str>, title: String, len: Duration, era: u16 },
    Ad { sponsor: String, len: Duration, paid_cents: u32 },
    StationId,
    News(Duration),
}

impl Slot {
    fn len(&self) -> Duration {
        match self {
            Slot::Song { len, .. } | Slot::Ad { len, .. } => *len,
            Slot::StationId => Duration::from_secs(8),
            Slot::News(d) => *d,
        }
    }
}

#[derive(Debug)]
enum PlayoutError {
    Overrun { by: Duration },
    MissingFile(String),
    EmptyLibrary,
}

trait Deck {
    fn id(&self) -> char;
    async fn load(&mut self, slot: &Slot) -> Result<(), PlayoutError>;
    async fn cue(&mut self, slot: &Slot) -> Result<Duration, PlayoutError> {
        self.load(slot).await?;
        frame().await;
        Ok(slot.len())
    }
}

struct DigitalDeck {
    letter: char,
    files: HashSet<String>,
    loaded: Option<String>,
}

struct CartMachine {
    carts_played: u32,
}

impl Deck for DigitalDeck {
    fn id(&self) -> char {
        self.letter
    }
    async fn load(&mut self, slot: &Slot) -> Result<(), PlayoutError> {
        if let Slot::Song { title, .. } = slot {
            if !self.files.contains(title) {
                return Err(PlayoutError::MissingFile(title.clone()));
            }
            self.loaded = Some(title.clone());
        }
        frame().await;
        Ok(())
    }
}

impl Deck for CartMachine {
    fn id(&self) -> char {
        'C'
    }
    async fn load(&mut self, _slot: &Slot) -> Result<(), PlayoutError> {
        frame().await;
        frame().await;
        Ok(())
    }
    async fn cue(&mut self, slot: &Slot) -> Result<Duration, PlayoutError> {
        self.load(slot).await?;
        self.carts_played += 1;
        // carts have a 300ms mechanical pre-roll
        Ok(slot.len() + Duration::from_millis(300))
    }
}

async fn build_clock(library: &[Slot], ads: Vec<Slot>, hour: Duration) -> Result<Vec<Slot>, PlayoutError> {
    if library.is_empty() {
        return Err(PlayoutError::EmptyLibrary);
    }
    let mut clock = vec![Slot::StationId, Slot::News(Duration::from_secs(180))];
    let mut ads: VecDeque<Slot> = ads.into();
    let mut last_artist: Option<Rc<str>> = None;
    let mut used = Duration::from_secs(188);
    let mut songs = library.iter().cycle().peekable();
    let mut since_break = 0u8;
    let overrun = 'fill: loop {
        if since_break == 3 {
            while let Some(ad) = ads.pop_front() {
                used += ad.len();
                clock.push(ad);
                if ads.len() % 2 == 0 {
                    break;
                }
            }
            clock.push(Slot::StationId);
            used += Slot::StationId.len();
            since_break = 0;
            frame().await;
        }
        let Some(song) = songs.next() else { break 'fill None };
        if let Slot::Song { artist, .. } = song {
            // never play the same artist back to back
            if last_artist.as_deref() == Some(&**artist) {
                continue;
            }
            last_artist = Some(Rc::clone(artist));
        }
        if used + song.len() > hour {
            let remaining = hour.saturating_sub(used);
            break 'fill if remaining > Duration::from_secs(60) { Some(remaining) } else { None };
        }
        used += song.len();
        clock.push(song.clone());
        since_break += 1;
        frame().await;
    };
    if let Some(gap) = overrun {
        clock.push(Slot::News(gap));
    }
    Ok(clock)
}

async fn run_hour<D>(deck: &mut D, carts: &mut CartMachine, clock: &[Slot]) -> (Duration, Vec<String>)
where
    D: Deck,
{
    let mut on_air = Duration::ZERO;
    let mut faults = Vec::new();
    for (i, slot) in clock.iter().enumerate() {
        let played = match slot {
            Slot::Song { .. } => deck.cue(slot).await,
            Slot::Ad { paid_cents, .. } if *paid_cents == 0 => continue, // unpaid spots get dropped
            _ => carts.cue(slot).await,
        };
        match played {
            Ok(d) => on_air += d,
            Err(PlayoutError::MissingFile(t)) => {
                faults.push(format!("slot {i}: deck {} missing '{t}', filled with ID", deck.id()));
                on_air += carts.cue(&Slot::StationId).await.unwrap_or_default();
            }
            Err(e) => faults.push(format!("slot {i}: {e:?}")),
        }
    }
    (on_air, faults)
}

pub fn main() {
    let artists: Vec<Rc<str>> = ["Nina Simone", "Talking Heads", "Fela Kuti", "Björk"].into_iter().map(Rc::from).collect();
    let titles = ["Feeling Good", "Once in a Lifetime", "Zombie", "Jóga", "Sinnerman", "Psycho Killer", "Water No Get Enemy", "Army of Me"];
    let library: Vec<Slot> = titles
        .iter()
        .zip(artists.iter().cycle())
        .enumerate()
        .map(|(i, (title, artist))| Slot::Song {
            artist: Rc::clone(artist),
            title: title.to_string(),
            len: Duration::from_secs(170 + (i as u64 * 37) % 200),
            era: 1965 + (i as u16 * 7),
        })
        .collect();
    let ads: Vec<Slot> = (0..6)
        .step_by(1)
        .map(|n| Slot::Ad { sponsor: format!("sponsor-{n}"), len: Duration::from_secs(30), paid_cents: if n == 4 { 0 } else { 4500 } })
        .collect();

    let mut deck_a = DigitalDeck { letter: 'A', files: titles.iter().take(7).map(|t| t.to_string()).collect(), loaded: None };
    let mut deck_b = DigitalDeck { letter: 'B', files: titles.iter().rev().take(3).map(|t| t.to_string()).collect(), loaded: None };
    let mut carts = CartMachine { carts_played: 0 };

    let announce = async move |clock_len: usize| -> String {
        frame().await;
        format!("top of hour: {clock_len} items queued")
    };

    let mut log = String::new();
    block_on(async {
        let clock = match build_clock(&library, ads, Duration::from_secs(3600)).await {
            Ok(c) => c,
            Err(e) => {
                println!("clock failed: {e:?}");
                return;
            }
        };
        writeln!(log, "{}", announce(clock.len()).await).unwrap();
        let (aired, faults) = run_hour(&mut deck_a, &mut carts, &clock).await;
        writeln!(log, "deck A aired {}m{}s with {} faults", aired.as_secs() / 60, aired.as_secs() % 60, faults.len()).unwrap();
        let (aired_b, faults_b) = run_hour(&mut deck_b, &mut carts, &clock[..6]).await;
        for f in faults.iter().chain(faults_b.iter()) {
            writeln!(log, "  {f}").unwrap();
        }
        let mut revenue: HashMap<&str, u32> = HashMap::new();
        for slot in &clock {
            if let Slot::Ad { sponsor, paid_cents, .. } = slot {
                *revenue.entry(sponsor.as_str()).or_insert(0) += paid_cents;
            }
        }
        writeln!(log, "ad revenue this hour: ${}", revenue.values().sum::<u32>() / 100).unwrap();
    });
    let empty = block_on(build_clock(&[], Vec::new(), Duration::from_secs(60)));
    print!("{log}");
    println!("carts fired: {}, empty library -> {:?}", carts.carts_played, empty.err());
}
