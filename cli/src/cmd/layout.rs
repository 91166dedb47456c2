//! `futurelens layout`: the byte map of every state of each future, to scale, with the
//! total size and what dominates it: as text, or as an SVG picture (one row per state,
//! bytes to scale; no Graphviz needed), one file per future with `--split` or `-o DIR/`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use futurelens_analyzer::render;
use futurelens_analyzer::render::graph_view::GraphTheme;

use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct LayoutArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// The output format: the text byte map, or an SVG picture.
    #[arg(long, value_enum, default_value_t = LayoutFormat::Text)]
    pub format: LayoutFormat,

    /// Write the output to this file instead of standard output (`DIR/`: one file per future).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write one file per future into the directory `-o` names.
    #[arg(long)]
    pub split: bool,

    /// The colours: `terminal` or `slides` for text (slides: strong colours, nothing dimmed);
    /// `light`, `dark` or `mono` for SVG (mono: black on white). Default: terminal, or light.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<LayoutTheme>,

    #[command(flatten)]
    pub sizes: SizeArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutFormat {
    Text,
    Svg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutTheme {
    Terminal,
    Slides,
    Light,
    Dark,
    Mono,
}

pub fn run(args: &LayoutArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "layout")?;
    let text_theme = match (args.format, args.theme) {
        (LayoutFormat::Text, None | Some(LayoutTheme::Terminal)) => Some(crate::args::TextTheme::Terminal),
        (LayoutFormat::Text, Some(LayoutTheme::Slides)) => Some(crate::args::TextTheme::Slides),
        (LayoutFormat::Svg, None | Some(LayoutTheme::Light | LayoutTheme::Dark | LayoutTheme::Mono)) => None,
        (format, Some(theme)) => super::usage_error(&format!(
            "`--theme {}` does not go with `--format {}`: text takes `terminal` or `slides`, SVG takes \
             `light`, `dark` or `mono`",
            theme.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default(),
            format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default(),
        )),
    };
    let split = super::split::target(args.split, args.output.as_deref())?;
    let (_, analysis) = sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let picture_theme = match args.theme {
        Some(LayoutTheme::Dark) => GraphTheme::Dark,
        Some(LayoutTheme::Mono) => GraphTheme::Mono,
        _ => GraphTheme::Light,
    };
    let one = |futures: &[&futurelens_analyzer::FutureAnalysis], path: Option<&std::path::Path>| match text_theme {
        Some(theme) => render::layout::render(&analysis, futures, &theme.theme(path)),
        None => render::layout_svg::render(&analysis, futures, picture_theme),
    };
    match split {
        Some(dir) => {
            let files: Vec<(String, String)> =
                selected.iter().map(|f| (f.display_name().to_string(), one(&[*f], Some(&dir)))).collect();
            let extension = if text_theme.is_some() { "txt" } else { "svg" };
            let files: Vec<(String, String)> =
                files.into_iter().map(|(n, t)| (n, anstream::adapter::strip_str(&t).to_string())).collect();
            super::split::write_all(&dir, &files, extension)?;
        }
        None => output::emit(&one(&selected, args.output.as_deref()), args.output.as_deref())?,
    }
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
