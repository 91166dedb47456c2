//! The byte layout as a picture, for slides and the page: SVG 1.1 drawn here, no Graphviz.
//!
//! In: the analysis, the futures to draw and a [`GraphTheme`]. Out: for each future, one row
//! per state, bytes to scale (every row spans the whole future, so bytes line up from row to
//! row): each field a labelled box (name, type, size), the tag, padding hatched, the bytes
//! every state shares (the prefix) shaded behind the rows, fields whose bytes another state
//! reuses outlined with dashes, a ruler of offsets, a legend and the total:
//!
//! ```text
//! two_awaits  async fn, line 16 · 72 B, align 8 (estimate)
//!             ├──── prefix: every state (48 B) ────┤├ each state its own (24 B) ┤
//!             0       8       16 ...                                        72 B
//! Suspend1    [bonus][bonus][name: String · 24 B ][id][#]░[__awaitee · 24 B   ]
//! 71 B
//! ```
//!
//! Every field box is a `<g class="fl-field">` with `data-state`, `data-field`, `data-offset`
//! and `data-size`, and a `<title>` that says why the value is kept (a tooltip in a browser);
//! every row is a `<g class="fl-state" data-state="…">`. The page links them to the source.
//! Nothing here computes a layout: offsets and sizes come from the analysis.

use std::fmt::Write;

use crate::analysis::{Analysis, Field, FutureAnalysis, Role, State};
use crate::graph::StateId;
use crate::layout::{FutureLayout, Placement};

use super::graph_view::{GraphTheme, kind_text};
use super::layout::{RowKind, field_note, rows, summary};
use super::svg::{FONT_FAMILY, MONO_FAMILY, xml};
use super::svg_draw::num;
use super::{grouped, reason_text, shorten, size_text, target_note};

/// Width of the bar that stands for the whole future (px).
pub const BAR_W: f64 = 720.0;
const MARGIN: f64 = 20.0;
/// Height of a row's bar, room for three lines of text (px).
const BAR_H: f64 = 54.0;
/// Height of a line of labels under a bar, for boxes too narrow to hold theirs.
const LANE_H: f64 = 18.0;
const ROW_GAP: f64 = 16.0;
/// Width of a character at 12-13 px, generously estimated (DejaVu Sans is wide).
const CHAR_W: f64 = 7.8;
const STATE_CHAR: f64 = 9.6;
/// The longest type written in a box or a label.
const TYPE_MAX: usize = 40;

/// The colours of the layout picture in one theme.
#[derive(Clone, Copy, Debug)]
pub struct LayoutPalette {
    pub background: &'static str,
    pub text: &'static str,
    pub dim_text: &'static str,
    pub border: &'static str,
    /// Bytes a field has in every state (the prefix).
    pub every_state: &'static str,
    /// Bytes only this state uses; other states reuse them.
    pub this_state: &'static str,
    pub tag: &'static str,
    pub tag_text: &'static str,
    /// Padding: hatched lines on this ground.
    pub padding: &'static str,
    pub hatch: &'static str,
    /// The band behind the rows that marks the prefix.
    pub prefix_band: &'static str,
    /// The dashed outline of a field whose bytes another state reuses.
    pub reuse: &'static str,
    /// The dots that mark bytes of one state only where there are no fills (mono).
    pub dots: &'static str,
}

impl LayoutPalette {
    pub fn of(theme: GraphTheme) -> LayoutPalette {
        match theme {
            GraphTheme::Light => LayoutPalette {
                background: "#ffffff",
                text: "#1a1a1a",
                dim_text: "#555555",
                border: "#444444",
                every_state: "#a9cdf2",
                this_state: "#f8cf8a",
                tag: "#b04fb0",
                tag_text: "#ffffff",
                padding: "#f4f4f4",
                hatch: "#a0a0a0",
                prefix_band: "#e8f1fb",
                reuse: "#b35c00",
                dots: "#8c8c8c",
            },
            GraphTheme::Dark => LayoutPalette {
                background: "#1e1e1e",
                text: "#eeeeee",
                dim_text: "#bbbbbb",
                border: "#cccccc",
                every_state: "#2f5f94",
                this_state: "#8a5a12",
                tag: "#a34fa3",
                tag_text: "#ffffff",
                padding: "#2a2a2a",
                hatch: "#777777",
                prefix_band: "#22303f",
                reuse: "#ffb14d",
                dots: "#8c8c8c",
            },
            GraphTheme::Mono => LayoutPalette {
                background: "#ffffff",
                text: "#000000",
                dim_text: "#000000",
                border: "#000000",
                every_state: "#ffffff",
                this_state: "#ffffff",
                tag: "#000000",
                tag_text: "#ffffff",
                padding: "#ffffff",
                hatch: "#000000",
                prefix_band: "#ffffff",
                reuse: "#000000",
                dots: "#9a9a9a",
            },
        }
    }
}

