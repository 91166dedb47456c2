//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Shows the state machine rustc builds out of every async fn, async block and async closure.
#[derive(Debug, Parser)]
#[command(name = "futurelens", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists the states of every future, what each state keeps, and why.
    Analyze(AnalyzeArgs),
    /// Draws the transition graph: coloured text, Graphviz DOT, SVG (no Graphviz needed) or Mermaid.
    Graph(crate::cmd::graph::GraphArgs),
    /// Draws the byte map of every state: where each field sits, padding, overlap, the total.
    Layout(crate::cmd::layout::LayoutArgs),
    /// Compares two layouts of a future state by state, or one with itself as if some awaits were boxed.
    Compare(crate::cmd::compare::CompareArgs),
    /// Lists the biggest futures of a file or a directory, with what makes each one big.
    Top(crate::cmd::top::TopArgs),
}

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The Rust source file to read, a directory (every `.rs` file under it), or `-` for
    /// standard input.
    pub input: PathBuf,

    /// Show only this future (`name`, `module::name`, `Type::method`, `async block@L:C`).
    #[arg(long = "fn", value_name = "NAME")]
    pub function: Option<String>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Say what makes each future of at least this many bytes big (text output).
    #[arg(long, value_name = "BYTES", default_value_t = futurelens_analyzer::render::text::DEFAULT_THRESHOLD)]
    pub threshold: u64,

    #[command(flatten)]
    pub sizes: crate::sizes::SizeArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
