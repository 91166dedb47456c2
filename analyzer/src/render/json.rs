//! The JSON document of `--format json`, schema `futurelens/1` (see the JSON contract in the
//! project's docs: keys may be added, never renamed or removed).
//!
//! In: the analysis and the futures to show. Out: a pretty-printed JSON string.

use serde_json::{Value, json};

use crate::analysis::{Analysis, Field, FutureAnalysis, State};
use crate::diagnostics::Diagnostic;
use crate::liveness::Reason;

pub const SCHEMA: &str = "futurelens/1";

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis]) -> String {
    let mut out = serde_json::to_string_pretty(&document(analysis, futures)).unwrap_or_default();
    out.push('\n');
    out
}

/// The document as a JSON value (for callers that combine several files).
pub fn document(analysis: &Analysis, futures: &[&FutureAnalysis]) -> Value {
    let mut target = json!({
        "pointer_width": analysis.options.pointer_width,
        "panic": "unwind",
        "edition": analysis.options.edition.as_str(),
        "edition_source": analysis.options.edition_source.kind(),
    });
    // Present only for a 32-bit target: what its estimated sizes are worth.
    if let Some(note) = super::target_note(analysis.options.pointer_width) {
        target["note"] = json!(note);
    }
    json!({
        "schema": SCHEMA,
        "file": analysis.file,
        "target": target,
        "futures": futures.iter().map(|f| future(f)).collect::<Vec<_>>(),
        "diagnostics": analysis.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
    })
}

fn future(f: &FutureAnalysis) -> Value {
    let layout = f.layout.as_ref();
    let source = layout.map_or(crate::layout::SizeSource::Estimate, |l| l.source);
    let discriminant_size =
        layout.map_or_else(|| crate::layout::coroutine::tag_size(f.states.len()), |l| l.discriminant_size);
    let largest = layout.and_then(|l| l.largest).and_then(|(s, i)| {
        let state = f.states.get(s)?;
        let field = state.fields.get(i)?;
        Some(json!({"state": state.id.name(), "field": field.name, "size": field.size}))
    });
    let mut v = json!({
        "name": f.name,
        "instance": f.instance.as_ref().map(|i| i.display.clone()),
        "generic_args": f.instance.as_ref().map(|i| i.args.iter().map(|a| a.to_string()).collect::<Vec<_>>()),
        "generic": f.generic,
        "kind": f.kind.as_str(),
        "span": {"line": f.span.line, "column": f.span.column, "end_line": f.span.end_line, "end_column": f.span.end_column},
        "output": f.output.to_string(),
        "size": layout.map(|l| l.size),
        "align": layout.map(|l| l.align),
        "size_source": source.as_str(),
        "discriminant": {"size": discriminant_size, "offset": layout.and_then(|l| l.discriminant_offset)},
        "prefix_size": layout.and_then(|l| l.prefix_size),
        "largest_field": largest,
        "send": f.send.send,
        "not_send_because": f.send.not_send_because.as_ref().map(not_send),
        "states": f.states.iter().map(state).collect::<Vec<_>>(),
        "transitions": f.graph.transitions().map(|t| {
            let mut v = json!({
                "from": t.from.name(),
                "to": t.to.name(),
                "kind": t.kind.as_str(),
                "lines": t.lines,
            });
            if let Some(label) = &t.label {
                v["label"] = json!(label);
            }
            v
        }).collect::<Vec<_>>(),
        "diagnostics": f.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
    });
    // Present only for a future that contains itself, whose `size` is then `null`.
    if let Some(r) = &f.recursion {
        v["recursion"] = json!({
            "size": if r.certain { "infinite" } else { "unknown" },
            "certain": r.certain,
            "on_cycle": r.on_cycle,
            "cycle": r.cycle.iter().map(super::top::step_json).collect::<Vec<_>>(),
            "path": r.path.iter().map(super::top::step_json).collect::<Vec<_>>(),
        });
    }
    v
}

/// The value that makes a future not `Send`: its name, type, the type inside it that is not
/// `Send`, and the await it is held across (`null` for an upvar, held in every state).
pub fn not_send(n: &crate::send::NotSend) -> Value {
    json!({
        "value": n.value,
        "type": n.ty,
        "not_send": n.culprit,
        "state": n.state.map(|s| format!("Suspend{s}")),
        "await": n.await_span.map(|s| json!({"line": s.line, "column": s.column})),
        "through": n.through,
    })
}

fn state(s: &State) -> Value {
    let mut v = json!({"name": s.id.name(), "index": s.id.discriminant()});
    if let Some(site) = &s.await_site {
        v["await"] = json!({"line": site.span.line, "column": site.span.column, "expr": site.expr});
    }
    v["size"] = json!(s.size);
    v["fields"] = Value::Array(s.fields.iter().map(field).collect());
    v
}

fn field(f: &Field) -> Value {
    json!({
        "name": f.name,
        "role": f.role.as_str(),
        "type": f.ty.to_string(),
        "size": f.size,
        "align": f.align,
        "offset": f.offset,
        "placement": f.placement.as_str(),
        "reason": reason(&f.reason),
    })
}

pub fn reason(r: &Reason) -> Value {
    match r {
        Reason::UsedLater { line } => json!({"kind": "used_later", "line": line}),
        Reason::DroppedAtScopeEnd { line } => json!({"kind": "dropped_at_scope_end", "line": line}),
        Reason::Borrowed { line, until } => json!({"kind": "borrowed", "line": line, "until": until}),
        Reason::AwaitedFuture { line } => json!({"kind": "awaited_future", "line": line}),
        Reason::LoopIterator { line } => json!({"kind": "loop_iterator", "line": line}),
        Reason::TemporaryInExpression { expr, line } => {
            json!({"kind": "temporary_in_expression", "expr": expr, "line": line})
        }
        Reason::DropFlag { of, line, .. } => json!({"kind": "drop_flag", "of": of, "line": line}),
        Reason::Argument => json!({"kind": "argument"}),
        Reason::Captured => json!({"kind": "captured"}),
    }
}

pub fn diagnostic(d: &Diagnostic) -> Value {
    let mut v = json!({
        "severity": d.severity.as_str(),
        "message": d.message,
        "line": d.span.map(|s| s.line),
        "column": d.span.map(|s| s.column),
        "help": d.help,
    });
    // Added keys appear only when they have something to say, so older documents keep
    // their exact shape.
    if let Some(code) = d.code {
        v["code"] = json!(code);
    }
    if !d.related.is_empty() {
        v["related"] = d
            .related
            .iter()
            .map(|(span, label)| json!({"line": span.line, "column": span.column, "label": label}))
            .collect();
    }
    if !d.notes.is_empty() {
        v["notes"] = json!(d.notes);
    }
    v
}