/// One future's picture, in its own coordinates from (0, 0).
struct Picture {
    width: f64,
    height: f64,
    body: String,
}

/// The layout pictures of `futures`, stacked into one SVG document.
pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], theme: GraphTheme) -> String {
    let title = match futures {
        [one] => format!("futurelens layout: {}", one.display_name()),
        _ => format!("futurelens layout: {}", analysis.file),
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    out.push_str(&element(analysis, futures, theme, &title, ""));
    out
}

/// The `<svg>` element of the pictures of `futures` (no XML declaration), its ids
/// prefixed by `id_prefix`, so that several can live in one HTML page.
pub fn element(
    analysis: &Analysis,
    futures: &[&FutureAnalysis],
    theme: GraphTheme,
    title: &str,
    id_prefix: &str,
) -> String {
    let p = LayoutPalette::of(theme);
    let pictures: Vec<Picture> = futures.iter().map(|f| picture(analysis, f, &p, theme, id_prefix)).collect();
    let mut width: f64 = 320.0;
    let mut height = MARGIN;
    let mut placed = String::new();
    for pic in &pictures {
        width = width.max(pic.width + 2.0 * MARGIN);
        let _ = writeln!(placed, "<g transform=\"translate({MARGIN},{})\">", num(height));
        placed.push_str(&pic.body);
        placed.push_str("</g>\n");
        height += pic.height + MARGIN;
    }
    let (width, height) = (width.ceil(), height.ceil());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fl-layout\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", xml(title));
    out.push_str(&style(&p));
    out.push_str(&defs(&p, id_prefix));
    let _ = writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"{}\"/>", p.background);
    out.push_str(&placed);
    out.push_str("</svg>\n");
    out
}

fn style(p: &LayoutPalette) -> String {
    let mut out = String::from("<style>\n");
    let _ = writeln!(out, ".fl-layout text {{ font-family: {FONT_FAMILY}; fill: {}; font-size: 13px; }}", p.text);
    out.push_str(".fl-layout .fl-h { font-size: 20px; font-weight: bold; }\n");
    let _ = writeln!(out, ".fl-layout .fl-cap {{ font-size: 15px; font-weight: normal; fill: {}; }}", p.dim_text);
    out.push_str(".fl-layout .fl-st { font-size: 16px; font-weight: bold; }\n");
    let _ = writeln!(out, ".fl-layout .fl-dim {{ font-size: 12px; fill: {}; }}", p.dim_text);
    out.push_str(".fl-layout .fl-name { font-weight: bold; }\n");
    let _ = writeln!(out, ".fl-layout .fl-mono {{ font-family: {MONO_FAMILY}; font-size: 12px; }}");
    let _ = writeln!(out, ".fl-layout .fl-tagt {{ fill: {}; font-weight: bold; }}", p.tag_text);
    out.push_str("</style>\n");
    out
}

/// The hatch of padding (and, in black and white, the dots of bytes of one state only).
fn defs(p: &LayoutPalette, prefix: &str) -> String {
    format!(
        "<defs>\n<pattern id=\"{prefix}hatch\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" \
         patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"{}\"/><line x1=\"0\" y1=\"0\" \
         x2=\"0\" y2=\"8\" stroke=\"{}\" stroke-width=\"2\"/></pattern>\n<pattern id=\"{prefix}dots\" \
         patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" \
         fill=\"{}\"/><circle cx=\"4\" cy=\"4\" r=\"1\" fill=\"{}\"/></pattern>\n</defs>\n",
        p.padding, p.hatch, p.this_state, p.dots
    )
}

