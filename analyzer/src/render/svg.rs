//! SVG of the state graph with no Graphviz installed: each future is laid out by layout-rs (a
//! pure-Rust layered layout of a DOT subset) and drawn by [`svg_draw`](super::svg_draw); the
//! pictures are stacked into one image, each under its future's name. layout-rs is guarded: it
//! gets only the subset it parses (plain ids, `shape=box`, quoted labels, `color`, `fillcolor`,
//! `fontsize`, `rankdir=LR`), never an empty graph, and runs under `catch_unwind` with its panic
//! message silenced; if it fails, the future is laid out again with names only, then drawn as
//! a plain list of its edges, so the output is always an image that opens. The document is SVG 1.1 (`#rrggbb` colours, one
//! arrowhead marker per colour) with a sans-serif font, for slides.
//!
//! In: the analysis, the futures to draw and [`GraphOptions`]. Out: a document such as
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8" standalone="no"?>
//! <svg xmlns="http://www.w3.org/2000/svg" width="612" height="470" viewBox="0 0 612 470">
//! <title>futurelens: retry_loop</title>
//! <style>text { font-family: 'DejaVu Sans', ..., sans-serif; fill: #1a1a1a; } ...</style>
//! <defs><marker id="end-333333" ...>...</marker></defs>
//! <rect x="0" y="0" width="612" height="470" fill="#ffffff"/>
//! <text x="20" y="40" class="title">retry_loop<tspan class="caption" dx="12">async fn, line 22</tspan></text>
//! <g transform="translate(20,54)">...boxes, curves, labels...</g>
//! </svg>
//! ```

use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use layout::gv::{DotParser, GraphBuilder};

use crate::analysis::{Analysis, FutureAnalysis};

use super::graph_view::{self, EdgeStyle, FutureView, GraphOptions, Palette, RankDir};
use super::svg_draw::{
    self, Canvas, Drawing, EDGE_TAG_FONT, NODE_TAG_FONT, NodeBox, TEXT_PX, TITLE_PX, blank_label, edge_tag, node_tag,
};

/// The font stack of every text in the picture.
pub const FONT_FAMILY: &str = "'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif";

/// The font stack of code (saved values and their types).
pub const MONO_FAMILY: &str = "'DejaVu Sans Mono', Menlo, Consolas, monospace";
/// Space around each picture and between stacked pictures (px).
const MARGIN: f64 = 20.0;
/// Height of a future's title above its picture (px).
const TITLE_HEIGHT: f64 = 34.0;

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], options: &GraphOptions) -> String {
    let views: Vec<FutureView> = futures.iter().map(|f| graph_view::view(f, options)).collect();
    let title = match views.as_slice() {
        [one] => format!("futurelens: {}", one.name),
        _ => format!("futurelens: {}", analysis.file),
    };
    compose(&views, options, &title, &[])
}

/// The graph of each future with its byte layout under it (`graph --format svg --with-layout`),
/// in one document.
pub fn render_with_layout(analysis: &Analysis, futures: &[&FutureAnalysis], options: &GraphOptions) -> String {
    let views: Vec<FutureView> = futures.iter().map(|f| graph_view::view(f, options)).collect();
    let title = match views.as_slice() {
        [one] => format!("futurelens: {}", one.name),
        _ => format!("futurelens: {}", analysis.file),
    };
    let layouts: Vec<String> = futures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let title = format!("futurelens layout: {}", f.display_name());
            super::layout_svg::element(analysis, &[f], options.theme, &title, &format!("l{i}-"))
        })
        .collect();
    compose(&views, options, &title, &layouts)
}

/// The `width` and `height` of an `<svg>` element's start tag.
fn svg_size(element: &str) -> (f64, f64) {
    let head = element.split('>').next().unwrap_or("");
    let attr = |name: &str| {
        head.split(&format!(" {name}=\"")).nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse().ok())
    };
    (attr("width").unwrap_or(0.0), attr("height").unwrap_or(0.0))
}

