//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a lighthouse automation unit that parses a light's published character, drives the flash sequence and fails over to standby lamps.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Sleep {
    left: u64,
}

impl Future for Sleep {
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

fn sleep(d: Duration) -> Sleep {
    Sleep { left: (d.as_millis() / 500) as u64 }
}

#[derive(Debug, Clone, PartialEq)]
enum Character {
    Fixed,
    Flash { groups: u8 },
    Occulting { groups: u8 },
    Isophase,
    Morse(char),
}

#[derive(Debug, Clone, PartialEq)]
struct LightSpec {
    character: Character,
    colour: char,
    period: Duration,
    range_nm: u8,
}

#[derive(Debug)]
enum SpecError {
    Unknown(String),
    Period(std::num::ParseFloatError),
    Groups(std::num::ParseIntError),
}

impl From<std::num::ParseFloatError> for SpecError {
    fn from(e: std::num::ParseFloatError) -> Self {
        SpecError::Period(e)
    }
}
impl From<std::num::ParseIntError> for SpecError {
    fn from(e: std::num::ParseIntError) -> Self {
        SpecError::Groups(e)
    }
}

#[derive(Debug)]
struct Lamp {
    serial: String,
    hours: u32,
    rated_hours: u32,
    standby: Option<Box<Lamp>>,
}

impl Lamp {
    fn failing(&self) -> bool {
        self.hours >= self.rated_hours
    }
}

async fn parse_spec(text: &str) -> Result<LightSpec, SpecError> {
    let mut parts = text.split_whitespace();
    let head = parts.next().ok_or_else(|| SpecError::Unknown(text.into()))?;
    let (kind, groups) = match head.split_once('(') {
        Some((k, g)) => (k, Some(g.trim_end_matches(')'))),
        None => (head, None),
    };
    sleep(Duration::from_millis(500)).await;
    let character = match (kind, groups) {
        ("F", None) => Character::Fixed,
        ("Fl", None) => Character::Flash { groups: 1 },
        ("Fl", Some(g)) => Character::Flash { groups: g.parse()? },
        ("Oc", g) => Character::Occulting { groups: g.map(str::parse).transpose()?.unwrap_or(1) },
        ("Iso", _) => Character::Isophase,
        ("Mo", Some(g)) if g.len() == 1 => Character::Morse(g.chars().next().unwrap()),
        (other, _) => return Err(SpecError::Unknown(other.to_string())),
    };
    let colour = parts.next().and_then(|c| c.chars().next()).unwrap_or('W');
    let period_s: f64 = parts.next().unwrap_or("0s").trim_end_matches('s').parse()?;
    let range_nm = parts.next().map(|r| r.trim_end_matches('M').parse()).transpose()?.unwrap_or(10);
    sleep(Duration::from_millis(500)).await;
    Ok(LightSpec { character, colour, period: Duration::from_secs_f64(period_s), range_nm })
}

fn sequence(spec: &LightSpec) -> Vec<(bool, Duration)> {
    let on = |ms| (true, Duration::from_millis(ms));
    let off = |ms| (false, Duration::from_millis(ms));
    let mut seq = match &spec.character {
        Character::Fixed => vec![on(spec.period.as_millis().max(1000) as u64)],
        Character::Flash { groups } => (0..*groups).flat_map(|_| [on(500), off(1000)]).collect(),
        Character::Occulting { groups } => (0..*groups).flat_map(|_| [off(1000), on(1500)]).collect(),
        Character::Isophase => vec![on(spec.period.as_millis() as u64 / 2)],
        Character::Morse(c) => {
            let code = match c {
                'A' => ".-",
                'U' => "..-",
                _ => "...",
            };
            code.chars().flat_map(|s| [on(if s == '.' { 500 } else { 1500 }), off(500)]).collect()
        }
    };
    let used: Duration = seq.iter().map(|(_, d)| *d).sum();
    if let Some(rest) = spec.period.checked_sub(used) {
        seq.push((false, rest));
    }
    seq
}

async fn run_cycles(spec: &LightSpec, lamp: Arc<Mutex<Lamp>>, cycles: u32) -> Result<u32, String> {
    let seq = sequence(spec);
    let mut lit_ms = 0u64;
    for cycle in 0..cycles {
        for (lit, dur) in &seq {
            let mut guard = lamp.lock().unwrap();
            if *lit {
                guard.hours += 1;
                if guard.failing() {
                    let failed = std::mem::replace(&mut guard.serial, String::new());
                    match guard.standby.take() {
                        Some(spare) => {
                            *guard = *spare;
                            drop(guard);
                            sleep(Duration::from_millis(1000)).await;
                            println!("cycle {cycle}: lamp {failed} failed, standby in service");
                            continue;
                        }
                        None => return Err(format!("lamp {failed} failed with no standby at cycle {cycle}")),
                    }
                }
                lit_ms += dur.as_millis() as u64;
            }
            sleep(*dur).await;
            drop(guard);
        }
    }
    Ok((lit_ms / 1000) as u32)
}

impl fmt::Display for LightSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {} {:?} {}M", self.character, self.colour, self.period, self.range_nm)
    }
}

pub fn main() {
    let published = ["Fl(3) W 15s 22M", "Oc R 6s 9M", "Mo(U) W 15s 17M", "Iso G 4s", "Q W 1s", "Fl(x) W 5s", "F Y"];
    let specs: HashMap<&str, Result<LightSpec, SpecError>> = published.iter().map(|p| (*p, block_on(parse_spec(p)))).collect();
    let mut ok: VecDeque<(&str, LightSpec)> = VecDeque::new();
    for p in published {
        match &specs[p] {
            Ok(spec) if spec.period.is_zero() => println!("{p}: accepted but period missing"),
            Ok(spec) => ok.push_back((p, spec.clone())),
            Err(SpecError::Unknown(k)) => println!("{p}: unknown character {k:?}"),
            Err(e) => println!("{p}: {e:?}"),
        }
    }

    let lamp = Arc::new(Mutex::new(Lamp {
        serial: "H-1001".into(),
        hours: 0,
        rated_hours: 5,
        standby: Some(Box::new(Lamp { serial: "H-1002".into(), hours: 0, rated_hours: 7, standby: None })),
    }));
    while let Some((name, spec)) = ok.pop_front() {
        let res = block_on(run_cycles(&spec, Arc::clone(&lamp), 2));
        println!("{name} -> {spec}: {res:?}");
    }
    let keeper_log = async move || -> String {
        sleep(Duration::from_millis(1500)).await;
        let l = lamp.lock().unwrap();
        format!("in service {} at {}h, standby fitted: {}", l.serial, l.hours, l.standby.is_some())
    };
    println!("{}", block_on(keeper_log()));
}