/// How a field's box is filled.
fn field_fill(field: &Field, p: &LayoutPalette, theme: GraphTheme, prefix: &str) -> String {
    match (field.placement, theme) {
        (Placement::Overlapped, GraphTheme::Mono) => format!("url(#{prefix}dots)"),
        (Placement::Overlapped, _) => p.this_state.to_string(),
        _ => p.every_state.to_string(),
    }
}

/// The text that names a field in full: `name: Type · 8 B`.
pub fn field_label(field: &Field) -> String {
    let ty = shorten(&field.ty.to_string(), TYPE_MAX);
    match field.size {
        Some(size) => format!("{}: {ty} · {}", field.name, size_text(size)),
        None => format!("{}: {ty}", field.name),
    }
}

/// A field's name as a row shows it: with `(upvar)` when the state also keeps a local of
/// the same name (an argument and the body's copy of it).
fn shown_name(state: &State, field: &Field) -> String {
    let twin = state.fields.iter().filter(|x| x.name == field.name).count() > 1;
    if twin && field.role == Role::Upvar { format!("{} (upvar)", field.name) } else { field.name.clone() }
}

/// A field's tooltip: its label, where it sits and why it is kept.
pub fn field_tooltip(f: &FutureAnalysis, state: &State, field: &Field) -> String {
    let role = match field.role {
        Role::Upvar => "upvar",
        Role::Local => "local",
        Role::Awaitee => "awaited future",
        Role::Temporary => "temporary",
        Role::DropFlag => "drop flag",
    };
    let at = field.offset.map(|o| format!(" at offset {}", grouped(o.into()))).unwrap_or_default();
    let reuse = field_note(f, state, field);
    let reuse = if reuse.is_empty() { String::new() } else { format!("; {reuse}") };
    let size = field.size.map(|s| format!(" · {}", size_text(s))).unwrap_or_default();
    format!("{}: {}{size} ({role}{at}): {}{reuse}", field.name, field.ty, reason_text(&field.reason))
}

fn text_w(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_W
}

/// What a state row says on its left: the state's size and what the state is.
fn state_caption(state: &State) -> (String, String) {
    let size = state.size.map(size_text).unwrap_or_else(|| "size unknown".to_string());
    let what = match (&state.await_site, state.id) {
        (Some(site), _) => format!("line {}:{}", site.span.line, site.span.column),
        (None, StateId::Unresumed) => "not polled yet".to_string(),
        (None, StateId::Returned) => "completed".to_string(),
        (None, StateId::Panicked) => "a poll panicked".to_string(),
        (None, StateId::Suspend(_)) => String::new(),
    };
    (size, what)
}

/// Labels set under a bar, in lanes, each joined to its box by a leader line.
#[derive(Default)]
struct Lanes {
    /// Per lane: the spans of its labels, and the x of leader lines that cross it.
    spans: Vec<Vec<(f64, f64)>>,
    crossings: Vec<Vec<f64>>,
    placed: Vec<(usize, f64, f64, String, String)>,
}

impl Lanes {
    /// Places `text` for a box whose centre is at `cx`; `attrs` go on the text element.
    /// Labels are added from right to left, so that a leader line passes left of the labels
    /// of the lanes above it.
    fn add(&mut self, cx: f64, text: String, attrs: String, right_edge: f64) {
        let w = text_w(&text);
        let start = if cx - 4.0 + w > right_edge { cx + 4.0 - w } else { cx - 4.0 };
        let (a, b) = (start, start + w);
        let free = |lane: usize, spans: &Vec<Vec<(f64, f64)>>, crossings: &Vec<Vec<f64>>| {
            let clear_span = spans.get(lane).is_none_or(|s| s.iter().all(|(x0, x1)| b + 10.0 < *x0 || *x1 + 10.0 < a));
            let clear_cross = crossings.get(lane).is_none_or(|c| c.iter().all(|x| *x < a - 4.0 || *x > b + 4.0));
            // The leader of this label must not cross a label of a lane above it.
            let leader_clear = (0..lane)
                .all(|k| spans.get(k).is_none_or(|s| s.iter().all(|(x0, x1)| cx < *x0 - 3.0 || cx > *x1 + 3.0)));
            clear_span && clear_cross && leader_clear
        };
        // A lane below every label is always free.
        let mut lane = 0;
        while lane < self.spans.len() && !free(lane, &self.spans, &self.crossings) {
            lane += 1;
        }
        while self.spans.len() <= lane {
            self.spans.push(Vec::new());
            self.crossings.push(Vec::new());
        }
        self.spans[lane].push((a, b));
        for k in 0..lane {
            self.crossings[k].push(cx);
        }
        self.placed.push((lane, cx, start, text, attrs));
    }

