//! The built-in SVG of the state graph, measured on every sample program in every direction,
//! with and without `Panicked`: each edge label sits beside (or on) its own edge and covers no
//! other edge, no node and no other label; self-loops are big enough to see, with two-line labels like the other
//! edges; a key explains the coloured and dashed edges whenever they appear; awaits carry
//! their column; suspended states list their upvars; numbers are grouped by thousands; and
//! types a snippet does not define are said once, not as `?` per field.

mod common;

use std::collections::BTreeSet;

use futurelens_analyzer::graph::StateId;
use futurelens_analyzer::render::graph_view::{self, EdgeStyle, GraphOptions, RankDir};
use futurelens_analyzer::render::svg;
use futurelens_analyzer::{Analysis, FutureAnalysis, Options};
use roxmltree::{Document, Node};

type Pt = (f64, f64);

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn of(node: &Node) -> Rect {
        let n = |a: &str| node.attribute(a).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{a}"));
        Rect { x: n("x"), y: n("y"), w: n("width"), h: n("height") }
    }

    fn strictly_inside(&self, p: Pt, margin: f64) -> bool {
        p.0 > self.x + margin
            && p.0 < self.x + self.w - margin
            && p.1 > self.y + margin
            && p.1 < self.y + self.h - margin
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w - 0.5
            && o.x < self.x + self.w - 0.5
            && self.y < o.y + o.h - 0.5
            && o.y < self.y + self.h - 0.5
    }

    fn distance(&self, p: Pt) -> f64 {
        let dx = (self.x - p.0).max(p.0 - (self.x + self.w)).max(0.0);
        let dy = (self.y - p.1).max(p.1 - (self.y + self.h)).max(0.0);
        (dx * dx + dy * dy).sqrt()
    }
}

/// The points of a path `M x y C x y, x y, x y ...`, 64 per cubic segment.
fn path_points(d: &str) -> Vec<Pt> {
    let nums: Vec<f64> = d.replace(',', " ").split_whitespace().filter_map(|w| w.parse().ok()).collect();
    let mut out = Vec::new();
    let mut at = (nums[0], nums[1]);
    for c in nums[2..].chunks(6) {
        if c.len() < 6 {
            break;
        }
        let s = [at, (c[0], c[1]), (c[2], c[3]), (c[4], c[5])];
        for j in 0..=64 {
            let t = j as f64 / 64.0;
            let u = 1.0 - t;
            let (a, b, cc, dd) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            out.push((
                a * s[0].0 + b * s[1].0 + cc * s[2].0 + dd * s[3].0,
                a * s[0].1 + b * s[1].1 + cc * s[2].1 + dd * s[3].1,
            ));
        }
        at = s[3];
    }
    out
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class").is_some_and(|c| c.split(' ').any(|x| x == class))
}

fn text_of(n: Node) -> String {
    n.descendants().filter_map(|t| t.text()).collect::<Vec<_>>().join(" ")
}

fn option_sets() -> Vec<GraphOptions> {
    let mut out = Vec::new();
    for rankdir in [RankDir::TopBottom, RankDir::LeftRight] {
        for show_panic in [false, true] {
            out.push(GraphOptions { rankdir, show_panic, ..GraphOptions::default() });
        }
    }
    out.push(GraphOptions { compact: true, show_panic: true, ..GraphOptions::default() });
    out
}

