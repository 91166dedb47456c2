//! One self-contained HTML page to click through (`futurelens page`), and the widget the
//! mdBook preprocessor puts in a book: the source with line numbers, await markers and
//! syntax colouring, and for each future its state graph and its byte layout (inline SVG),
//! and a table of what every state keeps and why.
//!
//! In: the analysis, the source text it was made from, and the futures to show. Out: HTML
//! with no external URL: styles, script, pictures and data are inline. With scripts on, a
//! select box picks the future and clicking a state (its button, its node in the graph or
//! its row in the layout) highlights the values it keeps in the source and their bytes in the
//! layout; hovering or focusing a field says why it is kept. With scripts off everything is
//! shown, one future after the other, unlinked.
//!
//! The widget holds no `<code>` element, so a book's own highlighter leaves it alone. Marks
//! in the source come from the analysis' spans (each saved value's declaration, each
//! await), never from searching the text.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::json;

use crate::analysis::{Analysis, FutureAnalysis, State};
use crate::graph::StateId;

use super::graph_view::{GraphOptions, GraphTheme, kind_text};
use super::layout_svg::{self, field_label};
use super::{reason_text, size_text, svg};

/// Which parts a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The source, the graph and the layout, linked: the whole page.
    Page,
    /// The state graph only.
    Graph,
    /// The byte layout only.
    Layout,
}

/// The whole page: an HTML document for one file.
pub fn render(analysis: &Analysis, src: &str, futures: &[&FutureAnalysis]) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>futurelens: {}</title>", html(&analysis.file));
    out.push_str("</head>\n<body class=\"fl-body\">\n");
    let _ = writeln!(out, "<h1 class=\"fl-title\">futurelens: <code>{}</code></h1>", html(&analysis.file));
    let _ = writeln!(
        out,
        "<p class=\"fl-sub\">The state machines rustc builds from this file: edition {}, {}-bit target, sizes {}. \
         Pick a future, then click a state (a button, a box of the graph or a row of the layout) to see what it \
         keeps: in the source and in the bytes. Hover a field to see why it is kept.</p>",
        analysis.options.edition.as_str(),
        analysis.options.pointer_width,
        futures
            .iter()
            .find_map(|f| f.layout.as_ref())
            .map(|l| if l.source.as_str() == "rustc" { "from rustc" } else { "estimated from the source" })
            .unwrap_or("unknown"),
    );
    out.push_str(&widget(analysis, src, futures, "fl0-", View::Page));
    out.push_str("</body>\n</html>\n");
    out
}

