//! `futurelens analyze`: the states of every future, what each keeps and why.

use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::render::{self, Theme};

use crate::args::{AnalyzeArgs, Format};
use crate::output;

pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    if args.input.is_dir() {
        return super::analyze_dir::run(args, &args.input);
    }
    let (_, analysis) = super::load(&args.input)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let text = match args.format {
        Format::Text => render::text::render(&analysis, &selected, &Theme::ansi()),
        Format::Json => render::json::render(&analysis, &selected),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
