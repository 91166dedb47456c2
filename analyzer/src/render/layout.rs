//! The layout section of the text output: every state's bytes drawn to scale.
//!
//! In: a future whose fields carry sizes and offsets (computed by the layout stage or taken
//! from rustc). Out: text such as
//!
//! ```text
//!   layout  32 B, align 8 (estimate)   █ every state  ▒ this state only  # tag  ░ padding
//!     Suspend0  31 B                           [█#▒▒▒▒░░▒▒▒▒▒▒▒▒▒▒▒▒░░░░▒▒▒▒▒▒▒▒]
//!          0    1  upvar  c                    [█·······························]
//!          1    1  tag                         [·#······························]
//!          2    3  local  d                    [··▒▒▒···························]
//!     32 B of 32 B: ...
//! ```
//!
//! Each row's bar spans the whole future, so a field's place and its overlap with other
//! states' fields line up from row to row. Nothing here computes a layout.

use std::fmt::Write;

use super::recursion::{cycle_text, fix_text};
use crate::analysis::{Analysis, Field, FutureAnalysis, Role, State};
use crate::graph::StateId;
use crate::layout::{FutureLayout, Placement, SizeSource};
use crate::recursion::Recursion;

use super::{DEFAULT_WIDTH, Theme, reason_text, shorten, size_text, target_note, wrap};

/// The characters of a bar: one per byte for a future of up to `EXACT` bytes, else `BAR`.
const BAR: u64 = 32;
const EXACT: u64 = 48;

const EVERY_STATE: char = '█';
const THIS_STATE: char = '▒';
const TAG: char = '#';
const PADDING: char = '░';
const OTHER: char = '·';

/// Writes the layout section of one future of `file`.
pub fn section(out: &mut String, analysis: &Analysis, f: &FutureAnalysis, theme: &Theme) {
    if let (None, Some(recursion)) = (&f.layout, f.recursion.as_ref().filter(|r| r.certain)) {
        infinite(out, recursion, &analysis.file, theme);
        return;
    }
    let Some(layout) = &f.layout else {
        let _ = writeln!(
            out,
            "  {}  {}",
            theme.paint(theme.heading, "layout"),
            theme.paint(theme.dim, "size unknown: some field's type has no known size (see the notes below)")
        );
        return;
    };
    let legend = [(EVERY_STATE, "every state"), (THIS_STATE, "this state only"), (TAG, "tag"), (PADDING, "padding")]
        .map(|(glyph, what)| format!("{} {}", bar(&[glyph], theme), theme.paint(theme.dim, what)))
        .join("  ");
    let _ = writeln!(
        out,
        "  {}  {}, align {} ({})   {legend}",
        theme.paint(theme.heading, "layout"),
        theme.paint(theme.size, &size_text(layout.size)),
        layout.align,
        layout.source.as_str(),
    );
    let tag = match layout.discriminant_offset {
        Some(offset) => format!("tag: {} at offset {offset}", size_text(layout.discriminant_size)),
        None => format!("tag: {} (rustc does not print where)", size_text(layout.discriminant_size)),
    };
    let prefix = layout
        .prefix_size
        .map(|p| format!("; prefix (upvars, tag and the locals every state keeps): {}", size_text(p)))
        .unwrap_or_default();
    if let (Some(note), SizeSource::Estimate) = (target_note(analysis.options.pointer_width), layout.source) {
        for line in wrap(note, DEFAULT_WIDTH - 4) {
            let _ = writeln!(out, "    {}", theme.paint(theme.warning, &line));
        }
    }
    let _ = writeln!(out, "    {}", theme.paint(theme.dim, &format!("{tag}{prefix}")));
    let _ = writeln!(
        out,
        "    {}",
        theme.paint(theme.dim, "a state's size is rustc's: from offset 0 to its last field, not counting the tag")
    );
    let name_w =
        f.states.iter().flat_map(|s| &s.fields).map(|x| x.name.chars().count()).max().unwrap_or(0).clamp(7, 24);
    for state in &f.states {
        if matches!(state.id, StateId::Returned | StateId::Panicked) {
            let size = state.size.map(|s| format!("  {}", size_text(s))).unwrap_or_default();
            let what = if state.fields.is_empty() { "nothing stored" } else { "upvars only (as in Unresumed)" };
            let _ = writeln!(
                out,
                "    {}{size}  {}",
                theme.paint(theme.state, &state.id.name()),
                theme.paint(theme.dim, what)
            );
            continue;
        }
        state_map(out, f, state, layout, name_w, theme);
    }
    for line in summary(f, layout) {
        let _ = writeln!(out, "    {line}");
    }
}

