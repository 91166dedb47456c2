//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Planetarium dome operations: parses the daily show catalogue, allocates reclining
//! seats row by row for booked parties and drives projector cue sequences per show.

use std::collections::BTreeMap;
use std::fmt::{self, Write};
use std::future::Future;
use std::num::ParseIntError;
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
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) { return out; }
    }
}

const ROWS: usize = 6;
const SEATS_PER_ROW: usize = 14;

#[derive(Debug)]
enum DomeError {
    BadLine(usize),
    BadNumber(ParseIntError),
    SoldOut { show: String, wanted: usize },
    Projector(&'static str),
}

impl From<ParseIntError> for DomeError {
    fn from(e: ParseIntError) -> Self { DomeError::BadNumber(e) }
}

#[derive(Debug, Clone)]
struct Show {
    start_min: u32,
    title: String,
    runtime_min: u32,
    cues: Vec<String>,
}

fn parse_catalogue(text: &str) -> Result<Vec<Show>, DomeError> {
    let mut shows = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('|').map(str::trim);
        let (Some(time), Some(title), Some(runtime), Some(cues)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DomeError::BadLine(idx + 1));
        };
        let (h, m) = time.split_once(':').ok_or(DomeError::BadLine(idx + 1))?;
        let start_min = h.parse::<u32>()? * 60 + m.parse::<u32>()?;
        shows.push(Show {
            start_min,
            title: title.to_string(),
            runtime_min: runtime.parse()?,
            cues: cues.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect(),
        });
    }
    Ok(shows)
}

trait Projector {
    fn name(&self) -> &str;
    async fn load(&mut self, clip: &str) -> Result<u32, DomeError>;
    async fn warmup(&mut self) -> u32 {
        yield_now().await;
        self.name().len() as u32 * 10
    }
}

struct LaserProjector { lamp_hours: u32, loaded: Vec<String> }
struct DigitalDome { channels: [u16; 5], cache: BTreeMap<String, u32> }

impl Projector for LaserProjector {
    fn name(&self) -> &str { "laser-starball" }
    async fn load(&mut self, clip: &str) -> Result<u32, DomeError> {
        yield_now().await;
        if clip.starts_with("fulldome") {
            return Err(DomeError::Projector("starball cannot play fulldome video"));
        }
        self.loaded.push(clip.to_string());
        self.lamp_hours += 1;
        Ok(clip.len() as u32 * 12)
    }
}

impl Projector for DigitalDome {
    fn name(&self) -> &str { "digital-5ch" }
    async fn load(&mut self, clip: &str) -> Result<u32, DomeError> {
        if let Some(&secs) = self.cache.get(clip) {
            return Ok(secs);
        }
        yield_now().await;
        let secs = clip.bytes().map(u32::from).sum::<u32>() % 300 + 30;
        for ch in self.channels.iter_mut() {
            *ch = ch.wrapping_add(secs as u16);
        }
        self.cache.insert(clip.to_string(), secs);
        Ok(secs)
    }
    async fn warmup(&mut self) -> u32 {
        yield_now().await;
        yield_now().await;
        45
    }
}

struct SeatMap {
    taken: [[bool; SEATS_PER_ROW]; ROWS],
}

impl SeatMap {
    fn allocate(&mut self, party: usize) -> Option<(usize, usize)> {
        const PREFERENCE: [usize; ROWS] = [2, 3, 1, 4, 0, 5];
        for &row in PREFERENCE.iter() {
            let mut run = 0;
            for col in 0..SEATS_PER_ROW {
                if self.taken[row][col] {
                    run = 0;
                    continue;
                }
                run += 1;
                if run == party {
                    let start = col + 1 - party;
                    self.taken[row][start..=col].iter_mut().for_each(|s| *s = true);
                    return Some((row, start));
                }
            }
        }
        None
    }

    fn free(&self) -> usize {
        self.taken.iter().flatten().filter(|t| !**t).count()
    }
}

async fn seat_parties(show: &Show, parties: &[usize]) -> Result<(SeatMap, Vec<(usize, usize)>), DomeError> {
    let mut map = SeatMap { taken: [[false; SEATS_PER_ROW]; ROWS] };
    let mut placed = Vec::with_capacity(parties.len());
    for &p in parties {
        yield_now().await;
        match map.allocate(p) {
            Some(spot) => placed.push(spot),
            None => return Err(DomeError::SoldOut { show: show.title.clone(), wanted: p }),
        }
    }
    Ok((map, placed))
}

async fn run_show<P: Projector>(proj: &mut P, show: &Show) -> Result<String, DomeError> {
    let warm = proj.warmup().await;
    let mut log = String::new();
    writeln!(log, "[{}] {} warmup {}s", proj.name(), show.title, warm).unwrap();
    let mut total = 0;
    for cue in &show.cues {
        match proj.load(cue).await {
            Ok(secs) => {
                total += secs;
                writeln!(log, "  cue {cue} {secs}s").unwrap();
            }
            Err(DomeError::Projector(why)) if !why.is_empty() => writeln!(log, "  skip {cue}: {why}").unwrap(),
            Err(e) => return Err(e),
        }
    }
    if total / 60 > show.runtime_min {
        writeln!(log, "  overrun by {}m", total / 60 - show.runtime_min).unwrap();
    }
    Ok(log)
}

fn main() {
    let text = "# time | title | runtime | cues\n\
                10:30 | Tonight's Sky | 35 | intro, constellations, fulldome_milkyway\n\
                13:00 | Black Holes | 40 | fulldome_accretion, narration_bh, outro\n\
                \n\
                15:15 | Northern Lights | 30 | aurora_intro, fulldome_aurora\n";
    let shows = parse_catalogue(text).expect("catalogue parses");
    assert_eq!(shows.len(), 3);
    assert!(matches!(parse_catalogue("9:x | a | 1 | b"), Err(DomeError::BadNumber(_))));

    let mut laser = LaserProjector { lamp_hours: 0, loaded: Vec::new() };
    let mut dome = DigitalDome { channels: [0; 5], cache: BTreeMap::new() };
    for show in &shows {
        let a = block_on(run_show(&mut laser, show)).expect("laser run");
        let b = block_on(run_show(&mut dome, show)).expect("dome run");
        assert!(a.contains(&show.title) && b.contains("digital-5ch"));
    }

    let (map, placed) = block_on(seat_parties(&shows[0], &[4, 2, 6, 3, 5])).expect("seats");
    assert_eq!(placed[0], (2, 0));
    assert_eq!(map.free(), ROWS * SEATS_PER_ROW - 20);
    let full = block_on(seat_parties(&shows[1], &[SEATS_PER_ROW + 1]));
    assert!(matches!(full, Err(DomeError::SoldOut { wanted: 15, .. })));

    let by_hour = block_on(async {
        let mut by_hour = BTreeMap::new();
        for s in &shows {
            yield_now().await;
            *by_hour.entry(s.start_min / 60).or_insert(0u32) += s.runtime_min;
        }
        by_hour
    });
    assert_eq!(by_hour.get(&13), Some(&40));

    let check_gap = async |a: &Show, b: &Show| -> bool {
        yield_now().await;
        a.start_min + a.runtime_min + 15 <= b.start_min
    };
    let ok = block_on(async { check_gap(&shows[0], &shows[1]).await && check_gap(&shows[1], &shows[2]).await });
    assert!(ok);
    println!("laser lamp hours {}, cached clips {}", laser.lamp_hours, dome.cache.len());
}
