//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Virtual tabletop session bot: parses chat commands with dice notation (NdM, keep-highest,
//! advantage), tracks initiative order and ticks timed conditions each round.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
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

#[derive(Debug, Clone, Copy, PartialEq)]
struct DiceExpr { count: u8, sides: u8, keep_high: Option<u8>, modifier: i16 }

#[derive(Debug, Clone, PartialEq)]
enum Condition { Poisoned { rounds: u8 }, Stunned, Concentrating { spell: String } }

#[derive(Debug, Clone, PartialEq)]
enum Command { Roll { who: String, expr: DiceExpr }, Init { who: String, bonus: i16 }, Apply { target: String, cond: Condition }, Next }

#[derive(Debug)]
enum BotError { Syntax(String), TooManyDice(u8), NotInCombat(String) }

fn parse_dice(s: &str) -> Result<DiceExpr, BotError> {
    let bad = || BotError::Syntax(s.to_string());
    let (body, modifier) = match s.find(['+', '-']) {
        Some(i) => (&s[..i], s[i..].parse::<i16>().map_err(|_| bad())?),
        None => (s, 0),
    };
    let (dice, keep) = match body.split_once("kh") {
        Some((d, k)) => (d, Some(k.parse::<u8>().map_err(|_| bad())?)),
        None => (body, None),
    };
    let (n, m) = dice.split_once('d').ok_or_else(bad)?;
    let count = if n.is_empty() { 1 } else { n.parse().map_err(|_| bad())? };
    let sides = m.parse().map_err(|_| bad())?;
    if count > 40 { return Err(BotError::TooManyDice(count)); }
    Ok(DiceExpr { count, sides, keep_high: keep, modifier })
}

fn parse_command(who: &str, line: &str) -> Result<Command, BotError> {
    let mut words = line.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("/r"), Some("adv"), _) => Ok(Command::Roll { who: who.into(), expr: parse_dice("2d20kh1")? }),
        (Some("/r"), Some(e), _) => Ok(Command::Roll { who: who.into(), expr: parse_dice(e)? }),
        (Some("/init"), b, _) => Ok(Command::Init { who: who.into(), bonus: b.and_then(|b| b.parse().ok()).unwrap_or(0) }),
        (Some("/poison"), Some(t), Some(r)) => Ok(Command::Apply { target: t.into(), cond: Condition::Poisoned { rounds: r.parse().unwrap_or(1) } }),
        (Some("/stun"), Some(t), _) => Ok(Command::Apply { target: t.into(), cond: Condition::Stunned }),
        (Some("/conc"), Some(t), Some(_)) => Ok(Command::Apply { target: t.into(), cond: Condition::Concentrating { spell: words_rest(line, 2) } }),
        (Some("/next"), ..) => Ok(Command::Next),
        _ => Err(BotError::Syntax(line.into())),
    }
}

fn words_rest(line: &str, skip: usize) -> String { line.split_whitespace().skip(skip).collect::<Vec<_>>().join(" ") }

trait DiceSource {
    async fn roll_die(&self, sides: u8) -> u8;
    async fn roll(&self, e: DiceExpr) -> (i32, Vec<u8>) {
        let mut faces = Vec::with_capacity(e.count as usize);
        for _ in 0..e.count { faces.push(self.roll_die(e.sides).await); }
        let mut sorted = faces.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let kept = e.keep_high.map(|k| k as usize).unwrap_or(sorted.len());
        (sorted[..kept.min(sorted.len())].iter().map(|&f| f as i32).sum::<i32>() + e.modifier as i32, faces)
    }
}

struct Xorshift { state: RefCell<u64> }
struct TableDice { called_out: RefCell<VecDeque<u8>> }

impl DiceSource for Xorshift {
    async fn roll_die(&self, sides: u8) -> u8 {
        let mut s = self.state.borrow_mut();
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        (*s % sides as u64) as u8 + 1
    }
}
impl DiceSource for TableDice {
    async fn roll_die(&self, sides: u8) -> u8 {
        yield_now().await; // waiting for the player to call out the physical roll
        self.called_out.borrow_mut().pop_front().unwrap_or(1).clamp(1, sides)
    }
}