/// The layout section of a future that contains itself: no bytes to draw, but the cycle, why
/// it cannot be, and the fix.
fn infinite(out: &mut String, recursion: &Recursion, file: &str, theme: &Theme) {
    let _ = writeln!(
        out,
        "  {}  {}",
        theme.paint(theme.heading, "layout"),
        theme.paint(theme.error, "size infinite: the future contains itself (rustc error E0733)")
    );
    let lines = if recursion.on_cycle {
        vec![
            format!("the cycle: {}", cycle_text(&recursion.cycle)),
            "a future embeds the future it awaits, so it would contain itself: it would be infinitely large"
                .to_string(),
            format!("fix: {}", fix_text(&recursion.cycle, file)),
        ]
    } else {
        vec![
            format!("{}: its size is infinite too", cycle_text(&recursion.path)),
            format!("the cycle: {}", cycle_text(&recursion.cycle)),
        ]
    };
    for line in lines.into_iter().filter(|l| !l.ends_with(": ")) {
        let _ = writeln!(out, "    {}", theme.paint(theme.dim, &line));
    }
}

/// A row of the byte map: what occupies `offset..offset + size`.
pub(crate) struct Row<'a> {
    pub offset: u64,
    pub size: u64,
    pub kind: RowKind<'a>,
}

pub(crate) enum RowKind<'a> {
    Field(&'a Field),
    Tag,
    Padding { other_states: bool },
}

/// The rows of one state, by offset: its fields, the tag, and the gaps between them.
pub(crate) fn rows<'a>(f: &'a FutureAnalysis, state: &'a State, layout: &FutureLayout) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = state
        .fields
        .iter()
        .filter_map(|x| Some(Row { offset: x.offset?, size: x.size?, kind: RowKind::Field(x) }))
        .collect();
    if let Some(offset) = layout.discriminant_offset {
        rows.push(Row { offset, size: layout.discriminant_size, kind: RowKind::Tag });
    }
    rows.sort_by_key(|r| (r.offset, r.size));
    let used_elsewhere = |start: u64, end: u64| {
        f.states.iter().flat_map(|s| &s.fields).any(|x| match (x.offset, x.size) {
            (Some(o), Some(s)) => o < end && start < o.saturating_add(s),
            _ => false,
        })
    };
    let mut out = Vec::with_capacity(rows.len() * 2);
    let mut cursor = 0;
    for row in rows {
        if row.offset > cursor {
            let other_states = used_elsewhere(cursor, row.offset);
            out.push(Row { offset: cursor, size: row.offset - cursor, kind: RowKind::Padding { other_states } });
        }
        cursor = cursor.max(row.offset.saturating_add(row.size));
        out.push(row);
    }
    if layout.size > cursor {
        let other_states = used_elsewhere(cursor, layout.size);
        out.push(Row { offset: cursor, size: layout.size - cursor, kind: RowKind::Padding { other_states } });
    }
    out
}

