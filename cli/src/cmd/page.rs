//! `futurelens page`: one self-contained HTML file to click through: the source, and for
//! each future its state graph and byte layout, linked (no external URL; works offline).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::render;

use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct PageArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// Write the page to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub sizes: SizeArgs,
}

pub fn run(args: &PageArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "page")?;
    let (source, analysis) = sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let page = render::page::render(&analysis, &source.text, &selected);
    match &args.output {
        Some(path) => output::write_atomically(path, page.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(page.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
