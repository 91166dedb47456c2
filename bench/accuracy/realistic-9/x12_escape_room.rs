#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Escape room controller: tracks puzzle props, validates solutions, dispenses hints and opens doors in sequence.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet, VecDeque};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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
enum RoomError {
    PropOffline(&'static str),
    WrongCode { puzzle: String, attempts: u32 },
    OutOfTime(Duration),
}

impl fmt::Display for RoomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoomError::PropOffline(p) => write!(f, "prop {p} offline"),
            RoomError::WrongCode { puzzle, attempts } => write!(f, "{puzzle}: wrong after {attempts} attempts"),
            RoomError::OutOfTime(d) => write!(f, "out of time after {}s", d.as_secs()),
        }
    }
}

impl Error for RoomError {}

#[derive(Debug, Clone)]
enum Solution {
    Digits([u8; 4]),
    Word(String),
    Sequence(Vec<char>),
}

struct Puzzle {
    name: String,
    prop: &'static str,
    answer: Solution,
    hints: VecDeque<String>,
}

struct Room {
    online: HashSet<&'static str>,
    doors_open: RefCell<Vec<String>>,
    hints_used: Cell<u32>,
    started: Instant,
    limit: Duration,
}

impl Room {
    async fn ping_prop(&self, prop: &'static str) -> Result<(), RoomError> {
        Yield { left: 1 }.await;
        if self.online.contains(prop) {
            Ok(())
        } else {
            Err(RoomError::PropOffline(prop))
        }
    }

    async fn check(&self, puzzle: &Puzzle, attempt: &str) -> bool {
        Yield { left: 1 }.await;
        match &puzzle.answer {
            Solution::Digits(d) => {
                let got: Vec<u8> = attempt.chars().filter_map(|c| c.to_digit(10)).map(|d| d as u8).collect();
                got.as_slice() == &d[..]
            }
            Solution::Word(w) => attempt.trim().eq_ignore_ascii_case(w),
            Solution::Sequence(seq) => attempt.chars().filter(|c| !c.is_whitespace()).eq(seq.iter().copied()),
        }
    }

    async fn solve(&self, puzzle: &mut Puzzle, attempts: &[&str]) -> Result<u32, RoomError> {
        self.ping_prop(puzzle.prop).await?;
        let mut tries = 0;
        for a in attempts {
            tries += 1;
            if self.started.elapsed() > self.limit {
                return Err(RoomError::OutOfTime(self.limit));
            }
            if self.check(puzzle, a).await {
                Yield { left: 2 }.await;
                self.doors_open.borrow_mut().push(format!("{} door", puzzle.name));
                return Ok(tries);
            }
            if tries % 2 == 0 {
                if let Some(h) = puzzle.hints.pop_front() {
                    self.hints_used.set(self.hints_used.get() + 1);
                    Yield { left: 1 }.await;
                    println!("  hint for {}: {h}", puzzle.name);
                }
            }
        }
        Err(RoomError::WrongCode { puzzle: puzzle.name.clone(), attempts: tries })
    }
}

async fn run_game(room: Rc<Room>, mut puzzles: Vec<Puzzle>, script: HashMap<String, Vec<&str>>) -> Result<u32, Box<dyn Error>> {
    let mut total_tries = 0;
    for p in puzzles.iter_mut() {
        let attempts = script.get(&p.name).cloned().unwrap_or_default();
        match room.solve(p, &attempts).await {
            Ok(t) => total_tries += t,
            Err(RoomError::WrongCode { puzzle, attempts }) => {
                println!("  game master override on {puzzle}");
                Yield { left: 3 }.await;
                total_tries += attempts + 5;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(total_tries)
}

fn build_puzzles() -> Vec<Puzzle> {
    vec![
        Puzzle { name: "safe".into(), prop: "keypad", answer: Solution::Digits([1, 9, 0, 5]), hints: VecDeque::from(vec!["check the clock".to_string()]) },
        Puzzle { name: "bookshelf".into(), prop: "rfid", answer: Solution::Word("Nautilus".into()), hints: VecDeque::new() },
        Puzzle { name: "organ".into(), prop: "midi", answer: Solution::Sequence(vec!['C', 'E', 'G', 'C']), hints: VecDeque::from(vec!["major chord".into(), "go up".into()]) },
    ]
}

fn main() {
    let room = Rc::new(Room {
        online: ["keypad", "rfid", "midi"].into_iter().collect(),
        doors_open: RefCell::new(Vec::new()),
        hints_used: Cell::new(0),
        started: Instant::now(),
        limit: Duration::from_secs(3600),
    });
    let mut script = HashMap::new();
    script.insert("safe".to_string(), vec!["1234", "0519", "1 9 0 5"]);
    script.insert("bookshelf".to_string(), vec!["nautilus"]);
    script.insert("organ".to_string(), vec!["CEG", "C E G A", "GEC"]);
    match block_on(run_game(room.clone(), build_puzzles(), script)) {
        Ok(t) => println!("escaped with {t} tries, {} hints, doors {:?}", room.hints_used.get(), room.doors_open.borrow()),
        Err(e) => println!("game aborted: {e}"),
    }
    let broken = Room { online: HashSet::new(), doors_open: RefCell::new(vec![]), hints_used: Cell::new(0), started: Instant::now(), limit: Duration::from_secs(1) };
    let mut p = build_puzzles().remove(0);
    println!("offline: {}", block_on(broken.solve(&mut p, &["1905"])).unwrap_err());
    println!("check: {}", block_on(broken.check(&p, "1905")));
}
