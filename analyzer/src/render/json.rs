//! The JSON document of `--format json`, schema `futurelens/1` (see the JSON contract in the
//! project's docs: keys may be added, never renamed or removed).
//!
//! In: the analysis and the futures to show. Out: the pretty-printed document, written
//! straight to a writer (serde, no tree of values in between), a future at a time if need be:
//! [`begin`], [`future`] for each one, [`end`]; [`render`] does all three into a string.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{Analysis, Field, FutureAnalysis, State};
use crate::diagnostics::Diagnostic;
use crate::liveness::Reason;

pub const SCHEMA: &str = "futurelens/1";

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis]) -> String {
    let mut out = Vec::new();
    let written = (|| {
        begin(&mut out, analysis)?;
        for (i, f) in futures.iter().enumerate() {
            future(&mut out, f, i == 0)?;
        }
        end(&mut out, analysis, !futures.is_empty())
    })();
    if written.is_err() {
        return String::new();
    }
    // serde_json writes valid UTF-8.
    let mut out = String::from_utf8(out).unwrap_or_default();
    out.push('\n');
    out
}

/// The document as a JSON value (for callers that combine several files).
pub fn document(analysis: &Analysis, futures: &[&FutureAnalysis]) -> Value {
    let document = Document {
        schema: SCHEMA,
        file: &analysis.file,
        target: target(analysis),
        futures: futures.iter().map(|f| FutureJson::of(f)).collect(),
        diagnostics: analysis.diagnostics.iter().map(DiagnosticJson::of).collect(),
    };
    serde_json::to_value(document).unwrap_or(Value::Null)
}

/// The document up to its first future: `{`, schema, file, target and `"futures": [`.
pub fn begin(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    out.write_all(b"{\n  \"schema\": ")?;
    serde_json::to_writer(&mut *out, SCHEMA)?;
    out.write_all(b",\n  \"file\": ")?;
    serde_json::to_writer(&mut *out, &analysis.file)?;
    out.write_all(b",\n  \"target\": ")?;
    serde_json::to_writer_pretty(Indented::new(&mut *out, 1), &target(analysis))?;
    out.write_all(b",\n  \"futures\": [")?;
    Ok(())
}

/// One future of the document's `futures`; `first` for the first one written.
pub fn future(out: &mut impl Write, f: &FutureAnalysis, first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n    " } else { b",\n    " })?;
    serde_json::to_writer_pretty(Indented::new(&mut *out, 2), &FutureJson::of(f))?;
    Ok(())
}

/// The rest of the document after its futures (`any` if one was written): the file's
/// diagnostics and the closing brace, without a newline after it.
pub fn end(out: &mut impl Write, analysis: &Analysis, any: bool) -> io::Result<()> {
    out.write_all(if any { b"\n  ],\n  \"diagnostics\": " } else { b"],\n  \"diagnostics\": " })?;
    let diagnostics: Vec<DiagnosticJson<'_>> = analysis.diagnostics.iter().map(DiagnosticJson::of).collect();
    serde_json::to_writer_pretty(Indented::new(&mut *out, 1), &diagnostics)?;
    out.write_all(b"\n}")?;
    Ok(())
}

/// A writer that indents every line after the first by `levels` steps of two spaces, so that
/// a value printed on its own lands where it belongs in the document (a JSON string never
/// holds a raw newline).
struct Indented<W> {
    out: W,
    indent: &'static [u8],
}

impl<W: Write> Indented<W> {
    fn new(out: W, levels: usize) -> Indented<W> {
        const SPACES: &[u8] = b"        ";
        Indented { out, indent: &SPACES[..(2 * levels).min(SPACES.len())] }
    }
}

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|b| *b == b'\n') {
            self.out.write_all(&rest[..=at])?;
            self.out.write_all(self.indent)?;
            rest = &rest[at + 1..];
        }
        self.out.write_all(rest)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    file: &'a str,
    target: Target,
    futures: Vec<FutureJson<'a>>,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct Target {
    pointer_width: u32,
    panic: &'static str,
    edition: &'static str,
    edition_source: &'static str,
    /// Present only for a 32-bit target: what its estimated sizes are worth.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
}

fn target(analysis: &Analysis) -> Target {
    Target {
        pointer_width: analysis.options.pointer_width,
        panic: "unwind",
        edition: analysis.options.edition.as_str(),
        edition_source: analysis.options.edition_source.kind(),
        note: super::target_note(analysis.options.pointer_width),
    }
}

