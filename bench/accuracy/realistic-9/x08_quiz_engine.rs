//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Quiz engine: serves rounds of mixed question types, grades answers asynchronously and tracks streak bonuses.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
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

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Correct { points: u32 },
    Partial { points: u32, note: String },
    Wrong,
}

trait Question {
    fn prompt(&self) -> String;
    async fn grade(&self, answer: &str) -> Verdict;

    async fn grade_timed(&self, answer: &str, took: Duration) -> Verdict {
        let v = self.grade(answer).await;
        Yield { left: 1 }.await;
        match v {
            Verdict::Correct { points } if took < Duration::from_secs(5) => Verdict::Correct { points: points + 5 },
            other => other,
        }
    }
}

struct MultipleChoice {
    text: String,
    options: [&'static str; 4],
    correct: usize,
}

struct FreeText {
    text: String,
    keywords: Vec<String>,
}

impl Question for MultipleChoice {
    fn prompt(&self) -> String {
        let mut s = self.text.clone();
        for (i, o) in self.options.iter().enumerate() {
            write!(s, " ({}) {o}", (b'a' + i as u8) as char).unwrap();
        }
        s
    }
    async fn grade(&self, answer: &str) -> Verdict {
        Yield { left: 1 }.await;
        let idx = answer.trim().chars().next().map(|c| (c as u8).wrapping_sub(b'a') as usize);
        if idx == Some(self.correct) { Verdict::Correct { points: 10 } } else { Verdict::Wrong }
    }
}

impl Question for FreeText {
    fn prompt(&self) -> String {
        self.text.clone()
    }
    async fn grade(&self, answer: &str) -> Verdict {
        let words: HashSet<String> = answer
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        Yield { left: 2 }.await;
        let hits = self.keywords.iter().filter(|k| words.contains(k.as_str())).count();
        match hits {
            0 => Verdict::Wrong,
            n if n == self.keywords.len() => Verdict::Correct { points: 15 },
            n => Verdict::Partial { points: 5 * n as u32, note: format!("{n}/{} keywords", self.keywords.len()) },
        }
    }
}

async fn score_round<Q>(questions: &[Q], answers: &[(&str, u64)], streak: &Rc<RefCell<u32>>) -> u32
where
    Q: Question,
{
    let mut total = 0;
    for (q, (ans, secs)) in questions.iter().zip(answers.iter()) {
        let verdict = q.grade_timed(ans, Duration::from_secs(*secs)).await;
        let earned = match &verdict {
            Verdict::Correct { points } => {
                *streak.borrow_mut() += 1;
                points + 2 * *streak.borrow()
            }
            Verdict::Partial { points, .. } => *points,
            Verdict::Wrong => {
                *streak.borrow_mut() = 0;
                continue;
            }
        };
        total += earned;
    }
    total
}

fn boxed_check(q: Rc<dyn Fn(&str) -> bool>, answer: String) -> Pin<Box<dyn Future<Output = bool>>> {
    Box::pin(async move {
        Yield { left: 1 }.await;
        q(&answer)
    })
}

async fn tiebreaker(players: &[&str]) -> Option<String> {
    let target = 1969;
    let mut best: Option<(String, i32)> = None;
    let guess_for = async |name: &str| {
        Yield { left: name.len() as u32 % 3 }.await;
        1950 + name.bytes().map(|b| b as i32).sum::<i32>() % 40
    };
    for p in players {
        let g = guess_for(p).await;
        let diff = (g - target).abs();
        if let Some((_, d)) = &best
            && *d <= diff
        {
            continue;
        }
        best = Some((p.to_string(), diff));
    }
    best.map(|(n, _)| n)
}

fn main() {
    let mc = vec![
        MultipleChoice { text: "Largest planet?".into(), options: ["Mars", "Jupiter", "Venus", "Saturn"], correct: 1 },
        MultipleChoice { text: "H2O is?".into(), options: ["Salt", "Air", "Water", "Gold"], correct: 2 },
    ];
    let ft = vec![FreeText { text: "Name the primary colors".into(), keywords: vec!["red".into(), "blue".into(), "yellow".into()] }];
    let streak = Rc::new(RefCell::new(0));
    let s1 = block_on(score_round(&mc, &[("b", 3), ("c", 9)], &streak));
    let s2 = block_on(score_round(&ft, &[("Red and blue!", 4)], &streak));
    println!("{}\nround1 {s1}, round2 {s2}, streak {}", mc[0].prompt(), streak.borrow());
    let check: Rc<dyn Fn(&str) -> bool> = Rc::new(|a: &str| a.eq_ignore_ascii_case("paris"));
    println!("boxed: {}", block_on(boxed_check(check, "PARIS".to_string())));
    println!("tiebreak winner: {:?}", block_on(tiebreaker(&["ana", "bo", "carmen"])));
    println!("direct: {:?}", block_on(ft[0].grade("red blue yellow")));
}
