//! `cargo futurelens` (also `futurelens crate`): every future of a Cargo package, sized by
//! rustc through cargo, with the reasons from its source; and future-size budgets for CI.
//!
//! In: the package selection (as cargo's own flags) and a command: the ranking (the default,
//! or `top`), `analyze` of files of the package, `check` against budgets or a baseline. Out:
//! text or JSON on standard output; cargo's messages and a summary of what was paired on
//! standard error. Steps: [`package`] (cargo metadata), [`modules`] (the module tree),
//! [`compile`] (the build that prints layouts), [`report`] (analysis and pairing), [`check`].

mod check;
mod compile;
mod modules;
mod package;
mod report;
pub mod wrapper;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Parser;
use futurelens_analyzer::attribution::{self, Ranked};
use futurelens_analyzer::render::{self, size_text};
use futurelens_analyzer::{FutureAnalysis, Options};
use serde_json::{Value, json};

use crate::args::{ColorChoice, Format, TEXT_THEME_HELP, TextTheme};
use crate::output;
use report::TargetReport;

pub const EXAMPLES: &str = "Examples:
  cargo futurelens                                  every future of the package, biggest first
  cargo futurelens top --limit 20                   the 20 biggest, each with its chain
  cargo futurelens --lib analyze src/server.rs --fn handle
  cargo futurelens check --max 16KiB                exit 1 for every future over 16 KiB
  cargo futurelens check --baseline futures.json --save
  cargo futurelens check --baseline futures.json --max-growth 5%

Sizes come from rustc: one `cargo rustc -- -Zprint-type-sizes` build of the selected target
(the first takes as long as a build; later runs rebuild only this crate). `--estimate` skips
it and estimates from the source alone.";

/// `cargo futurelens`, as cargo runs it.
#[derive(Debug, Parser)]
#[command(
    name = "cargo-futurelens",
    bin_name = "cargo futurelens",
    version,
    about = "Every future of a Cargo package, sized by rustc, with the reasons from its source; size budgets for CI",
    after_help = EXAMPLES
)]
pub struct CargoCli {
    #[command(flatten)]
    pub args: CrateArgs,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct CrateArgs {
    #[command(subcommand)]
    pub command: Option<CrateCommand>,

    #[command(flatten)]
    pub select: Selection,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE", global = true)]
    pub output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = TextTheme::Terminal, help = TEXT_THEME_HELP, global = true)]
    pub theme: TextTheme,

    /// Do not build: estimate every size from the source alone (fast, but types from other
    /// crates have no size).
    #[arg(long, global = true)]
    pub estimate: bool,

    /// Do not show cargo's messages.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// Which package and targets, as cargo's own commands take them.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Package Selection")]
pub struct Selection {
    /// Path to Cargo.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub manifest_path: Option<PathBuf>,

    /// The package(s) to analyse (default: the current one; in a virtual workspace, the default
    /// members).
    #[arg(short, long, value_name = "SPEC", global = true)]
    pub package: Vec<String>,

    /// Only the library target.
    #[arg(long, global = true)]
    pub lib: bool,

    /// Only this binary target (repeatable).
    #[arg(long, value_name = "NAME", global = true)]
    pub bin: Vec<String>,

    /// The library, every binary, example and integration test.
    #[arg(long, global = true)]
    pub all_targets: bool,

    /// Features to activate, comma- or space-separated.
    #[arg(short = 'F', long, value_name = "FEATURES", value_delimiter = ',', global = true)]
    pub features: Vec<String>,

    /// Activate all features.
    #[arg(long, global = true)]
    pub all_features: bool,

    /// Do not activate the `default` feature.
    #[arg(long, global = true)]
    pub no_default_features: bool,

