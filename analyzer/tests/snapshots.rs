//! Golden output: every sample program in every output format, stored in the workspace's
//! `snapshots/` folder as `<format>@<file>.snap`. One test per format, each checking every
//! sample program with `insta::glob!`, which reports every file that differs, not only the
//! first. Bless with `cargo bless`, review with `git diff snapshots/`.

mod common;

use futurelens_analyzer::render::graph_view::GraphOptions;
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Analysis, FutureAnalysis};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(common::workspace_root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

/// Checks `render`'s output for every sample program against `<format>@<file>.snap`.
fn every_sample(format: &str, render: impl Fn(&Analysis, &[&FutureAnalysis]) -> String) {
    assert!(common::sample_programs().len() >= 12, "expected at least 12 sample programs");
    settings().bind(|| {
        insta::glob!("../../sample-programs", "*.rs", |path: &std::path::Path| {
            let analysis = common::analyze_path(path);
            let futures: Vec<_> = analysis.futures.iter().collect();
            insta::assert_snapshot!(format, render(&analysis, &futures));
        });
    });
}

#[test]
fn text() {
    every_sample("text", |a, f| render::text::render(a, f, &Theme::plain()));
}

#[test]
fn json() {
    every_sample("json", render::json::render);
}

#[test]
fn graph() {
    every_sample("graph", |a, f| render::graph_text::render(a, f, &GraphOptions::default(), &Theme::plain()));
}

#[test]
fn dot() {
    every_sample("dot", |a, f| render::dot::render(a, f, &GraphOptions::default()));
}

#[test]
fn svg() {
    every_sample("svg", |a, f| render::svg::render(a, f, &GraphOptions::default()));
}

#[test]
fn layout_svg() {
    every_sample("layout_svg", |a, f| {
        render::layout_svg::render(a, f, futurelens_analyzer::render::graph_view::GraphTheme::Light)
    });
}

#[test]
fn mermaid() {
    every_sample("mermaid", |a, f| render::mermaid::render(a, f, &GraphOptions::default()));
}

/// `explain` (text and JSON) on every sample program: the lesson on each of its futures.
#[test]
fn explain() {
    settings().bind(|| {
        insta::glob!("../../sample-programs", "*.rs", |path: &std::path::Path| {
            let src = std::fs::read_to_string(path).expect("read sample");
            let analysis = common::analyze_path(path);
            let explained: Vec<_> = analysis
                .futures
                .iter()
                .map(|f| {
                    let e = futurelens_analyzer::explain::explain(
                        f,
                        &src,
                        analysis.options.edition,
                        render::text::DEFAULT_THRESHOLD,
                    );
                    (f, e)
                })
                .collect();
            let text =
                render::explain::render_text(&analysis, &explained, &src, &Theme::plain(), render::DEFAULT_WIDTH);
            insta::assert_snapshot!("explain", text);
            insta::assert_snapshot!("explain_json", render::explain::render_json(&analysis, &explained));
        });
    });
}

/// `trace` with its default script (every await Pending once, then Ready) on every future of
/// every sample program, as a teacher would walk through it.
#[test]
fn trace() {
    use futurelens_analyzer::trace::{Script, trace};
    every_sample("trace", |_, futures| {
        let script = Script::default();
        let runs: Vec<String> = futures
            .iter()
            .map(|f| render::trace::render_text(f, &trace(f, &script), &script, &Theme::plain()))
            .collect();
        runs.join("\n")
    });
}

/// `desugar --all` on every sample program: the hand-written enums and their `poll`.
#[test]
fn desugar() {
    settings().bind(|| {
        insta::glob!("../../sample-programs", "*.rs", |path: &std::path::Path| {
            let src = std::fs::read_to_string(path).expect("read sample");
            let analysis = common::analyze_path(path);
            let all: Vec<usize> = (0..analysis.futures.len()).collect();
            let plans = futurelens_analyzer::desugar::plan(&analysis.futures, &all, &src, true);
            insta::assert_snapshot!("desugar", render::desugar::render(&analysis, &plans));
        });
    });
}

/// Every snapshot belongs to a sample program that still exists.
#[test]
fn no_orphan_snapshots() {
    let programs: Vec<String> = common::sample_programs()
        .iter()
        .filter_map(|p| p.file_name().and_then(|f| f.to_str()).map(str::to_string))
        .collect();
    let dir = common::workspace_root().join("snapshots");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("snapshots/") {
        let name = entry.expect("entry").file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".snap") else { continue };
        let Some((_, file)) = stem.split_once('@') else { continue };
        if file.ends_with(".rs") && !programs.iter().any(|p| p == file) {
            orphans.push(name);
        }
    }
    assert!(orphans.is_empty(), "snapshots without a sample program: {orphans:?}");
}
