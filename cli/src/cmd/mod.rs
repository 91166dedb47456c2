//! One module per subcommand. Each takes its parsed arguments and returns the exit code.

pub mod analyze;

use anyhow::{Result, bail};
use futurelens_analyzer::render;
use futurelens_analyzer::{Analysis, FutureAnalysis, Options, Severity};

use crate::input::{self, Source};

/// Reads and analyses one input file, printing its diagnostics to standard error.
pub fn load(path: &std::path::Path) -> Result<(Source, Analysis)> {
    let source = input::read(path)?;
    let options = Options { file_name: source.name.clone(), ..Options::default() };
    let analysis = futurelens_analyzer::analyze(&source.text, &options);
    print_diagnostics(&analysis, &source.text);
    Ok((source, analysis))
}

/// The futures `--fn NAME` selects (all of them without `--fn`).
pub fn select<'a>(analysis: &'a Analysis, name: Option<&str>) -> Result<Vec<&'a FutureAnalysis>> {
    let Some(name) = name else { return Ok(analysis.futures.iter().collect()) };
    let found = analysis.select(name);
    if found.is_empty() {
        let names: Vec<&str> = analysis.futures.iter().map(|f| f.name.as_str()).collect();
        bail!("no future named `{name}` in `{}`\n  the futures in this file are: {}", analysis.file, names.join(", "));
    }
    Ok(found)
}

pub fn print_diagnostics(analysis: &Analysis, src: &str) {
    use std::io::Write;
    let mut err = anstream::stderr().lock();
    let all = analysis.diagnostics.iter().chain(analysis.futures.iter().flat_map(|f| f.diagnostics.iter()));
    for d in all.filter(|d| d.severity != Severity::Note) {
        let _ = writeln!(err, "{}\n", render::diagnostic::render(d, src, &analysis.file, true));
    }
}
