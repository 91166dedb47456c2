//! The output of `futurelens compare`: two layouts of a future side by side.
//!
//! In: a [`Comparison`]. Out: text such as
//!
//! ```text
//! walk: sample-programs/19_recursion.rs → sample-programs/20_recursion_boxed.rs
//!   before  sample-programs/19_recursion.rs:23  infinite: it contains itself (rustc error E0733)
//!   after   sample-programs/20_recursion_boxed.rs:23  56 B, align 8 (estimate)
//!   total   ∞ → 56 B  (finite now)
//!                                                            before  after  delta
//!   Suspend1  line 26:30  walk(child).await                       ∞   55 B  finite
//!     local  __awaitee  {async fn body of walk()}                 ∞    8 B  finite
//!                       after: Pin<Box<{async fn body of walk()}>>
//! ```
//!
//! then, for what-if boxing, what each boxed await costs on the heap; or the JSON document
//! `futurelens-compare/1`, where a size is a number of bytes, `"infinite"`, or `null` (unknown).

use std::fmt::Write;

use serde_json::{Value, json};

use crate::boxing::BoxedBecause;
use crate::comparison::{BoxedRow, Comparison, Delta, FieldRow, Side, Size, StateRow, delta};

use super::{Theme, shorten, size_text};

pub const SCHEMA: &str = "futurelens-compare/1";

fn size_cell(size: Option<Size>) -> String {
    match size {
        Some(Size::Bytes(n)) => size_text(n),
        Some(Size::Infinite) => "∞".into(),
        Some(Size::Unknown) => "?".into(),
        None => "—".into(),
    }
}

fn delta_cell(before: Option<Size>, after: Option<Size>) -> String {
    let (Some(a), Some(b)) = (before, after) else { return String::new() };
    match delta(a, b) {
        Delta::Bytes(0) => "0".into(),
        Delta::Bytes(d) if d > 0 => format!("+{}", size_text(d.unsigned_abs())),
        Delta::Bytes(d) => format!("-{}", size_text(d.unsigned_abs())),
        Delta::Finite => "finite".into(),
        Delta::Infinite => "infinite".into(),
        Delta::Same => "∞ both".into(),
        Delta::Unknown => "?".into(),
    }
}

fn side_text(side: &Side) -> String {
    match side.size {
        Size::Bytes(n) => {
            let align = side.align.map(|a| format!(", align {a}")).unwrap_or_default();
            format!("{}{align} ({})", size_text(n), side.source)
        }
        Size::Infinite => "infinite: it contains itself (rustc error E0733)".into(),
        Size::Unknown => "size unknown (see `futurelens analyze` for the types it does not know)".into(),
    }
}

/// `(-16 408 B, 411× smaller)` after the totals.
fn total_change(before: Size, after: Size) -> String {
    match (before, after, delta(before, after)) {
        (Size::Bytes(a), Size::Bytes(b), Delta::Bytes(d)) if d != 0 && a > 0 && b > 0 => {
            let (big, small, word) = if a > b { (a, b, "smaller") } else { (b, a, "bigger") };
            let ratio = big as f64 / small as f64;
            let ratio = if ratio < 10.0 { format!("{ratio:.1}") } else { format!("{ratio:.0}") };
            format!("  ({}, {ratio}× {word})", delta_cell(Some(before), Some(after)))
        }
        (_, _, Delta::Bytes(0)) => "  (no change)".into(),
        (_, _, Delta::Finite) => "  (finite now: the recursion is boxed)".into(),
        (_, _, Delta::Infinite) => "  (infinite now)".into(),
        _ => String::new(),
    }
}

/// A line of the table: a label, then the before, after and delta columns.
struct Row {
    label: String,
    is_state: bool,
    cells: [String; 3],
    /// The after side's type, when it differs from the before side's.
    retyped: Option<String>,
}

fn rows(c: &Comparison) -> Vec<Row> {
    let name_w = c.states.iter().flat_map(|s| &s.fields).map(|f| f.name.chars().count()).max().unwrap_or(0).min(24);
    let mut out = Vec::new();
    for state in &c.states {
        out.push(state_row(state));
        if matches!(state.name.as_str(), "Returned" | "Panicked") {
            continue;
        }
        for field in &state.fields {
            out.push(field_row(field, name_w));
        }
    }
    out
}