/// Checks one future's picture; returns the number of labels measured.
fn check(analysis: &Analysis, f: &FutureAnalysis, options: &GraphOptions, problems: &mut Vec<String>) -> usize {
    let svg_text = svg::render(analysis, &[f], options);
    let doc = Document::parse(&svg_text).expect("XML");
    let what = format!("{} {} {options:?}", analysis.file, f.name);
    let view = graph_view::view(f, options);
    let nodes: Vec<(String, Rect, String)> = doc
        .descendants()
        .filter(|n| has_class(n, "fl-node"))
        .map(|g| {
            let rect = g.children().find(|c| c.tag_name().name() == "rect").expect("node rect");
            (g.attribute("data-state").unwrap_or("").to_string(), Rect::of(&rect), text_of(g))
        })
        .collect();
    let paths: Vec<(String, bool, Vec<Pt>)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "path" && n.attribute("data-edge").is_some())
        .map(|n| {
            (
                n.attribute("data-edge").unwrap_or("").to_string(),
                has_class(&n, "fl-loop"),
                path_points(n.attribute("d").unwrap_or("")),
            )
        })
        .collect();
    let labels: Vec<(String, Rect, usize)> = doc
        .descendants()
        .filter(|n| has_class(n, "fl-elabel"))
        .map(|g| {
            let rect = g.children().find(|c| has_class(c, "fl-lbox")).expect("label box");
            let lines = g.children().filter(|c| c.tag_name().name() == "text").count();
            (g.attribute("data-edge").unwrap_or("").to_string(), Rect::of(&rect), lines)
        })
        .collect();
    let labelled = view.edges.iter().filter(|e| e.style != EdgeStyle::Panic).count();
    assert_eq!(labels.len(), labelled, "{what}: a label per edge but the panic edges, which the key explains");
    for (edge, r, lines) in &labels {
        let own = paths.iter().find(|(e, _, _)| e == edge).unwrap_or_else(|| panic!("{what}: no path for edge {edge}"));
        let near = own.2.iter().map(|p| r.distance(*p)).fold(f64::INFINITY, f64::min);
        if near > 17.0 {
            problems.push(format!("{what}: label of edge {edge} is {near:.1} px from its edge"));
        }
        // A label may sit on its own edge (drawn over it), never on another.
        for (other, _, pts) in paths.iter().filter(|(e, _, _)| e != edge) {
            if pts.iter().any(|p| r.strictly_inside(*p, 1.0)) {
                problems.push(format!("{what}: label of edge {edge} covers edge {other}"));
            }
        }
        for (state, n, _) in &nodes {
            if r.overlaps(n) {
                problems.push(format!("{what}: label of edge {edge} covers node {state}"));
            }
        }
        for (other, o, _) in &labels {
            if other != edge && r.overlaps(o) {
                problems.push(format!("{what}: labels of edges {edge} and {other} overlap"));
            }
        }
        let e: usize = edge.parse().expect("index");
        let expected = view.edges[e].label_lines().len();
        // A label short of room near its edge keeps its first line only.
        assert!(*lines == expected || *lines == 1, "{what}: edge {edge}'s label has {lines} of its {expected} lines");
        if !options.compact && view.edges[e].from == view.edges[e].to {
            assert_eq!(*lines, 2, "{what}: a self-loop's label has two lines like the others");
        }
    }
    for (edge, is_loop, pts) in &paths {
        if *is_loop {
            let (x0, x1) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
            let (y0, y1) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
            assert!(
                x1 - x0 >= 28.0 && y1 - y0 >= 28.0,
                "{what}: self-loop {edge} is {:.0} × {:.0} px",
                x1 - x0,
                y1 - y0
            );
        }
    }
    // The key names every kind of coloured or dashed edge drawn, and only those.
    let drawn: BTreeSet<EdgeStyle> = view.edges.iter().map(|e| e.style).collect();
    let keys: BTreeSet<String> = doc
        .descendants()
        .filter(|n| has_class(n, "fl-key"))
        .filter_map(|n| n.attribute("data-style"))
        .map(str::to_string)
        .collect();
    let wanted: BTreeSet<String> = if drawn.iter().all(|s| *s == EdgeStyle::Forward) {
        BTreeSet::new()
    } else {
        drawn.iter().map(|s| svg::style_name(*s).to_string()).collect()
    };
    assert_eq!(keys, wanted, "{what}: the key");
    if !options.compact {
        for state in f.suspend_states() {
            let (_, _, text) = nodes.iter().find(|(n, _, _)| *n == state.id.name()).expect("suspend node");
            let site = state.await_site.as_ref().expect("await");
            let at = format!("line {}:{}", site.span.line, site.span.column);
            assert!(text.contains(&at), "{what}: {} says {at}: {text}", state.id.name());
            for upvar in f.states[0].fields.iter().filter(|x| x.role == futurelens_analyzer::analysis::Role::Upvar) {
                assert!(
                    text.contains(&upvar.name),
                    "{what}: {} lists the upvar {}: {text}",
                    state.id.name(),
                    upvar.name
                );
            }
        }
    }
    for t in doc.descendants().filter(|n| n.tag_name().name() == "text") {
        let text = text_of(t);
        let longest = text.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
        assert!(longest < 5, "{what}: a number without thousands separators: {text}");
        assert!(!text.ends_with(": ?") && !text.contains(": ? ·"), "{what}: a `?` type: {text}");
    }
    labels.len()
}

#[test]
fn labels_loops_key_and_texts_on_every_sample() {
    let mut problems = Vec::new();
    let mut measured = 0;
    for path in common::sample_programs() {
        let analysis = common::analyze_path(&path);
        for f in &analysis.futures {
            for options in option_sets() {
                measured += check(&analysis, f, &options, &mut problems);
            }
        }
    }
    eprintln!("{measured} labels measured, {} problems", problems.len());
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert!(measured > 1000, "{measured}");
}

#[test]
fn a_snippet_calling_undefined_helpers_says_so_once() {
    let src = "async fn handle(id: u32) -> String {\n    let user = fetch_user(id).await;\n    \
               let posts = fetch_posts(&user).await;\n    format!(\"{user:?} {posts:?}\")\n}\n";
    let analysis = futurelens_analyzer::analyze(src, &Options::default());
    let f = &analysis.futures[0];
    let svg = svg::render(&analysis, &[f], &GraphOptions::default());
    let note = "unknown: `fetch_user` and `fetch_posts` are not defined in this file";
    assert_eq!(svg.matches(note).count(), 1, "{svg}");
    assert!(!svg.contains(": ?<"), "no `?` per field");
    let doc = Document::parse(&svg).expect("XML");
    let suspend1 = doc
        .descendants()
        .find(|n| has_class(n, "fl-node") && n.attribute("data-state") == Some(&StateId::Suspend(1).name()))
        .expect("Suspend1");
    assert!(text_of(suspend1).contains("user"), "the field is still listed");
    let mut problems = Vec::new();
    check(&analysis, f, &GraphOptions::default(), &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn thousands_are_grouped_in_types() {
    assert_eq!(graph_view::group_numbers("[u8; 16384]"), "[u8; 16 384]");
    assert_eq!(graph_view::group_numbers("[u8; 1024]"), "[u8; 1024]");
    assert_eq!(graph_view::group_numbers("Foo12345<u64>"), "Foo12345<u64>");
    assert_eq!(graph_view::group_numbers("[[u8; 100000]; 2]"), "[[u8; 100 000]; 2]");
}
