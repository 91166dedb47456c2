//! `futurelens desugar`: the state machine of each future as hand-written Rust: an enum of its
//! states and an `impl Future` whose `poll` matches on it.
//!
//! In: a file (or `-`), `--fn` or `--all`. Out: one Rust file on standard output (or `-o`);
//! exit 1 on bad input.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::desugar;
use futurelens_analyzer::render;

use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct DesugarArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP, conflicts_with = "all")]
    pub function: Option<String>,

    /// Every future of the file (the default without `--fn`): an awaited fn of the file is then
    /// held as its hand-written future rather than boxed.
    #[arg(long)]
    pub all: bool,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub sizes: SizeArgs,
}

pub fn run(args: &DesugarArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "desugar")?;
    let (source, analysis) = sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let indices: Vec<usize> = analysis
        .futures
        .iter()
        .enumerate()
        .filter(|(_, f)| selected.iter().any(|s| std::ptr::eq(*s, *f)))
        .map(|(i, _)| i)
        .collect();
    let all = args.function.is_none();
    let plans = desugar::plan(&analysis.futures, &indices, &source.text, all);
    let text = render::desugar::render(&analysis, &plans);
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