#[derive(Serialize)]
struct SpanJson {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Discriminant {
    size: u64,
    offset: Option<u64>,
}

#[derive(Serialize)]
struct Largest<'a> {
    state: String,
    field: &'a str,
    size: Option<u64>,
}

#[derive(Serialize)]
struct FutureJson<'a> {
    name: &'a str,
    instance: Option<&'a str>,
    generic_args: Option<Vec<String>>,
    generic: bool,
    kind: &'static str,
    span: SpanJson,
    output: String,
    size: Option<u64>,
    align: Option<u64>,
    size_source: &'static str,
    discriminant: Discriminant,
    prefix_size: Option<u64>,
    largest_field: Option<Largest<'a>>,
    send: Option<bool>,
    not_send_because: Option<NotSendJson<'a>>,
    states: Vec<StateJson<'a>>,
    transitions: Vec<TransitionJson<'a>>,
    diagnostics: Vec<DiagnosticJson<'a>>,
    /// Present only for a future that contains itself, whose `size` is then `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    recursion: Option<RecursionJson>,
}

impl<'a> FutureJson<'a> {
    fn of(f: &'a FutureAnalysis) -> FutureJson<'a> {
        let layout = f.layout.as_ref();
        let source = layout.map_or(crate::layout::SizeSource::Estimate, |l| l.source);
        let discriminant_size =
            layout.map_or_else(|| crate::layout::coroutine::tag_size(f.states.len()), |l| l.discriminant_size);
        let largest = layout.and_then(|l| l.largest).and_then(|(s, i)| {
            let state = f.states.get(s)?;
            let field = state.fields.get(i)?;
            Some(Largest { state: state.id.name(), field: &field.name, size: field.size })
        });
        FutureJson {
            name: &f.name,
            instance: f.instance.as_ref().map(|i| i.display.as_str()),
            generic_args: f.instance.as_ref().map(|i| i.args.iter().map(|a| a.to_string()).collect()),
            generic: f.generic,
            kind: f.kind.as_str(),
            span: SpanJson {
                line: f.span.line,
                column: f.span.column,
                end_line: f.span.end_line,
                end_column: f.span.end_column,
            },
            output: f.output.to_string(),
            size: layout.map(|l| l.size),
            align: layout.map(|l| l.align),
            size_source: source.as_str(),
            discriminant: Discriminant { size: discriminant_size, offset: layout.and_then(|l| l.discriminant_offset) },
            prefix_size: layout.and_then(|l| l.prefix_size),
            largest_field: largest,
            send: f.send.send,
            not_send_because: f.send.not_send_because.as_ref().map(NotSendJson::of),
            states: f.states.iter().map(StateJson::of).collect(),
            transitions: f
                .graph
                .transitions()
                .map(|t| TransitionJson {
                    from: t.from.name(),
                    to: t.to.name(),
                    kind: t.kind.as_str(),
                    lines: &t.lines,
                    label: t.label.as_deref(),
                })
                .collect(),
            diagnostics: f.diagnostics.iter().map(DiagnosticJson::of).collect(),
            recursion: f.recursion.as_ref().map(|r| RecursionJson {
                size: if r.certain { "infinite" } else { "unknown" },
                certain: r.certain,
                on_cycle: r.on_cycle,
                cycle: r.cycle.iter().map(super::top::step_json).collect(),
                path: r.path.iter().map(super::top::step_json).collect(),
            }),
        }
    }
}

#[derive(Serialize)]
struct TransitionJson<'a> {
    from: String,
    to: String,
    kind: &'static str,
    lines: &'a [u32],
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
}

#[derive(Serialize)]
struct RecursionJson {
    size: &'static str,
    certain: bool,
    on_cycle: bool,
    cycle: Vec<Value>,
    path: Vec<Value>,
}

/// The value that makes a future not `Send`: its name, type, the type inside it that is not
/// `Send`, and the await it is held across (`null` for an upvar, held in every state).
pub fn not_send(n: &crate::send::NotSend) -> Value {
    serde_json::to_value(NotSendJson::of(n)).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct NotSendJson<'a> {
    value: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    not_send: &'a str,
    state: Option<String>,
    #[serde(rename = "await")]
    await_at: Option<LineColumn>,
    through: Option<&'a str>,
}

