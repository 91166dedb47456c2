//! A simulated run of one future, poll by poll.
//!
//! In: an analysed future and a script: for each await reached, in order, whether the awaited
//! future returns `Pending` (`P`) or `Ready` (`R`) (with no script, every await is `Pending`
//! once, then `Ready`), and the branch to take at given lines. Out: a [`Trace`]: each `poll`
//! with the state before and after, the lines run, the forks and which way was taken, the
//! values written, moved and dropped, what the state keeps when it suspends, and how the run
//! ended (`Returned`, or where the script ran out).
//!
//! Where the path forks on data the script does not settle, the first visit of a fork takes its
//! first way and each later visit the next one (so a loop runs its body once, then leaves);
//! `--branch LINE=N` picks the N-th way (from 1) at every visit of the fork on that line.

use std::collections::BTreeMap;

use crate::analysis::FutureAnalysis;
use crate::graph::StateId;
use crate::ir::{BlockId, Body, LocalKind, StmtKind, Terminator};

/// What the awaited future returns when polled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Ready,
}

/// The script of a trace.
#[derive(Clone, Debug, Default)]
pub struct Script {
    /// `None`: every await is `Pending` once, then `Ready`.
    pub polls: Option<Vec<Outcome>>,
    /// The way (from 1) to take at the fork on a line.
    pub branches: BTreeMap<u32, usize>,
}

impl Script {
    /// Reads `PPRPR`; an error names the first character that is neither `P` nor `R`.
    pub fn parse_polls(text: &str) -> Result<Vec<Outcome>, String> {
        text.chars()
            .enumerate()
            .map(|(i, c)| match c.to_ascii_uppercase() {
                'P' => Ok(Outcome::Pending),
                'R' => Ok(Outcome::Ready),
                _ => Err(format!("`{c}` (character {}) is neither P (Pending) nor R (Ready)", i + 1)),
            })
            .collect()
    }

    /// Reads `LINE=N` (N from 1).
    pub fn parse_branch(text: &str) -> Result<(u32, usize), String> {
        let (line, n) = text.split_once('=').ok_or_else(|| format!("`{text}` is not LINE=N"))?;
        let line: u32 = line.trim().parse().map_err(|_| format!("`{line}` is not a line number"))?;
        let n: usize = n.trim().parse().map_err(|_| format!("`{n}` is not a number"))?;
        if n == 0 {
            return Err("ways are numbered from 1".into());
        }
        Ok((line, n))
    }
}

#[derive(Clone, Debug)]
pub struct Trace {
    pub polls: Vec<Poll>,
    pub end: End,
    /// `--branch` lines with no fork on them.
    pub unused_branches: Vec<u32>,
    /// Entries of the script left when the run ended.
    pub unused_polls: usize,
}

