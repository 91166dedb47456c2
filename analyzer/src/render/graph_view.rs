//! What every picture of the state graph shows, decided once for all graph formats.
//!
//! In: a [`FutureAnalysis`] (its states and [`StateGraph`](crate::graph::StateGraph)) and
//! [`GraphOptions`]. Out: a [`FutureView`]: nodes with their display lines and edges with their
//! display labels, in id order, `Panicked` left out unless asked for. The DOT, SVG, Mermaid and
//! terminal renderers only lay this out, so the four formats always say the same thing:
//!
//! ```text
//! Suspend0                                  (title)
//! line 26: try_send(attempts).await         (the await)
//! attempts: u32 · 4 B                       (each saved value, size when known)
//! Suspend0 → Returned  "Ready, if try_send(attempts).await" lines 26-30
//! ```

use crate::analysis::{Field, FutureAnalysis, Role, State};
use crate::graph::{EarlyExit, StateId, Transition, TransitionKind};
use crate::ir::FutureKind;
use crate::ty::Ty;

use super::{shorten, size_text};

/// The direction the graph grows in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RankDir {
    #[default]
    TopBottom,
    LeftRight,
}

impl RankDir {
    pub fn as_dot(self) -> &'static str {
        match self {
            RankDir::TopBottom => "TB",
            RankDir::LeftRight => "LR",
        }
    }
}

/// The colour scheme of a picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GraphTheme {
    #[default]
    Light,
    Dark,
    /// Black on white, no fills: for printing and for projectors that wash colours out.
    Mono,
}

/// How to draw the graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GraphOptions {
    pub rankdir: RankDir,
    pub theme: GraphTheme,
    /// State names only: no awaits, saved values or edge labels beyond the branch.
    pub compact: bool,
    /// Draw `Panicked` and the unwinding edges into it (dashed).
    pub show_panic: bool,
}

/// Longest source text in a label before it is shortened with `…`.
pub const EXPR_MAX: usize = 40;
/// Longest type in a node label.
pub const TYPE_MAX: usize = 40;
/// Most saved values listed in one node; the rest are counted.
pub const FIELDS_MAX: usize = 6;

/// One future's graph, ready to draw.
#[derive(Clone, Debug)]
pub struct FutureView {
    pub name: String,
    /// `async fn, line 22`.
    pub caption: String,
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
}

#[derive(Clone, Debug)]
pub struct NodeView {
    pub id: StateId,
    pub title: String,
    /// What the state means: `line 26: try_send(attempts).await`, `not polled yet`, ...
    pub subtitle: Option<String>,
    /// The values the state keeps: `attempts: u32 · 4 B`.
    pub rows: Vec<String>,
    /// `size 16 B`, when the analysis knows it.
    pub size: Option<String>,
}

impl NodeView {
    /// Every line of the node's label, title first.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.title.clone()];
        lines.extend(self.subtitle.clone());
        lines.extend(self.rows.iter().cloned());
        lines.extend(self.size.clone());
        lines
    }
}

/// What an edge is, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeStyle {
    /// A first poll or a resume that goes forward.
    Forward,
    /// A resume that loops back to the same or an earlier await.
    BackEdge,
    /// A `return` or `?` that leaves the body early.
    EarlyExit,
    /// The awaited future returned `Pending`: the state stays.
    Pending,
    /// A panic unwinds into `Panicked` (drawn dashed).
    Panic,
}

#[derive(Clone, Debug)]
pub struct EdgeView {
    pub from: StateId,
    pub to: StateId,
    pub kind: TransitionKind,
    pub style: EdgeStyle,
    /// The first label line: `Ready, if cell == 0: return`.
    pub text: String,
    /// The source lines the edge runs, `lines 62-66`, when any (left out by `--compact`).
    pub lines: Option<String>,
}

impl EdgeView {
    /// The label's lines: the text, then the source lines if any.
    pub fn label_lines(&self) -> Vec<String> {
        let mut lines = vec![self.text.clone()];
        lines.extend(self.lines.clone());
        lines
    }

    /// The label on one line.
    pub fn one_line(&self) -> String {
        match &self.lines {
            Some(lines) => format!("{} ({lines})", self.text),
            None => self.text.clone(),
        }
    }
}

