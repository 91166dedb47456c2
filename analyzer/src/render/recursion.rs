//! The words of unboxed recursion (rustc's error E0733): a cycle as a sentence, the fix, and
//! the diagnostic each infinite future gets.
//!
//! In: a [`Recursion`] the recursion stage found (the cycle, the path to it, whether it is
//! certain, which future is the cycle's first). Out: sentences such as
//!
//! ```text
//! `ping` awaits `pong` at line 35, `pong` awaits `ping` at line 43
//! ```
//!
//! and the [`Diagnostic`] the recursion stage attaches to the future: an error on the cycle's
//! first future, a note on every other.

use crate::analysis::FutureAnalysis;
use crate::diagnostics::Diagnostic;
use crate::recursion::{Recursion, Step};

use super::graph_view::kind_text;

/// `ping awaits pong` or `ping keeps pong's future in f`.
fn step_text(step: &Step) -> String {
    match &step.awaited {
        Some(_) => format!("`{}` awaits `{}` at line {}", step.from, step.to, step.span.line),
        None => format!("`{}` keeps a `{}` future in `{}` at line {}", step.from, step.to, step.field, step.span.line),
    }
}

/// The cycle in one sentence: "`ping` awaits `pong` at line 35, `pong` awaits `ping` at line 43".
pub fn cycle_text(cycle: &[Step]) -> String {
    cycle.iter().map(step_text).collect::<Vec<_>>().join(", ")
}

/// The fix for a cycle of the futures of `file`: box its first await.
pub fn fix_text(cycle: &[Step], file: &str) -> String {
    match cycle.iter().find(|s| s.awaited.is_some()) {
        Some(step) => format!(
            "put `Box::pin(..)` around one await of the cycle, such as `Box::pin({}).await` at line {} \
             (allowed since Rust 1.77): the future then keeps a pointer and allocates the awaited future \
             on the heap; `futurelens compare {file}::{} --box-await {}` shows the sizes it would have",
            step.awaited.as_deref().unwrap_or(".."),
            step.span.line,
            step.from,
            step.span.line
        ),
        None => "box the future held on the cycle: `Box::pin(..)` (allowed since Rust 1.77)".to_string(),
    }
}

/// The note of a future whose cycle goes through a call typed by its name alone.
fn guessed(f: &FutureAnalysis, recursion: &Recursion) -> Diagnostic {
    if let Some(step) = &recursion.macro_boxed {
        return Diagnostic::note(
            format!(
                "the size of `{}` is not known: `{}`, which it reaches at line {}, is under `#[async_recursion]` \
                 or `#[async_trait]`, whose expansion boxes its future; futurelens does not expand macros \
                 and lays it out inline",
                f.name, step.to, step.span.line
            ),
            Some(step.span),
        );
    }
    let guess = recursion.path.iter().chain(&recursion.cycle).find(|s| !s.certain);
    let what = match guess {
        Some(Step { awaited: Some(expr), to, span, .. }) => {
            format!("futurelens takes `{expr}` (line {}) to be `{to}` by its name alone", span.line)
        }
        Some(Step { field, to, span, .. }) => {
            format!("futurelens takes `{field}` (line {}) to hold a `{to}` future by a name alone", span.line)
        }
        None => "a type futurelens does not follow makes it contain itself".to_string(),
    };
    let cycle = if recursion.cycle.is_empty() { String::new() } else { format!(" ({})", cycle_text(&recursion.cycle)) };
    Diagnostic::note(
        format!(
            "the size of `{}` is not known: {what}, and that would make it contain itself{cycle}; \
             if the file compiles, that call is another fn's",
            f.name
        ),
        guess.map(|s| s.span).or(Some(f.span)),
    )
}

/// What an infinite future `f` is told: rustc's error E0733 with the fix when it is the first
/// of a certain cycle, else a note saying why its size is infinite or unknown; `file` is the
/// file's name, for the command the fix suggests.
pub fn diagnostic(f: &FutureAnalysis, recursion: &Recursion, file: &str) -> Diagnostic {
    let kind = kind_text(f.kind);
    let cannot = format!("an {kind} cannot contain itself: the future would be infinitely large");
    if !recursion.certain {
        return guessed(f, recursion);
    }
    match (recursion.on_cycle, recursion.cycle.first(), recursion.path.first()) {
        (true, Some(first), _) if recursion.first_of_cycle => {
            let label = if recursion.cycle.len() == 1 {
                "recursive call here".to_string()
            } else {
                format!("`{}` awaits `{}` here", first.from, first.to)
            };
            let mut d = Diagnostic::error(format!("recursion in an {kind} requires boxing"), Some(first.span))
                .with_code("E0733")
                .with_label(label);
            for (k, step) in recursion.cycle.iter().enumerate().skip(1) {
                let back = if k + 1 == recursion.cycle.len() { ", back to the start" } else { "" };
                d = d.with_related(step.span, format!("...which awaits `{}` here{back}", step.to));
            }
            d.with_note(cannot)
                .with_note(format!("the cycle: {}", cycle_text(&recursion.cycle)))
                .with_help(fix_text(&recursion.cycle, file))
        }
        (true, Some(first), _) => Diagnostic::note(
            format!(
                "the size of `{}` is infinite: it is on the cycle {} (rustc error E0733)",
                f.name,
                cycle_text(&recursion.cycle)
            ),
            Some(first.span),
        ),
        (false, _, Some(first)) => {
            let target = recursion.path.last().map(|s| s.to.as_str()).unwrap_or("");
            Diagnostic::note(
                format!(
                    "the size of `{}` is infinite too: {}, and `{target}` contains itself (rustc error E0733)",
                    f.name,
                    cycle_text(&recursion.path)
                ),
                Some(first.span),
            )
        }
        _ => Diagnostic::note(
            format!(
                "the size of `{}` is infinite: it contains itself through a type futurelens does not follow \
                 (rustc error E0733)",
                f.name
            ),
            Some(f.span),
        ),
    }
}