#[derive(Clone, Debug)]
pub struct Poll {
    pub before: StateId,
    pub after: StateId,
    pub steps: Vec<Step>,
    /// The values the state keeps when the poll returns `Pending` (upvars left out).
    pub kept: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Source lines run, in order, consecutive repeats merged.
    Lines(Vec<u32>),
    Write {
        name: String,
        line: u32,
    },
    Move {
        name: String,
        line: u32,
    },
    Drop {
        name: String,
        line: u32,
    },
    /// A fork on data: the way taken (from 1), of how many, its label, and whether the script
    /// chose it.
    Fork {
        line: u32,
        taken: usize,
        ways: usize,
        label: Option<String>,
        chosen: bool,
    },
    /// An awaited future polled, and what it returned.
    Await {
        state: u32,
        line: u32,
        expr: String,
        outcome: Outcome,
    },
    Return {
        line: u32,
    },
    Panic {
        line: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    Returned,
    Panicked {
        line: u32,
    },
    /// The script has no entry for this await.
    ScriptRanOut {
        state: u32,
        line: u32,
    },
    /// One poll ran too many blocks without reaching an await: a loop the forks never leave.
    Loops {
        line: u32,
    },
    /// Too many polls.
    TooLong {
        polls: usize,
    },
}

const MAX_BLOCKS_PER_POLL: usize = 10_000;
const MAX_POLLS: usize = 1_000;

/// Runs the future under the script.
pub fn trace(future: &FutureAnalysis, script: &Script) -> Trace {
    let body = &future.body;
    let mut run =
        Run { body, script, next: 0, visits: BTreeMap::new(), used_branches: Vec::new(), moved: Default::default() };
    let mut polls = Vec::new();
    // Where the next poll starts: the entry, or a suspended await and its resume block.
    let mut at: Option<(u32, BlockId, u32, String)> = None;
    let end = loop {
        if polls.len() >= MAX_POLLS {
            break End::TooLong { polls: polls.len() };
        }
        let before = at.as_ref().map_or(StateId::Unresumed, |(n, ..)| StateId::Suspend(*n));
        let mut steps = Vec::new();
        let start = match &at {
            None => Some(Body::ENTRY),
            Some((n, resume, line, expr)) => match run.outcome(true) {
                None => break End::ScriptRanOut { state: *n, line: *line },
                Some(outcome) => {
                    steps.push(Step::Await { state: *n, line: *line, expr: expr.clone(), outcome });
                    (outcome == Outcome::Ready).then_some(*resume)
                }
            },
        };
        let flow = match (start, &at) {
            (Some(block), _) => run.walk(block, &mut steps),
            // The awaited future is still pending: the state stays where it is.
            (None, Some(suspended)) => Flow::Pending(suspended.clone()),
            // The first poll always starts at the entry.
            (None, None) => Flow::Loops(future.span.line),
        };
        match flow {
            Flow::Pending((n, resume, line, expr)) => {
                let kept = kept(future, n);
                polls.push(Poll { before, after: StateId::Suspend(n), steps, kept });
                at = Some((n, resume, line, expr));
            }
            Flow::Returned => {
                polls.push(Poll { before, after: StateId::Returned, steps, kept: Vec::new() });
                break End::Returned;
            }
            Flow::Panicked(line) => {
                polls.push(Poll { before, after: StateId::Panicked, steps, kept: Vec::new() });
                break End::Panicked { line };
            }
            Flow::RanOut(n, line) => {
                polls.push(Poll { before, after: before, steps, kept: Vec::new() });
                break End::ScriptRanOut { state: n, line };
            }
            Flow::Loops(line) => {
                polls.push(Poll { before, after: before, steps, kept: Vec::new() });
                break End::Loops { line };
            }
        }
    };
    let unused_branches = script.branches.keys().filter(|l| !run.used_branches.contains(l)).copied().collect();
    let unused_polls = script.polls.as_ref().map_or(0, |p| p.len().saturating_sub(run.next));
    Trace { polls, end, unused_branches, unused_polls }
}

/// The names of what Suspend`n` keeps, upvars left out.
fn kept(future: &FutureAnalysis, n: u32) -> Vec<String> {
    future
        .state(StateId::Suspend(n))
        .map(|s| s.fields.iter().filter(|f| f.role != crate::analysis::Role::Upvar).map(|f| f.name.clone()).collect())
        .unwrap_or_default()
}

enum Flow {
    /// Suspended at await `n`: its resume block, line and expression.
    Pending((u32, BlockId, u32, String)),
    Returned,
    Panicked(u32),
    RanOut(u32, u32),
    Loops(u32),
}

struct Run<'a> {
    body: &'a Body,
    script: &'a Script,
    /// The next entry of the script.
    next: usize,
    /// How often each fork has been taken.
    visits: BTreeMap<BlockId, usize>,
    used_branches: Vec<u32>,
    /// Locals moved out and not written since: their drop does nothing.
    moved: std::collections::BTreeSet<crate::ir::LocalId>,
}

