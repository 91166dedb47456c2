//! `futurelens analyze`: the states of every future, what each keeps and why, and its size
//! (estimated, or rustc's with `--rustc`).
//!
//! A file is printed as it is analysed: each future is rendered and written out as soon as the
//! analyzer hands it over (`analyze_each`), then dropped, so memory does not grow with the
//! file. `--fn` (which picks among all the futures) and `--rustc` (which attaches rustc's
//! layouts to all of them) take the whole analysis first.

use std::process::ExitCode;

use anyhow::Result;
use futurelens_analyzer::{Diagnostic, Severity, render};

use crate::args::{AnalyzeArgs, Format};
use crate::output;

pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    if args.input.is_dir() {
        crate::sizes::one_file_for_rustc(&args.sizes)?;
        return super::analyze_dir::run(args, &args.input);
    }
    if args.function.is_none() && !args.sizes.rustc {
        return streamed(args);
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

/// Every future of the file, each written out as soon as it is analysed: the same output as
/// rendering the whole analysis, and nothing at all (no file) when there is no future.
fn streamed(args: &AnalyzeArgs) -> Result<ExitCode> {
    let source = crate::input::read(&args.input)?;
    let options = crate::sizes::options(&args.sizes, &args.input, &source)?;
    let width = output::output_width(args.output.as_deref());
    let theme = args.theme.theme(args.output.as_deref());
    let mut out = output::Streaming::new(args.output.as_deref());
    // What the futures say on standard error (as `print_diagnostics` would), kept for the end.
    let mut said: Vec<Diagnostic> = Vec::new();
    let mut futures = 0usize;
    let mut failed: Option<anyhow::Error> = None;
    let mut buffer = String::new();
    let mut bytes = Vec::new();
    let analysis = super::analyze_each_on_large_stack(&source.text, &options, |streamed, future| {
        said.extend(future.diagnostics.iter().filter(|d| d.severity != Severity::Note).cloned());
        if failed.is_some() {
            return;
        }
        let first = futures == 0;
        futures += 1;
        let written = match args.format {
            Format::Text => {
                buffer.clear();
                if first {
                    render::text::header(&mut buffer, streamed.analysis, &theme);
                }
                render::text::future(&mut buffer, streamed.analysis, &future, &theme, args.explain_from, width);
                out.write(buffer.as_bytes())
            }
            Format::Json => {
                bytes.clear();
                let rendered = (|| {
                    if first {
                        render::json::begin(&mut bytes, streamed.analysis)?;
                    }
                    render::json::future(&mut bytes, &future, first)
                })();
                rendered.map_err(anyhow::Error::from).and_then(|()| out.write(&bytes))
            }
        };
        if let Err(e) = written {
            failed = Some(e);
        }
    })?;
    let errors = analysis.diagnostics.iter().chain(&said).any(|d| d.severity == Severity::Error);
    let diagnostics =
        super::format_these_diagnostics(analysis.diagnostics.iter().chain(&said), &analysis.file, &source.text, |_| {
            true
        });
    if !diagnostics.is_empty() {
        crate::output::to_stderr(&diagnostics);
    }
    if let Some(e) = failed {
        return Err(e);
    }
    if futures == 0 {
        return Ok(ExitCode::from(1));
    }
    if matches!(args.format, Format::Json) {
        bytes.clear();
        render::json::end(&mut bytes, &analysis, true)?;
        bytes.push(b'\n');
        out.write(&bytes)?;
    }
    out.finish()?;
    Ok(if errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
