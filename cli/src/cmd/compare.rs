//! `futurelens compare`: two layouts of a future side by side, state by state and field by
//! field, with the delta.
//!
//! In: `A B` (each `FILE::FN`, or `FILE` when the file holds one future; `-` is standard
//! input, read once even when both name it), or `A` with
//! `--box-await LINE[:COL]` / `--box-over BYTES`, which compares the future with itself laid
//! out as if those awaits were `Box::pin(..).await` (the file is not edited). Out: text or JSON
//! (`futurelens-compare/1`), on standard output or written atomically with `-o`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use futurelens_analyzer::boxing::{self, AwaitAt, BoxPlan};
use futurelens_analyzer::render;
use futurelens_analyzer::{Analysis, FutureAnalysis, Options, comparison};

use crate::args::Format;
use crate::output;
use crate::sizes::{self, SizeArgs};

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The future as written: `FILE::FN`, or `FILE` when the file holds one future; `-` reads
    /// standard input (`-::FN`).
    #[arg(allow_hyphen_values = true, value_parser = future_arg)]
    pub before: String,

    /// The future to compare it with: `FILE::FN`, or `FILE` (then the future of the same name,
    /// or its only future). Leave it out with `--box-await` or `--box-over`. `-` reads standard
    /// input, once for both futures when both name it.
    #[arg(allow_hyphen_values = true, value_parser = future_arg)]
    pub after: Option<String>,

    /// Compare with the layout the future would have if the await at LINE (or at LINE:COL, the
    /// column of `await` as futurelens prints it) were `Box::pin(..).await`. Repeatable.
    #[arg(long, value_name = "LINE[:COL]", value_parser = AwaitAt::parse)]
    pub box_await: Vec<AwaitAt>,

    /// Compare with the layout the future would have if every awaitee bigger than BYTES (or
    /// infinitely big) were boxed; awaited futures are boxed first, so only what is still too
    /// big is boxed.
    #[arg(long, value_name = "BYTES")]
    pub box_over: Option<u64>,

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

/// `compare FILE::FN --edition A --edition B`: one future laid out under two editions' rules.
fn run_editions(args: &CompareArgs) -> Result<ExitCode> {
    let [first, second] = args.sizes.edition[..] else {
        bail!("`--edition` is given {} times: give it twice to compare two editions", args.sizes.edition.len())
    };
    if args.after.is_some() || args.box_over.is_some() || !args.box_await.is_empty() {
        bail!("`--edition A --edition B` compares one future under two editions: give one future and nothing else");
    }
    let (path, name) = target(&args.before);
    super::one_file(&path, "compare")?;
    if is_stdin(&path) {
        bail!("`--edition A --edition B` reads the file twice: give a file, not standard input");
    }
    let load = |edition| {
        let one = SizeArgs { edition: vec![edition], ..args.sizes.clone() };
        sizes::load(&path, &one)
    };
    let (_, a) = load(first)?;
    let (_, b) = load(second)?;
    if a.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let fa = pick(&a, &path, name.as_deref(), None)?;
    let fb = pick(&b, &path, Some(&fa.name), None)?;
    let label = |analysis: &Analysis| format!("{} (edition {})", analysis.file, analysis.options.edition);
    let comparison = comparison::compare((&label(&a), fa), (&label(&b), fb));
    let text = match args.format {
        Format::Text => render::compare::render_text(&comparison, &args.theme.theme(args.output.as_deref())),
        Format::Json => render::compare::render_json(&comparison),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// A future as given on the command line. A leading `-` is standard input (`-`, `-::FN`), not
/// an option: anything else that starts with `-` is an option clap does not know.
fn future_arg(text: &str) -> Result<String, String> {
    if text.starts_with('-') && text != "-" && !text.starts_with("-::") {
        return Err(format!("`{text}` is not an option of `compare`, nor a future (`FILE::FN`, `FILE` or `-::FN`)"));
    }
    Ok(text.to_string())
}

/// `FILE::FN` split into the file and the future's name; a path that exists is a file.
fn target(text: &str) -> (PathBuf, Option<String>) {
    if Path::new(text).exists() {
        return (PathBuf::from(text), None);
    }
    let split = text.find(".rs::").map(|i| (i + 3, i + 5)).or_else(|| text.find("::").map(|i| (i, i + 2)));
    match split {
        Some((end, start)) if start < text.len() => (PathBuf::from(&text[..end]), Some(text[start..].to_string())),
        _ => (PathBuf::from(text), None),
    }
}

/// The future `name` names in the analysis; without a name, the file's only future or the
/// one named `fallback`.
/// `file` is the file as the user named it (`-` for standard input).
fn pick<'a>(
    analysis: &'a Analysis,
    file: &Path,
    name: Option<&str>,
    fallback: Option<&str>,
) -> Result<&'a FutureAnalysis> {
    let names = || analysis.futures.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
    let found = match (name, fallback) {
        (Some(name), _) => analysis.select(name),
        (None, _) if analysis.futures.len() == 1 => analysis.futures.iter().collect(),
        (None, Some(fallback)) => analysis.select(fallback),
        (None, None) => Vec::new(),
    };
    match (found.as_slice(), name.or(fallback)) {
        ([one], _) => Ok(one),
        ([], Some(name)) => {
            bail!("no future named `{name}` in `{}`\n  the futures in this file are: {}", analysis.file, names())
        }
        ([], None) => bail!(
            "`{}` holds {} futures: name one as `{}::NAME`\n  the futures in this file are: {}",
            analysis.file,
            analysis.futures.len(),
            file.display(),
            names()
        ),
        (many, _) => {
            let list: Vec<String> = many.iter().map(|f| format!("`{}` (line {})", f.name, f.span.line)).collect();
            bail!("`{}` names {} futures in `{}`: {}", name.unwrap_or(""), many.len(), analysis.file, list.join(", "))
        }
    }
}