fn compose(views: &[FutureView], options: &GraphOptions, title: &str, layouts: &[String]) -> String {
    let p = Palette::of(options.theme);
    let drawings: Vec<Drawing> = views.iter().map(|v| picture(v, options)).collect();
    let mut width: f64 = 320.0;
    let mut height = MARGIN;
    let mut placed = String::new();
    for (placed_count, (v, pic)) in views.iter().zip(&drawings).enumerate() {
        let title_width = v.name.chars().count() as f64 * 12.0 + v.caption.chars().count() as f64 * 8.5 + 12.0;
        width = width.max(pic.width.max(title_width) + 2.0 * MARGIN);
        let _ = writeln!(
            placed,
            "<text x=\"{MARGIN}\" y=\"{}\" class=\"title\">{}<tspan class=\"caption\" dx=\"12\">{}</tspan></text>",
            height + 20.0,
            xml(&v.name),
            xml(&v.caption)
        );
        let _ = writeln!(placed, "<g transform=\"translate({MARGIN},{})\">", height + TITLE_HEIGHT);
        placed.push_str(&pic.body);
        placed.push_str("</g>\n");
        height += TITLE_HEIGHT + pic.height + MARGIN;
        if let Some((key, key_width, key_height)) = legend(v, &p, height) {
            placed.push_str(&key);
            width = width.max(key_width + 2.0 * MARGIN);
            height += key_height + MARGIN;
        }
        if let Some(layout) = layouts.get(placed_count) {
            let (w, h) = svg_size(layout);
            let nested = layout.replacen("<svg ", &format!("<svg x=\"0\" y=\"{}\" ", height.round()), 1);
            placed.push_str(&nested);
            width = width.max(w);
            height += h.round() + MARGIN;
        }
    }
    let (width, height) = (width.ceil(), height.ceil());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", xml(title));
    out.push_str(&style(&p));
    out.push_str(&markers(&placed));
    let _ = writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"{}\"/>", p.background);
    out.push_str(&placed);
    out.push_str("</svg>\n");
    out
}

/// What each kind of edge means, in the picture's key.
pub fn edge_meaning(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Forward => "a poll runs on to the next await",
        EdgeStyle::BackEdge => "back to an earlier await (a loop)",
        EdgeStyle::EarlyExit => "leaves early (return, ?)",
        EdgeStyle::Pending => "Pending: the future stays in its state",
        EdgeStyle::Panic => "a panic unwinds",
    }
}

/// The key to the edges of one picture, at `top`: one entry per kind of edge it draws, shown
/// when some edge is coloured or dashed. Returns the elements, their width and height.
fn legend(v: &FutureView, p: &Palette, top: f64) -> Option<(String, f64, f64)> {
    let mut styles: Vec<EdgeStyle> = v.edges.iter().map(|e| e.style).collect();
    styles.sort();
    styles.dedup();
    if styles.iter().all(|s| *s == EdgeStyle::Forward) {
        return None;
    }
    let mut out = String::from("<g class=\"fl-legend\">\n");
    let (mut x, mut y) = (MARGIN, top + 10.0);
    let mut widest: f64 = 0.0;
    for style in styles {
        let text = edge_meaning(style);
        let w = 44.0 + svg_draw::text_width(text) + 24.0;
        if x > MARGIN && x + w > 900.0 {
            x = MARGIN;
            y += 24.0;
        }
        let colour = p.edge(style);
        let dash = match style {
            EdgeStyle::Panic => " stroke-dasharray=\"6,4\"",
            EdgeStyle::Pending => " stroke-dasharray=\"3,3\"",
            _ => "",
        };
        let width = if matches!(style, EdgeStyle::BackEdge | EdgeStyle::EarlyExit) { 2.2 } else { 1.4 };
        let _ = writeln!(
            out,
            "<g class=\"fl-key\" data-style=\"{}\"><path d=\"M {x} {y} H {}\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} \
             marker-end=\"url(#end-{})\"/><text x=\"{}\" y=\"{}\" class=\"s\">{}</text></g>",
            style_name(style),
            x + 36.0,
            colour.trim_start_matches('#'),
            x + 44.0,
            y + 4.5,
            xml(text)
        );
        x += w;
        widest = widest.max(x);
    }
    out.push_str("</g>\n");
    Some((out, widest, y - top + 10.0))
}

/// A kind of edge as the key names it (`data-style`).
pub fn style_name(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Forward => "forward",
        EdgeStyle::BackEdge => "back_edge",
        EdgeStyle::EarlyExit => "early_exit",
        EdgeStyle::Pending => "pending",
        EdgeStyle::Panic => "panic",
    }
}

/// The stylesheet: one sans-serif font for prose, a monospace one for code.
fn style(p: &Palette) -> String {
    let mut out = String::from("<style>\n");
    let _ = writeln!(out, "text {{ font-family: {FONT_FAMILY}; fill: {}; }}", p.text);
    out.push_str(".title { font-size: 20px; font-weight: bold; }\n");
    let _ = writeln!(out, ".caption {{ font-size: 15px; font-weight: normal; fill: {}; }}", p.dim_text);
    let _ = writeln!(out, ".t {{ font-size: {TITLE_PX}px; font-weight: bold; }}");
    let _ = writeln!(out, ".s, .l {{ font-size: {TEXT_PX}px; }}");
    out.push_str(".n { font-size: 12px; }\n");
    let _ = writeln!(out, ".m {{ font-size: {TEXT_PX}px; font-family: {MONO_FAMILY}; }}");
    out.push_str("</style>\n");
    out
}

