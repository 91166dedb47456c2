//! `futurelens analyze`: the states of every future, what each keeps and why, and its size
//! (estimated, or rustc's with `--rustc`).

use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::render;

use crate::args::{AnalyzeArgs, Format};
use crate::output;

pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    if args.input.is_dir() {
        crate::sizes::one_file_for_rustc(&args.sizes)?;
        return super::analyze_dir::run(args, &args.input);
    }
    let (_, analysis) = crate::sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let text = match args.format {
        Format::Text => {
            let width = output::output_width(args.output.as_deref());
            let theme = args.theme.theme(args.output.as_deref());
            render::text::render_with(&analysis, &selected, &theme, args.explain_from, width)
        }
        Format::Json => render::json::render(&analysis, &selected),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
