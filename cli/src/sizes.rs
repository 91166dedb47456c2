//! The options shared by every command that analyses: `--edition`, `--rustc`, `--assume`,
//! `--target-pointer-width`, and loading a file with them.
//!
//! In: the parsed options and a path. Out: the analysis, with rustc's layouts attached when
//! `--rustc` is given (its disagreements with the estimate become notes). Running rustc is
//! the only I/O; attaching is the analyzer's (`layout::compare::attach`).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use futurelens_analyzer::layout::{Assumption, compare};
use futurelens_analyzer::{Analysis, Edition, EditionSource, Options};

use crate::input::{self, Source};
use crate::rustc_runner::{self, Outcome};

#[derive(Clone, Debug, clap::Args)]
pub struct SizeArgs {
    /// The edition whose rules apply: 2018, 2021 or 2024. Default: the file's `//@ edition: N`
    /// line, else `package.edition` of the nearest Cargo.toml above the file, else 2024 (what
    /// `cargo new` uses). `compare` takes it twice to compare the two editions.
    #[arg(long, value_name = "EDITION", value_parser = parse_edition)]
    pub edition: Vec<Edition>,

    /// Take the sizes from the installed rustc (`-Zprint-type-sizes`) instead of the estimate,
    /// and note every place where the two disagree.
    #[arg(long)]
    pub rustc: bool,

    /// The size of a type the analysis does not know, as `TYPE=SIZE[:ALIGN]` in bytes
    /// (for example `--assume 'Sleep=16:8'`). Repeatable.
    #[arg(long, value_name = "TYPE=SIZE[:ALIGN]", value_parser = Assumption::parse)]
    pub assume: Vec<Assumption>,

    /// The pointer width of the target, in bits: 64 (x86_64, the default) or 32 (as on 32-bit
    /// ARM and wasm32; sizes for 32 bits are unverified, and the output says so).
    #[arg(long, value_name = "BITS", default_value_t = 64, value_parser = parse_width)]
    pub target_pointer_width: u32,
}

fn parse_width(text: &str) -> Result<u32, String> {
    match text.trim() {
        "64" => Ok(64),
        "32" => Ok(32),
        other => Err(format!("`{other}` is not a pointer width: use 32 or 64")),
    }
}

fn parse_edition(text: &str) -> Result<Edition, String> {
    text.parse()
}

impl SizeArgs {
    /// The one `--edition` given, if any.
    pub fn edition(&self) -> Result<Option<Edition>> {
        match self.edition.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            _ => bail!("`--edition` is given more than once: only `compare FILE::FN` compares two editions"),
        }
    }
}

/// `--rustc` compiles one file: a directory's files are not crates of their own.
pub fn one_file_for_rustc(args: &SizeArgs) -> Result<()> {
    if args.rustc {
        bail!("`--rustc` works on one file, not on a directory (a directory's files do not compile one by one)");
    }
    Ok(())
}

/// `--rustc` measures the installed compiler's target, which is 64-bit.
pub fn rustc_measures_64_bits(args: &SizeArgs) -> Result<()> {
    if args.rustc && args.target_pointer_width != 64 {
        bail!("`--rustc` measures the installed compiler's 64-bit target: drop `--target-pointer-width 32`");
    }
    Ok(())
}

/// Reads and analyses one file with the size options, printing its diagnostics to standard
/// error; with `--rustc`, replaces the estimate by rustc's numbers.
pub fn load(path: &Path, args: &SizeArgs) -> Result<(Source, Analysis)> {
    rustc_measures_64_bits(args)?;
    let source = input::read(path)?;
    let options = options(args, path, &source)?;
    let mut analysis = crate::cmd::analyze_on_large_stack(&source.text, &options)?;
    if args.rustc && !analysis.futures.is_empty() {
        attach_rustc(&mut analysis, path, &source.text)?;
    }
    crate::cmd::print_diagnostics(&analysis, &source.text);
    Ok((source, analysis))
}

/// The analysis options the arguments give for the file at `path`: its edition (see
/// [`crate::edition`]; a manifest that cannot be read is a warning), the target, `--assume`.
pub fn options(args: &SizeArgs, path: &Path, source: &Source) -> Result<Options> {
    let (edition, edition_source) = resolve_edition(args.edition()?, path, source);
    Ok(Options { file_name: source.name.clone(), edition, edition_source, ..target_options(args) })
}

/// The options every file of a directory shares: the target and `--assume` (each file's
/// name and edition are its own).
pub fn target_options(args: &SizeArgs) -> Options {
    Options { pointer_width: args.target_pointer_width, assume: args.assume.clone(), ..Options::default() }
}

/// The edition of a file, printing a warning when a manifest could not be read.
pub fn resolve_edition(flag: Option<Edition>, path: &Path, source: &Source) -> (Edition, EditionSource) {
    let (edition, edition_source, warning) = crate::edition::resolve(flag, path, &source.text);
    if let Some(warning) = warning {
        crate::cmd::warn(&format!("{warning}; analysing as edition {edition}"));
    }
    (edition, edition_source)
}

/// Compiles the file with rustc and replaces the estimate by rustc's numbers, saying on
/// standard error how far they agree (or, if rustc cannot compile the file, that the estimate
/// stays, with rustc's first error).
pub fn attach_rustc(analysis: &mut Analysis, path: &Path, text: &str) -> Result<()> {
    let from_stdin = path.as_os_str() == "-";
    let edition = analysis.options.edition;
    match rustc_runner::layouts(path, text, from_stdin, edition)? {
        Outcome::Layouts(layouts) => {
            let report = compare::attach(analysis, &layouts);
            let mut err = anstream::stderr().lock();
            let disagreeing = report.estimated - report.agreeing.min(report.estimated);
            let _ = writeln!(
                err,
                "rustc laid out {} future{}; the estimate matches it exactly for {} of the {} it sized{}",
                report.futures,
                if report.futures == 1 { "" } else { "s" },
                report.agreeing,
                report.estimated,
                if disagreeing > 0 { " (the differences are listed as notes)" } else { "" },
            );
        }
        Outcome::CompileError(first) => {
            let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
            let mut err = anstream::stderr().lock();
            let _ = writeln!(
                err,
                "{style}warning{style:#}: rustc cannot compile `{}`, so the sizes shown are the estimate\n{first}\n",
                analysis.file
            );
        }
    }
    Ok(())
}
