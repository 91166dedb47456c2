//! `futurelens trace`: a simulated run of a future, poll by poll, as text or JSON
//! (schema `futurelens-trace/1`).
//!
//! In: the future and its [`Trace`] (built by `crate::trace`). Out: a string, like this:
//!
//! ```text
//! poll 1  Unresumed → Suspend0  returns Poll::Pending
//!   runs lines 20-21
//!   writes `total` (line 20)
//!   line 21: `fetch(1)` polled → Pending
//!   suspends in Suspend0, keeping `total`, `__awaitee`
//! ```

use serde_json::{Value, json};

use super::Theme;
use crate::analysis::FutureAnalysis;
use crate::graph::StateId;
use crate::trace::{End, Outcome, Poll, Script, Step, Trace};

pub const SCHEMA: &str = "futurelens-trace/1";

/// Lines as ranges of consecutive runs: `12-14, 13-14`.
pub fn lines_text(lines: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, end)) if line == *end + 1 => *end = line,
            _ => runs.push((line, line)),
        }
    }
    let parts: Vec<String> =
        runs.iter().map(|(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
    format!("{} {}", if lines.len() == 1 { "line" } else { "lines" }, parts.join(", "))
}

fn outcome_text(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pending => "Pending",
        Outcome::Ready => "Ready",
    }
}

fn result_text(after: StateId) -> &'static str {
    match after {
        StateId::Returned => "Poll::Ready",
        StateId::Panicked => "panics",
        _ => "Poll::Pending",
    }
}

fn script_text(script: &Script) -> String {
    match &script.polls {
        None => "every await Pending once, then Ready".into(),
        Some(polls) => polls.iter().map(|o| if *o == Outcome::Pending { 'P' } else { 'R' }).collect(),
    }
}

pub fn render_text(future: &FutureAnalysis, trace: &Trace, script: &Script, theme: &Theme) -> String {
    let mut out =
        format!("{}  trace, script: {}\n", theme.paint(theme.heading, future.display_name()), script_text(script));
    for (i, poll) in trace.polls.iter().enumerate() {
        poll_text(&mut out, i + 1, poll, theme);
    }
    let polls = trace.polls.len();
    let end = match &trace.end {
        End::Returned => format!("ends in Returned after {polls} poll{}", if polls == 1 { "" } else { "s" }),
        End::Panicked { line } => format!("ends in Panicked: the body panics at line {line}"),
        End::ScriptRanOut { state, line } => {
            format!("the script ran out at the await at line {line} (Suspend{state}): add P or R to --polls to go on")
        }
        End::Loops { line } => format!(
            "stops: the path loops near line {line} without reaching an await; choose another way with --branch"
        ),
        End::TooLong { polls } => format!("stops after {polls} polls"),
    };
    out.push_str(&theme.paint(theme.heading, &end));
    out.push('\n');
    if trace.unused_polls > 0 {
        out.push_str(&format!(
            "note: the script's last {} entr{} were not used\n",
            trace.unused_polls,
            if trace.unused_polls == 1 { "y" } else { "ies" }
        ));
    }
    for line in &trace.unused_branches {
        out.push_str(&format!("note: --branch {line}=..: no fork on line {line}\n"));
    }
    out
}

