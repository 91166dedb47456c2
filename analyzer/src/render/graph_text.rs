//! The state graph as coloured terminal text: each state, what it keeps, then the edges one
//! `poll` can take out of it. Colours come from a [`Theme`]; [`Theme::plain`] writes none.
//!
//! In: the analysis, the futures to draw and [`GraphOptions`]. Out: text such as
//!
//! ```text
//! retry_loop  async fn, line 22
//!   Unresumed  not polled yet
//!     └─▶ Suspend0  first poll  (lines 23-26)
//!   Suspend0  line 26: try_send(attempts).await
//!         attempts: u32
//!         __awaitee: {async fn body of try_send()}
//!     ├─▶ Suspend0  Pending
//!     ├─▶ Suspend0  Ready, !try_send(attempts).await  (lines 25-26)  ↺ loop
//!     └─▶ Returned  Ready, if try_send(attempts).await  (lines 26-30)
//!   Returned  completed
//! ```

use std::fmt::Write;

use crate::analysis::{Analysis, FutureAnalysis};

use super::Theme;
use super::graph_view::{self, EdgeStyle, EdgeView, FutureView, GraphOptions, NodeView};

pub fn render(analysis: &Analysis, futures: &[&FutureAnalysis], options: &GraphOptions, theme: &Theme) -> String {
    let _ = analysis;
    let mut out = String::new();
    for (i, f) in futures.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        future(&mut out, &graph_view::view(f, options), theme);
    }
    out
}

fn future(out: &mut String, v: &FutureView, theme: &Theme) {
    let _ = writeln!(out, "{}  {}", theme.paint(theme.heading, &v.name), theme.paint(theme.dim, &v.caption));
    let width = v.nodes.iter().map(|n| n.title.chars().count()).max().unwrap_or(0);
    for n in &v.nodes {
        node(out, n, theme);
        let edges: Vec<&EdgeView> = v.edges.iter().filter(|e| e.from == n.id).collect();
        for (i, e) in edges.iter().enumerate() {
            let branch = if i + 1 == edges.len() { "└" } else { "├" };
            edge(out, e, branch, width, theme);
        }
    }
}

fn node(out: &mut String, n: &NodeView, theme: &Theme) {
    let mut line = format!("  {}", theme.paint(theme.state, &n.title));
    if let Some(sub) = &n.subtitle {
        let _ = write!(line, "  {}", theme.paint(theme.dim, sub));
    }
    if let Some(size) = &n.size {
        let _ = write!(line, "  {}", theme.paint(theme.size, size));
    }
    let _ = writeln!(out, "{line}");
    for row in &n.rows {
        let (name, rest) = row.split_once(": ").unwrap_or((row.as_str(), ""));
        if rest.is_empty() {
            let _ = writeln!(out, "        {}", theme.paint(theme.dim, name));
        } else {
            let _ = writeln!(out, "        {}: {}", theme.paint(theme.name, name), theme.paint(theme.ty, rest));
        }
    }
}

fn edge(out: &mut String, e: &EdgeView, branch: &str, width: usize, theme: &Theme) {
    let arrow = match e.style {
        EdgeStyle::Panic => "╌▶",
        _ => "─▶",
    };
    let target = format!("{:<width$}", e.to.name());
    let text_style = match e.style {
        EdgeStyle::EarlyExit => theme.warning,
        EdgeStyle::Panic => theme.error,
        EdgeStyle::Pending => theme.dim,
        EdgeStyle::Forward | EdgeStyle::BackEdge => theme.name,
    };
    let mut line =
        format!("    {branch}{arrow} {}  {}", theme.paint(theme.state, &target), theme.paint(text_style, &e.text));
    if let Some(lines) = &e.lines {
        let _ = write!(line, "  {}", theme.paint(theme.dim, &format!("({lines})")));
    }
    if e.style == EdgeStyle::BackEdge {
        let _ = write!(line, "  {}", theme.paint(theme.size, "↺ loop"));
    }
    let _ = writeln!(out, "{line}");
}
