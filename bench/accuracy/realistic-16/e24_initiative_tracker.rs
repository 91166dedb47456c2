//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Virtual tabletop combat tracker: parses dice notation (2d6+3, 4d6kh3) into an expression tree,
//! rolls initiative for players and monsters, and runs rounds with conditions that tick down.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Expr { Const(i32), Dice { n: u32, sides: u32, keep_high: Option<u32> }, Add(Box<Expr>, Box<Expr>), Sub(Box<Expr>, Box<Expr>) }

#[derive(Debug, PartialEq)]
enum DiceError { Empty, BadTerm(String), TooManyDice(u32) }

fn parse_term(t: &str) -> Result<Expr, DiceError> {
    if let Ok(c) = t.parse::<i32>() { return Ok(Expr::Const(c)); }
    let bad = || DiceError::BadTerm(t.to_string());
    let (n, rest) = t.split_once('d').ok_or_else(bad)?;
    let n = if n.is_empty() { 1 } else { n.parse().map_err(|_| bad())? };
    let (sides, keep_high) = match rest.split_once("kh") {
        Some((s, k)) => (s.parse().map_err(|_| bad())?, Some(k.parse().map_err(|_| bad())?)),
        None => (rest.parse().map_err(|_| bad())?, None),
    };
    if n > 100 { return Err(DiceError::TooManyDice(n)); }
    Ok(Expr::Dice { n, sides, keep_high })
}

fn parse(src: &str) -> Result<Expr, DiceError> {
    let s: String = src.chars().filter(|c| !c.is_whitespace()).collect();
    let mut terms = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices().skip(1) {
        if c == '+' || c == '-' { terms.push(&s[start..i]); start = i; }
    }
    terms.push(&s[start..]);
    let mut iter = terms.into_iter().filter(|t| !t.is_empty());
    let first = iter.next().ok_or(DiceError::Empty)?;
    let mut expr = parse_term(first.trim_start_matches('+'))?;
    for t in iter {
        expr = match t.split_at(1) {
            ("+", rest) => Expr::Add(Box::new(expr), Box::new(parse_term(rest)?)),
            (_, rest) => Expr::Sub(Box::new(expr), Box::new(parse_term(rest)?)),
        };
    }
    Ok(expr)
}

struct Rng(u64);
impl Rng {
    fn roll(&mut self, sides: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % sides.max(1) as u64) as u32 + 1
    }
}

async fn eval(e: &Expr, rng: Rc<RefCell<Rng>>) -> i32 {
    match e {
        Expr::Const(c) => *c,
        Expr::Dice { n, sides, keep_high } => {
            yield_now().await;
            let mut rolls: Vec<u32> = (0..*n).map(|_| rng.borrow_mut().roll(*sides)).collect();
            rolls.sort_unstable_by(|a, b| b.cmp(a));
            rolls.iter().take(keep_high.unwrap_or(*n) as usize).sum::<u32>() as i32
        }
        Expr::Add(a, b) => Box::pin(eval(a, Rc::clone(&rng))).await + Box::pin(eval(b, rng)).await,
        Expr::Sub(a, b) => Box::pin(eval(a, Rc::clone(&rng))).await - Box::pin(eval(b, rng)).await,
    }
}

#[derive(Debug, Clone)]
struct Combatant { name: String, init_mod: i32, hp: i32, conditions: BTreeMap<&'static str, u8>, is_player: bool }

async fn roll_initiative(party: Vec<Combatant>, rng: Rc<RefCell<Rng>>) -> VecDeque<(i32, Combatant)> {
    let mut order = Vec::new();
    for c in party {
        let expr = parse(&format!("1d20{:+}", c.init_mod)).expect("valid initiative expr");
        let total = eval(&expr, Rc::clone(&rng)).await;
        order.push((total, c));
    }
    order.sort_by(|(ta, a), (tb, b)| tb.cmp(ta).then(b.init_mod.cmp(&a.init_mod)).then(b.is_player.cmp(&a.is_player)));
    order.into()
}

async fn run_rounds(mut order: VecDeque<(i32, Combatant)>, rounds: u32, rng: Rc<RefCell<Rng>>) -> (Vec<String>, VecDeque<(i32, Combatant)>) {
    let mut log = Vec::new();
    let attack = parse("1d8+2").unwrap();
    for round in 1..=rounds {
        for _ in 0..order.len() {
            let Some((init, mut actor)) = order.pop_front() else { break };
            actor.conditions.retain(|_, turns| { *turns -= 1; *turns > 0 });
            if actor.hp > 0 && !actor.conditions.contains_key("stunned") {
                if let Some((_, target)) = order.iter_mut().filter(|(_, t)| t.is_player != actor.is_player && t.hp > 0).min_by_key(|(_, t)| t.hp) {
                    let dmg = eval(&attack, Rc::clone(&rng)).await;
                    target.hp -= dmg;
                    log.push(format!("R{round} {} hits {} for {dmg}", actor.name, target.name));
                }
            }
            order.push_back((init, actor));
        }
        if order.iter().filter(|(_, c)| !c.is_player).all(|(_, c)| c.hp <= 0) { log.push(format!("R{round} monsters defeated")); break; }
    }
    (log, order)
}

fn main() {
    assert_eq!(parse("2d6+3").unwrap(), Expr::Add(Box::new(Expr::Dice { n: 2, sides: 6, keep_high: None }), Box::new(Expr::Const(3))));
    assert!(matches!(parse("4d6kh3").unwrap(), Expr::Dice { keep_high: Some(3), .. }));
    assert_eq!(parse("2dx"), Err(DiceError::BadTerm("2dx".into())));
    assert_eq!(parse("500d6"), Err(DiceError::TooManyDice(500)));
    assert_eq!(parse("  "), Err(DiceError::Empty));

    let rng = Rc::new(RefCell::new(Rng(0x9E3779B97F4A7C15)));
    let stats: Vec<i32> = block_on(async {
        let mut v = Vec::new();
        for _ in 0..6 { v.push(eval(&parse("4d6kh3").unwrap(), Rc::clone(&rng)).await); }
        v
    });
    assert!(stats.iter().all(|s| (3..=18).contains(s)));
    let dmg = block_on(eval(&parse("d8 + 2d4 - 1").unwrap(), Rc::clone(&rng)));
    assert!((2..=15).contains(&dmg));

    let mk = |name: &str, init_mod: i32, hp: i32, is_player: bool| Combatant { name: name.into(), init_mod, hp, conditions: BTreeMap::new(), is_player };
    let mut fighter = mk("Brakka", 1, 30, true);
    fighter.conditions.insert("blessed", 3);
    let mut ogre = mk("Ogre", -1, 25, false);
    ogre.conditions.insert("stunned", 2);
    let party = vec![fighter, mk("Wren", 4, 18, true), ogre, mk("Goblin", 2, 7, false)];
    let order = block_on(roll_initiative(party, Rc::clone(&rng)));
    assert_eq!(order.len(), 4);
    assert!(order.iter().zip(order.iter().skip(1)).all(|(a, b)| a.0 >= b.0));

    let (log, after) = block_on(run_rounds(order, 10, Rc::clone(&rng)));
    assert!(log.iter().any(|l| l.contains("Goblin") || l.contains("Ogre")));
    let summary = async move |list: VecDeque<(i32, Combatant)>| {
        yield_now().await;
        list.into_iter().map(|(_, c)| format!("{}:{}", c.name, c.hp)).collect::<Vec<_>>().join(" ")
    };
    let text = block_on(summary(after));
    println!("{}\n{text}", log.join("\n"));
}
