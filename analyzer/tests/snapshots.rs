//! Golden output: every sample program in every output format, stored in the workspace's
//! `snapshots/` folder as `<format>@<file>.snap`. Bless with `cargo bless`, review with
//! `git diff snapshots/`.

mod common;

use futurelens_analyzer::render::graph_view::GraphOptions;
use futurelens_analyzer::render::{self, Theme};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(common::workspace_root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

#[test]
fn sample_programs_in_every_format() {
    let programs = common::sample_programs();
    assert!(programs.len() >= 12, "expected at least 12 sample programs");
    settings().bind(|| {
        for path in &programs {
            let analysis = common::analyze_path(path);
            let futures: Vec<_> = analysis.futures.iter().collect();
            let file = path.file_name().and_then(|f| f.to_str()).expect("file name");
            insta::assert_snapshot!(format!("text@{file}"), render::text::render(&analysis, &futures, &Theme::plain()));
            insta::assert_snapshot!(format!("json@{file}"), render::json::render(&analysis, &futures));
            let graph = GraphOptions::default();
            insta::assert_snapshot!(
                format!("graph@{file}"),
                render::graph_text::render(&analysis, &futures, &graph, &Theme::plain())
            );
            insta::assert_snapshot!(format!("dot@{file}"), render::dot::render(&analysis, &futures, &graph));
            insta::assert_snapshot!(format!("svg@{file}"), render::svg::render(&analysis, &futures, &graph));
            insta::assert_snapshot!(format!("mermaid@{file}"), render::mermaid::render(&analysis, &futures, &graph));
        }
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
