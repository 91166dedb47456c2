//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Spaced-repetition flashcards: SM-2 ease/interval updates, a due queue keyed by day,
//! and review sessions driven by pluggable async graders with fuzzy answer matching.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Yield { done: bool }
impl Future for Yield {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.done { Poll::Ready(()) } else { this.done = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(t) = fut.as_mut().poll(&mut cx) { break t; } }
}

#[derive(Debug, Clone)]
struct Card { id: u32, front: String, back: String, ease: f32, interval: u32, reps: u32, lapses: u32, due: u32, tags: Vec<String> }

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grade { Blackout = 0, Wrong = 1, Hard = 3, Good = 4, Easy = 5 }

fn sm2(card: &mut Card, g: Grade, today: u32) {
    let q = g as u8 as f32;
    if (g as u8) < 3 {
        card.reps = 0;
        card.interval = 1;
        card.lapses += 1;
    } else {
        card.interval = match card.reps { 0 => 1, 1 => 6, _ => (card.interval as f32 * card.ease).round() as u32 };
        card.reps += 1;
    }
    card.ease = (card.ease + 0.1 - (5.0 - q) * (0.08 + (5.0 - q) * 0.02)).max(1.3);
    card.due = today + card.interval;
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != *cb) as usize).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

trait Grader {
    async fn answer(&mut self, card: &Card) -> String;
    async fn grade(&mut self, card: &Card) -> Grade {
        let got = self.answer(card).await.trim().to_lowercase();
        let expected = card.back.to_lowercase();
        match levenshtein(&expected, &got) {
            0 => Grade::Easy,
            1 => Grade::Good,
            _ if got.is_empty() => Grade::Blackout,
            d if d <= expected.chars().count() / 3 => Grade::Hard,
            _ => Grade::Wrong,
        }
    }
}

struct Scripted { answers: VecDeque<String> }
struct Forgetful { seed: u64 }
struct Oracle;

impl Grader for Scripted {
    async fn answer(&mut self, _card: &Card) -> String {
        Yield::default().await;
        self.answers.pop_front().unwrap_or_default()
    }
}

impl Grader for Forgetful {
    async fn answer(&mut self, card: &Card) -> String {
        self.seed = self.seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        Yield::default().await;
        let keep = (self.seed >> 33) as usize % (card.back.len() + 2);
        card.back.chars().take(keep).collect()
    }
}

impl Grader for Oracle {
    async fn answer(&mut self, card: &Card) -> String { card.back.clone() }
    async fn grade(&mut self, card: &Card) -> Grade {
        Yield::default().await;
        if card.lapses > 0 { Grade::Good } else { Grade::Easy }
    }
}

#[derive(Default)]
struct Deck { cards: HashMap<u32, Card>, due: BinaryHeap<Reverse<(u32, u32)>> }

async fn import(deck: &Rc<RefCell<Deck>>, tsv: &str) -> usize {
    let mut d = deck.borrow_mut();
    let start = d.cards.len() as u32;
    let mut added = 0;
    for (i, line) in tsv.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let mut cols = line.split('\t');
        let (Some(front), Some(back)) = (cols.next(), cols.next()) else { continue };
        let tags = cols.next().map(|t| t.split(',').map(str::to_string).collect()).unwrap_or_default();
        let id = start + i as u32;
        d.cards.insert(id, Card { id, front: front.into(), back: back.into(), ease: 2.5, interval: 0, reps: 0, lapses: 0, due: 0, tags });
        d.due.push(Reverse((0, id)));
        added += 1;
        if added % 3 == 0 { Yield::default().await; }
    }
    added
}

async fn review_session<G: Grader>(deck: &Rc<RefCell<Deck>>, grader: &mut G, today: u32, limit: usize) -> BTreeMap<Grade, u32> {
    let mut stats = BTreeMap::new();
    let mut queue: VecDeque<u32> = VecDeque::new();
    while queue.len() < limit {
        let mut d = deck.borrow_mut();
        if let Some(Reverse((day, _))) = d.due.peek() && *day <= today {
            let Reverse((_, id)) = d.due.pop().unwrap();
            queue.push_back(id);
        } else {
            break;
        }
    }
    let mut relearn_budget = limit;
    while let Some(id) = queue.pop_front() {
        let card = deck.borrow().cards[&id].clone();
        let g = grader.grade(&card).await;
        *stats.entry(g).or_insert(0) += 1;
        let mut d = deck.borrow_mut();
        let c = d.cards.get_mut(&id).unwrap();
        sm2(c, g, today);
        let due = c.due;
        if g < Grade::Hard && relearn_budget > 0 {
            relearn_budget -= 1;
            queue.push_back(id);
        } else {
            d.due.push(Reverse((due, id)));
        }
    }
    stats
}

const TSV: &str = "hola\thello\tes,greeting\ngato\tcat\tes,animal\nperro\tdog\tes,animal\nmanzana\tapple\tes,food\n\
biblioteca\tlibrary\tes\nventana\twindow\tes\nmariposa\tbutterfly\tes,animal\n";

fn main() {
    let deck = Rc::new(RefCell::new(Deck::default()));
    println!("imported {}", block_on(import(&deck, TSV)));
    let mut scripted = Scripted { answers: ["hello", "cot", "", "aple", "librery", "door", "butterfly"].map(String::from).into() };
    println!("day 0 {:?}", block_on(review_session(&deck, &mut scripted, 0, 10)));
    let mut forgetful = Forgetful { seed: 42 };
    let mut oracle = Oracle;
    for day in 1..12 {
        let stats = if day % 3 == 0 {
            block_on(review_session(&deck, &mut oracle, day, 5))
        } else {
            block_on(review_session(&deck, &mut forgetful, day, 5))
        };
        println!("day {day:>2} {stats:?}");
    }
    let forecast = async |horizon: u32| -> Vec<(u32, usize)> {
        Yield::default().await;
        let d = deck.borrow();
        (12..12 + horizon).map(|day| (day, d.cards.values().filter(|c| c.due == day).count())).filter(|(_, n)| *n > 0).collect()
    };
    println!("forecast {:?}", block_on(forecast(30)));
    let hardest = deck.borrow().cards.values().max_by(|a, b| a.lapses.cmp(&b.lapses).then(b.ease.total_cmp(&a.ease))).map(|c| (c.front.clone(), c.lapses, c.ease));
    let sample = deck.borrow().cards.get(&0).cloned();
    println!("hardest {hardest:?}, oracle says {:?}", sample.map(|c| block_on(oracle.answer(&c))));
}