    fn count(&self) -> usize {
        self.spans.len()
    }

    fn draw(&self, out: &mut String, top: f64, p: &LayoutPalette) {
        for (lane, cx, start, text, attrs) in &self.placed {
            let y = top + (*lane as f64 + 1.0) * LANE_H;
            let _ = writeln!(
                out,
                "<path d=\"M {} {} V {}\" stroke=\"{}\" stroke-width=\"1\" fill=\"none\"/>",
                num(*cx),
                num(top - 8.0),
                num(y - 12.0),
                p.dim_text
            );
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" class=\"fl-mono\"{attrs}>{}</text>",
                num(*start),
                num(y),
                xml(text)
            );
        }
    }
}

fn picture(analysis: &Analysis, f: &FutureAnalysis, p: &LayoutPalette, theme: GraphTheme, prefix: &str) -> Picture {
    let mut out = String::new();
    let mut width: f64 = 0.0;
    let label_w = f
        .states
        .iter()
        .map(|s| {
            let (size, what) = state_caption(s);
            (s.id.name().chars().count() as f64 * STATE_CHAR).max(text_w(&size)).max(text_w(&what))
        })
        .fold(100.0, f64::max)
        + 18.0;
    let caption = match (&f.layout, &f.recursion) {
        (Some(l), _) => format!(
            "{}, line {} · {}, align {} ({})",
            kind_text(f.kind),
            f.span.line,
            size_text(l.size),
            l.align,
            l.source.as_str()
        ),
        (None, Some(r)) if r.certain => format!("{}, line {} · size infinite", kind_text(f.kind), f.span.line),
        (None, _) => format!("{}, line {} · size unknown", kind_text(f.kind), f.span.line),
    };
    let _ = writeln!(
        out,
        "<text x=\"0\" y=\"20\" class=\"fl-h\">{}<tspan class=\"fl-cap\" dx=\"12\">{}</tspan></text>",
        xml(f.display_name()),
        xml(&caption)
    );
    width = width.max(f.display_name().chars().count() as f64 * 12.0 + text_w(&caption) * 1.1 + 12.0);
    let mut y = 34.0;
    let mut notes: Vec<String> = Vec::new();
    if let (Some(note), Some(_)) = (target_note(analysis.options.pointer_width), &f.layout) {
        notes.push(note.to_string());
    }
    match (&f.layout, &f.recursion) {
        (Some(_), _) => {}
        (None, Some(r)) if r.certain => {
            notes.push("the future contains itself (rustc error E0733): no size, no bytes to draw".to_string());
        }
        (None, _) => {
            notes.push("size unknown: some field's type has no known size, so no bytes are drawn".to_string());
            notes.extend(
                f.diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::Severity::Note && d.message.contains("unknown"))
                    .take(4)
                    .map(|d| d.message.clone()),
            );
        }
    }
    for note in &notes {
        y += 18.0;
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\" class=\"fl-dim\">{}</text>", num(y), xml(note));
        width = width.max(text_w(note));
    }
    y += 12.0;
    match &f.layout {
        Some(layout) => {
            let x0 = label_w;
            let scale = if layout.size == 0 { 0.0 } else { BAR_W / layout.size as f64 };
            let rows_top = y + 58.0;
            let rows_h = layout_rows(&mut out, f, layout, p, theme, prefix, x0, scale, rows_top, &mut width);
            // The prefix band behind the rows, and the brackets and ruler above them, are
            // drawn after the rows are measured, and put before them in the document.
            let mut back = String::new();
            ruler(&mut back, layout, p, x0, scale, y, rows_top, rows_h);
            out = insert_before_rows(out, &back);
            y = rows_top + rows_h;
            width = width.max(x0 + BAR_W + 40.0);
            y = legend(&mut out, f, p, theme, prefix, y + 8.0, &mut width);
            for line in summary(f, layout) {
                y += 20.0;
                let _ = writeln!(out, "<text x=\"0\" y=\"{}\">{}</text>", num(y), xml(&line));
                width = width.max(text_w(&line));
            }
        }
        None => {
            for state in &f.states {
                y = unsized_row(&mut out, f, state, label_w, y, &mut width);
            }
        }
    }
    Picture { width, height: y + 8.0, body: out }
}

