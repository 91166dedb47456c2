//! `futurelens analyze DIR`: every `.rs` file under a directory.
//!
//! Files are analysed on all cores (results are printed in path order, so output is stable),
//! each on a thread with a large stack so that deeply nested input cannot overflow it. A file
//! that cannot be read or parsed gets its diagnostic and the run goes on; the exit code is 1
//! if any file failed. Text output is one section per file; JSON output is an array with one
//! `futurelens/1` document per file that holds futures or errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, bail};
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Analysis, Edition, Options, Severity};

use crate::args::{AnalyzeArgs, Format};
use crate::{input, output, walk};

/// The stack each worker thread gets: syn's parser recurses once per nesting level.
pub const WORKER_STACK: usize = 512 << 20;

/// What one worker made of one file.
pub enum Outcome<T> {
    /// The file holds no `async` text and was not parsed.
    Skipped,
    /// The file could not be read; the message says why.
    Unreadable(String),
    Analysed(T),
}

/// One file's report, rendered on the worker so that memory stays bounded by the output.
struct FileReport {
    output: Option<String>,
    diagnostics: String,
    futures: usize,
    awaits: usize,
    failed: bool,
}

pub fn run(args: &AnalyzeArgs, root: &Path) -> Result<ExitCode> {
    let files = files_under(root)?;
    let progress = Progress::new(files.len());
    let options = crate::sizes::target_options(&args.sizes);
    let edition = args.sizes.edition()?;
    let width = output::output_width(args.output.as_deref());
    let theme = args.theme.theme(args.output.as_deref());
    let outcomes = analyse_each(&files, &options, edition, &progress, |path, src, analysis| {
        report_file(args, path, src, &analysis, &theme, width)
    });
    progress.finish();

    let mut summary = Summary::default();
    // Every file's output goes into one buffer, written once.
    let mut out = String::new();
    if matches!(args.format, Format::Json) {
        out.push_str("[\n");
    }
    let mut first = true;
    for outcome in outcomes {
        summary.files += 1;
        match outcome {
            Outcome::Skipped => summary.skipped += 1,
            Outcome::Unreadable(message) => {
                summary.failed += 1;
                super::report(&message);
            }
            Outcome::Analysed(report) => {
                summary.failed += usize::from(report.failed);
                summary.futures += report.futures;
                summary.awaits += report.awaits;
                if !report.diagnostics.is_empty() {
                    crate::output::to_stderr(&report.diagnostics);
                }
                if let Some(output) = report.output {
                    if !first && matches!(args.format, Format::Json) {
                        out.push_str(",\n");
                    }
                    first = false;
                    out.push_str(&output);
                }
            }
        }
    }
    if matches!(args.format, Format::Json) {
        out.push_str("\n]\n");
    }
    output::emit(&out, args.output.as_deref())?;
    summary.print();
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The `.rs` files under `root`; unreadable directories are reported and skipped.
pub fn files_under(root: &Path) -> Result<Vec<PathBuf>> {
    let (files, dir_errors) = walk::rust_files(root);
    for (dir, err) in &dir_errors {
        super::report(&format!("cannot read directory `{}`: {err}", dir.display()));
    }
    if files.is_empty() {
        bail!("no `.rs` files under `{}`", root.display());
    }
    Ok(files)
}

fn report_file(
    args: &AnalyzeArgs,
    path: &Path,
    src: &str,
    analysis: &Analysis,
    theme: &Theme,
    width: usize,
) -> FileReport {
    // The rule of a file alone (any error fails it: a syntax error, unboxed recursion...),
    // except that a file without async code is skipped here, not failed.
    let failed = analysis
        .diagnostics
        .iter()
        .chain(analysis.futures.iter().flat_map(|f| &f.diagnostics))
        .any(|d| d.severity == Severity::Error && !is_no_async(d));
    let diagnostics = super::format_diagnostics(analysis, src, |d| !is_no_async(d));
    let futures = analysis.futures.len();
    let awaits = analysis.futures.iter().map(|f| f.suspend_states().count()).sum();
    let selected = match &args.function {
        Some(name) => analysis.select(name),
        None => analysis.futures.iter().collect(),
    };
    let output = (!selected.is_empty() || failed).then(|| match args.format {
        Format::Text => {
            let text = render::text::render_with(analysis, &selected, theme, args.explain_from, width);
            format!("── {} ──\n{text}\n", path.display())
        }
        Format::Json => {
            let mut json = render::json::render(analysis, &selected);
            json.truncate(json.trim_end().len());
            json
        }
    });
    FileReport { output, diagnostics, futures, awaits, failed }
}

fn is_no_async(d: &futurelens_analyzer::Diagnostic) -> bool {
    d.message.starts_with("no async fn")
}

/// Analyses every file on all cores, each on a large-stack thread, with `options` (its file
/// name and edition set to each file's: `edition`, or the file's own), and hands each analysis to `each` on the worker (so only what
/// `each` returns is kept). Results come back in the order of `files`. A file without the
/// text `async` holds no future and is not parsed.
pub fn analyse_each<T: Send>(
    files: &[PathBuf],
    options: &Options,
    edition: Option<Edition>,
    progress: &Progress,
    each: impl Fn(&Path, &str, Analysis) -> T + Sync,
) -> Vec<Outcome<T>> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Outcome<T>>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = files.get(i) else { break };
                            done.push((i, analyse_file(path, options, edition, &each)));
                            progress.tick();
                        }
                        done
                    })
                    .ok()
            })
            .collect();
        for worker in workers {
            if let Ok(done) = worker.join() {
                for (i, outcome) in done {
                    results[i] = Some(outcome);
                }
            }
        }
    });
    results
        .into_iter()
        .zip(files)
        .map(|(r, path)| {
            r.unwrap_or_else(|| {
                Outcome::Unreadable(format!("internal error while analysing `{}`; please report it", path.display()))
            })
        })
        .collect()
}

fn analyse_file<T>(
    path: &Path,
    options: &Options,
    edition: Option<Edition>,
    each: &impl Fn(&Path, &str, Analysis) -> T,
) -> Outcome<T> {
    let source = match input::read(path) {
        Ok(source) => source,
        Err(e) => return Outcome::Unreadable(format!("{e:#}")),
    };
    if !futurelens_analyzer::may_hold_futures(&source.text) {
        return Outcome::Skipped;
    }
    let (edition, edition_source, _) = crate::edition::resolve(edition, path, &source.text);
    let options = Options { file_name: source.name.clone(), edition, edition_source, ..options.clone() };
    let analysis = futurelens_analyzer::analyze(&source.text, &options);
    Outcome::Analysed(each(path, &source.text, analysis))
}

#[derive(Default)]
struct Summary {
    files: usize,
    skipped: usize,
    futures: usize,
    awaits: usize,
    failed: usize,
}

impl Summary {
    fn print(&self) {
        use std::io::Write;
        let mut err = anstream::stderr().lock();
        let _ = writeln!(
            err,
            "analysed {} file{} ({} without async code, not parsed): {} future{}, {} await{}; {} file{} with errors",
            self.files,
            plural(self.files),
            self.skipped,
            self.futures,
            plural(self.futures),
            self.awaits,
            plural(self.awaits),
            self.failed,
            plural(self.failed)
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A progress bar on standard error, shown only when it is a terminal and the run is long.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let show = std::io::stderr().is_terminal() && total >= 200;
        let bar = show.then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar }
    }

    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