    /// Build for this target triple (sizes are rustc's for that target).
    #[arg(long, value_name = "TRIPLE", global = true)]
    pub target: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum CrateCommand {
    /// The biggest futures, each with the chain of fields that makes it big, down through the
    /// futures it awaits, in other files and in dependencies (the default lists them all).
    Top(TopArgs),
    /// The states of futures of the package, what each keeps and why, with rustc's sizes.
    Analyze(AnalyzeArgs),
    /// Exit 1 when a future is over its budget (`--max`, or `[package.metadata.futurelens]`),
    /// or grew past a baseline (`--baseline`).
    Check(check::CheckArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct TopArgs {
    /// List at most this many futures.
    #[arg(long, value_name = "K")]
    pub limit: Option<usize>,

    /// List only futures of at least BYTES bytes.
    #[arg(long = "min-size", value_name = "BYTES", default_value_t = 0)]
    pub min_size: u64,
}

#[derive(Debug, Clone, clap::Args)]
pub struct AnalyzeArgs {
    /// A file of the package (default: every file of its module tree).
    pub file: Option<PathBuf>,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// For each future of at least BYTES bytes, add a `why so big` line (text output).
    #[arg(long = "explain-from", value_name = "BYTES", default_value_t = render::text::DEFAULT_THRESHOLD)]
    pub explain_from: u64,
}

/// Everything found, for every command.
pub struct Report {
    pub workspace_root: PathBuf,
    pub targets: Vec<TargetReport>,
    /// The rustc future paired with each (target, file, future), by index.
    pub pairs: Vec<Vec<(usize, usize)>>,
    pub ranking: Vec<attribution::FileRanking>,
    pub budgets: Vec<(String, Value)>,
}

impl Report {
    /// Whether the future's numbers are rustc's.
    pub fn sized_by_rustc(&self, t: usize, file: usize, future: usize) -> bool {
        self.pairs[t].contains(&(file, future))
    }

    pub fn build_failed(&self) -> bool {
        self.targets.iter().any(|t| t.build_error.is_some())
    }
}

pub fn run(args: &CrateArgs) -> Result<ExitCode> {
    let report = gather(args)?;
    let code = match &args.command {
        None => top(args, &report, &TopArgs { limit: None, min_size: 0 })?,
        Some(CrateCommand::Top(top_args)) => top(args, &report, top_args)?,
        Some(CrateCommand::Analyze(a)) => analyze(args, &report, a)?,
        Some(CrateCommand::Check(c)) => check::run(args, &report, c)?,
    };
    if report.build_failed() && code == ExitCode::SUCCESS {
        return Ok(ExitCode::from(1));
    }
    Ok(code)
}

/// Reads the package, analyses every target's files, builds each target once and pairs.
fn gather(args: &CrateArgs) -> Result<Report> {
    let workspace = package::load(&args.select)?;
    let base = Options::default();
    let mut targets = Vec::new();
    let mut pairs = Vec::new();
    let mut ranking = Vec::new();
    for target in workspace.targets {
        let (files, problems) = modules::tree(&target.root);
        for p in &problems {
            crate::cmd::warn(p);
        }
        let mut files = report::analyse(&target, files, &workspace.root, &base)?;
        // A file rustc would reject is reported; its futures are left out.
        for f in &files {
            crate::cmd::print_diagnostics_filtered(&f.analysis, &f.file.text, |d| {
                d.severity == futurelens_analyzer::Severity::Error && !d.message.starts_with("no async fn")
            });
        }
        let mut t = TargetReport {
            target,
            files: Vec::new(),
            rustc: None,
            build_error: None,
            pairing: report::Pairing::default(),
            problems,
        };
        let mut paired: Vec<(usize, usize)> = Vec::new();
        let mut pair_map = Default::default();
        if !args.estimate {
            if !args.quiet {
                note(&format!(
                    "building {} with rustc's layouts (`cargo rustc -- -Zprint-type-sizes`): the first build takes as \
                     long as a build, later ones rebuild only this crate",
                    t.target.describe()
                ));
            }
            match compile::build(&t.target, &args.select, args.quiet)? {
                compile::Built::Layouts(layouts) => {
                    let (pairing, map) = report::attach(&mut files, &layouts);
                    paired = map.values().copied().collect();
                    pair_map = map;
                    t.pairing = pairing;
                    t.rustc = Some(layouts);
                }
                compile::Built::Failed(first) => {
                    crate::cmd::warn(&format!(
                        "cargo could not build {}, so the sizes shown are the estimate from the source:\n{first}",
                        t.target.describe()
                    ));
                    t.build_error = Some(first);
                }
            }
        }
        t.files = files;
        ranking.push(report::rank(&t, &pair_map));
        summary(&t, &paired);
        targets.push(t);
        pairs.push(paired);
    }
    Ok(Report { workspace_root: workspace.root, targets, pairs, ranking, budgets: workspace.budgets })
}

fn note(message: &str) {
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Cyan.into()));
    let _ = writeln!(anstream::stderr().lock(), "{style}note{style:#}: {message}");
}

/// One line per target on standard error: the files, and how rustc's futures were paired.
fn summary(t: &TargetReport, paired: &[(usize, usize)]) {
    let futures: usize = t.files.iter().map(|f| f.analysis.futures.len()).sum();
    let files = t.files.len();
    let cfg = t.files.iter().filter(|f| f.file.cfg.is_some()).count();
    let cfg = if cfg > 0 { format!(" ({cfg} behind #[cfg])") } else { String::new() };
    let sizes = match (&t.rustc, &t.build_error) {
        (Some(_), _) => {
            let p = &t.pairing;
            let unpaired = if p.unpaired.is_empty() {
                String::new()
            } else {
                format!(" (not found in the source: {})", p.unpaired.join(", "))
            };
            let macros = match p.macro_bodies.len() {
                0 => String::new(),
                n => format!(
                    " ({n} of them async block{} an attribute macro made of an async fn's body)",
                    if n == 1 { "" } else { "s" }
                ),
            };
            format!(
                "rustc laid out {} of its futures, {} paired with their source{macros}{unpaired}, and {} of dependencies; \
                 {} of the {futures} futures found have rustc's sizes",
                p.local,
                p.paired,
                p.dependency,
                paired.len()
            )
        }
        (None, Some(_)) => "sizes are the estimate (the build failed)".to_string(),
        (None, None) => "sizes are the estimate (--estimate)".to_string(),
    };
    let _ = writeln!(
        anstream::stderr().lock(),
        "{}: {files} file{}{cfg}, {futures} future{}; {sizes}",
        t.target.describe(),
        if files == 1 { "" } else { "s" },
        if futures == 1 { "" } else { "s" },
    );
}

fn top(args: &CrateArgs, report: &Report, top_args: &TopArgs) -> Result<ExitCode> {
    let mut sized: Vec<Ranked> = Vec::new();
    let mut infinite = Vec::new();
    let mut unknown = 0;
    for r in &report.ranking {
        sized.extend(r.sized.iter().cloned());
        infinite.extend(r.infinite.iter().cloned());
        unknown += r.unknown;
    }
    let total = sized.len();
    let ranked = attribution::top(sized, top_args.min_size, top_args.limit.unwrap_or(usize::MAX));
    let totals = render::top::Totals {
        files: report.targets.iter().map(|t| t.files.len()).sum(),
        sized: total,
        unknown,
        threshold: top_args.min_size,
        limit: top_args.limit.unwrap_or(total),
    };
    let text = match args.format {
        Format::Text => {
            let theme = args.theme.theme(args.output.as_deref());
            render::top::render_text(&ranked, &infinite, &totals, &theme, output::output_width(args.output.as_deref()))
        }
        Format::Json => json_text(&document(report, &ranked, &totals)),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

pub fn json_text(doc: &Value) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The future of a ranked entry: its target, file and index.
pub(super) fn locate(report: &Report, r: &Ranked) -> Option<(usize, usize, usize)> {
    for (ti, t) in report.targets.iter().enumerate() {
        for (fi, f) in t.files.iter().enumerate() {
            if f.rel != r.file {
                continue;
            }
            if let Some(k) = f.analysis.futures.iter().position(|x| report::qualify(&f.file.module, &x.name) == r.name)
            {
                return Some((ti, fi, k));
            }
        }
    }
    None
}

/// The JSON document `futurelens-crate/1`.
fn document(report: &Report, ranked: &[Ranked], totals: &render::top::Totals) -> Value {
    let futures: Vec<Value> = ranked
        .iter()
        .map(|r| {
            let located = locate(report, r);
            let states = located.map(|(t, f, k)| states_json(&report.targets[t].files[f].analysis.futures[k]));
            let source = match located {
                Some((t, f, k)) if report.sized_by_rustc(t, f, k) => "rustc",
                _ => "estimate",
            };
            json!({
                "name": r.name,
                "file": r.file,
                "line": r.line,
                "size": r.size,
                "size_source": source,
                "chain": r.chain.links.iter().map(render::top::link_json).collect::<Vec<_>>(),
                "why": render::top::chain_text(&r.chain),
                "states": states,
            })
        })
        .collect();
    let infinite: Vec<Value> = report
        .ranking
        .iter()
        .flat_map(|r| &r.infinite)
        .map(|f| {
            json!({
                "name": f.name,
                "file": f.file,
                "line": f.line,
                "cycle": f.cycle.iter().map(render::top::step_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "schema": "futurelens-crate/1",
        "workspace_root": report.workspace_root.display().to_string(),
        "targets": report.targets.iter().map(target_json).collect::<Vec<_>>(),
        "sized": totals.sized,
        "unknown": totals.unknown,
        "futures": futures,
        "infinite": infinite,
    })
}

fn target_json(t: &TargetReport) -> Value {
    json!({
        "package": t.target.package,
        "kind": t.target.kind.word(),
        "name": t.target.name,
        "edition": t.target.edition.to_string(),
        "files": t.files.iter().map(|f| json!({
            "path": f.rel,
            "module": f.file.module.join("::"),
            "cfg": f.file.cfg,
            "futures": f.analysis.futures.len(),
        })).collect::<Vec<_>>(),
        "sizes": if t.rustc.is_some() { "rustc" } else { "estimate" },
        "build_error": t.build_error,
        "rustc_futures": t.rustc.as_ref().map(|_| t.pairing.local),
        "paired": t.rustc.as_ref().map(|_| t.pairing.paired),
        "unpaired": t.pairing.unpaired,
        "macro_bodies": t.pairing.macro_bodies.iter().map(|(rustc, future)| json!({
            "rustc": rustc,
            "future": future,
        })).collect::<Vec<_>>(),
        "dependency_futures": t.rustc.as_ref().map(|_| t.pairing.dependency),
        "problems": t.problems,
    })
}

/// Each state's size and fields, with offsets and the reason each field is kept.
fn states_json(f: &FutureAnalysis) -> Value {
    Value::Array(
        f.states
            .iter()
            .map(|s| {
                json!({
                    "name": s.id.name(),
                    "size": s.size,
                    "fields": s.fields.iter().map(|field| json!({
                        "name": field.name,
                        "role": field.role.as_str(),
                        "type": field.ty.to_string(),
                        "offset": field.offset,
                        "size": field.size,
                        "reason": render::json::reason(&field.reason),
                        "why": render::reason_text(&field.reason),
                        "line": field.span.line,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn analyze(args: &CrateArgs, report: &Report, a: &AnalyzeArgs) -> Result<ExitCode> {
    let wanted = match &a.file {
        Some(path) => {
            let Ok(abs) = std::fs::canonicalize(path) else {
                bail!("`{}` does not exist", path.display());
            };
            Some(abs)
        }
        None => None,
    };
    let mut texts = Vec::new();
    let mut docs = Vec::new();
    let mut found_file = false;
    for t in &report.targets {
        for f in &t.files {
            if let Some(w) = &wanted
                && std::fs::canonicalize(&f.file.path).ok().as_ref() != Some(w)
            {
                continue;
            }
            found_file = true;
            let selected: Vec<&FutureAnalysis> = match &a.function {
                None => f.analysis.futures.iter().collect(),
                Some(name) => {
                    let relative = futurelens_analyzer::rustc::relative_to_module(name, &f.file.module);
                    let mut found = f.analysis.select(name);
                    if found.is_empty()
                        && let Some(rel) = &relative
                    {
                        found = f.analysis.select(rel);
                    }
                    found
                }
            };
            if selected.is_empty() {
                continue;
            }
            match args.format {
                Format::Text => {
                    let width = output::output_width(args.output.as_deref());
                    let theme = args.theme.theme(args.output.as_deref());
                    texts.push(render::text::render_with(&f.analysis, &selected, &theme, a.explain_from, width));
                }
                Format::Json => docs.push(render::json::document(&f.analysis, &selected)),
            }
        }
    }
    if let (Some(path), false) = (&a.file, found_file) {
        bail!(
            "`{}` is not a file of the selected targets' module trees (files are found through `mod` declarations \
             from each target's root)",
            path.display()
        );
    }
    if texts.is_empty() && docs.is_empty() {
        match &a.function {
            Some(name) => bail!("no future named `{name}` in the selected files"),
            None => bail!("no async fn, async block or async closure in the selected files"),
        }
    }
    let text = match args.format {
        Format::Text => texts.join("\n"),
        Format::Json => json_text(&json!({ "schema": "futurelens-crate-analyze/1", "files": docs })),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// A size as people write budgets: `16384`, `16KiB`, `16 KiB`, `1MiB`, `16kB` (1000s).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| format!("`{text}` is not a size: write bytes (`16384`) or `16KiB`"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" | "k" => 1 << 10,
        "mib" | "m" => 1 << 20,
        "gib" | "g" => 1 << 30,
        "kb" => 1000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return Err(format!("`{text}` is not a size: the unit is B, KiB, MiB, GiB (or kB, MB, GB)")),
    };
    n.checked_mul(factor).ok_or_else(|| format!("`{text}` is too big"))
}

/// A size in the words of the output.
pub fn size(n: u64) -> String {
    size_text(n)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_as_budgets_are_written() {
        assert_eq!(parse_size("16384"), Ok(16384));
        assert_eq!(parse_size("16KiB"), Ok(16384));
        assert_eq!(parse_size("16 KiB"), Ok(16384));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("16kB"), Ok(16000));
        assert!(parse_size("16 apples").is_err());
        assert!(parse_size("KiB").is_err());
    }
}
