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
use futurelens_analyzer::{Analysis, Options, Severity};

use crate::args::{AnalyzeArgs, Format};
use crate::{input, output, walk};

/// The stack each worker thread gets: syn's parser recurses once per nesting level.
pub const WORKER_STACK: usize = 512 << 20;

/// One file's outcome.
enum Outcome {
    Analysed { text: String, analysis: Analysis },
    Unreadable(String),
}

pub fn run(args: &AnalyzeArgs, root: &Path) -> Result<ExitCode> {
    let (files, dir_errors) = walk::rust_files(root);
    for (dir, err) in &dir_errors {
        super::report(&format!("cannot read directory `{}`: {err}", dir.display()));
    }
    if files.is_empty() {
        bail!("no `.rs` files under `{}`", root.display());
    }
    let progress = Progress::new(files.len());
    let outcomes = analyse_all(&files, &progress);
    progress.finish();

    let mut summary = Summary::default();
    let mut text = String::new();
    let mut documents = Vec::new();
    for (path, outcome) in files.iter().zip(&outcomes) {
        summary.files += 1;
        match outcome {
            Outcome::Unreadable(message) => {
                summary.failed += 1;
                super::report(message);
            }
            Outcome::Analysed { text: src, analysis } => {
                let errors = analysis.diagnostics.iter().any(|d| d.severity == Severity::Error && !is_no_async(d));
                if errors {
                    summary.failed += 1;
                }
                super::print_diagnostics_filtered(analysis, src, |d| !is_no_async(d));
                summary.futures += analysis.futures.len();
                summary.awaits += analysis.futures.iter().map(|f| f.suspend_states().count()).sum::<usize>();
                let selected = match &args.function {
                    Some(name) => analysis.select(name),
                    None => analysis.futures.iter().collect(),
                };
                if selected.is_empty() && !errors {
                    continue;
                }
                match args.format {
                    Format::Text => {
                        text.push_str(&format!("── {} ──\n", path.display()));
                        text.push_str(&render::text::render(analysis, &selected, &Theme::ansi()));
                        text.push('\n');
                    }
                    Format::Json => documents.push(render::json::document(analysis, &selected)),
                }
            }
        }
    }
    let out = match args.format {
        Format::Text => text,
        Format::Json => serde_json::to_string_pretty(&documents)? + "\n",
    };
    output::emit(&out, args.output.as_deref())?;
    summary.print();
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn is_no_async(d: &futurelens_analyzer::Diagnostic) -> bool {
    d.message.starts_with("no async fn")
}

fn analyse_all(files: &[PathBuf], progress: &Progress) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Outcome>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = files.get(i) else { break };
                            done.push((i, analyse_file(path)));
                            progress.tick();
                        }
                        done
                    })
                    .expect("spawn worker thread")
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
            r.unwrap_or_else(|| Outcome::Unreadable(format!("internal error while analysing `{}`", path.display())))
        })
        .collect()
}

fn analyse_file(path: &Path) -> Outcome {
    let source = match input::read(path) {
        Ok(source) => source,
        Err(e) => return Outcome::Unreadable(format!("{e:#}")),
    };
    let options = Options { file_name: source.name.clone(), ..Options::default() };
    let analysis = futurelens_analyzer::analyze(&source.text, &options);
    Outcome::Analysed { text: source.text, analysis }
}

#[derive(Default)]
struct Summary {
    files: usize,
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
            "analysed {} file{}: {} future{}, {} await{}; {} file{} with errors",
            self.files,
            plural(self.files),
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
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(total: usize) -> Progress {
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

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
