//! What-if boxing: laying a file out as if some awaits were `Box::pin(..).await`, without
//! editing it.
//!
//! In: a [`BoxPlan`] in the [`Options`](crate::Options) (`--box-await LINE[:COL]`,
//! `--box-over BYTES`). Out: nothing by itself: the layout stage reads the plan, gives each
//! chosen awaitee the layout of a `Pin<Box<..>>` (one pointer), changes its type to that, and
//! records a [`BoxedAwait`] in the future, with the size of the heap allocation the box would
//! make. This module parses the plan and finds the awaits it names.

use crate::analysis::{Analysis, FutureAnalysis};
use crate::diagnostics::Span;
use crate::graph::StateId;

/// Which awaits to treat as boxed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoxPlan {
    /// The awaits at these places (`--box-await`).
    pub awaits: Vec<AwaitAt>,
    /// Every awaitee bigger than this many bytes, or infinitely big (`--box-over`). The
    /// futures are laid out awaitees first, so an awaitee is measured after the boxing inside
    /// it: only what is still too big gets boxed.
    pub over: Option<u64>,
}

impl BoxPlan {
    pub fn is_empty(&self) -> bool {
        self.awaits.is_empty() && self.over.is_none()
    }
}

/// An await named on the command line: `LINE` (every await on that line) or `LINE:COL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwaitAt {
    pub line: u32,
    /// The column of the `await` keyword, as futurelens prints it (`line 26:30`).
    pub column: Option<u32>,
}

impl AwaitAt {
    /// Parses `LINE` or `LINE:COL` (1-based).
    pub fn parse(text: &str) -> Result<AwaitAt, String> {
        let number = |s: &str| -> Result<u32, String> {
            match s.trim().parse::<u32>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!("`{text}` is not LINE or LINE:COL (for example `14` or `14:31`)")),
            }
        };
        match text.split_once(':') {
            Some((line, column)) => Ok(AwaitAt { line: number(line)?, column: Some(number(column)?) }),
            None => Ok(AwaitAt { line: number(text)?, column: None }),
        }
    }

    /// Whether the await whose `await` keyword is at `span` is this one. The column may also
    /// be that of the `.` before the keyword.
    pub fn matches(&self, span: Span) -> bool {
        span.line == self.line && self.column.is_none_or(|c| c == span.column || c + 1 == span.column)
    }
}

impl std::fmt::Display for AwaitAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(c) => write!(f, "{}:{c}", self.line),
            None => write!(f, "{}", self.line),
        }
    }
}

/// Why an await was boxed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxedBecause {
    /// It was named with `--box-await`.
    Named,
    /// Its awaitee was bigger than `--box-over` (or infinitely big).
    Over(u64),
}

/// An await the plan boxed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoxedAwait {
    pub state: StateId,
    /// The `await` keyword.
    pub span: Span,
    /// The awaited expression.
    pub expr: String,
    /// The awaitee's type before boxing.
    pub inline_ty: String,
    /// The bytes of the heap allocation: the awaited future's size (after the plan's other
    /// boxing); `None` when that size is not known.
    pub heap_size: Option<u64>,
    /// The awaitee's size in the layout without boxing, as far as this layout saw it: `None`
    /// when it was not measured (a named await) or is not known.
    pub inline_size: Option<u64>,
    pub because: BoxedBecause,
}

/// The awaits of the analysis that `at` names: `(future, state, span)`, in file order.
pub fn awaits_at(analysis: &Analysis, at: AwaitAt) -> Vec<(String, StateId, Span)> {
    let mut found = Vec::new();
    for f in &analysis.futures {
        for s in f.suspend_states() {
            if let Some(site) = &s.await_site
                && at.matches(site.span)
            {
                found.push((f.name.clone(), s.id, site.span));
            }
        }
    }
    found.sort_by_key(|(_, _, span)| (span.line, span.column));
    found
}

/// The places of every await of a future, `LINE:COL`, for messages.
pub fn await_places(future: &FutureAnalysis) -> Vec<String> {
    future
        .suspend_states()
        .filter_map(|s| s.await_site.as_ref().map(|a| format!("{}:{}", a.span.line, a.span.column)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_columns() {
        assert_eq!(AwaitAt::parse("14"), Ok(AwaitAt { line: 14, column: None }));
        assert_eq!(AwaitAt::parse("14:31"), Ok(AwaitAt { line: 14, column: Some(31) }));
        assert!(AwaitAt::parse("0").is_err());
        assert!(AwaitAt::parse("x:3").is_err());
        assert!(AwaitAt::parse("3:").is_err());
    }

    #[test]
    fn matches_the_keyword_or_the_dot() {
        let span = Span { line: 7, column: 30, ..Span::default() };
        assert!(AwaitAt { line: 7, column: None }.matches(span));
        assert!(AwaitAt { line: 7, column: Some(30) }.matches(span));
        assert!(AwaitAt { line: 7, column: Some(29) }.matches(span));
        assert!(!AwaitAt { line: 7, column: Some(18) }.matches(span));
        assert!(!AwaitAt { line: 8, column: None }.matches(span));
    }
}
