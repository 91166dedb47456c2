//! Feeds arbitrary text to the analyzer and renders the result in every format: none of it
//! may panic, whatever the input.
#![no_main]

use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Options, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let analysis = analyze(src, &Options::default());
    let futures: Vec<_> = analysis.futures.iter().collect();
    let _ = render::text::render(&analysis, &futures, &Theme::plain());
    let _ = render::json::render(&analysis, &futures);
    for d in &analysis.diagnostics {
        let _ = render::diagnostic::render(d, src, "fuzz.rs", false);
    }
});