pub fn kind_text(kind: FutureKind) -> &'static str {
    match kind {
        FutureKind::AsyncFn => "async fn",
        FutureKind::AsyncBlock => "async block",
        FutureKind::AsyncClosure => "async closure",
    }
}

/// The view of one future.
pub fn view(f: &FutureAnalysis, options: &GraphOptions) -> FutureView {
    let shown = |id: StateId| options.show_panic || id != StateId::Panicked;
    let mut nodes: Vec<NodeView> =
        f.graph.states().filter(|id| shown(*id)).map(|id| node(f.state(id), id, options)).collect();
    // Awaits in rustc's numbering, then the final states, as in the layout.
    nodes.sort_by_key(|n| order(n.id));
    let mut edges: Vec<EdgeView> =
        f.graph.transitions().filter(|t| shown(t.from) && shown(t.to)).map(|t| edge(f, t, options)).collect();
    edges.sort_by_key(|e| (order(e.from), e.kind == TransitionKind::Panic, order(e.to)));
    let mut caption = format!("{}, line {}", kind_text(f.kind), f.span.line);
    if let Some(unknown) = unknown_note(f) {
        caption.push_str(" · ");
        caption.push_str(&unknown);
    }
    FutureView { name: f.name.clone(), caption, nodes, edges }
}

