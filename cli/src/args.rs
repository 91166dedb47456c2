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

/// The help of `--fn`, the same in every command that has it.
pub const FN_HELP: &str = "Only this future, by rustc's name for it without generic arguments: `name`, \
    `module::name`, `Type::method`, `<T as Trait>::method`, `async block@L:C` or `async closure@L:C` \
    (line and column); the last path segment alone also works (`handle` finds `Server::handle`)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists the states of every future, what each state keeps, and why.
    #[command(after_help = EXAMPLES_ANALYZE)]
    Analyze(AnalyzeArgs),
    /// Draws the transition graph: coloured text, Graphviz DOT, SVG (no Graphviz needed) or Mermaid.
    #[command(after_help = EXAMPLES_GRAPH)]
    Graph(crate::cmd::graph::GraphArgs),
    /// Draws the byte map of every state: where each field sits, padding, overlap, the total.
    #[command(after_help = EXAMPLES_LAYOUT)]
    Layout(crate::cmd::layout::LayoutArgs),
    /// Writes one self-contained HTML page: the source, and each future's graph and byte
    /// layout, linked (click a state to see what it keeps); works offline.
    #[command(after_help = EXAMPLES_PAGE)]
    Page(crate::cmd::page::PageArgs),
    /// Compares two layouts of a future state by state, or one with itself as if some awaits were boxed.
    #[command(after_help = EXAMPLES_COMPARE)]
    Compare(crate::cmd::compare::CompareArgs),
    /// Lists the biggest futures of a file or a directory, with what makes each one big.
    #[command(after_help = EXAMPLES_TOP)]
    Top(crate::cmd::top::TopArgs),
    /// Teaches one future: its source with the awaits marked, how long each saved value lives,
    /// what each state keeps and why, whether it is Send, and hints with their fixes.
    #[command(after_help = EXAMPLES_EXPLAIN)]
    Explain(crate::cmd::explain::ExplainArgs),
    /// Simulates polls of one future: the path each poll takes, the values it writes, moves and
    /// drops, and the state it leaves the future in.
    #[command(after_help = EXAMPLES_TRACE)]
    Trace(crate::cmd::trace::TraceArgs),
    /// Writes each future's state machine as Rust: an enum of its states, with what each keeps
    /// and why, and an `impl Future` whose `poll` matches on it.
    #[command(after_help = EXAMPLES_DESUGAR)]
    Desugar(crate::cmd::desugar::DesugarArgs),
    /// Every future of a Cargo package, sized by rustc through cargo, with the reasons from its
    /// source; size budgets for CI (the same as `cargo futurelens`).
    #[command(after_help = crate::krate::EXAMPLES)]
    Crate(crate::krate::CrateArgs),
}

// Every example runs, from the repository's root, on its sample programs (a test runs them).
const EXAMPLES_ANALYZE: &str = "Examples:
  futurelens analyze sample-programs/01_two_awaits.rs
  futurelens analyze sample-programs/11_methods.rs --fn Connection::fill
  futurelens analyze sample-programs/13_nested_sizes.rs --explain-from 1024
  futurelens analyze sample-programs/16_awaitee_chain.rs --rustc --format json";

const EXAMPLES_GRAPH: &str = "Examples:
  futurelens graph sample-programs/03_loops.rs --fn retry_loop
  futurelens graph sample-programs/04_question_mark.rs --fn load_port --format svg -o load_port.svg
  futurelens graph sample-programs/02_branches.rs --format dot --rankdir LR --theme dark
  futurelens graph sample-programs/12_handler.rs --fn handle --format mermaid --compact";

const EXAMPLES_LAYOUT: &str = "Examples:
  futurelens layout sample-programs/01_two_awaits.rs --fn two_awaits
  futurelens layout sample-programs/14_large_arrays.rs --fn one_branch_or_other --rustc
  futurelens layout sample-programs/08_arguments_twice.rs --fn greet --target-pointer-width 32
  futurelens layout sample-programs/01_two_awaits.rs --fn two_awaits --format svg -o two_awaits.svg";

const EXAMPLES_PAGE: &str = "Examples:
  futurelens page sample-programs/01_two_awaits.rs -o two_awaits.html
  futurelens page sample-programs/12_handler.rs --fn handle -o handle.html";

const EXAMPLES_COMPARE: &str = "Examples:
  futurelens compare sample-programs/19_recursion.rs::walk sample-programs/20_recursion_boxed.rs
  futurelens compare sample-programs/21_large_awaitee.rs::handle --box-await 26
  futurelens compare sample-programs/21_large_awaitee.rs::serve --box-over 1024 --format json";

const EXAMPLES_EXPLAIN: &str = "Examples:
  futurelens explain sample-programs/06_borrows.rs --fn borrowed
  futurelens explain sample-programs/23_guard_across_await.rs
  futurelens explain sample-programs/14_large_arrays.rs --threshold 1024 --format json";

const EXAMPLES_TRACE: &str = "Examples:
  futurelens trace sample-programs/03_loops.rs --fn total_price
  futurelens trace sample-programs/03_loops.rs --fn total_price --polls PPRPR
  futurelens trace sample-programs/02_branches.rs --fn if_else --branch 25=2 --format json";

const EXAMPLES_DESUGAR: &str = "Examples:
  futurelens desugar sample-programs/25_borrow_inner_block.rs
  futurelens desugar sample-programs/01_two_awaits.rs --fn two_awaits
  futurelens desugar sample-programs/13_nested_sizes.rs --all -o desugared.rs";

const EXAMPLES_TOP: &str = "Examples:
  futurelens top sample-programs
  futurelens top sample-programs --min-size 1024 --limit 5
  futurelens top sample-programs/13_nested_sizes.rs --format json";

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The Rust source file to read, a directory (every `.rs` file under it), or `-` for
    /// standard input.
    pub input: PathBuf,

    #[arg(long = "fn", value_name = "NAME", help = FN_HELP)]
    pub function: Option<String>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = TextTheme::Terminal, help = TEXT_THEME_HELP)]
    pub theme: TextTheme,

    /// For each future of at least BYTES bytes, add a `why so big` line: the chain of fields,
    /// down through the futures it awaits, that makes it big (text output; the default is
    /// clippy's `large_futures` threshold).
    #[arg(
        long = "explain-from",
        alias = "threshold",
        value_name = "BYTES",
        default_value_t = futurelens_analyzer::render::text::DEFAULT_THRESHOLD
    )]
    pub explain_from: u64,

    #[command(flatten)]
    pub sizes: crate::sizes::SizeArgs,
}

/// The colours of text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TextTheme {
    /// For a terminal.
    Terminal,
    /// For a terminal on a projector: strong colours and nothing dimmed.
    Slides,
}

impl TextTheme {
    /// The theme to render with: none in a file (`-o`), which gets plain text.
    pub fn theme(self, output: Option<&std::path::Path>) -> futurelens_analyzer::render::Theme {
        use futurelens_analyzer::render::Theme;
        match (output, self) {
            (Some(_), _) => Theme::plain(),
            (None, TextTheme::Terminal) => Theme::ansi(),
            (None, TextTheme::Slides) => Theme::slides(),
        }
    }
}

/// The help of `--theme` for text output.
pub const TEXT_THEME_HELP: &str = "The colours of the text: for a terminal, or for slides (a terminal on a projector: \
    strong colours and nothing dimmed, since dim text washes out there)";

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

impl ColorChoice {
    /// Makes every styled stream follow the choice (`auto`: colour on terminals only).
    pub fn write_global(self) {
        match self {
            ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
            ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
            ColorChoice::Auto => {}
        }
    }
}
