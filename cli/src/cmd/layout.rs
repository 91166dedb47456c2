//! `futurelens layout`: the byte map of every state of each future, to scale, with the
//! total size and what dominates it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::render;

use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct LayoutArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = crate::args::TextTheme::Terminal, help = crate::args::TEXT_THEME_HELP)]
    pub theme: crate::args::TextTheme,

    #[command(flatten)]
    pub sizes: SizeArgs,
}

pub fn run(args: &LayoutArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "layout")?;
    let (_, analysis) = sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let theme = args.theme.theme(args.output.as_deref());
    let text = render::layout::render(&analysis, &selected, &theme);
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