fn state_row(state: &StateRow) -> Row {
    let label = match (&state.await_site, state.name.as_str()) {
        (Some(site), _) => {
            format!("  {}  line {}:{}  {}.await", state.name, site.span.line, site.span.column, shorten(&site.expr, 32))
        }
        (None, "Returned" | "Panicked") => format!("  {}  upvars only", state.name),
        (None, "Unresumed") => format!("  {}  not polled yet", state.name),
        (None, _) => format!("  {}", state.name),
    };
    Row {
        label,
        is_state: true,
        cells: [size_cell(state.before), size_cell(state.after), delta_cell(state.before, state.after)],
        retyped: None,
    }
}

fn field_row(field: &FieldRow, name_w: usize) -> Row {
    let role = if field.upvar { "upvar" } else { "local" };
    let ty = field.before.as_ref().or(field.after.as_ref()).map(|s| s.ty.clone()).unwrap_or_default();
    let retyped = match (&field.before, &field.after) {
        (Some(a), Some(b)) if a.ty != b.ty => Some(b.ty.clone()),
        _ => None,
    };
    let (before, after) = (field.before.as_ref().map(|s| s.size), field.after.as_ref().map(|s| s.size));
    Row {
        label: format!("    {role}  {:<name_w$}  {}", field.name, shorten(&ty, 40)),
        is_state: false,
        cells: [size_cell(before), size_cell(after), delta_cell(before, after)],
        retyped,
    }
}

