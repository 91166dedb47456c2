//! One module per subcommand. Each takes its parsed arguments and returns the exit code.

pub mod analyze;
pub mod analyze_dir;
pub mod compare;
pub mod desugar;
pub mod explain;
pub mod graph;
pub mod layout;
pub mod page;
pub mod split;
pub mod top;
pub mod trace;

use anyhow::{Result, bail};
use futurelens_analyzer::render;
use futurelens_analyzer::{Analysis, FutureAnalysis, Options, Severity};

/// Runs the analysis on a thread with a large stack: syn's parser recurses once per nesting
/// level, and real files (or generated ones) can nest deeply.
pub fn analyze_on_large_stack(src: &str, options: &Options) -> Result<Analysis> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(analyze_dir::WORKER_STACK)
            .spawn_scoped(scope, || futurelens_analyzer::analyze(src, options))
            .map_err(|e| anyhow::anyhow!("cannot start the analysis thread: {e}"))?
            .join()
            .map_err(|_| anyhow::anyhow!("internal error: the analysis failed; please report this with the input file"))
    })
}

/// [`analyze_on_large_stack`], handing each future to `each` as soon as it is analysed
/// (`futurelens_analyzer::analyze_each`); returns the analysis without its futures.
pub fn analyze_each_on_large_stack(
    src: &str,
    options: &Options,
    each: impl FnMut(&futurelens_analyzer::Streamed<'_>, FutureAnalysis) + Send,
) -> Result<Analysis> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(analyze_dir::WORKER_STACK)
            .spawn_scoped(scope, || futurelens_analyzer::analyze_each(src, options, each))
            .map_err(|e| anyhow::anyhow!("cannot start the analysis thread: {e}"))?
            .join()
            .map_err(|_| anyhow::anyhow!("internal error: the analysis failed; please report this with the input file"))
    })
}

/// Prints a warning.
pub fn warn(message: &str) {
    use std::io::Write;
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}warning{style:#}: {message}");
}

/// Refuses a directory given to a command that reads one file, and says which commands take
/// directories.
pub fn one_file(path: &std::path::Path, command: &str) -> Result<()> {
    if path.is_dir() {
        bail!(
            "`{}` is a directory: `futurelens {command}` reads one file (`futurelens analyze` and \
             `futurelens top` take a directory)",
            path.display()
        );
    }
    Ok(())
}

/// Ends the program with a usage error (exit code 2), worded as clap words its own.
pub fn usage_error(message: &str) -> ! {
    clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, format!("{message}\n")).exit()
}

/// Prints an error message that does not stop the run.
pub fn report(message: &str) {
    use std::io::Write;
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Red.into()));
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}error{style:#}: {message}");
}

/// The futures `--fn NAME` selects (all of them without `--fn`).
pub fn select<'a>(analysis: &'a Analysis, name: Option<&str>) -> Result<Vec<&'a FutureAnalysis>> {
    let Some(name) = name else { return Ok(analysis.futures.iter().collect()) };
    let found = analysis.select(name);
    if found.is_empty() {
        let names: Vec<&str> = analysis.futures.iter().map(FutureAnalysis::display_name).collect();
        bail!("no future named `{name}` in `{}`\n  the futures in this file are: {}", analysis.file, names.join(", "));
    }
    Ok(found)
}

pub fn print_diagnostics(analysis: &Analysis, src: &str) {
    print_diagnostics_filtered(analysis, src, |_| true);
}

pub fn print_diagnostics_filtered(
    analysis: &Analysis,
    src: &str,
    keep: impl Fn(&futurelens_analyzer::Diagnostic) -> bool,
) {
    crate::output::to_stderr(&format_diagnostics(analysis, src, keep));
}

/// The diagnostics of an analysis, rendered rustc-style (with colour escapes, which the output
/// stream strips when it must).
pub fn format_diagnostics(
    analysis: &Analysis,
    src: &str,
    keep: impl Fn(&futurelens_analyzer::Diagnostic) -> bool,
) -> String {
    let all = analysis.diagnostics.iter().chain(analysis.futures.iter().flat_map(|f| f.diagnostics.iter()));
    format_these_diagnostics(all, &analysis.file, src, keep)
}

/// [`format_diagnostics`] of these diagnostics of `file`.
pub fn format_these_diagnostics<'d>(
    all: impl Iterator<Item = &'d futurelens_analyzer::Diagnostic>,
    file: &str,
    src: &str,
    keep: impl Fn(&futurelens_analyzer::Diagnostic) -> bool,
) -> String {
    let width = crate::output::width(crate::output::Stream::Stderr);
    let mut out = String::new();
    for d in all.filter(|d| d.severity != Severity::Note && keep(d)) {
        out.push_str(&render::diagnostic::render(d, src, file, true, width));
        out.push_str("\n\n");
    }
    out
}
