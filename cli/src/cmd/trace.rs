//! `futurelens trace`: a simulated run of one future, poll by poll: the path each poll takes,
//! the forks, the values written, moved and dropped, and the state after it.
//!
//! In: a file (or `-`), `--fn`, `--polls PPRPR`, `--branch LINE=N`, `--format`. Out: text or the
//! `futurelens-trace/1` JSON document, one per selected future; exit 1 on bad input.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::render;
use futurelens_analyzer::trace::{self, Outcome, Script};

use crate::args::Format;
use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// For each await reached, in order, whether the awaited future returns Pending (P) or
    /// Ready (R). Without it, every await is Pending once, then Ready.
    #[arg(long, value_name = "PR...", value_parser = parse_polls)]
    pub polls: Option<Polls>,

    /// At the fork on line LINE, take way N (from 1) every time. Without it, the first visit of
    /// a fork takes its first way and each later visit the next (a loop runs once). Repeatable.
    #[arg(long, value_name = "LINE=N", value_parser = Script::parse_branch)]
    pub branch: Vec<(u32, usize)>,

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

/// The outcomes of `--polls`, as one value.
#[derive(Clone, Debug)]
pub struct Polls(pub Vec<Outcome>);

fn parse_polls(text: &str) -> Result<Polls, String> {
    Script::parse_polls(text).map(Polls)
}

pub fn run(args: &TraceArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "trace")?;
    let (_, analysis) = sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let script = Script { polls: args.polls.clone().map(|p| p.0), branches: args.branch.iter().copied().collect() };
    let theme = args.theme.theme(args.output.as_deref());
    let mut text = String::new();
    for (i, future) in selected.iter().enumerate() {
        let traced = trace::trace(future, &script);
        match args.format {
            Format::Text => {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&render::trace::render_text(future, &traced, &script, &theme));
            }
            Format::Json => text.push_str(&render::trace::render_json(future, &traced, &script)),
        }
    }
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