pub fn render_text(c: &Comparison, theme: &Theme) -> String {
    let mut out = String::new();
    let what_if = c.what_if;
    let title = if what_if {
        format!("{}: as written → as if boxed", c.before.future)
    } else if c.before.future == c.after.future {
        format!("{}: {} → {}", c.before.future, c.before.file, c.after.file)
    } else {
        format!("{} ({}) → {} ({})", c.before.future, c.before.file, c.after.future, c.after.file)
    };
    let _ = writeln!(out, "{}", theme.paint(theme.heading, &title));
    let _ = writeln!(out, "  before  {}:{}  {}", c.before.file, c.before.line, side_text(&c.before));
    let boxed = if what_if { "  as if boxed" } else { "" };
    let _ = writeln!(out, "  after   {}:{}  {}{boxed}", c.after.file, c.after.line, side_text(&c.after));
    let total = format!(
        "{} → {}{}",
        size_cell(Some(c.before.size)),
        size_cell(Some(c.after.size)),
        total_change(c.before.size, c.after.size)
    );
    let _ = writeln!(out, "  total   {}", theme.paint(theme.size, &total));
    let rows = rows(c);
    let label_w = rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0);
    let heads = ["before", "after", "delta"];
    let widths: Vec<usize> = (0..3)
        .map(|k| rows.iter().map(|r| r.cells[k].chars().count()).chain([heads[k].len()]).max().unwrap_or(0))
        .collect();
    let head = format!(
        "{:label_w$}  {:>w0$}  {:>w1$}  {:>w2$}",
        "",
        heads[0],
        heads[1],
        heads[2],
        w0 = widths[0],
        w1 = widths[1],
        w2 = widths[2]
    );
    let _ = writeln!(out, "{}", theme.paint(theme.dim, head.trim_end()));
    for row in &rows {
        let label = format!("{:<label_w$}", row.label);
        let label = if row.is_state { theme.paint(theme.state, &label) } else { label };
        let line = format!(
            "{label}  {:>w0$}  {:>w1$}  {:>w2$}",
            row.cells[0],
            row.cells[1],
            row.cells[2],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
        let _ = writeln!(out, "{}", line.trim_end());
        if let Some(ty) = &row.retyped {
            let indent = row.label.chars().take_while(|c| *c == ' ').count() + 7;
            let _ = writeln!(
                out,
                "{}{}",
                " ".repeat(indent),
                theme.paint(theme.ty, &format!("after: {}", shorten(ty, 60)))
            );
        }
    }
    if rows.iter().any(|r| r.cells.iter().any(|c| c == "?")) {
        let note = "? not known: that side has no byte layout (it is infinitely big, or holds a type of unknown size)";
        let _ = writeln!(out, "  {}", theme.paint(theme.dim, note));
    }
    if !c.boxed.is_empty() {
        let _ = writeln!(out, "  {}", theme.paint(theme.heading, "what boxing costs"));
        for b in &c.boxed {
            for line in boxed_text(b) {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out
}

fn boxed_text(row: &BoxedRow) -> Vec<String> {
    let b = &row.boxed;
    let why = match b.because {
        BoxedBecause::Named => format!("--box-await {}", b.span.line),
        BoxedBecause::Over(n) => match row.before {
            Size::Infinite => format!("--box-over {n}: the awaitee is infinitely big"),
            _ => format!("--box-over {n}: the awaitee is over {}", size_text(n)),
        },
    };
    let pointer = match row.after {
        Size::Bytes(n) => format!("one {n}-byte pointer"),
        _ => "one pointer".into(),
    };
    let was = match (row.before, b.inline_size) {
        (Size::Bytes(n), _) | (_, Some(n)) => format!(" instead of the {} future inline", size_text(n)),
        (Size::Infinite, None) => " instead of the infinitely big future inline".into(),
        (Size::Unknown, None) => String::new(),
    };
    let heap = match b.heap_size {
        Some(n) => format!("one heap allocation of {}", size_text(n)),
        None => "one heap allocation (of a size not known)".into(),
    };
    vec![
        format!(
            "line {}:{}  `{}.await` in {}, {} ({why})",
            b.span.line,
            b.span.column,
            shorten(&b.expr, 40),
            row.future,
            b.state.name()
        ),
        format!("  `{}` keeps {pointer} (`Pin<Box<..>>`){was};", row.future),
        format!("  each time this await is reached, `Box::pin` makes {heap} for `{}`", shorten(&b.inline_ty, 48)),
    ]
}

fn size_json(size: Size) -> Value {
    match size {
        Size::Bytes(n) => json!(n),
        Size::Infinite => json!("infinite"),
        Size::Unknown => Value::Null,
    }
}

fn delta_json(before: Size, after: Size) -> Value {
    match delta(before, after) {
        Delta::Bytes(d) => json!(d as i64),
        Delta::Finite => json!("finite"),
        Delta::Infinite => json!("infinite"),
        Delta::Same | Delta::Unknown => Value::Null,
    }
}

fn side_json(side: &Side) -> Value {
    json!({
        "file": side.file,
        "future": side.future,
        "line": side.line,
        "size": size_json(side.size),
        "align": side.align,
        "size_source": side.source,
    })
}

pub fn render_json(c: &Comparison) -> String {
    let states: Vec<Value> = c
        .states
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "await": s.await_site.as_ref().map(|a| json!({"line": a.span.line, "column": a.span.column, "expr": a.expr})),
                "before": s.before.map(|x| json!({"size": size_json(x)})),
                "after": s.after.map(|x| json!({"size": size_json(x)})),
                "delta": match (s.before, s.after) { (Some(a), Some(b)) => delta_json(a, b), _ => Value::Null },
                "fields": s.fields.iter().map(|f| json!({
                    "role": if f.upvar { "upvar" } else { "local" },
                    "name": f.name,
                    "before": f.before.as_ref().map(|x| json!({"type": x.ty, "size": size_json(x.size)})),
                    "after": f.after.as_ref().map(|x| json!({"type": x.ty, "size": size_json(x.size)})),
                    "delta": match (&f.before, &f.after) { (Some(a), Some(b)) => delta_json(a.size, b.size), _ => Value::Null },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let boxed: Vec<Value> = c
        .boxed
        .iter()
        .map(|row| {
            let b = &row.boxed;
            json!({
                "future": row.future,
                "state": b.state.name(),
                "line": b.span.line,
                "column": b.span.column,
                "expr": b.expr,
                "inline_type": b.inline_ty,
                "before": size_json(row.before),
                "after": size_json(row.after),
                "heap_allocation": b.heap_size,
                "because": match b.because { BoxedBecause::Named => json!("box_await"), BoxedBecause::Over(_) => json!("box_over") },
                "over": match b.because { BoxedBecause::Over(n) => json!(n), BoxedBecause::Named => Value::Null },
            })
        })
        .collect();
    let doc = json!({
        "schema": SCHEMA,
        "what_if": c.what_if,
        "before": side_json(&c.before),
        "after": side_json(&c.after),
        "delta": delta_json(c.before.size, c.after.size),
        "states": states,
        "boxed": boxed,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
