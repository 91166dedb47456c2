//! `futurelens explain`: the lesson on each future: the source with its awaits marked, how long
//! each saved value lives, what each state keeps and why, `Send`, and hints with their fixes.
//!
//! In: a file (or `-`), `--fn`, `--threshold`, `--format`. Out: text (coloured on a terminal) or
//! the `futurelens-explain/1` JSON document; exit 1 on bad input.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::explain;
use futurelens_analyzer::render;

use crate::args::Format;
use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// A saved value of at least BYTES bytes gets a "large value" hint (the default is clippy's
    /// `large_futures` threshold).
    #[arg(long, value_name = "BYTES", default_value_t = render::text::DEFAULT_THRESHOLD)]
    pub threshold: u64,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = crate::args::TextTheme::Terminal, help = crate::args::TEXT_THEME_HELP)]
    pub theme: crate::args::TextTheme,

    #[command(flatten)]
    pub sizes: SizeArgs,
}

pub fn run(args: &ExplainArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "explain")?;
    let (source, analysis) = sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let explained: Vec<_> = selected
        .into_iter()
        .map(|f| (f, explain::explain(f, &source.text, analysis.options.edition, args.threshold)))
        .collect();
    let text = match args.format {
        Format::Text => {
            let width = output::output_width(args.output.as_deref());
            let theme = args.theme.theme(args.output.as_deref());
            render::explain::render_text(&analysis, &explained, &source.text, &theme, width)
        }
        Format::Json => render::explain::render_json(&analysis, &explained),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
