//! `futurelens graph`: the transition graph of each future, as coloured terminal text, Graphviz
//! DOT, SVG or Mermaid. Several futures make one document in every format. SVG comes from the
//! built-in layout unless `--engine graphviz` is given and `dot` is on PATH. `--split` (or
//! `-o DIR/`) writes one file per future instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use futurelens_analyzer::render::graph_view::{GraphOptions, GraphTheme, RankDir};
use futurelens_analyzer::render::{self, Theme};

use crate::output;

#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// The Rust source file to read (`-` for standard input).
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = crate::args::FN_HELP)]
    pub function: Option<String>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
    pub format: GraphFormat,

    /// Write the output to this file instead of standard output (`DIR/`: one file per future).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write one file per future into the directory `-o` names (a picture per slide).
    #[arg(long)]
    pub split: bool,

    /// The direction the graph grows in: top to bottom, or left to right.
    #[arg(long, value_enum, default_value_t = RankDirArg::TB)]
    pub rankdir: RankDirArg,

    /// The colours of the picture (mono: black on white, for print and washed-out projectors).
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,

    /// State names and branches only: no awaits, saved values or line numbers.
    #[arg(long)]
    pub compact: bool,

    /// Also draw `Panicked` and the unwinding edges into it (dashed).
    #[arg(long)]
    pub show_panic: bool,

    /// With `--format svg`: draw each future's byte layout under its graph.
    #[arg(long)]
    pub with_layout: bool,

    /// How to lay out SVG: the built-in layout, or Graphviz's `dot` (when it is on PATH).
    #[arg(long, value_enum, default_value_t = Engine::Builtin)]
    pub engine: Engine,

    #[command(flatten)]
    pub sizes: crate::sizes::SizeArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Text,
    Dot,
    Svg,
    Mermaid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[allow(clippy::upper_case_acronyms)]
pub enum RankDirArg {
    #[value(name = "TB", alias = "tb")]
    TB,
    #[value(name = "LR", alias = "lr")]
    LR,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
    Mono,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    Builtin,
    Graphviz,
}

pub fn run(args: &GraphArgs) -> Result<ExitCode> {
    super::one_file(&args.input, "graph")?;
    let split = super::split::target(args.split, args.output.as_deref())?;
    if args.with_layout && (args.format != GraphFormat::Svg || args.engine != Engine::Builtin) {
        super::usage_error(
            "`--with-layout` draws into the built-in SVG: use it with `--format svg` (and no `--engine graphviz`)",
        );
    }
    let (_, analysis) = crate::sizes::load(&args.input, &args.sizes)?;
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = super::select(&analysis, args.function.as_deref())?;
    let options = GraphOptions {
        rankdir: match args.rankdir {
            RankDirArg::TB => RankDir::TopBottom,
            RankDirArg::LR => RankDir::LeftRight,
        },
        theme: match args.theme {
            ThemeArg::Light => GraphTheme::Light,
            ThemeArg::Dark => GraphTheme::Dark,
            ThemeArg::Mono => GraphTheme::Mono,
        },
        compact: args.compact,
        show_panic: args.show_panic,
    };
    if let Some(dir) = split {
        let mut files = Vec::with_capacity(selected.len());
        for f in &selected {
            files.push((f.display_name().to_string(), draw(args, &analysis, &[*f], &options, true)?));
        }
        let extension = match args.format {
            GraphFormat::Text => "txt",
            GraphFormat::Dot => "dot",
            GraphFormat::Svg => "svg",
            GraphFormat::Mermaid => "mmd",
        };
        super::split::write_all(&dir, &files, extension)?;
    } else {
        let text = draw(args, &analysis, &selected, &options, args.output.is_some())?;
        output::emit(&text, args.output.as_deref())?;
    }
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The graph of `futures` in the format the arguments ask for; `to_file`: plain text.
fn draw(
    args: &GraphArgs,
    analysis: &futurelens_analyzer::Analysis,
    selected: &[&futurelens_analyzer::FutureAnalysis],
    options: &GraphOptions,
    to_file: bool,
) -> Result<String> {
    let (analysis, options) = (analysis, *options);
    let text = match args.format {
        GraphFormat::Text => {
            // A file gets plain text; the terminal gets colour unless anstream strips it.
            let theme = if to_file || options.theme == GraphTheme::Mono { Theme::plain() } else { Theme::ansi() };
            render::graph_text::render(analysis, selected, &options, &theme)
        }
        GraphFormat::Dot => render::dot::render(analysis, selected, &options),
        GraphFormat::Mermaid => render::mermaid::render(analysis, selected, &options),
        GraphFormat::Svg => match args.engine {
            Engine::Graphviz => match find_dot() {
                Some(dot) => graphviz_svg(&dot, &render::dot::render(analysis, selected, &options))?,
                None => {
                    warn("Graphviz's `dot` is not on PATH; using the built-in layout (install graphviz to use it)");
                    render::svg::render(analysis, selected, &options)
                }
            },
            Engine::Builtin if args.with_layout => render::svg::render_with_layout(analysis, selected, &options),
            Engine::Builtin => render::svg::render(analysis, selected, &options),
        },
    };
    Ok(text)
}

/// The `dot` program on PATH, if any.
fn find_dot() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let name = if cfg!(windows) { "dot.exe" } else { "dot" };
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Lays out DOT with Graphviz: `dot -Tsvg`, the DOT on its standard input.
fn graphviz_svg(dot: &Path, source: &str) -> Result<String> {
    let mut child = Command::new(dot)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run `{}`", dot.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(source.as_bytes()).context("cannot send the graph to `dot`")?;
    }
    let out = child.wait_with_output().context("`dot` did not finish")?;
    if !out.status.success() {
        bail!("`dot -Tsvg` failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    String::from_utf8(out.stdout).context("`dot -Tsvg` wrote something that is not UTF-8")
}

fn warn(message: &str) {
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}warning{style:#}: {message}");
}
