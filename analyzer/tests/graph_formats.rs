//! The graph formats are valid for their consumers: every DOT output goes through Graphviz's
//! `dot -Tsvg` without a warning, every SVG parses as XML and names every state, Mermaid output
//! keeps to the characters its grammar allows, and a 40-state future renders without panicking.
//! Tests that need `dot` print a note and skip when it is not on PATH, except on CI (`CI=true`),
//! where a missing `dot` fails them (CI installs graphviz).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use futurelens_analyzer::render::graph_view::{GraphOptions, GraphTheme, RankDir};
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Analysis, FutureAnalysis, Options};

/// The option sets every format is checked with.
fn option_sets() -> Vec<GraphOptions> {
    vec![
        GraphOptions::default(),
        GraphOptions { rankdir: RankDir::LeftRight, theme: GraphTheme::Dark, show_panic: true, compact: false },
        GraphOptions { theme: GraphTheme::Mono, compact: true, ..GraphOptions::default() },
    ]
}

/// Every sample program, and each with one document per future and one for the whole file.
fn documents() -> Vec<(String, Analysis)> {
    common::sample_programs().iter().map(|p| (common::display_name(p), common::analyze_path(p))).collect()
}

fn selections(analysis: &Analysis) -> Vec<Vec<&FutureAnalysis>> {
    let mut out: Vec<Vec<&FutureAnalysis>> = analysis.futures.iter().map(|f| vec![f]).collect();
    out.push(analysis.futures.iter().collect());
    out
}

fn dot_available() -> bool {
    common::tool_available("dot", &["-V"], "apt-get install graphviz")
}

/// Runs `dot -Tsvg`; returns its SVG, or what it complained about.
fn graphviz(source: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child.stdin.take().expect("stdin").write_all(source.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    if !out.status.success() || !stderr.trim().is_empty() {
        return Err(stderr);
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

/// The text of every `<text>`/`<tspan>` of an SVG, which must parse as XML.
fn svg_text(svg: &str) -> Result<String, String> {
    // Graphviz writes a DOCTYPE; roxmltree refuses DTDs unless asked.
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(svg, options).map_err(|e| e.to_string())?;
    if doc.root_element().tag_name().name() != "svg" {
        return Err("the root element is not <svg>".into());
    }
    Ok(doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect::<Vec<_>>().join("\n"))
}

fn state_names(futures: &[&FutureAnalysis], options: &GraphOptions) -> Vec<String> {
    futures
        .iter()
        .flat_map(|f| f.graph.states())
        .filter(|s| options.show_panic || s.name() != "Panicked")
        .map(|s| s.name())
        .collect()
}

#[test]
fn every_dot_output_passes_graphviz() {
    if !dot_available() {
        return;
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, analysis) in documents() {
        for futures in selections(&analysis) {
            for options in option_sets() {
                let dot = render::dot::render(&analysis, &futures, &options);
                match graphviz(&dot) {
                    Ok(svg) => {
                        let text = svg_text(&svg).unwrap_or_default();
                        for state in state_names(&futures, &options) {
                            if !text.contains(&state) {
                                failures.push(format!("{name}: Graphviz's SVG lacks {state}"));
                            }
                        }
                    }
                    Err(e) => failures.push(format!("{name} {options:?}:\n{e}\n{dot}")),
                }
                checked += 1;
            }
        }
    }
    eprintln!("{checked} DOT documents validated by `dot -Tsvg`");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_svg_parses_and_names_every_state() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, analysis) in documents() {
        for futures in selections(&analysis) {
            for options in option_sets() {
                let svg = render::svg::render(&analysis, &futures, &options);
                match svg_text(&svg) {
                    Ok(text) => {
                        for state in state_names(&futures, &options) {
                            if !text.contains(&state) {
                                failures.push(format!("{name} {options:?}: no {state}"));
                            }
                        }
                        for f in &futures {
                            if !text.contains(&f.name) {
                                failures.push(format!("{name}: no title for {}", f.name));
                            }
                        }
                        if text.contains("built-in layout failed") {
                            failures.push(format!("{name} {options:?}: layout fell back to text"));
                        }
                    }
                    Err(e) => failures.push(format!("{name} {options:?}: not XML: {e}")),
                }
                checked += 1;
            }
        }
    }
    eprintln!("{checked} SVG documents parsed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mermaid_keeps_to_its_grammar() {
    for (name, analysis) in documents() {
        for futures in selections(&analysis) {
            for options in option_sets() {
                let text = render::mermaid::render(&analysis, &futures, &options);
                assert!(text.starts_with("stateDiagram-v2\n"), "{name}");
                for line in text.lines().skip(1) {
                    let line = line.trim();
                    // A description or transition label has exactly one `:`, and no `;`.
                    if !line.starts_with("classDef") && !line.starts_with("%%") {
                        assert!(line.matches(':').count() <= 1, "{name}: `{line}`");
                        assert!(!line.contains(';') || line.contains('#'), "{name}: `{line}`");
                        assert!(!line.contains('<') && !line.contains('>') || line.contains("-->"), "{name}: `{line}`");
                    }
                }
                for state in state_names(&futures, &options) {
                    assert!(text.contains(&format!("\"{state}\"")), "{name}: no {state}");
                }
                let opened = text.matches('{').count();
                assert_eq!(opened, text.matches('}').count(), "{name}: unbalanced composite states");
                assert_eq!(opened, if futures.len() > 1 { futures.len() } else { 0 }, "{name}");
            }
        }
    }
}

/// An async fn with `n` awaits, some in a loop and behind `?`, to stress the layout.
fn generated(n: usize) -> String {
    let mut src = String::from("async fn step(i: u32) -> Result<u32, String> { Ok(i) }\n\n");
    src.push_str("pub async fn many(mut k: u32) -> Result<u32, String> {\n    let mut total: u32 = 0;\n");
    for i in 0..n {
        match i % 4 {
            0 => src.push_str(&format!("    total += step({i}).await?;\n")),
            1 => src.push_str(&format!("    if k > {i} {{ total += step(k).await?; }}\n")),
            2 => src.push_str(&format!("    while k > {i} {{ k -= 1; total += step(k).await?; }}\n")),
            _ => src.push_str(&format!(
                "    let v{i}: String = format!(\"{{total}}\");\n    step(v{i}.len() as u32).await?;\n"
            )),
        }
    }
    src.push_str("    Ok(total)\n}\n");
    src
}

#[test]
fn forty_states_render_without_panicking() {
    let src = generated(40);
    let analysis = futurelens_analyzer::analyze(&src, &Options { file_name: "many.rs".into(), ..Options::default() });
    let many = analysis.select("many");
    assert_eq!(many.len(), 1);
    let suspends = many[0].suspend_states().count();
    assert_eq!(suspends, 40, "the generated fn should have 40 awaits");
    for options in option_sets() {
        let svg = render::svg::render(&analysis, &many, &options);
        let text = svg_text(&svg).expect("SVG parses");
        assert!(text.contains("Suspend39"), "{options:?}");
        assert!(!text.contains("built-in layout failed"), "{options:?}: fell back to text");
        let dot = render::dot::render(&analysis, &many, &options);
        assert!(dot.contains("\"Suspend39\""));
        let mermaid = render::mermaid::render(&analysis, &many, &options);
        assert!(mermaid.contains("Suspend39"));
        let text = render::graph_text::render(&analysis, &many, &options, &Theme::plain());
        assert!(text.contains("Suspend39"));
        if dot_available() {
            graphviz(&dot).expect("dot accepts the 40-state graph");
        }
    }
}
