//! Transitions are worded once (render::graph_view) and every output says the same: `analyze`'s
//! text, the graph formats and the JSON path. A fall-through after an early `return` is the
//! negated condition, never an `else` the source does not have; the end of a `for` loop names
//! its iterator.

use futurelens_analyzer::render::graph_view::{self, GraphOptions};
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Options, analyze};

const SRC: &str = r#"async fn tick() {}

pub async fn f(c: bool, ids: Vec<u32>) -> u32 {
    tick().await;
    if c {
        return 1;
    }
    tick().await;
    for id in ids {
        tick().await;
    }
    tick().await;
    2
}
"#;

#[test]
fn every_output_words_a_transition_the_same() {
    let analysis = analyze(SRC, &Options::default());
    let f = analysis.select("f");
    let text = render::text::render(&analysis, &f, &Theme::plain());
    let graph = render::graph_text::render(&analysis, &f, &GraphOptions::default(), &Theme::plain());
    let json = render::json::render(&analysis, &f);

    for (transition, graph_edge) in [
        ("Suspend0 → Suspend1  resume, lines 4-8  [!c]", "Suspend1   Ready, !c  (lines 4-8)"),
        ("Suspend0 → Returned  resume, lines 4-6  [if c: return]", "Returned   Ready, if c: return  (lines 4-6)"),
        ("Suspend2 → Suspend3  resume, lines 9-12  [ids exhausted]", "Suspend3   Ready, ids exhausted"),
    ] {
        assert!(text.contains(transition), "analyze lacks `{transition}`:\n{text}");
        assert!(graph.contains(graph_edge), "graph lacks `{graph_edge}`:\n{graph}");
    }
    for output in [&text, &graph, &json] {
        assert!(!output.contains("else"), "an `else` the source does not have:\n{output}");
        assert!(!output.contains("[None") && !output.contains("\"None"), "a raw `None`:\n{output}");
    }

    // Every labelled transition of `analyze` is the same words as its graph edge.
    let view = graph_view::view(f[0], &GraphOptions::default());
    for t in f[0].graph.transitions() {
        let Some(label) = graph_view::decision_label(t) else { continue };
        let edge =
            view.edges.iter().find(|e| (e.from, e.to, &e.kind) == (t.from, t.to, &t.kind) && e.text.ends_with(&label));
        assert!(edge.is_some(), "no graph edge says `{label}` for {} → {}", t.from.name(), t.to.name());
    }
}