/// Said once per future, instead of a `?` per field: which called names the file does not
/// define, so that the types of their futures (and of what they return) are not known.
pub fn unknown_note(f: &FutureAnalysis) -> Option<String> {
    let unknown = f.states.iter().flat_map(|s| &s.fields).any(|x| x.ty == Ty::Unknown);
    if !unknown {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for state in &f.states {
        let Some(site) = &state.await_site else { continue };
        let awaitee_unknown = state.fields.iter().any(|x| x.role == Role::Awaitee && x.ty == Ty::Unknown);
        let callee: String = site.expr.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        if awaitee_unknown
            && !callee.is_empty()
            && site.expr[callee.len()..].starts_with('(')
            && !names.contains(&callee)
        {
            names.push(callee);
        }
    }
    let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Some(match listed.as_slice() {
        [] => "unknown: some types are not known from the source".to_string(),
        [one] => format!("unknown: {one} is not defined in this file"),
        [init @ .., last] => format!("unknown: {} and {last} are not defined in this file", init.join(", ")),
    })
}

/// Numbers of five digits or more in a text grouped by thousands, as sizes are:
/// `[u8; 16384]` reads `[u8; 16 384]`.
pub fn group_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<u128>() {
            Ok(n) if digits.len() >= 5 && !digits.starts_with('0') => out.push_str(&super::grouped(n)),
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    let mut prev_ident = false;
    for c in text.chars() {
        if c.is_ascii_digit() && (!digits.is_empty() || !prev_ident) {
            digits.push(c);
            continue;
        }
        flush(&mut digits, &mut out);
        prev_ident = c.is_alphanumeric() || c == '_';
        out.push(c);
    }
    flush(&mut digits, &mut out);
    out
}

/// Drawing order: `Unresumed`, `Suspend0..N`, `Returned`, `Panicked`.
pub fn order(id: StateId) -> (u32, u32) {
    match id {
        StateId::Unresumed => (0, 0),
        StateId::Suspend(n) => (1, n),
        StateId::Returned => (2, 0),
        StateId::Panicked => (3, 0),
    }
}

fn node(state: Option<&State>, id: StateId, options: &GraphOptions) -> NodeView {
    let title = id.name();
    if options.compact {
        return NodeView { id, title, subtitle: None, rows: Vec::new(), size: None };
    }
    let subtitle = match (state.and_then(|s| s.await_site.as_ref()), id) {
        (Some(site), _) => {
            Some(format!("line {}:{}: {}.await", site.span.line, site.span.column, shorten(&site.expr, EXPR_MAX)))
        }
        (None, StateId::Unresumed) => Some("not polled yet".to_string()),
        (None, StateId::Returned) => Some("completed".to_string()),
        (None, StateId::Panicked) => Some("a poll panicked".to_string()),
        (None, StateId::Suspend(_)) => None,
    };
    // Upvars are in every state; they are listed once, in `Unresumed`.
    let fields: Vec<&Field> = match id {
        StateId::Unresumed => state.map(|s| s.fields.iter().collect()).unwrap_or_default(),
        StateId::Suspend(_) => {
            state.map(|s| s.fields.iter().filter(|f| f.role != Role::Upvar).collect()).unwrap_or_default()
        }
        StateId::Returned | StateId::Panicked => Vec::new(),
    };
    let mut rows: Vec<String> = Vec::new();
    // A suspended state keeps the upvars too: one row names them, so the rows add up.
    let upvars: Vec<&Field> = match id {
        StateId::Suspend(_) => state.map(|s| s.fields.iter().filter(|f| f.role == Role::Upvar).collect()),
        _ => None,
    }
    .unwrap_or_default();
    if !upvars.is_empty() {
        let names: Vec<&str> = upvars.iter().map(|u| u.name.as_str()).collect();
        rows.push(with_size(format!("upvars: {}", shorten(&names.join(", "), EXPR_MAX)), total(&upvars)));
    }
    rows.extend(fields.iter().take(FIELDS_MAX).map(|field| row(field)));
    if fields.len() > FIELDS_MAX {
        let rest = &fields[FIELDS_MAX..];
        rows.push(with_size(format!("… {} more", rest.len()), total(rest)));
    }
    if fields.is_empty() && matches!(id, StateId::Suspend(_)) {
        rows.push("(nothing saved)".to_string());
    }
    // The bytes between the fields, so that the rows add up to the size below them.
    if let (Some(state), StateId::Unresumed | StateId::Suspend(_)) = (state, id) {
        let all: Vec<&Field> = state.fields.iter().collect();
        if let (Some(size), Some(used)) = (state.size, total(&all))
            && size > used
        {
            rows.push(format!("padding · {}", size_text(size - used)));
        }
    }
    let size = state.and_then(|s| s.size).map(|bytes| format!("size {}", size_text(bytes)));
    NodeView { id, title, subtitle, rows, size }
}

/// The bytes of some fields, when every one is known.
fn total(fields: &[&Field]) -> Option<u64> {
    fields.iter().map(|f| f.size).sum()
}

fn with_size(text: String, size: Option<u64>) -> String {
    match size {
        Some(bytes) => format!("{text} · {}", size_text(bytes)),
        None => text,
    }
}

fn row(field: &Field) -> String {
    // An unknown type is said once for the future (see `unknown_note`), not per field.
    let text = if field.ty == Ty::Unknown {
        field.name.clone()
    } else {
        format!("{}: {}", field.name, group_numbers(&shorten(&field.ty.to_string(), TYPE_MAX)))
    };
    with_size(text, field.size)
}

/// The branch that decides a transition out of a state, in the words every output uses (the
/// graphs and `analyze`'s transitions): `if c`, `!c` (the `else` of `if c`, written or not),
/// `ids exhausted` (the end of `for id in ids`), `Err(_)`; `None` when every path takes it,
/// and for `Pending` and panic edges.
pub fn branch_label(t: &Transition) -> Option<String> {
    match t.kind {
        TransitionKind::Start | TransitionKind::Resume => t.branch.as_deref().map(|b| shorten(b, EXPR_MAX)),
        TransitionKind::Pending | TransitionKind::Panic => None,
    }
}

/// How a transition leaves the body early: `return`, or `? returns`.
pub fn exit_label(t: &Transition) -> Option<&'static str> {
    match t.early_exit? {
        EarlyExit::Return => Some("return"),
        EarlyExit::Question => Some("? returns"),
    }
}

/// The branch and the early exit as one label: `if c: return`, `!c`, `return`.
pub fn decision_label(t: &Transition) -> Option<String> {
    match (branch_label(t), exit_label(t)) {
        (Some(branch), Some(exit)) => Some(format!("{branch}: {exit}")),
        (Some(branch), None) => Some(branch),
        (None, exit) => exit.map(str::to_string),
    }
}