fn poll_text(out: &mut String, n: usize, poll: &Poll, theme: &Theme) {
    out.push_str(&format!(
        "poll {n}  {} → {}  returns {}\n",
        theme.paint(theme.state, &poll.before.name()),
        theme.paint(theme.state, &poll.after.name()),
        result_text(poll.after)
    ));
    // What runs between two forks or awaits is one line: the lines, then the values touched.
    let mut segment = Segment::default();
    for step in &poll.steps {
        let text = match step {
            Step::Lines(lines) => {
                for line in lines {
                    if segment.lines.last() != Some(line) {
                        segment.lines.push(*line);
                    }
                }
                continue;
            }
            Step::Write { name, .. } => {
                segment.writes.push(format!("`{name}`"));
                continue;
            }
            Step::Move { name, .. } => {
                segment.moves.push(format!("`{name}`"));
                continue;
            }
            Step::Drop { name, .. } => {
                segment.drops.push(format!("`{name}`"));
                continue;
            }
            Step::Fork { line, taken, ways, label, chosen } => format!(
                "line {line} forks: takes way {taken} of {ways}{}{}",
                label.as_ref().map_or(String::new(), |l| format!(", `{l}`")),
                if *chosen {
                    " (--branch)".to_string()
                } else {
                    format!(" (the script does not settle it; --branch {line}=N chooses)")
                }
            ),
            Step::Await { state, line, expr, outcome } => format!(
                "line {line}: polls `{}` (Suspend{state}'s awaitee) → {}",
                super::shorten(expr, 40),
                outcome_text(*outcome)
            ),
            Step::Return { line } => format!("returns its value (line {line})"),
            Step::Panic { line } => format!("panics (line {line})"),
        };
        segment.flush(out);
        out.push_str("  ");
        out.push_str(&text);
        out.push('\n');
    }
    segment.flush(out);
    if let StateId::Suspend(s) = poll.after {
        let kept: Vec<String> = poll.kept.iter().map(|k| format!("`{k}`")).collect();
        out.push_str(&format!(
            "  suspends in Suspend{s}, keeping {} (and the upvars)\n",
            if kept.is_empty() { "nothing else".to_string() } else { kept.join(", ") }
        ));
    }
}

/// The code run between two forks or awaits.
#[derive(Default)]
struct Segment {
    lines: Vec<u32>,
    writes: Vec<String>,
    moves: Vec<String>,
    drops: Vec<String>,
}

impl Segment {
    fn flush(&mut self, out: &mut String) {
        if self.lines.is_empty() && self.writes.is_empty() && self.moves.is_empty() && self.drops.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        if !self.lines.is_empty() {
            parts.push(format!("runs {}", lines_text(&self.lines)));
        }
        for (verb, names) in [("writes", &self.writes), ("moves", &self.moves), ("drops", &self.drops)] {
            if !names.is_empty() {
                parts.push(format!("{verb} {}", names.join(", ")));
            }
        }
        out.push_str(&format!("  {}\n", parts.join("; ")));
        *self = Segment::default();
    }
}

pub fn render_json(future: &FutureAnalysis, trace: &Trace, script: &Script) -> String {
    let end = match &trace.end {
        End::Returned => json!({"kind": "returned"}),
        End::Panicked { line } => json!({"kind": "panicked", "line": line}),
        End::ScriptRanOut { state, line } => {
            json!({"kind": "script_ran_out", "state": format!("Suspend{state}"), "line": line})
        }
        End::Loops { line } => json!({"kind": "loops", "line": line}),
        End::TooLong { polls } => json!({"kind": "too_long", "polls": polls}),
    };
    let doc = json!({
        "schema": SCHEMA,
        "future": future.display_name(),
        "script": script_text(script),
        "polls": trace.polls.iter().map(|p| json!({
            "before": p.before.name(),
            "after": p.after.name(),
            "returns": result_text(p.after),
            "steps": p.steps.iter().map(step_json).collect::<Vec<_>>(),
            "kept": p.kept,
        })).collect::<Vec<_>>(),
        "end": end,
        "unused_branches": trace.unused_branches,
        "unused_polls": trace.unused_polls,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn step_json(step: &Step) -> Value {
    match step {
        Step::Lines(lines) => json!({"kind": "lines", "lines": lines}),
        Step::Write { name, line } => json!({"kind": "write", "value": name, "line": line}),
        Step::Move { name, line } => json!({"kind": "move", "value": name, "line": line}),
        Step::Drop { name, line } => json!({"kind": "drop", "value": name, "line": line}),
        Step::Fork { line, taken, ways, label, chosen } => {
            json!({"kind": "fork", "line": line, "taken": taken, "ways": ways, "label": label, "chosen": chosen})
        }
        Step::Await { state, line, expr, outcome } => json!({
            "kind": "await", "state": format!("Suspend{state}"), "line": line, "expr": expr,
            "outcome": outcome_text(*outcome),
        }),
        Step::Return { line } => json!({"kind": "return", "line": line}),
        Step::Panic { line } => json!({"kind": "panic", "line": line}),
    }
}