/// The marker after which the rows start, so that backgrounds drawn later go under them.
const ROWS_MARK: &str = "<!-- rows -->\n";

fn insert_before_rows(out: String, back: &str) -> String {
    match out.split_once(ROWS_MARK) {
        Some((head, rows)) => format!("{head}{back}{rows}"),
        None => out,
    }
}

/// The brackets of the prefix and of the bytes states overlap, the ruler of offsets, and the
/// prefix's band behind the rows.
#[allow(clippy::too_many_arguments)]
fn ruler(
    out: &mut String,
    layout: &FutureLayout,
    p: &LayoutPalette,
    x0: f64,
    scale: f64,
    top: f64,
    rows_top: f64,
    rows_h: f64,
) {
    let x_of = |b: u64| x0 + b as f64 * scale;
    let bracket_y = top + 14.0;
    let bracket = |from: u64, to: u64, text: String, out: &mut String| {
        let (a, b) = (x_of(from), x_of(to));
        let _ = writeln!(
            out,
            "<path d=\"M {} {} V {} H {} V {}\" stroke=\"{}\" fill=\"none\"/>",
            num(a + 1.0),
            num(bracket_y + 6.0),
            num(bracket_y),
            num(b - 1.0),
            num(bracket_y + 6.0),
            p.border
        );
        let room = ((b - a - 8.0) / CHAR_W).floor().max(0.0) as usize;
        if room >= 3 {
            let text = if text.chars().count() <= room { text } else { shorten(&text, room) };
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" class=\"fl-dim\" text-anchor=\"middle\">{}</text>",
                num((a + b) / 2.0),
                num(bracket_y - 4.0),
                xml(&text)
            );
        }
    };
    if let Some(prefix) = layout.prefix_size.filter(|p| *p > 0) {
        let prefix = prefix.min(layout.size);
        let _ = writeln!(
            out,
            "<rect class=\"fl-prefix\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            num(x0),
            num(rows_top - 6.0),
            num(prefix as f64 * scale),
            num(rows_h),
            p.prefix_band
        );
        let fit = |from: u64, to: u64, long: String, short: String| {
            if text_w(&long) + 8.0 <= (to - from) as f64 * scale { long } else { short }
        };
        let text = fit(0, prefix, format!("prefix: in every state ({})", size_text(prefix)), size_text(prefix));
        bracket(0, prefix, text, out);
        if layout.size > prefix {
            let rest = size_text(layout.size - prefix);
            let text = fit(
                prefix,
                layout.size,
                format!("each state its own; states overlap ({rest})"),
                format!("states overlap ({rest})"),
            );
            bracket(prefix, layout.size, text, out);
        }
    }
    // Ticks every power of two that leaves at least 64 px between labels.
    let mut step: u64 = 1;
    while (step as f64) * scale < 64.0 && step < layout.size.max(1) {
        step *= 2;
    }
    let ruler_y = top + 40.0;
    let _ = writeln!(
        out,
        "<path d=\"M {} {} H {}\" stroke=\"{}\" fill=\"none\"/>",
        num(x0),
        num(ruler_y),
        num(x_of(layout.size)),
        p.border
    );
    let mut at = 0;
    while at < layout.size {
        let x = x_of(at);
        let _ = writeln!(
            out,
            "<path d=\"M {} {} V {}\" stroke=\"{}\" fill=\"none\"/>",
            num(x),
            num(ruler_y - 4.0),
            num(ruler_y + 4.0),
            p.border
        );
        if (layout.size - at) as f64 * scale >= 48.0 {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" class=\"fl-dim\" text-anchor=\"middle\">{}</text>",
                num(x),
                num(ruler_y - 8.0),
                grouped(at.into())
            );
        }
        at += step;
    }
    let end = x_of(layout.size);
    let _ = writeln!(
        out,
        "<path d=\"M {} {} V {}\" stroke=\"{}\" fill=\"none\"/>",
        num(end),
        num(ruler_y - 6.0),
        num(ruler_y + 6.0),
        p.border
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"fl-name\" text-anchor=\"middle\">{}</text>",
        num(end),
        num(ruler_y - 8.0),
        size_text(layout.size)
    );
}