fn edge(f: &FutureAnalysis, t: &Transition, options: &GraphOptions) -> EdgeView {
    let style = match t.kind {
        TransitionKind::Pending => EdgeStyle::Pending,
        TransitionKind::Panic => EdgeStyle::Panic,
        TransitionKind::Start | TransitionKind::Resume if t.early_exit.is_some() => EdgeStyle::EarlyExit,
        TransitionKind::Start | TransitionKind::Resume if t.back_edge => EdgeStyle::BackEdge,
        TransitionKind::Start | TransitionKind::Resume => EdgeStyle::Forward,
    };
    let mut text = match (t.kind, branch_label(t)) {
        (TransitionKind::Pending, _) => "Pending".to_string(),
        (TransitionKind::Panic, _) => "panic (unwind)".to_string(),
        (TransitionKind::Start, Some(b)) => b,
        (TransitionKind::Start, None) => "first poll".to_string(),
        (TransitionKind::Resume, Some(b)) => format!("Ready, {b}"),
        (TransitionKind::Resume, None) => "Ready".to_string(),
    };
    if let Some(exit) = exit_label(t) {
        text.push_str(": ");
        text.push_str(exit);
    }
    let waits_at = f.state(t.from).and_then(|s| s.await_site.as_ref());
    let lines = match (t.lines.first(), t.lines.last()) {
        _ if options.compact => None,
        _ if t.kind == TransitionKind::Pending => {
            waits_at.map(|w| format!("waits at line {}:{}", w.span.line, w.span.column))
        }
        (Some(a), Some(b)) if a == b => Some(format!("line {a}")),
        (Some(a), Some(b)) => Some(format!("lines {a}-{b}")),
        _ => None,
    };
    EdgeView { from: t.from, to: t.to, kind: t.kind, style, text, lines }
}

/// A colour scheme: `#rrggbb` strings for every element of a picture.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub dim_text: &'static str,
    pub border: &'static str,
    pub unresumed: &'static str,
    pub suspend: &'static str,
    pub returned: &'static str,
    pub panicked: &'static str,
    pub forward: &'static str,
    pub back_edge: &'static str,
    pub early_exit: &'static str,
    pub pending: &'static str,
    pub panic: &'static str,
}

impl Palette {
    pub fn of(theme: GraphTheme) -> Palette {
        match theme {
            GraphTheme::Light => Palette {
                background: "#ffffff",
                text: "#1a1a1a",
                dim_text: "#555555",
                border: "#444444",
                unresumed: "#e3f2e1",
                suspend: "#dbe9f7",
                returned: "#eeeeee",
                panicked: "#f9dcdc",
                forward: "#333333",
                back_edge: "#1f5fbf",
                early_exit: "#c25400",
                pending: "#777777",
                panic: "#b00020",
            },
            GraphTheme::Dark => Palette {
                background: "#1e1e1e",
                text: "#eeeeee",
                dim_text: "#bbbbbb",
                border: "#cccccc",
                unresumed: "#2d4a2b",
                suspend: "#23405e",
                returned: "#3a3a3a",
                panicked: "#5c2626",
                forward: "#dddddd",
                back_edge: "#7fb2ff",
                early_exit: "#ffa14d",
                pending: "#999999",
                panic: "#ff6b6b",
            },
            GraphTheme::Mono => Palette {
                background: "#ffffff",
                text: "#000000",
                dim_text: "#000000",
                border: "#000000",
                unresumed: "#ffffff",
                suspend: "#ffffff",
                returned: "#ffffff",
                panicked: "#ffffff",
                forward: "#000000",
                back_edge: "#000000",
                early_exit: "#000000",
                pending: "#000000",
                panic: "#000000",
            },
        }
    }

    pub fn fill(&self, id: StateId) -> &'static str {
        match id {
            StateId::Unresumed => self.unresumed,
            StateId::Suspend(_) => self.suspend,
            StateId::Returned => self.returned,
            StateId::Panicked => self.panicked,
        }
    }

    pub fn edge(&self, style: EdgeStyle) -> &'static str {
        match style {
            EdgeStyle::Forward => self.forward,
            EdgeStyle::BackEdge => self.back_edge,
            EdgeStyle::EarlyExit => self.early_exit,
            EdgeStyle::Pending => self.pending,
            EdgeStyle::Panic => self.panic,
        }
    }
}
