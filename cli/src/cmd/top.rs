//! `futurelens top`: the biggest futures of a file or of every `.rs` file under a directory,
//! each with the chain of fields that makes it big.
//!
//! In: a path, `--min-size BYTES`, `--limit K`, the size options (`--rustc` on one file only). Out: one line per future, the biggest first
//! (so the first line names the biggest future), then the infinitely big ones (unboxed
//! recursion); or the JSON document `futurelens-top/1`. Directories are analysed on all cores
//! with `analyze DIR`'s walk; what was covered goes to standard error. A file that cannot be
//! read or parsed is reported and skipped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use futurelens_analyzer::attribution::{self, FileRanking};
use futurelens_analyzer::render::size_text;
use futurelens_analyzer::render::top::{self, Totals};
use futurelens_analyzer::{Analysis, Severity};

use super::analyze_dir::{self, Outcome, Progress};
use crate::args::Format;
use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct TopArgs {
    /// A Rust source file, a directory (every `.rs` file under it), or `-` for standard input.
    pub input: PathBuf,

    /// List only futures of at least BYTES bytes (0: every future whose size is known).
    #[arg(long = "min-size", alias = "threshold", value_name = "BYTES", default_value_t = 0)]
    pub min_size: u64,

    /// List at most this many futures.
    #[arg(long, value_name = "K", default_value_t = 10)]
    pub limit: usize,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = crate::args::TextTheme::Terminal, help = crate::args::TEXT_THEME_HELP)]
    pub theme: crate::args::TextTheme,

    #[command(flatten)]
    pub sizes: SizeArgs,
}

/// What one file contributes.
struct FileResult {
    ranking: FileRanking,
    /// The file's first error (a syntax error), rendered rustc-style.
    error: Option<String>,
}

fn per_file(path: &Path, src: &str, mut analysis: Analysis, rustc: bool) -> FileResult {
    let width = output::width(output::Stream::Stderr);
    let error = analysis
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error && !d.message.starts_with("no async fn"))
        .map(|d| futurelens_analyzer::render::diagnostic::render(d, src, &analysis.file, true, width));
    if error.is_none()
        && rustc
        && !analysis.futures.is_empty()
        && let Err(e) = sizes::attach_rustc(&mut analysis, path, src)
    {
        let error = Some(format!("{}error{}: {e:#}", STYLE_ERROR, STYLE_RESET));
        return FileResult { ranking: FileRanking::default(), error };
    }
    FileResult { ranking: attribution::rank(&analysis), error }
}

const STYLE_ERROR: anstyle::Style =
    anstyle::Style::new().bold().fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Red)));
const STYLE_RESET: anstyle::Reset = anstyle::Reset;

pub fn run(args: &TopArgs) -> Result<ExitCode> {
    let directory = args.input.is_dir();
    if directory {
        sizes::one_file_for_rustc(&args.sizes)?;
    }
    sizes::rustc_measures_64_bits(&args.sizes)?;
    let files = if directory { analyze_dir::files_under(&args.input)? } else { vec![args.input.clone()] };
    let options = sizes::target_options(&args.sizes);
    let progress = Progress::new(files.len());
    let outcomes =
        analyze_dir::analyse_each(&files, &options, args.sizes.edition()?, &progress, |path, src, analysis| {
            per_file(path, src, analysis, args.sizes.rustc)
        });
    progress.finish();

    let mut sized = Vec::new();
    let mut infinite = Vec::new();
    let mut totals = Totals { files: files.len(), threshold: args.min_size, limit: args.limit, ..Totals::default() };
    let (mut skipped, mut failed) = (0, 0);
    let mut first_error = None;
    for outcome in outcomes {
        match outcome {
            Outcome::Skipped => skipped += 1,
            Outcome::Unreadable(message) if !directory => bail!("{message}"),
            Outcome::Unreadable(message) => {
                failed += 1;
                super::report(&message);
            }
            Outcome::Analysed(result) => {
                if let Some(error) = result.error {
                    failed += 1;
                    if !directory {
                        let _ = write!(anstream::stderr().lock(), "{error}\n\n");
                        return Ok(ExitCode::from(1));
                    }
                    first_error.get_or_insert(error);
                }
                totals.sized += result.ranking.sized.len();
                totals.unknown += result.ranking.unknown;
                sized.extend(result.ranking.sized);
                infinite.extend(result.ranking.infinite);
            }
        }
    }
    let ranked = attribution::top(sized, args.min_size, args.limit);
    let text = match args.format {
        Format::Text => {
            let theme = args.theme.theme(args.output.as_deref());
            top::render_text(&ranked, &infinite, &totals, &theme, output::output_width(args.output.as_deref()))
        }
        Format::Json => top::render_json(&ranked, &infinite, &totals),
    };
    output::emit(&text, args.output.as_deref())?;
    summary(&totals, ranked.len(), infinite.len(), skipped, failed, first_error);
    if !directory && totals.sized + infinite.len() + totals.unknown == 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// What the ranking covered, on standard error.
fn summary(totals: &Totals, shown: usize, infinite: usize, skipped: usize, failed: usize, first_error: Option<String>) {
    let mut err = anstream::stderr().lock();
    let threshold =
        if totals.threshold > 0 { format!(" of at least {}", size_text(totals.threshold)) } else { String::new() };
    let _ = writeln!(
        err,
        "{} file{} ({skipped} without async code): {} future{} with a size, {} of unknown size, {infinite} infinitely big; \
         showing the {shown} biggest{threshold}",
        totals.files,
        if totals.files == 1 { "" } else { "s" },
        totals.sized,
        if totals.sized == 1 { "" } else { "s" },
        totals.unknown,
    );
    if failed > 0 {
        let _ = writeln!(
            err,
            "{failed} file{} could not be read or parsed and were skipped",
            if failed == 1 { "" } else { "s" }
        );
        if let Some(first) = first_error {
            let _ = writeln!(err, "the first:\n{first}");
        }
    }
}