fn state_map(out: &mut String, f: &FutureAnalysis, state: &State, layout: &FutureLayout, name_w: usize, theme: &Theme) {
    let rows = rows(f, state, layout);
    let width = if layout.size <= EXACT { layout.size.max(1) } else { BAR };
    let mut overview = vec![OTHER; width as usize];
    for row in &rows {
        paint(&mut overview, row.offset, row.size, layout.size, glyph(&row.kind));
    }
    let size = state.size.map(|s| format!("  {}", size_text(s))).unwrap_or_default();
    let title = format!("{}{size}", state.id.name());
    // The bars of the rows start after the offset, size, role and name columns.
    let title_w = name_w + 25;
    let _ = writeln!(
        out,
        "    {}{}[{}]",
        theme.paint(theme.state, &title),
        " ".repeat(title_w.saturating_sub(title.chars().count())),
        bar(&overview, theme)
    );
    for row in &rows {
        let mut bar = vec![OTHER; width as usize];
        paint(&mut bar, row.offset, row.size, layout.size, glyph(&row.kind));
        let (label, note) = match &row.kind {
            RowKind::Field(x) => {
                let role = if x.role == Role::Upvar { "upvar" } else { "local" };
                (
                    format!("{role}  {}", theme.paint(theme.name, &format!("{:<name_w$}", x.name))),
                    field_note(f, state, x),
                )
            }
            RowKind::Tag => (format!("{:<w$}", "tag", w = name_w + 7), String::new()),
            RowKind::Padding { other_states } => {
                let note = if *other_states { "used by other states" } else { "" };
                (format!("{:<w$}", "padding", w = name_w + 7), note.to_string())
            }
        };
        let note = if note.is_empty() { String::new() } else { format!("  {}", theme.paint(theme.reason, &note)) };
        let _ = writeln!(out, "      {:>6} {:>5}  {label}  [{}]{note}", row.offset, row.size, self::bar(&bar, theme));
    }
}

/// A bar's characters in their colours, one escape per run of the same glyph.
fn bar(chars: &[char], theme: &Theme) -> String {
    let mut out = String::new();
    let mut rest = chars;
    while let Some(&c) = rest.first() {
        let run = rest.iter().take_while(|&&x| x == c).count();
        let style = match c {
            EVERY_STATE => theme.every_state,
            THIS_STATE => theme.this_state,
            TAG => theme.tag,
            PADDING => theme.padding,
            _ => theme.dim,
        };
        out.push_str(&theme.paint(style, &rest[..run].iter().collect::<String>()));
        rest = &rest[run..];
    }
    out
}

fn glyph(kind: &RowKind<'_>) -> char {
    match kind {
        RowKind::Field(x) if x.placement == Placement::Overlapped => THIS_STATE,
        RowKind::Field(_) => EVERY_STATE,
        RowKind::Tag => TAG,
        RowKind::Padding { .. } => PADDING,
    }
}

/// Marks the characters of `bar` that stand for bytes `offset..offset + size` of `total`.
/// Both ends are rounded to the nearest character, so neighbouring fields meet without
/// overlapping; a non-empty range gets at least one character.
fn paint(bar: &mut [char], offset: u64, size: u64, total: u64, c: char) {
    if size == 0 || total == 0 || bar.is_empty() {
        return;
    }
    let w = bar.len() as u64;
    let at = |byte: u64| (byte.saturating_mul(2 * w) + total) / (2 * total);
    let start = at(offset).min(w - 1);
    let end = at(offset.saturating_add(size)).clamp(start + 1, w);
    for slot in &mut bar[start as usize..end as usize] {
        // The tag and fields win over padding when both fall in one character.
        if *slot == OTHER || *slot == PADDING {
            *slot = c;
        }
    }
}

/// What else shares a variant-only field's bytes.
pub(crate) fn field_note(f: &FutureAnalysis, state: &State, field: &Field) -> String {
    if field.placement != Placement::Overlapped {
        return String::new();
    }
    let (Some(offset), Some(size)) = (field.offset, field.size) else { return String::new() };
    let others: Vec<String> = f
        .states
        .iter()
        .filter(|s| s.id != state.id)
        .filter(|s| {
            s.fields.iter().any(|x| {
                x.placement == Placement::Overlapped
                    && matches!((x.offset, x.size), (Some(o), Some(n))
                        if o < offset.saturating_add(size) && offset < o.saturating_add(n))
            })
        })
        .map(|s| s.id.name())
        .collect();
    if others.is_empty() { String::new() } else { format!("reuses bytes of {}", others.join(", ")) }
}

