//! The `futurelens` command: reads a file, runs the analyzer, prints what it found.
//!
//! This crate is the only place with I/O, colour detection and exit codes: 0 when all went
//! well, 1 when the input has errors (a missing file, a syntax error, no async code), 2 for
//! usage errors (clap's). A closed pipe on standard output ends the program quietly.

mod args;
mod input;
mod output;

use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Parser;
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Analysis, FutureAnalysis, Options, Severity};

use args::{AnalyzeArgs, Cli, ColorChoice, Command, Format};

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
            report_error(&format!("{err:#}"));
            ExitCode::from(1)
        }
    }
}

fn report_error(message: &str) {
    use std::io::Write;
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Red.into()));
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}error{style:#}: {message}");
}

fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Analyze(args) => analyze(args),
    }
}

fn analyze(args: &AnalyzeArgs) -> Result<ExitCode> {
    let source = input::read(&args.input)?;
    let options = Options { file_name: source.name.clone(), ..Options::default() };
    let analysis = futurelens_analyzer::analyze(&source.text, &options);
    print_diagnostics(&analysis, &source.text);
    if analysis.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let selected = select(&analysis, args.function.as_deref())?;
    let text = match args.format {
        Format::Text => render::text::render(&analysis, &selected, &Theme::ansi()),
        Format::Json => render::json::render(&analysis, &selected),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(if analysis.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn select<'a>(analysis: &'a Analysis, name: Option<&str>) -> Result<Vec<&'a FutureAnalysis>> {
    let Some(name) = name else { return Ok(analysis.futures.iter().collect()) };
    let found = analysis.select(name);
    if found.is_empty() {
        let names: Vec<&str> = analysis.futures.iter().map(|f| f.name.as_str()).collect();
        bail!("no future named `{name}` in `{}`\n  the futures in this file are: {}", analysis.file, names.join(", "));
    }
    Ok(found)
}

fn print_diagnostics(analysis: &Analysis, src: &str) {
    use std::io::Write;
    let mut err = anstream::stderr().lock();
    let all = analysis.diagnostics.iter().chain(analysis.futures.iter().flat_map(|f| f.diagnostics.iter()));
    for d in all.filter(|d| d.severity != Severity::Note) {
        let _ = writeln!(err, "{}\n", render::diagnostic::render(d, src, &analysis.file, true));
    }
}
