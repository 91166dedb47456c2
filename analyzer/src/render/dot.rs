//! Graphviz DOT of the state graph, written by hand: deterministic (states in rustc's order,
//! edges sorted), every label HTML-escaped, one `digraph` per document. Several futures become
//! one cluster each, with node ids prefixed `f0_`, `f1_`, ...
//!
//! In: the analysis, the futures to draw and [`GraphOptions`]. Out: text such as
//!
//! ```text
//! digraph futurelens {
//!   graph [rankdir=TB, bgcolor="#ffffff", ...];
//!   label=<<B>retry_loop</B>  async fn, line 22>;
//!   "Unresumed" [fillcolor="#e3f2e1", label=<...<B>Unresumed</B>...>];
//!   "Suspend0" [fillcolor="#dbe9f7", label=<...line 26: try_send(attempts).await...>];
//!   "Unresumed" -> "Suspend0" [color="#333333", label=<first poll<BR/>...lines 23-26...>];
//!   "Suspend0" -> "Suspend0" [color="#1f5fbf", label=<Ready, !try_send(attempts).await...>];
//! }
//! ```

use std::fmt::Write;

use crate::analysis::{Analysis, FutureAnalysis};
use crate::graph::StateId;

use super::graph_view::{self, EdgeStyle, EdgeView, FutureView, GraphOptions, NodeView, Palette};

/// The font stack: Graphviz takes the first one fontconfig finds.
pub const FONT: &str = "Helvetica,Arial,DejaVu Sans,sans-serif";

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], options: &GraphOptions) -> String {
    let _ = analysis;
    let views: Vec<FutureView> = futures.iter().map(|f| graph_view::view(f, options)).collect();
    document(&views, options)
}

/// The DOT document of some views.
pub fn document(views: &[FutureView], options: &GraphOptions) -> String {
    let p = Palette::of(options.theme);
    let mut out = String::new();
    out.push_str("digraph futurelens {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir={}, bgcolor=\"{}\", fontname=\"{FONT}\", fontsize=18, fontcolor=\"{}\", \
         labelloc=t, labeljust=l, nodesep=0.5, ranksep=0.55, pad=0.3];",
        options.rankdir.as_dot(),
        p.background,
        p.text
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"{FONT}\", fontsize=14, fontcolor=\"{}\", \
         color=\"{}\", penwidth=1.2, margin=\"0.15,0.08\"];",
        p.text, p.border
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"{FONT}\", fontsize=12, fontcolor=\"{}\", color=\"{}\", penwidth=1.4, arrowsize=0.8];",
        p.text, p.forward
    );
    match views {
        [one] => {
            let _ = writeln!(out, "  label=<{}>;", title(one, &p));
            future(&mut out, one, "", "  ", &p);
        }
        _ => {
            for (i, v) in views.iter().enumerate() {
                let _ = writeln!(out, "  subgraph cluster_{i} {{");
                let _ = writeln!(
                    out,
                    "    graph [label=<{}>, style=rounded, color=\"{}\", margin=16];",
                    title(v, &p),
                    p.dim_text
                );
                future(&mut out, v, &format!("f{i}_"), "    ", &p);
                out.push_str("  }\n");
            }
            // Invisible edges stack the clusters one under the other, as on a slide.
            for i in 1..views.len() {
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=invis];",
                    id(&format!("f{}_", i - 1), StateId::Returned),
                    id(&format!("f{i}_"), StateId::Unresumed)
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

fn title(v: &FutureView, p: &Palette) -> String {
    format!("<B>{}</B>&#160;&#160;<FONT COLOR=\"{}\">{}</FONT>", html(&v.name), p.dim_text, html(&v.caption))
}

fn future(out: &mut String, v: &FutureView, prefix: &str, indent: &str, p: &Palette) {
    for n in &v.nodes {
        let _ = writeln!(
            out,
            "{indent}{} [fillcolor=\"{}\", label=<{}>];",
            id(prefix, n.id),
            p.fill(n.id),
            node_label(n, p)
        );
    }
    for e in &v.edges {
        let _ = writeln!(out, "{indent}{} -> {} [{}];", id(prefix, e.from), id(prefix, e.to), edge_attrs(e, p));
    }
}

/// A node's id: its state name, with the future's prefix.
pub fn id(prefix: &str, state: StateId) -> String {
    format!("\"{}{}\"", escape_quoted(prefix), state.name())
}

fn node_label(n: &NodeView, p: &Palette) -> String {
    let mut rows = vec![format!("<TR><TD><B>{}</B></TD></TR>", html(&n.title))];
    if let Some(sub) = &n.subtitle {
        rows.push(format!("<TR><TD><FONT POINT-SIZE=\"12\" COLOR=\"{}\">{}</FONT></TD></TR>", p.dim_text, html(sub)));
    }
    for row in &n.rows {
        rows.push(format!(
            "<TR><TD ALIGN=\"LEFT\"><FONT FACE=\"DejaVu Sans Mono,monospace\" POINT-SIZE=\"12\">{}</FONT></TD></TR>",
            html(row)
        ));
    }
    if let Some(size) = &n.size {
        rows.push(format!("<TR><TD><FONT POINT-SIZE=\"12\">{}</FONT></TD></TR>", html(size)));
    }
    format!("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">{}</TABLE>", rows.concat())
}

fn edge_attrs(e: &EdgeView, p: &Palette) -> String {
    let color = p.edge(e.style);
    let mut attrs = vec![format!("color=\"{color}\""), format!("fontcolor=\"{color}\"")];
    match e.style {
        EdgeStyle::Panic => attrs.push("style=dashed".into()),
        EdgeStyle::Pending => attrs.push("style=dotted".into()),
        EdgeStyle::BackEdge | EdgeStyle::EarlyExit => attrs.push("penwidth=2".into()),
        EdgeStyle::Forward => {}
    }
    let mut label = html(&e.text);
    if let Some(lines) = &e.lines {
        let _ = write!(label, "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"{}\">{}</FONT>", p.dim_text, html(lines));
    }
    attrs.push(format!("label=<{label}>"));
    attrs.join(", ")
}

/// Text for an HTML-like label: the same entities as XML.
pub fn html(text: &str) -> String {
    super::svg::xml(text)
}

/// Text for a double-quoted DOT string: backslashes and quotes escaped, no raw newlines.
pub fn escape_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_quotes() {
        assert_eq!(html("Vec<{a}> & \"x\""), "Vec&lt;{a}&gt; &amp; &quot;x&quot;");
        assert_eq!(escape_quoted("a\\b\"c\nd"), "a\\\\b\\\"c d");
    }
}
