#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Film festival programming: assigns accepted films to venue screening slots, checks print formats and publishes the lineup.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::error::Error;
use std::fmt::{self, Write as _};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Format {
    Dcp,
    ThirtyFive,
    ProRes,
}

#[derive(Debug, Clone)]
struct Film {
    title: String,
    runtime: Duration,
    format: Format,
    section: String,
    needs_subtitles: bool,
}

#[derive(Debug, Clone)]
struct Venue {
    name: &'static str,
    formats: HashSet<Format>,
    open_min: u32,
    close_min: u32,
}

#[derive(Debug)]
enum ProgramError {
    NoVenue(String),
    KdmMissing(String),
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgramError::NoVenue(t) => write!(f, "no venue can screen '{t}'"),
            ProgramError::KdmMissing(t) => write!(f, "decryption key missing for '{t}'"),
        }
    }
}

impl Error for ProgramError {}

async fn fetch_kdm(title: &str) -> Option<String> {
    Yield { left: 2 }.await;
    if title.len() % 5 == 0 {
        None
    } else {
        Some(format!("KDM-{:04X}", title.bytes().fold(0u16, |a, b| a.wrapping_mul(31).wrapping_add(b as u16))))
    }
}

async fn tech_check(film: &Film) -> Result<Option<String>, ProgramError> {
    Yield { left: 1 }.await;
    match film.format {
        Format::Dcp => {
            let kdm = fetch_kdm(&film.title).await.ok_or_else(|| ProgramError::KdmMissing(film.title.clone()))?;
            Ok(Some(kdm))
        }
        Format::ThirtyFive => {
            Yield { left: 3 }.await;
            Ok(None)
        }
        Format::ProRes => Ok(None),
    }
}

struct Programmer {
    schedule: RefCell<BTreeMap<&'static str, Vec<(u32, String)>>>,
    next_free: RefCell<HashMap<&'static str, u32>>,
}

impl Programmer {
    async fn place(&self, film: &Film, venues: &[Venue]) -> Result<(&'static str, u32), ProgramError> {
        let candidates: Vec<&Venue> = venues.iter().filter(|v| v.formats.contains(&film.format)).collect();
        let mins = (film.runtime.as_secs() / 60) as u32 + 20;
        for v in candidates {
            Yield { left: 1 }.await;
            let start = *self.next_free.borrow().get(v.name).unwrap_or(&v.open_min);
            if start + mins > v.close_min {
                continue;
            }
            self.next_free.borrow_mut().insert(v.name, start + mins);
            self.schedule.borrow_mut().entry(v.name).or_default().push((start, film.title.clone()));
            return Ok((v.name, start));
        }
        Err(ProgramError::NoVenue(film.title.clone()))
    }
}

async fn build_lineup(films: Vec<Film>, venues: &[Venue]) -> Result<String, Box<dyn Error>> {
    let prog = Rc::new(Programmer { schedule: RefCell::new(BTreeMap::new()), next_free: RefCell::new(HashMap::new()) });
    let mut queue: VecDeque<Film> = films.into_iter().collect();
    let mut deferred = Vec::new();
    let mut keys = 0;
    while let Some(film) = queue.pop_front() {
        match tech_check(&film).await {
            Ok(Some(_kdm)) => keys += 1,
            Ok(None) => {}
            Err(e) => {
                deferred.push(e.to_string());
                continue;
            }
        }
        if let Err(e) = prog.place(&film, venues).await {
            deferred.push(e.to_string());
        }
    }
    let mut out = String::new();
    for (venue, slots) in prog.schedule.borrow().iter() {
        writeln!(out, "[{venue}]").unwrap();
        for (start, title) in slots {
            writeln!(out, "  {:02}:{:02} {}", start / 60, start % 60, title).unwrap();
        }
    }
    writeln!(out, "keys: {keys}, deferred: {}", deferred.len()).unwrap();
    for d in deferred {
        out.push_str("  ! ");
        out.push_str(&d);
        out.push('\n');
    }
    Ok(out)
}

fn main() {
    let venues = vec![
        Venue { name: "Palace", formats: [Format::Dcp, Format::ThirtyFive].into_iter().collect(), open_min: 600, close_min: 1380 },
        Venue { name: "Annex", formats: [Format::Dcp, Format::ProRes].into_iter().collect(), open_min: 720, close_min: 960 },
    ];
    let mk = |t: &str, m: u64, f: Format| Film { title: t.to_string(), runtime: Duration::from_secs(m * 60), format: f, section: "Competition".into(), needs_subtitles: false };
    let films = vec![
        mk("The Salt Road", 118, Format::Dcp),
        mk("Ozu Retrospective: Late Spring", 108, Format::ThirtyFive),
        mk("Night Ferry", 95, Format::ProRes),
        mk("Marsh", 140, Format::Dcp),
        mk("Ghosts of Lyon", 132, Format::Dcp),
        mk("Long Take", 240, Format::ProRes),
    ];
    match block_on(build_lineup(films.clone(), &venues)) {
        Ok(s) => print!("{s}"),
        Err(e) => println!("failed: {e}"),
    }
    println!("{:?}", block_on(fetch_kdm("Marsh")));
    println!("{:?}", block_on(tech_check(&films[0])).map_err(|e| e.to_string()));
    let p = Programmer { schedule: RefCell::new(BTreeMap::new()), next_free: RefCell::new(HashMap::new()) };
    println!("{:?}", block_on(p.place(&films[2], &venues)).map_err(|e| e.to_string()));
}
