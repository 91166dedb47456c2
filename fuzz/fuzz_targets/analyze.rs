//! Feeds arbitrary text to the analyzer and renders the result in every format: text, JSON,
//! rustc-style diagnostics, the layout map, the graph as terminal text, DOT, SVG (layout-rs,
//! which is known to panic on some inputs, runs guarded) and Mermaid, a comparison, and the
//! `top` ranking, and the teaching commands (`explain`, `trace` with its default script,
//! `desugar --all`). None of it may panic, whatever the input.
#![no_main]

use futurelens_analyzer::render::graph_view::{GraphOptions, GraphTheme, RankDir};
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Options, analyze, attribution, comparison};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let analysis = analyze(src, &Options::default());
    let futures: Vec<_> = analysis.futures.iter().collect();
    let _ = render::text::render(&analysis, &futures, &Theme::ansi());
    let _ = render::json::render(&analysis, &futures);
    let _ = render::layout::render(&analysis, &futures, &Theme::slides());
    let diagnostics = analysis.diagnostics.iter().chain(analysis.futures.iter().flat_map(|f| &f.diagnostics));
    for d in diagnostics {
        let _ = render::diagnostic::render(d, src, "fuzz.rs", false, 60);
    }

    // The graph formats, with the options the input's length picks (so every set is fuzzed).
    let graph = match data.len() % 3 {
        0 => GraphOptions::default(),
        1 => GraphOptions { rankdir: RankDir::LeftRight, theme: GraphTheme::Dark, compact: false, show_panic: true },
        _ => GraphOptions { theme: GraphTheme::Mono, compact: true, ..GraphOptions::default() },
    };
    let _ = render::graph_text::render(&analysis, &futures, &graph, &Theme::plain());
    let _ = render::dot::render(&analysis, &futures, &graph);
    let _ = render::mermaid::render(&analysis, &futures, &graph);
    // layout-rs is slow on big graphs: one future at a time keeps each layout small.
    for f in futures.iter().take(4) {
        let _ = render::svg::render(&analysis, &[f], &graph);
    }
    // The layout picture and the HTML page.
    let _ = render::layout_svg::render(&analysis, &futures, graph.theme);
    let _ = render::page::render(&analysis, src, &futures[..futures.len().min(4)]);

    // `compare` of the first future with the last, and `top`.
    if let (Some(first), Some(last)) = (futures.first(), futures.last()) {
        let c = comparison::compare((&analysis.file, first), (&analysis.file, last));
        let _ = render::compare::render_text(&c, &Theme::plain());
        let _ = render::compare::render_json(&c);
    }
    // The teaching commands, on every future.
    let explained: Vec<_> = futures
        .iter()
        .map(|f| (*f, futurelens_analyzer::explain::explain(f, src, analysis.options.edition, 1024)))
        .collect();
    let _ = render::explain::render_text(&analysis, &explained, src, &Theme::ansi(), 60);
    let _ = render::explain::render_json(&analysis, &explained);
    let script = futurelens_analyzer::trace::Script::default();
    for f in &futures {
        let run = futurelens_analyzer::trace::trace(f, &script);
        let _ = render::trace::render_text(f, &run, &script, &Theme::plain());
        let _ = render::trace::render_json(f, &run, &script);
    }
    let all: Vec<usize> = (0..analysis.futures.len()).collect();
    let plans = futurelens_analyzer::desugar::plan(&analysis.futures, &all, src, true);
    let _ = render::desugar::render(&analysis, &plans);

    let ranking = attribution::rank(&analysis);
    let totals =
        render::top::Totals { files: 1, sized: ranking.sized.len(), unknown: ranking.unknown, threshold: 0, limit: 10 };
    let ranked = attribution::top(ranking.sized, 0, 10);
    let _ = render::top::render_text(&ranked, &ranking.infinite, &totals, &Theme::plain(), 60);
    let _ = render::top::render_json(&ranked, &ranking.infinite, &totals);
});
