//! The `futurelens` and `cargo futurelens` commands: read files (or a whole package through
//! cargo), run the analyzer, print what it found. The binaries are thin: each calls [`main`]
//! or [`cargo_main`].
//!
//! This crate is the only place with I/O, colour detection and exit codes: 0 when all went
//! well, 1 when the input has errors (a missing file, a syntax error, no async code), 2 for
//! usage errors (clap's). A closed pipe on standard output ends the program quietly.

mod args;
mod cmd;
mod edition;
mod input;
mod krate;
mod output;
mod rustc_runner;
mod sizes;
mod walk;

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use args::{Cli, Command};

/// `futurelens`.
pub fn main() -> ExitCode {
    if let Some(code) = krate::wrapper::run_if_asked() {
        return code;
    }
    let cli = Cli::parse();
    cli.color.write_global();
    finish(run(&cli))
}

/// `cargo futurelens` (cargo runs `cargo-futurelens futurelens ARGS`).
pub fn cargo_main() -> ExitCode {
    if let Some(code) = krate::wrapper::run_if_asked() {
        return code;
    }
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "futurelens") {
        args.remove(1);
    }
    let cli = krate::CargoCli::parse_from(args);
    cli.color.write_global();
    finish(krate::run(&cli.args))
}

fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
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
        Command::Crate(args) => krate::run(args),
    }
}