/// A widget: a `<div class="fl-widget">` with its own style, data and script, for a page or
/// a book. `prefix` makes its ids unique in the document that holds it.
pub fn widget(analysis: &Analysis, src: &str, futures: &[&FutureAnalysis], prefix: &str, view: View) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<div class=\"fl-widget fl-view-{}\" id=\"{prefix}root\">", view_name(view));
    out.push_str(STYLE);
    let marks = Marks::collect(src, futures);
    if view == View::Page {
        out.push_str("<div class=\"fl-cols\">\n<section class=\"fl-source\" aria-label=\"Source\">\n");
        out.push_str(&source_html(src, &marks, prefix));
        out.push_str("</section>\n<section class=\"fl-futures\" aria-label=\"Futures\">\n");
        if futures.len() > 1 {
            let _ = writeln!(
                out,
                "<p class=\"fl-js-only fl-pickrow\"><label for=\"{prefix}pick\">Future</label> <select \
                 id=\"{prefix}pick\" class=\"fl-pick\">"
            );
            let first = first_shown(futures);
            for (i, f) in futures.iter().enumerate() {
                let selected = if i == first { " selected" } else { "" };
                let _ = writeln!(
                    out,
                    "<option value=\"{i}\"{selected}>{} ({}, line {})</option>",
                    html(f.display_name()),
                    kind_text(f.kind),
                    f.span.line
                );
            }
            out.push_str("</select></p>\n");
        }
    }
    for (i, f) in futures.iter().enumerate() {
        out.push_str(&future_html(analysis, f, i, prefix, view));
    }
    if view == View::Page {
        out.push_str("</section>\n</div>\n");
    }
    let data = json!({
        "prefix": prefix,
        "futures": futures.iter().enumerate().map(|(i, f)| json!({
            "name": f.display_name(),
            "states": f.states.iter().map(|s| json!({
                "name": s.id.name(),
                "marks": marks.of_state(i, s),
                "fields": s.fields.iter().map(|x| json!({
                    "name": x.name,
                    "label": field_label(x),
                    "why": reason_text(&x.reason),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    // `</` cannot appear inside a script element.
    let data = data.to_string().replace("</", "<\\/");
    let _ = writeln!(out, "<script type=\"application/json\" class=\"fl-data\">{data}</script>");
    out.push_str(SCRIPT);
    out.push_str("</div>\n");
    out
}

/// The future a page shows first: the one with the most states (the first of those).
fn first_shown(futures: &[&FutureAnalysis]) -> usize {
    let most = futures.iter().map(|f| f.states.len()).max().unwrap_or(0);
    futures.iter().position(|f| f.states.len() == most).unwrap_or(0)
}

fn view_name(view: View) -> &'static str {
    match view {
        View::Page => "page",
        View::Graph => "graph",
        View::Layout => "layout",
    }
}

/// One future: its heading, state buttons, the two pictures and the table of saved values.
fn future_html(analysis: &Analysis, f: &FutureAnalysis, i: usize, prefix: &str, view: View) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<article class=\"fl-future\" data-future=\"{i}\" id=\"{prefix}f{i}\">");
    let size = match (&f.layout, &f.recursion) {
        (Some(l), _) => size_text(l.size),
        (None, Some(r)) if r.certain => "size infinite".to_string(),
        (None, _) => "size unknown".to_string(),
    };
    let _ = writeln!(
        out,
        "<h2 class=\"fl-fname\">{} <small>{}, line {} · {size}</small></h2>",
        html(f.display_name()),
        kind_text(f.kind),
        f.span.line
    );
    if view == View::Page {
        out.push_str("<div class=\"fl-js-only fl-states\" role=\"toolbar\" aria-label=\"States\">");
        for state in &f.states {
            let name = state.id.name();
            let _ = write!(
                out,
                "<button type=\"button\" class=\"fl-sbtn\" data-state=\"{name}\" aria-pressed=\"false\">{name}</button>"
            );
        }
        out.push_str("</div>\n");
        out.push_str("<div class=\"fl-js-only fl-info\" aria-live=\"polite\"></div>\n");
    }
    let ids = format!("{prefix}f{i}-");
    if view != View::Layout {
        let options = GraphOptions { theme: GraphTheme::Light, ..GraphOptions::default() };
        let graph = readable(&inline_svg(&svg::render(analysis, &[f], &options), &ids));
        let _ = writeln!(
            out,
            "<figure class=\"fl-fig fl-graph\">{graph}<figcaption>The states and the transitions one poll can take</figcaption></figure>"
        );
    }
    if view != View::Graph {
        let title = format!("futurelens layout: {}", f.display_name());
        let layout = readable(&layout_svg::element(analysis, &[f], GraphTheme::Light, &title, &format!("{ids}l-")));
        let _ = writeln!(
            out,
            "<figure class=\"fl-fig fl-bytes\">{layout}<figcaption>The bytes of every state, to scale</figcaption></figure>"
        );
    }
    if view == View::Page {
        out.push_str(&table(f));
    }
    out.push_str("</article>\n");
    out
}

/// An SVG document made fit for inline use: no XML declaration, its ids prefixed.
fn inline_svg(doc: &str, prefix: &str) -> String {
    let body = doc.trim_start().strip_prefix("<?xml").and_then(|rest| rest.split_once("?>")).map_or(doc, |(_, b)| b);
    body.trim().replace("id=\"", &format!("id=\"{prefix}")).replace("url(#", &format!("url(#{prefix}"))
}

/// A picture that shrinks to the column's width, but never below 70% of its own width, so
/// that its text stays readable: a wider picture scrolls sideways in its figure.
fn readable(svg: &str) -> String {
    let head = svg.split('>').next().unwrap_or("");
    let width: Option<f64> =
        head.split(" width=\"").nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse().ok());
    match width {
        Some(w) => {
            svg.replacen("<svg ", &format!("<svg style=\"width: min({w}px, max(100%, {}px))\" ", (w * 0.7).round()), 1)
        }
        None => svg.to_string(),
    }
}

/// What every state keeps and why: the same facts as the pictures, readable without them.
fn table(f: &FutureAnalysis) -> String {
    let mut out = String::from(
        "<table class=\"fl-table\">\n<caption>What each state keeps, and why</caption>\n<thead><tr><th \
         scope=\"col\">State</th><th scope=\"col\">Value</th><th scope=\"col\">Type</th><th \
         scope=\"col\">Size</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n",
    );
    for state in &f.states {
        let name = state.id.name();
        let what = state_what(state);
        if state.fields.is_empty() {
            let _ = writeln!(
                out,
                "<tr data-state=\"{name}\"><th scope=\"row\">{name}</th><td colspan=\"4\">{}</td></tr>",
                html(&format!("{what}: nothing stored"))
            );
            continue;
        }
        for (k, x) in state.fields.iter().enumerate() {
            let head = if k == 0 {
                format!(
                    "<th scope=\"row\" rowspan=\"{}\">{name}<br><small>{}</small></th>",
                    state.fields.len(),
                    html(&what)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<tr data-state=\"{name}\" data-field=\"{}\">{head}<td><span class=\"fl-tt\">{}</span></td><td><span class=\"fl-tt\">{}</span></td><td>{}</td><td>{}</td></tr>",
                html(&x.name),
                html(&x.name),
                html(&x.ty.to_string()),
                x.size.map(size_text).unwrap_or_else(|| "?".to_string()),
                html(&reason_text(&x.reason))
            );
        }
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn state_what(state: &State) -> String {
    match (&state.await_site, state.id) {
        (Some(site), _) => format!("line {}:{}, {}.await", site.span.line, site.span.column, site.expr),
        (None, StateId::Unresumed) => "not polled yet".to_string(),
        (None, StateId::Returned) => "completed".to_string(),
        (None, StateId::Panicked) => "a poll panicked".to_string(),
        (None, StateId::Suspend(_)) => String::new(),
    }
}

/// The ranges of the source to mark: each saved value's declaration, and each await.
struct Marks {
    /// Distinct byte ranges of saved values, each a mark id.
    ranges: Vec<(usize, usize)>,
    /// Per future and state: the mark ids of the values it keeps.
    by_state: BTreeMap<(usize, String), Vec<usize>>,
    /// Awaits: range, and what they are (`two_awaits: Suspend0`).
    awaits: Vec<(usize, usize, String)>,
}

impl Marks {
    fn collect(src: &str, futures: &[&FutureAnalysis]) -> Marks {
        let mut marks = Marks { ranges: Vec::new(), by_state: BTreeMap::new(), awaits: Vec::new() };
        let valid = |a: usize, b: usize| a < b && src.get(a..b).is_some();
        for (i, f) in futures.iter().enumerate() {
            for state in &f.states {
                let mut ids = Vec::new();
                for x in &state.fields {
                    let (a, b) = (x.span.start_byte, x.span.end_byte);
                    if !valid(a, b) {
                        continue;
                    }
                    let id = match marks.ranges.iter().position(|r| *r == (a, b)) {
                        Some(id) => id,
                        None => {
                            marks.ranges.push((a, b));
                            marks.ranges.len() - 1
                        }
                    };
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                marks.by_state.insert((i, state.id.name()), ids);
                if let Some(site) = &state.await_site
                    && valid(site.span.start_byte, site.span.end_byte)
                {
                    marks.awaits.push((
                        site.span.start_byte,
                        site.span.end_byte,
                        format!("{}: {}", f.display_name(), state.id.name()),
                    ));
                }
            }
        }
        marks
    }

    fn of_state(&self, future: usize, state: &State) -> Vec<usize> {
        self.by_state.get(&(future, state.id.name())).cloned().unwrap_or_default()
    }
}

/// The source as HTML: one line per row with its number, tokens coloured, saved values'
/// declarations wrapped in marks (`data-m="m3 m7"`) and awaits flagged.
fn source_html(src: &str, marks: &Marks, prefix: &str) -> String {
    let tokens = lex(src);
    let mut cuts: Vec<usize> = vec![0, src.len()];
    for (a, b, _) in &tokens {
        cuts.push(*a);
        cuts.push(*b);
    }
    for (a, b) in &marks.ranges {
        cuts.push(*a);
        cuts.push(*b);
    }
    for (a, b, _) in &marks.awaits {
        cuts.push(*a);
        cuts.push(*b);
    }
    for (i, c) in src.char_indices() {
        if c == '\n' {
            cuts.push(i);
            cuts.push(i + 1);
        }
    }
    cuts.retain(|c| src.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let await_lines: std::collections::BTreeSet<usize> =
        marks.awaits.iter().map(|(a, _, _)| src[..*a].matches('\n').count() + 1).collect();
    let mut out = String::from("<pre class=\"fl-code\">");
    let mut line = 1;
    let start_line = |out: &mut String, line: usize| {
        let flag = if await_lines.contains(&line) {
            "<span class=\"fl-aw\" title=\"a state: this line awaits\">◆</span>"
        } else {
            "<span class=\"fl-aw\"> </span>"
        };
        let _ = write!(out, "<span class=\"fl-line\" id=\"{prefix}L{line}\"><span class=\"fl-ln\">{line}</span>{flag}");
    };
    start_line(&mut out, line);
    let mut token = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let text = &src[a..b];
        if text == "\n" {
            line += 1;
            out.push_str("</span>\n");
            start_line(&mut out, line);
            continue;
        }
        while token < tokens.len() && tokens[token].1 <= a {
            token += 1;
        }
        let class = tokens.get(token).filter(|t| t.0 <= a).map(|t| t.2);
        let ms: Vec<String> = marks
            .ranges
            .iter()
            .enumerate()
            .filter(|(_, (s, e))| *s <= a && b <= *e)
            .map(|(id, _)| format!("m{id}"))
            .collect();
        let awaited: Vec<&str> =
            marks.awaits.iter().filter(|(s, e, _)| *s <= a && b <= *e).map(|(_, _, w)| w.as_str()).collect();
        let mut classes: Vec<&str> = class.into_iter().collect();
        if !ms.is_empty() {
            classes.push("fl-mark");
        }
        if !awaited.is_empty() {
            classes.push("fl-await");
        }
        // A carriage return would be a line break of its own in HTML.
        let text = text.replace('\r', "");
        if classes.is_empty() {
            out.push_str(&html(&text));
            continue;
        }
        let _ = write!(out, "<span class=\"{}\"", classes.join(" "));
        if !ms.is_empty() {
            let _ = write!(out, " data-m=\"{}\"", ms.join(" "));
        }
        if !awaited.is_empty() {
            let _ = write!(out, " title=\"{}\"", html(&awaited.join("; ")));
        }
        let _ = write!(out, ">{}</span>", html(&text));
    }
    out.push_str("</span></pre>\n");
    out
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
];

/// A small Rust lexer for colouring: `(start, end, class)` of comments, strings, chars,
/// lifetimes, numbers, keywords, macros, types and attributes; other text is plain.
fn lex(src: &str) -> Vec<(usize, usize, &'static str)> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    while i < bytes.len() {
        let c = bytes[i];
        let rest = &src[i..];
        let start = i;
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            out.push((start, i, "fl-c"));
        } else if let Some(body) = rest.strip_prefix("/*") {
            i += body.find("*/").map_or(rest.len(), |e| e + 4);
            out.push((start, i, "fl-c"));
        } else if rest.starts_with("r\"") || rest.starts_with("r#") || rest.starts_with("br\"") {
            let skip = if c == b'b' { 2 } else { 1 };
            let hashes = rest[skip..].bytes().take_while(|b| *b == b'#').count();
            if rest[skip + hashes..].starts_with('"') {
                let close = format!("\"{}", "#".repeat(hashes));
                let body = skip + hashes + 1;
                i += rest[body..].find(&close).map_or(rest.len(), |e| body + e + close.len());
                out.push((start, i, "fl-s"));
            } else {
                i += 1;
            }
        } else if c == b'"' || (c == b'b' && rest[1..].starts_with('"')) {
            let mut j = if c == b'b' { 2 } else { 1 };
            while j < rest.len() && rest.as_bytes()[j] != b'"' {
                j += if rest.as_bytes()[j] == b'\\' { 2 } else { 1 };
            }
            i += (j + 1).min(rest.len());
            out.push((start, i, "fl-s"));
        } else if c == b'\'' {
            // A char literal closes within a few characters; a lifetime does not.
            let chars: Vec<char> = rest.chars().take(12).collect();
            let close = if chars.get(1) == Some(&'\\') {
                chars.iter().skip(2).position(|&ch| ch == '\'').map(|p| p + 2)
            } else if chars.get(2) == Some(&'\'') {
                Some(2)
            } else {
                None
            };
            match close {
                Some(k) => {
                    i += chars[..=k].iter().map(|ch| ch.len_utf8()).sum::<usize>();
                    out.push((start, i, "fl-s"));
                }
                None => {
                    i += 1;
                    while i < bytes.len() && ident(bytes[i]) {
                        i += 1;
                    }
                    out.push((start, i, "fl-l"));
                }
            }
        } else if c == b'#' && (rest.starts_with("#[") || rest.starts_with("#![")) {
            i += rest.find(']').map_or(rest.len(), |e| e + 1);
            out.push((start, i, "fl-a"));
        } else if c.is_ascii_digit() {
            while i < bytes.len()
                && (ident(bytes[i]) || bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                i += 1;
            }
            out.push((start, i, "fl-n"));
        } else if ident(c) {
            while i < bytes.len() && ident(bytes[i]) {
                i += 1;
            }
            let word = &src[start..i];
            let class = if bytes.get(i) == Some(&b'!') && !KEYWORDS.contains(&word) {
                i += 1;
                Some("fl-m")
            } else if KEYWORDS.contains(&word) {
                Some("fl-k")
            } else if word.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                Some("fl-t")
            } else {
                None
            };
            if let Some(class) = class {
                out.push((start, i, class));
            }
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        while i < bytes.len() && !src.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Text for HTML content and attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"<style>
.fl-widget { font-family: 'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif; color: #1a1a1a; }
.fl-body { font-family: 'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif; margin: 0 auto; padding: 1em 1.5em; max-width: 110em; background: #fff; }
.fl-title { font-size: 1.5em; margin: 0.2em 0; }
.fl-sub { color: #444; margin: 0 0 1em; max-width: 60em; }
.fl-cols { display: grid; grid-template-columns: minmax(24em, 40%) 1fr; gap: 1.5em; align-items: start; }
.fl-widget { container-type: inline-size; }
@container (max-width: 900px) { .fl-cols { grid-template-columns: 1fr; } .fl-source { position: static; max-height: 32em; } }
.fl-source { position: sticky; top: 0; max-height: 100vh; overflow: auto; }
.fl-code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; line-height: 1.45;
  background: #fafafa; border: 1px solid #ddd; border-radius: 6px; padding: 0.5em 0; margin: 0; overflow-x: auto; }
.fl-line { white-space: pre; }
.fl-ln { display: inline-block; width: 3.2em; padding-right: 0.6em; text-align: right; color: #777; user-select: none; }
.fl-aw { display: inline-block; width: 1.2em; color: #b35c00; user-select: none; }
.fl-k { color: #8a1f8a; font-weight: bold; } .fl-s { color: #0a6b26; } .fl-c { color: #666; font-style: italic; }
.fl-n { color: #a34800; } .fl-m { color: #1f5fbf; } .fl-t { color: #006b75; } .fl-l { color: #8a5a00; }
.fl-a { color: #666; }
.fl-tt { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.92em; }
.fl-await { background: #fde7c8; border-radius: 3px; font-weight: bold; }
.fl-mark.fl-hl { background: #ffe066; outline: 2px solid #c99a00; border-radius: 2px; }
.fl-fname { font-size: 1.25em; margin: 0.5em 0; } .fl-fname small { font-weight: normal; color: #555; font-size: 0.95em; }
.fl-future { border-top: 2px solid #ddd; padding-top: 0.5em; margin-bottom: 2em; }
.fl-fig { margin: 0.75em 0; overflow-x: auto; }
.fl-fig svg { height: auto; }
.fl-fig figcaption { color: #555; font-size: 0.9em; }
.fl-states { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0.4em 0; }
.fl-sbtn { font: inherit; font-size: 0.95em; padding: 0.25em 0.7em; border: 1px solid #888; border-radius: 5px;
  background: #f2f6fb; cursor: pointer; }
.fl-sbtn[aria-pressed="true"] { background: #1f5fbf; color: #fff; border-color: #1f5fbf; }
.fl-widget :focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
.fl-info { min-height: 1.5em; background: #f6f6f6; border-left: 4px solid #1f5fbf; padding: 0.4em 0.7em; margin: 0.4em 0; }
.fl-info ul { margin: 0.2em 0; padding-left: 1.2em; }
.fl-pickrow { margin: 0.5em 0; } .fl-pick { font: inherit; padding: 0.2em; }
.fl-table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
.fl-table caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
.fl-table th, .fl-table td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
.fl-table tr.fl-hl td { background: #fff3bf; }
.fl-js-only { display: none; }
.fl-js .fl-js-only { display: block; }
.fl-js .fl-states.fl-js-only { display: flex; }
.fl-node, .fl-layout .fl-state { cursor: pointer; }
.fl-node.fl-sel rect { stroke: #1f5fbf; stroke-width: 4px; }
.fl-layout .fl-state.fl-sel > text:first-of-type { fill: #1f5fbf; text-decoration: underline; }
.fl-layout .fl-field.fl-hl rect.fl-box { stroke: #1a1a1a; stroke-width: 3px; }
.fl-layout .fl-state.fl-dimmed { opacity: 0.45; }
.fl-widget svg g:focus { outline: none; }
.fl-widget svg g:focus-visible rect { stroke: #1f5fbf; stroke-width: 3px; }
</style>
"#;

const SCRIPT: &str = r#"<script>
(function () {
  "use strict";
  document.documentElement.classList.add("fl-js");
  document.querySelectorAll(".fl-widget:not([data-ready])").forEach(function (root) {
    root.setAttribute("data-ready", "1");
    root.classList.add("fl-js");
    var dataNode = root.querySelector("script.fl-data");
    if (!dataNode) return;
    var data = JSON.parse(dataNode.textContent);
    var articles = Array.prototype.slice.call(root.querySelectorAll(".fl-future"));
    var pick = root.querySelector(".fl-pick");
    var isPage = root.classList.contains("fl-view-page");
    function clear() {
      root.querySelectorAll(".fl-hl, .fl-sel, .fl-dimmed").forEach(function (n) {
        n.classList.remove("fl-hl", "fl-sel", "fl-dimmed");
      });
      root.querySelectorAll(".fl-sbtn").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    }
    function info(article, html) {
      var box = article.querySelector(".fl-info");
      if (box) box.innerHTML = html;
    }
    function esc(s) {
      return String(s).replace(/[&<>"]/g, function (c) {
        return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
      });
    }
    function stateInfo(f, s) {
      if (!s.fields.length) return "<b>" + esc(s.name) + "</b> keeps nothing.";
      return "<b>" + esc(s.name) + "</b> keeps:<ul>" + s.fields.map(function (x) {
        return "<li><span class=\"fl-tt\">" + esc(x.label) + "</span>: " + esc(x.why) + "</li>";
      }).join("") + "</ul>";
    }
    function select(fi, stateName) {
      var f = data.futures[fi];
      var article = articles[fi];
      if (!f || !article) return;
      var s = f.states.filter(function (x) { return x.name === stateName; })[0];
      if (!s) return;
      clear();
      article.querySelectorAll('.fl-sbtn[data-state="' + stateName + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", "true");
      });
      article.querySelectorAll('.fl-node[data-state="' + stateName + '"]').forEach(function (n) { n.classList.add("fl-sel"); });
      article.querySelectorAll(".fl-layout .fl-state").forEach(function (n) {
        n.classList.add(n.getAttribute("data-state") === stateName ? "fl-sel" : "fl-dimmed");
      });
      article.querySelectorAll('.fl-layout .fl-field[data-state="' + stateName + '"]').forEach(function (n) {
        n.classList.add("fl-hl");
      });
      article.querySelectorAll('.fl-table tr[data-state="' + stateName + '"]').forEach(function (n) { n.classList.add("fl-hl"); });
      var first = null;
      s.marks.forEach(function (m) {
        root.querySelectorAll('.fl-mark[data-m~="m' + m + '"]').forEach(function (n) {
          n.classList.add("fl-hl");
          if (!first) first = n;
        });
      });
      if (first && isPage) {
        var box = root.querySelector(".fl-source");
        if (box && box.scrollHeight > box.clientHeight) {
          box.scrollTop = Math.max(0, first.offsetTop - box.clientHeight / 3);
        }
      }
      info(article, stateInfo(f, s));
    }
    function show(fi) {
      articles.forEach(function (a, i) { a.hidden = i !== fi; });
      clear();
      info(articles[fi], "Click a state to see what it keeps.");
    }
    articles.forEach(function (article, fi) {
      article.querySelectorAll(".fl-sbtn").forEach(function (b) {
        b.addEventListener("click", function () { select(fi, b.getAttribute("data-state")); });
      });
      article.querySelectorAll(".fl-node, .fl-layout .fl-state").forEach(function (g) {
        var name = g.getAttribute("data-state");
        if (!isPage) return;
        g.setAttribute("tabindex", "0");
        g.setAttribute("role", "button");
        g.setAttribute("aria-label", "state " + name);
        g.addEventListener("click", function () { select(fi, name); });
        g.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(fi, name); }
        });
      });
      article.querySelectorAll(".fl-layout .fl-field").forEach(function (g) {
        var title = g.querySelector("title");
        var text = title ? title.textContent : "";
        function say() { info(article, "<span class=\"fl-tt\">" + esc(text.split(" (")[0]) + "</span>: " + esc(text.slice(text.indexOf("): ") + 3))); }
        g.addEventListener("mouseenter", say);
        g.addEventListener("focusin", say);
      });
    });
    if (pick && isPage) {
      pick.addEventListener("change", function () { show(Number(pick.value)); });
      show(Number(pick.value));
    } else if (isPage) {
      articles.forEach(function (a) { info(a, "Click a state to see what it keeps."); });
    }
  });
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_rust() {
        let src = "// c\nlet s = \"a\\\"b\"; 'x' 'a 42 Foo vec![] #[x] r#\"q\"#";
        let classes: Vec<(&str, &str)> = lex(src).into_iter().map(|(a, b, c)| (&src[a..b], c)).collect();
        assert_eq!(
            classes,
            [
                ("// c", "fl-c"),
                ("let", "fl-k"),
                ("\"a\\\"b\"", "fl-s"),
                ("'x'", "fl-s"),
                ("'a", "fl-l"),
                ("42", "fl-n"),
                ("Foo", "fl-t"),
                ("vec!", "fl-m"),
                ("#[x]", "fl-a"),
                ("r#\"q\"#", "fl-s"),
            ]
        );
    }

    #[test]
    fn source_lines_survive_crlf_and_non_ascii() {
        let src = "// héllo wörld\r\nasync fn f(x: u8) -> u8 {\r\n    g().await;\r\n    x\r\n}\r\nasync fn g() {}\r\n";
        let analysis = crate::analyze(src, &crate::Options::default());
        let futures: Vec<&FutureAnalysis> = analysis.futures.iter().collect();
        let page = render(&analysis, src, &futures);
        assert!(!page.contains('\r'));
        assert_eq!(page.matches("<span class=\"fl-line\"").count(), src.lines().count() + 1);
        assert!(page.contains("héllo wörld"));
        // `x` is kept across the await: its declaration is a mark.
        assert!(page.contains("data-m=\"m0\">x"), "{page}");
    }

    #[test]
    fn pictures_shrink_to_seventy_percent_at_most() {
        assert_eq!(
            readable("<svg xmlns=\"x\" width=\"1000\" height=\"5\">"),
            "<svg style=\"width: min(1000px, max(100%, 700px))\" xmlns=\"x\" width=\"1000\" height=\"5\">"
        );
    }

    #[test]
    fn inline_svg_prefixes_ids() {
        let doc = "<?xml version=\"1.0\"?>\n<svg><marker id=\"end-1\"/><path marker-end=\"url(#end-1)\"/></svg>\n";
        assert_eq!(inline_svg(doc, "p-"), "<svg><marker id=\"p-end-1\"/><path marker-end=\"url(#p-end-1)\"/></svg>");
    }
}