/// One arrowhead per edge colour used (SVG 1.1 has no `context-stroke`), the same size
/// whatever the line width.
fn markers(body: &str) -> String {
    let mut colours: BTreeSet<&str> = BTreeSet::new();
    for part in body.split("url(#end-").skip(1) {
        colours.extend(part.split(')').next());
    }
    let mut out = String::from("<defs>\n");
    for c in colours {
        let _ = writeln!(
            out,
            "<marker id=\"end-{c}\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"9\" \
             refX=\"11\" refY=\"4.5\" orient=\"auto\"><polygon points=\"0 0, 12 4.5, 0 9\" fill=\"#{c}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    out
}

fn picture(v: &FutureView, options: &GraphOptions) -> Drawing {
    let attempts = [*options, GraphOptions { compact: true, ..*options }];
    for attempt in attempts {
        let view = if attempt.compact && !options.compact { compact(v) } else { v.clone() };
        let boxes = svg_draw::node_boxes(&view, &attempt);
        let dot = subset_dot(&view, &boxes, &attempt);
        if let Some(canvas) = layout(&dot, view.nodes.len())
            && let Some(drawing) = canvas.finish(&view, &boxes, &attempt)
        {
            return drawing;
        }
    }
    fallback(v)
}

/// The view without node details, for a second try at layout.
fn compact(v: &FutureView) -> FutureView {
    let mut v = v.clone();
    for n in &mut v.nodes {
        n.subtitle = None;
        n.rows.clear();
        n.size = None;
    }
    v
}

/// The DOT subset layout-rs parses: plain ids, boxes sized by blank labels, tag colours, and no
/// self-loops (they are drawn beside their node).
pub fn subset_dot(v: &FutureView, boxes: &[NodeBox], options: &GraphOptions) -> String {
    let mut out = String::from("digraph {\n");
    if options.rankdir == RankDir::LeftRight {
        out.push_str("  rankdir=LR;\n");
    }
    for (i, (n, b)) in v.nodes.iter().zip(boxes).enumerate() {
        let _ = writeln!(
            out,
            "  {} [shape=box, label=\"{}\", color=\"#000000\", fillcolor=\"{}\", fontsize={NODE_TAG_FONT}];",
            n.id.name(),
            blank_label(b.layout_w, b.layout_h),
            node_tag(i)
        );
    }
    for (i, e) in v.edges.iter().enumerate() {
        if e.from == e.to {
            continue;
        }
        // Panic edges are drawn unlabelled (the key explains them): no room for a label.
        let label = if e.style == EdgeStyle::Panic {
            String::new()
        } else {
            let text = e.label_lines().iter().map(|l| super::dot::escape_quoted(l)).collect::<Vec<_>>().join("\\n");
            format!("label=\"{text}\", ")
        };
        let _ = writeln!(
            out,
            "  {} -> {} [{label}color=\"{}\", fontsize={EDGE_TAG_FONT}];",
            e.from.name(),
            e.to.name(),
            edge_tag(i)
        );
    }
    out.push_str("}\n");
    out
}

/// Runs layout-rs on a DOT text; `None` if it rejects the input or panics. A panic in
/// layout-rs is caught and prints nothing.
pub fn layout(dot: &str, nodes: usize) -> Option<Canvas> {
    if nodes == 0 {
        return None;
    }
    quietly(|| {
        let mut parser = DotParser::new(dot);
        let graph = parser.process().ok()?;
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut visual = builder.get();
        if visual.num_nodes() == 0 {
            return None;
        }
        let mut canvas = Canvas::default();
        visual.do_it(false, false, false, &mut canvas);
        Some(canvas)
    })
}

thread_local! {
    /// Whether a panic on this thread is caught by [`quietly`] and must print nothing.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic, with the panic message left unprinted: `None` if it panicked.
///
/// A panic hook is process-wide, and the CLI renders on several threads at once, so the hook
/// is not swapped around the call: one hook, installed the first time, stays silent while the
/// panicking thread is inside `quietly` and hands every other panic to the hook it replaced.
fn quietly<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.ok().flatten()
}

/// The last resort: the states and edges as lines of text.
fn fallback(v: &FutureView) -> Drawing {
    let mut body = String::new();
    let mut y = 18.0;
    let mut widest: f64 = 0.0;
    let mut line = |text: String, body: &mut String| {
        widest = widest.max(svg_draw::text_width(&text));
        let _ = writeln!(body, "<text x=\"0\" y=\"{y}\" class=\"s\">{}</text>", xml(&text));
        y += 22.0;
    };
    line("(the built-in layout failed; try --engine graphviz)".to_string(), &mut body);
    for n in &v.nodes {
        line(n.lines().join("  "), &mut body);
    }
    for e in &v.edges {
        line(format!("{} → {}: {}", e.from.name(), e.to.name(), e.one_line()), &mut body);
    }
    Drawing { width: widest, height: y, body }
}

/// Text for XML content and attributes.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_rejects_empty_and_survives_bad_records() {
        assert!(layout("digraph { }", 0).is_none());
        assert!(layout("digraph { a [shape=record, label=\"\"]; }", 1).is_none());
        assert!(layout("digraph { a -> b; }", 2).is_some());
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(xml("Vec<&\"x\">"), "Vec&lt;&amp;&quot;x&quot;&gt;");
    }
}