pub fn run(args: &CompareArgs) -> Result<ExitCode> {
    if args.sizes.edition.len() > 1 {
        return run_editions(args);
    }
    let plan = BoxPlan { awaits: args.box_await.clone(), over: args.box_over };
    let (path, name) = target(&args.before);
    super::one_file(&path, "compare")?;
    let (source, before) = sizes::load(&path, &args.sizes)?;
    if before.futures.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let a = pick(&before, &path, name.as_deref(), None)?;
    let comparison = match (&args.after, plan.is_empty()) {
        (Some(_), false) => {
            bail!("`--box-await` and `--box-over` compare one future with itself boxed: give one future, not two")
        }
        (None, true) => bail!("give a second future to compare with, or `--box-await LINE` or `--box-over BYTES`"),
        (Some(after), true) => {
            let (path_b, name_b) = target(after);
            super::one_file(&path_b, "compare")?;
            // Standard input can be read once: both futures then come from it.
            let loaded;
            let after = if is_stdin(&path) && is_stdin(&path_b) {
                &before
            } else {
                loaded = sizes::load(&path_b, &args.sizes)?.1;
                &loaded
            };
            if after.futures.is_empty() {
                return Ok(ExitCode::from(1));
            }
            let b = pick(after, &path_b, name_b.as_deref(), Some(&a.name))?;
            comparison::compare((&before.file, a), (&after.file, b))
        }
        (None, false) => {
            if args.sizes.rustc {
                bail!(
                    "`--rustc` measures the file as written; `--box-await` and `--box-over` are what-ifs rustc cannot measure"
                );
            }
            for at in &plan.awaits {
                if boxing::awaits_at(&before, *at).is_empty() {
                    bail!(
                        "no `.await` at line {at} of `{}`\n  the awaits of `{}` are at: {}",
                        before.file,
                        a.name,
                        boxing::await_places(a).join(", ")
                    );
                }
            }
            let options = Options { boxing: plan.clone(), ..sizes::options(&args.sizes, &path, &source)? };
            let after = super::analyze_on_large_stack(&source.text, &options)?;
            let b = pick(&after, &path, Some(&a.name), None)?;
            let comparison = comparison::what_if(&before, a, &after, b);
            if comparison.boxed.is_empty() {
                warn(&format!("nothing to box in `{}` and the futures it awaits: {}", a.name, nothing_boxed(&plan)));
            }
            comparison
        }
    };
    let text = match args.format {
        Format::Text => {
            let theme = args.theme.theme(args.output.as_deref());
            render::compare::render_text(&comparison, &theme)
        }
        Format::Json => render::compare::render_json(&comparison),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn nothing_boxed(plan: &BoxPlan) -> String {
    match plan.over {
        Some(n) => format!("no awaitee is bigger than {n} bytes"),
        None => "the awaits named are already boxed".to_string(),
    }
}

fn warn(message: &str) {
    use std::io::Write;
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}warning{style:#}: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_at_the_file() {
        assert_eq!(target("tree.rs::walk"), (PathBuf::from("tree.rs"), Some("walk".into())));
        assert_eq!(target("a/b.rs::Server::handle"), (PathBuf::from("a/b.rs"), Some("Server::handle".into())));
        assert_eq!(target("tree.rs"), (PathBuf::from("tree.rs"), None));
        assert_eq!(target("tree.rs::"), (PathBuf::from("tree.rs::"), None));
        assert_eq!(target("-::greet"), (PathBuf::from("-"), Some("greet".into())));
        assert_eq!(target("-"), (PathBuf::from("-"), None));
    }
}
