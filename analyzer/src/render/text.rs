//! Text output: one block per future, states in rustc's order, each field with its type and
//! the reason it is kept.
//!
//! In: the analysis and the futures to show. Out: text such as
//!
//! ```text
//! two_awaits  async fn, line 16  →  String
//!   Unresumed  (discriminant 0)
//!     upvar  id         u32    argument
//!   Suspend0  (discriminant 3)  line 17:39  load_user(id).await
//!     upvar  id         u32    argument
//!     local  __awaitee  {async fn body of load_user()}  the future being awaited
//! ```

use std::fmt::Write;

use super::graph_view::kind_text;
use crate::analysis::{Analysis, FutureAnalysis, Role, State};
use crate::graph::{StateId, TransitionKind};

use super::{DEFAULT_WIDTH, Piece, Theme, flow, reason_text, shorten};

/// Futures at least this big get a line saying what makes them big: clippy's
/// `large_futures` threshold.
pub const DEFAULT_THRESHOLD: u64 = 16384;

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], theme: &Theme) -> String {
    render_with(analysis, futures, theme, DEFAULT_THRESHOLD, DEFAULT_WIDTH)
}

/// The text output, with the chain of what makes each future of at least `threshold` bytes
/// big, wrapped to `width` characters.
pub fn render_with(
    analysis: &Analysis,
    futures: &[&FutureAnalysis],
    theme: &Theme,
    threshold: u64,
    width: usize,
) -> String {
    let mut out = String::new();
    header(&mut out, analysis, theme);
    for f in futures {
        future(&mut out, analysis, f, theme, threshold, width);
    }
    out
}

/// The first line: the edition and the target.
pub fn header(out: &mut String, analysis: &Analysis, theme: &Theme) {
    let options = &analysis.options;
    let _ = writeln!(
        out,
        "{}",
        theme.paint(
            theme.dim,
            &format!(
                "edition {} ({}), {}-bit target",
                options.edition,
                options.edition_source.describe(),
                options.pointer_width
            )
        )
    );
}

/// One future's block, after a blank line, with what makes it big when it is at least
/// `threshold` bytes.
pub fn future(out: &mut String, analysis: &Analysis, f: &FutureAnalysis, theme: &Theme, threshold: u64, width: usize) {
    out.push('\n');
    block(out, analysis, f, theme, threshold, width);
}

fn block(out: &mut String, analysis: &Analysis, f: &FutureAnalysis, theme: &Theme, threshold: u64, width: usize) {
    let awaits = f.suspend_states().count();
    let _ = writeln!(
        out,
        "{}  {}, line {}  →  {}",
        theme.paint(theme.heading, f.display_name()),
        kind_text(f.kind),
        f.span.line,
        theme.paint(theme.ty, &f.output.to_string()),
    );
    let _ = writeln!(
        out,
        "  {} state{}: {}",
        f.states.len(),
        if f.states.len() == 1 { "" } else { "s" },
        f.states.iter().map(|s| s.id.name()).collect::<Vec<_>>().join(", ")
    );
    if awaits == 0 {
        let _ = writeln!(out, "  {}", theme.paint(theme.dim, "no .await: the future completes on its first poll"));
    }
    for s in &f.states {
        state(out, s, theme);
    }
    super::layout::section(out, analysis, f, theme);
    if let Some(chain) = f.chain.as_ref().filter(|c| c.size >= threshold) {
        let size = super::size_text(chain.size);
        let head = [
            Piece::plain("  "),
            Piece::new(theme.heading, "why so big"),
            Piece::plain("  "),
            Piece::new(theme.size, size),
        ];
        let links: Vec<Piece> = super::top::chain_links(chain).into_iter().map(Piece::plain).collect();
        let _ = writeln!(out, "{}", flow(theme, &head, &links, width));
    }
    transitions(out, f, theme);
    for d in &f.diagnostics {
        let style = match d.severity {
            crate::Severity::Error => theme.error,
            crate::Severity::Warning => theme.warning,
            crate::Severity::Note => theme.dim,
        };
        let at = d.span.map(|s| format!(" (line {})", s.line)).unwrap_or_default();
        let severity = match d.code {
            Some(code) => format!("{}[{code}]", d.severity.as_str()),
            None => d.severity.as_str().to_string(),
        };
        let _ = writeln!(out, "  {}: {}{at}", theme.paint(style, &severity), d.message);
    }
}

fn state(out: &mut String, s: &State, theme: &Theme) {
    let name = theme.paint(theme.state, &s.id.name());
    let mut header = format!("  {name}  (discriminant {})", s.id.discriminant());
    match (&s.await_site, s.id) {
        (Some(site), _) => {
            let _ = write!(header, "  line {}:{}  {}.await", site.span.line, site.span.column, shorten(&site.expr, 48));
        }
        (None, StateId::Unresumed) => header.push_str("  not polled yet"),
        (None, StateId::Returned) => header.push_str("  completed"),
        (None, StateId::Panicked) => header.push_str("  a poll panicked"),
        (None, StateId::Suspend(_)) => {}
    }
    let _ = writeln!(out, "{header}");
    if matches!(s.id, StateId::Returned | StateId::Panicked) {
        if !s.fields.is_empty() {
            let _ = writeln!(out, "    {}", theme.paint(theme.dim, "upvars only (as in Unresumed)"));
        }
        return;
    }
    let name_w = s.fields.iter().map(|f| f.name.chars().count()).max().unwrap_or(0).min(24);
    let ty_w = s.fields.iter().map(|f| f.ty.to_string().chars().count()).max().unwrap_or(0).min(36);
    for field in &s.fields {
        let role = match field.role {
            Role::Upvar => "upvar",
            Role::Local | Role::Awaitee | Role::Temporary | Role::DropFlag => "local",
        };
        let ty = shorten(&field.ty.to_string(), 36);
        let _ = writeln!(
            out,
            "    {role}  {}  {}  {}",
            theme.paint(theme.name, &format!("{:<name_w$}", field.name)),
            theme.paint(theme.ty, &format!("{ty:<ty_w$}")),
            theme.paint(theme.reason, &reason_text(&field.reason)),
        );
    }
    if s.fields.is_empty() {
        let _ = writeln!(out, "    {}", theme.paint(theme.dim, "(nothing stored)"));
    }
}

fn transitions(out: &mut String, f: &FutureAnalysis, theme: &Theme) {
    let _ = writeln!(out, "  {}", theme.paint(theme.heading, "transitions"));
    for t in f.graph.transitions() {
        if matches!(t.kind, TransitionKind::Pending | TransitionKind::Panic) {
            continue;
        }
        let lines = match (t.lines.first(), t.lines.last()) {
            (Some(a), Some(b)) if a == b => format!("line {a}"),
            (Some(a), Some(b)) => format!("lines {a}-{b}"),
            _ => String::new(),
        };
        let label = super::graph_view::decision_label(t).map(|l| format!("  [{l}]")).unwrap_or_default();
        let _ = writeln!(
            out,
            "    {} → {}  {}{}{label}",
            t.from.name(),
            t.to.name(),
            t.kind.as_str(),
            if lines.is_empty() { String::new() } else { format!(", {lines}") },
        );
    }
    if f.suspend_states().next().is_some() {
        let _ = writeln!(
            out,
            "    {}",
            theme.paint(
                theme.dim,
                "every SuspendN → itself while its future is Pending; any poll that panics → Panicked"
            )
        );
    }
}