/// The rows of every state; returns their total height.
#[allow(clippy::too_many_arguments)]
fn layout_rows(
    out: &mut String,
    f: &FutureAnalysis,
    layout: &FutureLayout,
    p: &LayoutPalette,
    theme: GraphTheme,
    prefix: &str,
    x0: f64,
    scale: f64,
    top: f64,
    width: &mut f64,
) -> f64 {
    out.push_str(ROWS_MARK);
    let mut y = top;
    let right_edge = x0 + BAR_W + 200.0;
    for state in &f.states {
        let state_name = state.id.name();
        let _ = writeln!(out, "<g class=\"fl-state\" data-state=\"{state_name}\">");
        let (size, what) = state_caption(state);
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\" class=\"fl-st\">{state_name}</text>", num(y + 16.0));
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\">{}</text>", num(y + 33.0), xml(&size));
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\" class=\"fl-dim\">{}</text>", num(y + 49.0), xml(&what));
        let mut lanes = Lanes::default();
        let mut pending: Vec<(f64, String, String)> = Vec::new();
        let mut unplaced: Vec<&Field> = Vec::new();
        for row in rows(f, state, layout) {
            let x = x0 + row.offset as f64 * scale;
            let w = row.size as f64 * scale;
            let cx = x + w / 2.0;
            match row.kind {
                RowKind::Field(field) => {
                    let reuse = field.placement == Placement::Overlapped && !field_note(f, state, field).is_empty();
                    let local = field.local.map(|l| format!(" data-local=\"{}\"", l.index())).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "<g class=\"fl-field\" data-state=\"{state_name}\" data-field=\"{}\" data-role=\"{}\" \
                         data-offset=\"{}\" data-size=\"{}\"{local}>",
                        xml(&field.name),
                        field.role.as_str(),
                        row.offset,
                        row.size
                    );
                    let _ = writeln!(out, "<title>{}</title>", xml(&field_tooltip(f, state, field)));
                    let dash = if reuse {
                        format!(" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"5,3\"", p.reuse)
                    } else {
                        format!(" stroke=\"{}\" stroke-width=\"1\"", p.border)
                    };
                    let _ = writeln!(
                        out,
                        "<rect class=\"fl-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR_H}\" fill=\"{}\"{dash}/>",
                        num(x),
                        num(y),
                        num(w),
                        field_fill(field, p, theme, prefix)
                    );
                    if w < 1.5 {
                        tick(out, x, y, p.border);
                    }
                    let ty = field.ty.to_string();
                    let room = ((w - 8.0) / CHAR_W).floor().max(0.0) as usize;
                    let size_t = field.size.map(size_text).unwrap_or_default();
                    let fits = field.name.chars().count() <= room
                        && size_t.chars().count() <= room
                        && (ty.chars().count() <= room || room >= 8);
                    if fits {
                        let name = if shown_name(state, field).chars().count() <= room {
                            shown_name(state, field)
                        } else {
                            field.name.clone()
                        };
                        let lines = [(name, "fl-name"), (shorten(&ty, room.min(TYPE_MAX)), "fl-mono"), (size_t, "")];
                        for (i, (text, class)) in lines.iter().enumerate() {
                            let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
                            let _ = writeln!(
                                out,
                                "<text x=\"{}\" y=\"{}\"{class}>{}</text>",
                                num(x + 4.0),
                                num(y + 16.0 + i as f64 * 16.0),
                                xml(text)
                            );
                        }
                        if reuse && w >= 12.0 + text_w(&field.name) + 14.0 {
                            let _ = writeln!(
                                out,
                                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">⇄</text>",
                                num(x + w - 3.0),
                                num(y + 15.0),
                                p.reuse
                            );
                        }
                    } else {
                        let mark = if reuse { " ⇄" } else { "" };
                        let label = field_label(field).replacen(&field.name, &shown_name(state, field), 1);
                        pending.push((
                            cx,
                            format!("{label}{mark}"),
                            format!(" data-label-of=\"{}\"", xml(&field.name)),
                        ));
                    }
                    out.push_str("</g>\n");
                }
                RowKind::Tag => {
                    let _ = writeln!(
                        out,
                        "<g class=\"fl-tag\" data-offset=\"{}\" data-size=\"{}\"><title>tag: {} at offset {}: which \
                         state the future is in</title>",
                        row.offset,
                        row.size,
                        size_text(row.size),
                        grouped(row.offset.into())
                    );
                    let _ = writeln!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR_H}\" fill=\"{}\" stroke=\"{}\"/>",
                        num(x),
                        num(y),
                        num(w),
                        p.tag,
                        p.border
                    );
                    if w < 1.5 {
                        tick(out, x, y, p.tag);
                    }
                    if w >= 30.0 {
                        let _ = writeln!(
                            out,
                            "<text x=\"{}\" y=\"{}\" class=\"fl-tagt\" text-anchor=\"middle\">tag</text>",
                            num(cx),
                            num(y + 32.0)
                        );
                    }
                    out.push_str("</g>\n");
                }
                RowKind::Padding { other_states } => {
                    let why = if other_states { ", bytes other states use" } else { "" };
                    let _ = writeln!(
                        out,
                        "<g class=\"fl-pad\" data-offset=\"{}\" data-size=\"{}\"><title>padding: {}{why}</title>",
                        row.offset,
                        row.size,
                        size_text(row.size)
                    );
                    let _ = writeln!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR_H}\" fill=\"url(#{prefix}hatch)\" \
                         stroke=\"{}\" stroke-width=\"0.5\"/>",
                        num(x),
                        num(y),
                        num(w),
                        p.hatch
                    );
                    out.push_str("</g>\n");
                }
            }
        }
        pending.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (cx, text, attrs) in pending {
            lanes.add(cx, text, attrs, right_edge);
        }
        for field in state.fields.iter().filter(|x| x.offset.is_none() || x.size.is_none()) {
            unplaced.push(field);
        }
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{BAR_W}\" height=\"{BAR_H}\" fill=\"none\" stroke=\"{}\" \
             stroke-width=\"1.5\"/>",
            num(x0),
            num(y),
            p.border
        );
        let lanes_top = y + BAR_H + 4.0;
        lanes.draw(out, lanes_top, p);
        for (_, _, start, text, _) in &lanes.placed {
            *width = width.max(start + text_w(text));
        }
        let mut extra = 0.0;
        for field in unplaced {
            extra += LANE_H;
            let _ = writeln!(
                out,
                "<g class=\"fl-field\" data-state=\"{state_name}\" data-field=\"{}\"><title>{}</title><text x=\"{}\" \
                 y=\"{}\" class=\"fl-mono\">{} (where it sits is not known)</text></g>",
                xml(&field.name),
                xml(&field_tooltip(f, state, field)),
                num(x0),
                num(lanes_top + lanes.count() as f64 * LANE_H + extra),
                xml(&field_label(field))
            );
        }
        out.push_str("</g>\n");
        y += BAR_H + 4.0 + lanes.count() as f64 * LANE_H + extra + ROW_GAP;
    }
    y - top
}

