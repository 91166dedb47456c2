//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a county elections office that collects precinct ballot uploads and runs a ranked-choice instant-runoff tally.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield {
    first: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.first {
            self.first = false;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

async fn yield_now() {
    Yield { first: true }.await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

type Ballot = Vec<u8>; // candidate indices, most preferred first

#[derive(Debug)]
enum TallyError {
    Corrupt { precinct: u16, line: usize },
    OverVote { precinct: u16, ballot: usize },
    DuplicateUpload(u16),
}

#[derive(Debug, Clone, PartialEq)]
enum RoundOutcome {
    Winner(u8, u32),
    Eliminated(Vec<u8>),
    Exhausted,
}

async fn parse_upload(precinct: u16, body: &str, candidates: usize) -> Result<Vec<Ballot>, TallyError> {
    let mut ballots = Vec::new();
    for (line, raw) in body.lines().enumerate() {
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with("--") {
            continue;
        }
        let mut ranks: Ballot = Vec::with_capacity(candidates);
        let mut seen = HashSet::new();
        for tok in raw.split('>') {
            let tok = tok.trim();
            if tok == "_" {
                continue; // skipped rank
            }
            let Ok(c) = tok.parse::<u8>() else {
                return Err(TallyError::Corrupt { precinct, line });
            };
            if c as usize >= candidates {
                return Err(TallyError::Corrupt { precinct, line });
            }
            if !seen.insert(c) {
                return Err(TallyError::OverVote { precinct, ballot: line });
            }
            ranks.push(c);
        }
        ballots.push(ranks);
        if line % 4 == 0 {
            yield_now().await;
        }
    }
    Ok(ballots)
}

async fn instant_runoff(ballots: &[Ballot], names: &[&str], log: &mut String) -> Vec<RoundOutcome> {
    let mut eliminated: HashSet<u8> = HashSet::new();
    let mut rounds = Vec::new();
    'rounds: for round in 1.. {
        let mut counts: BTreeMap<u8, u32> = (0..names.len() as u8).filter(|c| !eliminated.contains(c)).map(|c| (c, 0)).collect();
        let mut exhausted = 0u32;
        for b in ballots {
            match b.iter().find(|c| !eliminated.contains(c)) {
                Some(c) => *counts.get_mut(c).unwrap() += 1,
                None => exhausted += 1,
            }
        }
        yield_now().await;
        let active: u32 = counts.values().sum();
        write!(log, "round {round}:").unwrap();
        for (c, n) in &counts {
            write!(log, " {}={n}", names[*c as usize]).unwrap();
        }
        writeln!(log, " (exhausted {exhausted})").unwrap();
        if active == 0 {
            rounds.push(RoundOutcome::Exhausted);
            break 'rounds;
        }
        let (&leader, &top) = counts.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))).unwrap();
        let min = *counts.values().min().unwrap();
        let outcome = match (top, counts.len()) {
            (t, _) if t * 2 > active => RoundOutcome::Winner(leader, t),
            (_, 1) => RoundOutcome::Winner(leader, top),
            (_, n) if counts.values().all(|v| *v == min) && n > 1 => {
                // full tie: eliminate highest index by lot rule
                RoundOutcome::Eliminated(vec![*counts.keys().last().unwrap()])
            }
            _ => RoundOutcome::Eliminated(counts.iter().filter(|(_, n)| **n == min).map(|(c, _)| *c).collect()),
        };
        let done = matches!(outcome, RoundOutcome::Winner(..));
        if let RoundOutcome::Eliminated(out) = &outcome {
            eliminated.extend(out.iter().copied());
        }
        rounds.push(outcome);
        yield_now().await;
        if done {
            break;
        }
    }
    rounds
}

pub fn main() {
    let names = ["Alvarez", "Brooks", "Chen", "Diallo"];
    let uploads: Vec<(u16, &'static str)> = vec![
        (11, "0>2>1\n0>2\n1>0\n2>1>0\n3>2\n-- end of tape"),
        (12, "1>0>2\n1>2\n2>0\n3>1>2\n0\n2>_>1"),
        (13, "2>1\n3>2>0\n1>3\n0>1>2>3"),
        (12, "0\n0\n0"),
        (14, "1>1>0"),
        (15, "2>9"),
    ];

    let mut received: HashSet<u16> = HashSet::new();
    let mut pending: Vec<Pin<Box<dyn Future<Output = Result<(u16, Vec<Ballot>), TallyError>>>>> = Vec::new();
    for (precinct, body) in uploads {
        if !received.insert(precinct) {
            pending.push(Box::pin(async move { Err(TallyError::DuplicateUpload(precinct)) }));
            continue;
        }
        pending.push(Box::pin(async move {
            let ballots = parse_upload(precinct, body, names.len()).await?;
            Ok((precinct, ballots))
        }));
    }

    let mut log = String::new();
    let (by_precinct, problems, rounds) = block_on(async {
        let mut by_precinct: HashMap<u16, usize> = HashMap::new();
        let mut all: Vec<Ballot> = Vec::new();
        let mut problems = Vec::new();
        for fut in pending {
            match fut.await {
                Ok((p, ballots)) => {
                    by_precinct.insert(p, ballots.len());
                    all.extend(ballots);
                }
                Err(TallyError::OverVote { precinct, ballot }) => problems.push(format!("precinct {precinct}: overvote on ballot {ballot}, sent to adjudication")),
                Err(e) => problems.push(format!("{e:?}")),
            }
        }
        let rounds = instant_runoff(&all, &names, &mut log).await;
        (by_precinct, problems, rounds)
    });

    print!("{log}");
    let mut precincts: Vec<_> = by_precinct.into_iter().collect();
    precincts.sort_unstable();
    println!("ballots by precinct: {precincts:?}");
    for p in &problems {
        println!("problem: {p}");
    }
    match rounds.last() {
        Some(RoundOutcome::Winner(c, votes)) => println!("winner: {} with {votes} votes after {} rounds", names[*c as usize], rounds.len()),
        Some(other) => println!("no winner: {other:?}"),
        None => println!("no rounds run"),
    }
    let empty = block_on(async {
        let mut l = String::new();
        instant_runoff(&[], &names[..2], &mut l).await
    });
    println!("empty contest: {empty:?}");
}
