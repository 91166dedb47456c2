//! The `futurelens` command: reads a file, runs the analyzer, prints what it found.
//!
//! This crate is the only place with I/O, colour detection and exit codes: 0 when all went
//! well, 1 when the input has errors (a missing file, a syntax error, no async code), 2 for
//! usage errors (clap's). A closed pipe on standard output ends the program quietly.

mod args;
mod cmd;
mod edition;
mod input;
mod output;
mod rustc_runner;
mod sizes;
mod walk;

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use args::{Cli, ColorChoice, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
        ColorChoice::Auto => {}
    }
    match run(&cli) {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cmd::report(&format!("{err:#}"));
            ExitCode::from(1)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Graph(args) => cmd::graph::run(args),
        Command::Layout(args) => cmd::layout::run(args),
        Command::Page(args) => cmd::page::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Top(args) => cmd::top::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Trace(args) => cmd::trace::run(args),
        Command::Desugar(args) => cmd::desugar::run(args),
    }
}