/// The closing sentences: the biggest field and why it is kept, and arguments stored twice.
pub fn summary(f: &FutureAnalysis, layout: &FutureLayout) -> Vec<String> {
    let mut lines = Vec::new();
    let twice = stored_twice(f);
    // An argument stored twice may weigh more than the biggest single field.
    let heaviest_twice = twice.iter().filter_map(|x| Some((x.size? * 2, *x))).max_by_key(|(n, _)| *n);
    let largest =
        layout.largest.and_then(|(s, i)| f.states.get(s).and_then(|state| Some((state, state.fields.get(i)?))));
    match (largest, heaviest_twice) {
        (Some((_, field)), Some((n, arg))) if n > field.size.unwrap_or(0) => lines.push(format!(
            "{} of {}: `{}` ({} each), stored twice: as the argument and as the body's copy of it \
             (rust-lang/rust#62958)",
            size_text(n),
            size_text(layout.size),
            arg.name,
            size_text(n / 2)
        )),
        (Some((state, field)), _) => {
            let size = field.size.unwrap_or(0);
            lines.push(format!(
                "{} of {}: `{}`, {}",
                size_text(size),
                size_text(layout.size),
                field.name,
                why(state, field)
            ));
        }
        _ => {}
    }
    for field in twice {
        let size = field.size.map(|s| format!(" ({})", size_text(s))).unwrap_or_default();
        let line = format!(
            "`{}`{size} is stored twice: as the argument and as the body's copy of it (rust-lang/rust#62958)",
            field.name
        );
        if !lines.iter().any(|l| l.contains(&format!("`{}` (", field.name)) && l.contains("each), stored twice")) {
            lines.push(line);
        }
    }
    lines
}

/// The arguments a suspended state keeps both as the upvar and as the body's copy.
fn stored_twice(f: &FutureAnalysis) -> Vec<&Field> {
    let mut twice: Vec<&Field> = Vec::new();
    for state in f.suspend_states() {
        for field in state.fields.iter().filter(|x| x.role == Role::Local && x.local.is_some()) {
            let is_copy = state.fields.iter().any(|u| u.role == Role::Upvar && u.name == field.name);
            if is_copy && field.arg_copy && !twice.iter().any(|t| t.name == field.name) {
                twice.push(field);
            }
        }
    }
    twice
}

/// Why the biggest field is there, as the end of a sentence.
fn why(state: &State, field: &Field) -> String {
    match field.role {
        Role::Upvar => "an argument or capture, kept in every state".to_string(),
        Role::Awaitee => {
            let expr = state
                .await_site
                .as_ref()
                .map(|s| format!(" `{}` (line {})", shorten(&s.expr, 40), s.span.line))
                .unwrap_or_default();
            let boxed = if field.ty.to_string().starts_with("Pin<Box") {
                ""
            } else {
                "; `Box::pin(..)` around it would keep only a pointer here"
            };
            format!("the future being awaited{expr}{boxed}")
        }
        _ => format!("kept because {}", reason_text(&field.reason)),
    }
}

/// The output of `futurelens layout`: for each future, a heading and its layout section.
pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], theme: &Theme) -> String {
    let mut out = String::new();
    for (i, f) in futures.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}  line {}  →  {}",
            theme.paint(theme.heading, &f.name),
            f.span.line,
            theme.paint(theme.ty, &f.output.to_string())
        );
        section(&mut out, analysis, f, theme);
        for d in f.diagnostics.iter().filter(|d| d.severity == crate::Severity::Note) {
            let at = d.span.map(|s| format!(" (line {})", s.line)).unwrap_or_default();
            let _ = writeln!(out, "  {}: {}{at}", theme.paint(theme.dim, "note"), d.message);
        }
    }
    let _ = analysis;
    out
}
