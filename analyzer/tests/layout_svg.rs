//! The byte layout as SVG (`layout --format svg`), on every sample program and in every
//! theme: the document parses as XML, each future has one row per state in the order of the
//! analysis, every field of every state has its label (in its box or under the bar), and
//! every box is to scale: its width and its distance from the bar's start are its bytes times
//! the same scale.

mod common;

use futurelens_analyzer::FutureAnalysis;
use futurelens_analyzer::render::graph_view::GraphTheme;
use futurelens_analyzer::render::layout_svg::{self, BAR_W};
use roxmltree::{Document, Node};

fn class_is(node: &Node, class: &str) -> bool {
    node.attribute("class").is_some_and(|c| c.split(' ').any(|x| x == class))
}

fn number(node: &Node, attr: &str) -> f64 {
    node.attribute(attr)
        .unwrap_or_else(|| panic!("<{}> has no {attr}", node.tag_name().name()))
        .parse()
        .unwrap_or_else(|e| panic!("{attr}: {e}"))
}

fn title_of(n: &Node) -> Option<String> {
    n.children().find(|c| c.tag_name().name() == "title").and_then(|t| t.text()).map(str::to_string)
}

fn texts<'a>(node: Node<'a, 'a>) -> Vec<String> {
    node.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
        .collect()
}

fn pictures() -> Vec<(String, FutureAnalysis, futurelens_analyzer::Analysis)> {
    let mut out = Vec::new();
    for path in common::sample_programs() {
        let analysis = common::analyze_path(&path);
        for f in &analysis.futures {
            out.push((common::display_name(&path), f.clone(), analysis.clone()));
        }
    }
    out
}

/// Checks one future's picture; returns how many field boxes were measured.
fn check(file: &str, f: &FutureAnalysis, svg: &str) -> usize {
    let what = format!("{file} {}", f.name);
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("{what}: not XML: {e}\n{svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg", "{what}");
    let rows: Vec<Node> = doc.descendants().filter(|n| class_is(n, "fl-state")).collect();
    let names: Vec<&str> = rows.iter().filter_map(|r| r.attribute("data-state")).collect();
    let expected: Vec<String> = f.states.iter().map(|s| s.id.name()).collect();
    assert_eq!(names, expected, "{what}: one row per state, in order");
    let mut measured = 0;
    for (row, state) in rows.iter().zip(&f.states) {
        let row_texts = texts(*row);
        for field in &state.fields {
            // Two fields may share a name (nested loops' iterators): the tooltip tells them apart.
            let group = row
                .descendants()
                .find(|n| {
                    class_is(n, "fl-field")
                        && n.attribute("data-field") == Some(field.name.as_str())
                        && title_of(n).is_some_and(|t| t.starts_with(&format!("{}: {}", field.name, field.ty)))
                })
                .unwrap_or_else(|| {
                    panic!("{what}: {} has no box for `{}: {}` with its tooltip", state.id.name(), field.name, field.ty)
                });
            let labelled = texts(group).iter().any(|t| t.contains(&field.name))
                || row.descendants().any(|n| n.attribute("data-label-of") == Some(field.name.as_str()))
                    && row_texts.iter().any(|t| t.starts_with(&field.name) && t.contains(": "));
            assert!(labelled, "{what}: {} shows no label for `{}`: {row_texts:?}", state.id.name(), field.name);
        }
        let Some(layout) = &f.layout else { continue };
        let scale = BAR_W / layout.size as f64;
        let bar = row
            .children()
            .find(|n| n.tag_name().name() == "rect" && n.attribute("fill") == Some("none"))
            .unwrap_or_else(|| panic!("{what}: {} has no outline", state.id.name()));
        assert!((number(&bar, "width") - BAR_W).abs() < 0.01, "{what}: the bar spans the whole future");
        let x0 = number(&bar, "x");
        let mut covered = 0.0;
        for part in row.descendants().filter(|n| n.attribute("data-size").is_some() && n.has_attribute("data-offset")) {
            let rect = part.children().find(|n| n.tag_name().name() == "rect").expect("a box");
            let (offset, size) = (number(&part, "data-offset"), number(&part, "data-size"));
            let (x, w) = (number(&rect, "x"), number(&rect, "width"));
            assert!((w - size * scale).abs() <= 0.051, "{what}: width {w} for {size} B at {scale} px/B");
            assert!((x - x0 - offset * scale).abs() <= 0.051, "{what}: x {x} for offset {offset}");
            covered += w;
            measured += 1;
        }
        // Fields, tag and padding cover the bar once, end to end.
        assert!((covered - BAR_W).abs() < 1.0, "{what}: {} covers {covered} px of {BAR_W}", state.id.name());
    }
    measured
}

#[test]
fn every_sample_in_every_theme() {
    let mut measured = 0;
    let mut futures = 0;
    for (file, f, analysis) in pictures() {
        for theme in [GraphTheme::Light, GraphTheme::Dark, GraphTheme::Mono] {
            let svg = layout_svg::render(&analysis, &[&f], theme);
            measured += check(&file, &f, &svg);
        }
        futures += 1;
    }
    assert!(futures >= 40, "expected the sample programs to hold at least 40 futures, found {futures}");
    assert!(measured > 500, "only {measured} boxes measured");
    eprintln!("{futures} futures, {measured} boxes measured");
}

#[test]
fn a_whole_file_stacks_its_futures() {
    let path = common::workspace_root().join("sample-programs/01_two_awaits.rs");
    let analysis = common::analyze_path(&path);
    let all: Vec<&FutureAnalysis> = analysis.futures.iter().collect();
    let svg = layout_svg::render(&analysis, &all, GraphTheme::Light);
    let doc = Document::parse(&svg).expect("XML");
    let rows = doc.descendants().filter(|n| class_is(n, "fl-state")).count();
    assert_eq!(rows, all.iter().map(|f| f.states.len()).sum::<usize>());
}

#[test]
fn padding_is_hatched_and_reused_bytes_are_marked() {
    let path = common::workspace_root().join("sample-programs/01_two_awaits.rs");
    let analysis = common::analyze_path(&path);
    let f = analysis.select("two_awaits")[0];
    let svg = layout_svg::render(&analysis, &[f], GraphTheme::Light);
    let doc = Document::parse(&svg).expect("XML");
    let pads: Vec<Node> = doc.descendants().filter(|n| class_is(n, "fl-pad")).collect();
    assert!(!pads.is_empty());
    for pad in &pads {
        let rect = pad.children().find(|n| n.tag_name().name() == "rect").expect("rect");
        assert_eq!(rect.attribute("fill"), Some("url(#hatch)"));
    }
    // Suspend0's and Suspend1's awaitees share bytes: both are dashed, and the legend says why.
    let awaitees: Vec<Node> = doc
        .descendants()
        .filter(|n| class_is(n, "fl-field") && n.attribute("data-field") == Some("__awaitee"))
        .collect();
    assert_eq!(awaitees.len(), 2);
    for a in awaitees {
        let rect = a.children().find(|n| n.tag_name().name() == "rect").expect("rect");
        assert!(rect.attribute("stroke-dasharray").is_some(), "reused bytes are dashed");
        assert!(texts(a).iter().any(|t| t.contains('⇄')) || svg.contains("__awaitee: "), "marked");
    }
    assert!(svg.contains("bytes another state reuses"));
    assert!(svg.contains("prefix: in every state (48 B)"));
    assert!(svg.contains(">72 B<"), "the total ends the ruler");
}