impl Run<'_> {
    /// What the awaited future returns on this poll of it; `repoll`: polled again from its
    /// suspended state (with no script, `Ready`), not reached for the first time (`Pending`).
    fn outcome(&mut self, repoll: bool) -> Option<Outcome> {
        match &self.script.polls {
            None => Some(if repoll { Outcome::Ready } else { Outcome::Pending }),
            Some(polls) => {
                let outcome = polls.get(self.next).copied();
                self.next += 1;
                outcome
            }
        }
    }

    fn name(&self, local: crate::ir::LocalId) -> Option<String> {
        let l = self.body.local(local);
        match &l.kind {
            LocalKind::Binding | LocalKind::ArgCopy => Some(l.name.clone()),
            _ => None,
        }
    }

    fn walk(&mut self, mut block: BlockId, steps: &mut Vec<Step>) -> Flow {
        let mut lines: Vec<u32> = Vec::new();
        let flush = |lines: &mut Vec<u32>, steps: &mut Vec<Step>| {
            if !lines.is_empty() {
                steps.push(Step::Lines(std::mem::take(lines)));
            }
        };
        let push_line = |lines: &mut Vec<u32>, line: u32| {
            if line != 0 && lines.last() != Some(&line) {
                lines.push(line);
            }
        };
        let mut last_written: Option<crate::ir::LocalId> = None;
        for _ in 0..MAX_BLOCKS_PER_POLL {
            let b = self.body.block(block);
            for stmt in &b.stmts {
                push_line(&mut lines, stmt.line);
                let event = match stmt.kind {
                    StmtKind::Assign(l) => {
                        self.moved.remove(&l);
                        self.name(l).map(|name| Step::Write { name, line: stmt.line })
                    }
                    StmtKind::Move(l) => {
                        self.moved.insert(l);
                        self.name(l).map(|name| Step::Move { name, line: stmt.line })
                    }
                    StmtKind::Drop(l) if !self.moved.contains(&l) => {
                        self.name(l).map(|name| Step::Drop { name, line: stmt.line })
                    }
                    _ => None,
                };
                // An arm of `let x = match ..` writes `x`, and so does the `let`: one write.
                let written = match stmt.kind {
                    StmtKind::Assign(l) => Some(l),
                    _ => None,
                };
                let repeated =
                    written.is_some() && written == last_written && matches!(steps.last(), Some(Step::Write { .. }));
                if event.is_some() {
                    last_written = written;
                }
                if let Some(event) = event.filter(|_| !repeated) {
                    flush(&mut lines, steps);
                    steps.push(event);
                }
            }
            push_line(&mut lines, b.line);
            match &b.terminator {
                Terminator::Goto(target) => block = *target,
                Terminator::Branch(edges) if edges.len() == 1 => block = edges[0].target,
                Terminator::Branch(edges) if edges.is_empty() => {
                    flush(&mut lines, steps);
                    return Flow::Loops(b.line);
                }
                Terminator::Branch(edges) => {
                    let visits = self.visits.entry(block).or_insert(0);
                    let (taken, chosen) = match self.script.branches.get(&b.line) {
                        Some(n) => {
                            self.used_branches.push(b.line);
                            ((*n).min(edges.len()), true)
                        }
                        None => ((*visits + 1).min(edges.len()), false),
                    };
                    *visits += 1;
                    flush(&mut lines, steps);
                    steps.push(Step::Fork {
                        line: b.line,
                        taken,
                        ways: edges.len(),
                        label: edges[taken - 1].label.clone(),
                        chosen,
                    });
                    block = edges[taken - 1].target;
                }
                Terminator::Await { suspend, resume } => {
                    let s = &self.body.suspends[suspend.index()];
                    let n = s.state.unwrap_or(0);
                    let line = s.span.line;
                    flush(&mut lines, steps);
                    match self.outcome(false) {
                        None => return Flow::RanOut(n, line),
                        Some(outcome) => {
                            steps.push(Step::Await { state: n, line, expr: s.expr.clone(), outcome });
                            if outcome == Outcome::Pending {
                                return Flow::Pending((n, *resume, line, s.expr.clone()));
                            }
                            block = *resume;
                        }
                    }
                }
                Terminator::Return => {
                    flush(&mut lines, steps);
                    steps.push(Step::Return { line: b.line });
                    return Flow::Returned;
                }
                Terminator::Diverge => {
                    flush(&mut lines, steps);
                    steps.push(Step::Panic { line: b.line });
                    return Flow::Panicked(b.line);
                }
            }
        }
        flush(&mut lines, steps);
        Flow::Loops(self.body.block(block).line)
    }
}
