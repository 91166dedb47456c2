#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Orchestra librarian: distributes sheet-music parts to players by desk, checks bowings and transposes for instruments.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::cell::RefCell;
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

const NOTE_NAMES: [&str; 12] = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Section {
    Violin1,
    Violin2,
    Viola,
    Cello,
    Clarinet,
    Horn,
}

impl Section {
    fn transposition(self) -> i32 {
        match self {
            Section::Clarinet => 2,
            Section::Horn => 7,
            _ => 0,
        }
    }
}

#[derive(Debug, Clone)]
struct Part {
    section: Section,
    notes: Vec<i32>,
    bowings: Option<String>,
}

struct Library {
    printed: RefCell<BTreeMap<(Section, u8), String>>,
    missing_bowings: RefCell<Vec<Section>>,
}

fn parse_notes(line: &str) -> Vec<i32> {
    line.split_whitespace()
        .filter_map(|tok| {
            let split = tok.find(|c: char| c.is_ascii_digit())?;
            let (name, octave) = tok.split_at(split);
            let pc = NOTE_NAMES.iter().position(|n| *n == name)? as i32;
            Some(pc + 12 * octave.parse::<i32>().ok()?)
        })
        .collect()
}

async fn transpose(part: &Part) -> String {
    let shift = part.section.transposition();
    let mut out = String::new();
    for (i, n) in part.notes.iter().enumerate() {
        if i % 8 == 7 {
            Yield { left: 1 }.await;
        }
        let m = n + shift;
        write!(out, "{}{} ", NOTE_NAMES[m.rem_euclid(12) as usize], m.div_euclid(12)).unwrap();
    }
    out.trim_end().to_string()
}

async fn check_bowings(part: &Part) -> Result<usize, String> {
    let Some(b) = &part.bowings else {
        return Err(format!("{:?} has no bowings", part.section));
    };
    Yield { left: 1 }.await;
    let marks: Vec<char> = b.chars().filter(|c| *c == 'V' || *c == 'n').collect();
    if marks.len() != part.notes.len() {
        return Err(format!("{:?}: {} marks for {} notes", part.section, marks.len(), part.notes.len()));
    }
    let retakes = marks.windows(2).filter(|w| w[0] == w[1]).count();
    Yield { left: 1 }.await;
    Ok(retakes)
}

impl Library {
    async fn prepare(&self, part: &Part, desks: u8) -> usize {
        let strings = matches!(part.section, Section::Violin1 | Section::Violin2 | Section::Viola | Section::Cello);
        if strings {
            match check_bowings(part).await {
                Ok(retakes) if retakes > 2 => println!("  {:?}: {retakes} retakes, review", part.section),
                Ok(_) => {}
                Err(msg) => {
                    self.missing_bowings.borrow_mut().push(part.section);
                    println!("  {msg}");
                }
            }
        }
        let text = transpose(part).await;
        let mut printed = 0;
        for desk in 1..=desks {
            Yield { left: 1 }.await;
            self.printed.borrow_mut().insert((part.section, desk), text.clone());
            printed += 1;
        }
        printed
    }
}

async fn distribute(lib: Rc<Library>, score: &str, roster: &HashMap<Section, u8>) -> (usize, Vec<String>) {
    let mut parts: VecDeque<Part> = VecDeque::new();
    let mut lines = score.lines().peekable();
    while let Some(header) = lines.next() {
        let section = match header.trim() {
            "vn1" => Section::Violin1,
            "vn2" => Section::Violin2,
            "va" => Section::Viola,
            "vc" => Section::Cello,
            "cl" => Section::Clarinet,
            "hn" => Section::Horn,
            _ => continue,
        };
        let notes = parse_notes(lines.next().unwrap_or(""));
        let bowings = match lines.peek() {
            Some(l) if l.starts_with("bow:") => Some(lines.next().unwrap()[4..].trim().to_string()),
            _ => None,
        };
        parts.push_back(Part { section, notes, bowings });
    }
    let mut total = 0;
    while let Some(part) = parts.pop_front() {
        let desks = roster.get(&part.section).copied().unwrap_or(1);
        total += lib.prepare(&part, desks).await;
    }
    let missing = lib.missing_bowings.borrow().iter().map(|s| format!("{s:?}")).collect();
    (total, missing)
}

fn main() {
    let score = "vn1\nE4 F#4 G4 A4 B4\nbow: n V n V n\nvn2\nC4 D4 E4\nbow: n n n\nva\nG3 A3\ncl\nBb3 C4 D4 Eb4 F4 G4 A4 Bb4 C5\nhn\nF3 C4";
    let roster: HashMap<Section, u8> = [(Section::Violin1, 4), (Section::Violin2, 3), (Section::Viola, 2), (Section::Clarinet, 1)].into_iter().collect();
    let lib = Rc::new(Library { printed: RefCell::new(BTreeMap::new()), missing_bowings: RefCell::new(Vec::new()) });
    let (printed, missing) = block_on(distribute(lib.clone(), score, &roster));
    println!("printed {printed} parts, missing bowings {:?}", missing);
    if let Some(cl) = lib.printed.borrow().get(&(Section::Clarinet, 1)) {
        println!("clarinet (Bb) part: {cl}");
    }
    let horn = Part { section: Section::Horn, notes: parse_notes("F3 C4"), bowings: None };
    println!("horn in F: {}", block_on(transpose(&horn)));
    println!("horn bowings: {:?}", block_on(check_bowings(&horn)));
}