#[derive(Default)]
struct Encounter { order: VecDeque<(String, i32)>, conditions: HashMap<String, Vec<Condition>>, round: u32, log: Vec<String> }

async fn handle<D: DiceSource>(dice: &D, enc: &Rc<RefCell<Encounter>>, who: &str, line: &str) -> Result<(), BotError> {
    let cmd = parse_command(who, line)?;
    let msg = match cmd {
        Command::Roll { who, expr } => {
            let (total, faces) = dice.roll(expr).await;
            format!("{who} rolls {line:?}: {faces:?} = {total}")
        }
        Command::Init { who, bonus } => {
            let (total, _) = dice.roll(DiceExpr { count: 1, sides: 20, keep_high: None, modifier: bonus }).await;
            let mut e = enc.borrow_mut();
            let pos = e.order.iter().position(|(_, v)| *v < total).unwrap_or(e.order.len());
            e.order.insert(pos, (who.clone(), total));
            format!("{who} initiative {total}")
        }
        Command::Apply { target, cond } => {
            let mut e = enc.borrow_mut();
            if !e.order.iter().any(|(n, _)| *n == target) { return Err(BotError::NotInCombat(target)); }
            e.conditions.entry(target.clone()).or_default().push(cond.clone());
            format!("{target} is now {cond:?}")
        }
        Command::Next => {
            yield_now().await;
            let mut e = enc.borrow_mut();
            e.order.rotate_left(1);
            if e.order.front().map(|f| f.1) == e.order.iter().map(|f| f.1).max() { e.round += 1; }
            let Some((active, _)) = e.order.front().cloned() else { return Ok(()) };
            let round = e.round;
            let conds = e.conditions.entry(active.clone()).or_default();
            conds.retain_mut(|c| match c {
                Condition::Poisoned { rounds } if *rounds > 1 => { *rounds -= 1; true }
                Condition::Poisoned { .. } | Condition::Stunned => false,
                Condition::Concentrating { .. } => true,
            });
            format!("round {round} - {active}'s turn, conditions {conds:?}")
        }
    };
    enc.borrow_mut().log.push(msg);
    Ok(())
}

fn main() {
    let rng = Xorshift { state: RefCell::new(0x2545F4914F6CDD1D) };
    let table = TableDice { called_out: RefCell::new(VecDeque::from([17, 4, 12, 20, 3])) };
    let enc = Rc::new(RefCell::new(Encounter::default()));
    let script: [(&str, &str, bool); 12] = [
        ("Mira", "/init 3", false), ("Goblin", "/init 2", false), ("Thorn", "/init 1", true), ("Ogre", "/init -1", false),
        ("DM", "/poison Thorn 2", false), ("DM", "/stun Goblin", false), ("Mira", "/conc Mira hold person", false),
        ("Mira", "/r 4d6kh3+1", false), ("Thorn", "/r adv", true), ("DM", "/r 50d6", false), ("DM", "/stun Bystander", false), ("DM", "/dance", false),
    ];
    for (who, line, physical) in script {
        let res = if physical { block_on(handle(&table, &enc, who, line)) } else { block_on(handle(&rng, &enc, who, line)) };
        if let Err(e) = res { println!("bot: {who}: {e:?}"); }
    }
    let advance = async || {
        for _ in 0..5 { handle(&rng, &enc, "DM", "/next").await?; }
        Ok::<_, BotError>(enc.borrow().round)
    };
    let rounds = block_on(advance());
    for l in &enc.borrow().log { println!("{l}"); }
    let raw = block_on(table.roll_die(6));
    println!("rounds {rounds:?}, raw table die {raw}, order {:?}", enc.borrow().order.iter().map(|o| &o.0).collect::<Vec<_>>());
}