/// A thin line that keeps a box narrower than a pixel visible.
fn tick(out: &mut String, x: f64, y: f64, colour: &str) {
    let _ = writeln!(
        out,
        "<path class=\"fl-tick\" d=\"M {} {} V {}\" stroke=\"{colour}\" stroke-width=\"1.5\" fill=\"none\"/>",
        num(x),
        num(y),
        num(y + BAR_H)
    );
}

/// A state of a future without a layout: its fields listed, with no bytes drawn.
fn unsized_row(out: &mut String, f: &FutureAnalysis, state: &State, x0: f64, top: f64, width: &mut f64) -> f64 {
    let state_name = state.id.name();
    let _ = writeln!(out, "<g class=\"fl-state\" data-state=\"{state_name}\">");
    let _ = writeln!(out, "<text x=\"0\" y=\"{}\" class=\"fl-st\">{state_name}</text>", num(top + 16.0));
    let mut y = top + 16.0;
    if state.fields.is_empty() {
        let _ = writeln!(out, "<text x=\"{}\" y=\"{}\" class=\"fl-dim\">nothing stored</text>", num(x0), num(y));
    }
    for field in &state.fields {
        let label = field_label(field);
        *width = width.max(x0 + text_w(&label));
        let _ = writeln!(
            out,
            "<g class=\"fl-field\" data-state=\"{state_name}\" data-field=\"{}\"><title>{}</title><text x=\"{}\" \
             y=\"{}\" class=\"fl-mono\">{}</text></g>",
            xml(&field.name),
            xml(&field_tooltip(f, state, field)),
            num(x0),
            num(y),
            xml(&label)
        );
        y += LANE_H;
    }
    out.push_str("</g>\n");
    y.max(top + 24.0) + ROW_GAP
}