impl<'a> NotSendJson<'a> {
    fn of(n: &'a crate::send::NotSend) -> NotSendJson<'a> {
        NotSendJson {
            value: &n.value,
            ty: &n.ty,
            not_send: &n.culprit,
            state: n.state.map(|s| format!("Suspend{s}")),
            await_at: n.await_span.map(|s| LineColumn { line: s.line, column: s.column }),
            through: n.through.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct LineColumn {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct StateJson<'a> {
    name: String,
    index: u32,
    #[serde(rename = "await", skip_serializing_if = "Option::is_none")]
    await_at: Option<AwaitJson<'a>>,
    size: Option<u64>,
    fields: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct AwaitJson<'a> {
    line: u32,
    column: u32,
    expr: &'a str,
}

impl<'a> StateJson<'a> {
    fn of(s: &'a State) -> StateJson<'a> {
        StateJson {
            name: s.id.name(),
            index: s.id.discriminant(),
            await_at: s.await_site.as_ref().map(|site| AwaitJson {
                line: site.span.line,
                column: site.span.column,
                expr: &site.expr,
            }),
            size: s.size,
            fields: s.fields.iter().map(FieldJson::of).collect(),
        }
    }
}

#[derive(Serialize)]
struct FieldJson<'a> {
    name: &'a str,
    role: &'static str,
    #[serde(rename = "type")]
    ty: String,
    size: Option<u64>,
    align: Option<u64>,
    offset: Option<u64>,
    placement: &'static str,
    reason: ReasonJson<'a>,
}

impl<'a> FieldJson<'a> {
    fn of(f: &'a Field) -> FieldJson<'a> {
        FieldJson {
            name: &f.name,
            role: f.role.as_str(),
            ty: f.ty.to_string(),
            size: f.size,
            align: f.align,
            offset: f.offset,
            placement: f.placement.as_str(),
            reason: ReasonJson::of(&f.reason),
        }
    }
}

pub fn reason(r: &Reason) -> Value {
    serde_json::to_value(ReasonJson::of(r)).unwrap_or(Value::Null)
}

/// Why a field is kept: `kind`, then what that kind says.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ReasonJson<'a> {
    UsedLater { line: u32 },
    DroppedAtScopeEnd { line: u32 },
    Borrowed { line: u32, until: u32 },
    AwaitedFuture { line: u32 },
    LoopIterator { line: u32 },
    TemporaryInExpression { expr: &'a str, line: u32 },
    DropFlag { of: &'a str, line: u32 },
    Argument,
    Captured,
    OnlyRustc,
}

impl<'a> ReasonJson<'a> {
    fn of(r: &'a Reason) -> ReasonJson<'a> {
        match r {
            Reason::UsedLater { line } => ReasonJson::UsedLater { line: *line },
            Reason::DroppedAtScopeEnd { line } => ReasonJson::DroppedAtScopeEnd { line: *line },
            Reason::Borrowed { line, until } => ReasonJson::Borrowed { line: *line, until: *until },
            Reason::AwaitedFuture { line } => ReasonJson::AwaitedFuture { line: *line },
            Reason::LoopIterator { line } => ReasonJson::LoopIterator { line: *line },
            Reason::TemporaryInExpression { expr, line } => ReasonJson::TemporaryInExpression { expr, line: *line },
            Reason::DropFlag { of, line, .. } => ReasonJson::DropFlag { of, line: *line },
            Reason::Argument => ReasonJson::Argument,
            Reason::Captured => ReasonJson::Captured,
            Reason::OnlyRustc => ReasonJson::OnlyRustc,
        }
    }
}

pub fn diagnostic(d: &Diagnostic) -> Value {
    serde_json::to_value(DiagnosticJson::of(d)).unwrap_or(Value::Null)
}

/// A diagnostic; the keys added after the first version appear only when they have something
/// to say, so older documents keep their exact shape.
#[derive(Serialize)]
struct DiagnosticJson<'a> {
    severity: &'static str,
    message: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "no_notes")]
    notes: &'a [String],
}

fn no_notes(notes: &&[String]) -> bool {
    notes.is_empty()
}

#[derive(Serialize)]
struct Related<'a> {
    line: u32,
    column: u32,
    label: &'a str,
}

impl<'a> DiagnosticJson<'a> {
    fn of(d: &'a Diagnostic) -> DiagnosticJson<'a> {
        DiagnosticJson {
            severity: d.severity.as_str(),
            message: &d.message,
            line: d.span.map(|s| s.line),
            column: d.span.map(|s| s.column),
            help: d.help.as_deref(),
            code: d.code,
            related: d
                .related
                .iter()
                .map(|(span, label)| Related { line: span.line, column: span.column, label })
                .collect(),
            notes: &d.notes,
        }
    }
}