/// The key to the colours, on one line (two if it is too wide); returns the y below it.
fn legend(
    out: &mut String,
    f: &FutureAnalysis,
    p: &LayoutPalette,
    theme: GraphTheme,
    prefix: &str,
    top: f64,
    width: &mut f64,
) -> f64 {
    let reuse_shown = f
        .states
        .iter()
        .any(|s| s.fields.iter().any(|x| x.placement == Placement::Overlapped && !field_note(f, s, x).is_empty()));
    let this_fill = match theme {
        GraphTheme::Mono => format!("url(#{prefix}dots)"),
        _ => p.this_state.to_string(),
    };
    let mut items: Vec<(String, String, &str)> = vec![
        (p.every_state.to_string(), String::new(), "kept in every state (the prefix)"),
        (this_fill, String::new(), "this state only"),
        (p.tag.to_string(), String::new(), "tag: which state"),
        (format!("url(#{prefix}hatch)"), String::new(), "padding, or bytes only other states use"),
    ];
    if reuse_shown {
        items.push((
            p.this_state.to_string(),
            format!(" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"5,3\"", p.reuse),
            "⇄ bytes another state reuses",
        ));
    }
    let mut x = 0.0;
    let mut y = top + 14.0;
    out.push_str("<g class=\"fl-legend\">\n");
    for (fill, stroke, text) in items {
        let w = 26.0 + text_w(text) + 18.0;
        if x > 0.0 && x + w > BAR_W + 160.0 {
            x = 0.0;
            y += 22.0;
        }
        let stroke = if stroke.is_empty() { format!(" stroke=\"{}\"", p.border) } else { stroke };
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"14\" fill=\"{fill}\"{stroke}/>",
            num(x),
            num(y - 11.0)
        );
        let _ = writeln!(out, "<text x=\"{}\" y=\"{}\">{}</text>", num(x + 26.0), num(y), xml(text));
        x += w;
        *width = width.max(x);
    }
    out.push_str("</g>\n");
    y + 6.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_keep_labels_apart() {
        let mut lanes = Lanes::default();
        lanes.add(400.0, "cc".into(), String::new(), 1000.0);
        lanes.add(20.0, "bbbbbbbbbb".into(), String::new(), 1000.0);
        lanes.add(10.0, "aaaaaaaaaa".into(), String::new(), 1000.0);
        assert_eq!(lanes.placed.iter().map(|l| l.0).collect::<Vec<_>>(), [0, 0, 1]);
        // A label that would lie across the leader of a label below goes further down.
        lanes.add(5.0, "d".into(), String::new(), 1000.0);
        assert_eq!(lanes.placed[3].0, 2);
    }
}
