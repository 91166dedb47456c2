//! Running the installed rustc for its own layouts (`--rustc`).
//!
//! In: a source file (or text read from standard input) and the edition. Out: the futures
//! `rustc -Zprint-type-sizes` lays out, or the compiler's first error when the file does not
//! compile. rustc runs in a temporary directory; what it writes there is discarded.
//! `RUSTC_BOOTSTRAP=1` lets the stable compiler accept the `-Z` flag. The `RUSTC`
//! environment variable, as cargo's, names another compiler.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use futurelens_analyzer::Edition;
use futurelens_analyzer::rustc::{self, RustcFuture, parse_print_type_sizes};

/// What rustc made of the file.
pub enum Outcome {
    Layouts(Vec<RustcFuture>),
    /// The file does not compile: rustc's first error, shortened.
    CompileError(String),
}

/// The compiler to run: `$RUSTC`, else `rustc` from PATH.
fn compiler() -> PathBuf {
    std::env::var_os("RUSTC").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("rustc"))
}

/// Compiles `path` (or `text`, when the source came from standard input) as a library.
pub fn layouts(path: &Path, text: &str, from_stdin: bool, edition: Edition) -> Result<Outcome> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory for rustc")?;
    let input = if from_stdin {
        let file = dir.path().join("stdin.rs");
        std::fs::write(&file, text).context("cannot write the source for rustc")?;
        file
    } else {
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
    };
    let rustc = compiler();
    let output = rustc::print_type_sizes_command(&rustc, &input, dir.path(), edition).output();
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "`{}` was not found: `--rustc` needs an installed Rust toolchain (https://rustup.rs), \
             or the RUSTC environment variable naming a compiler",
            rustc.display()
        ),
        Err(e) => bail!("cannot run `{}`: {e}", rustc.display()),
    };
    if !output.status.success() {
        return Ok(Outcome::CompileError(first_error(&String::from_utf8_lossy(&output.stderr))));
    }
    Ok(Outcome::Layouts(parse_print_type_sizes(&String::from_utf8_lossy(&output.stdout))))
}

/// The first `error` message of rustc's output, with its location and at most a few lines of
/// the snippet.
fn first_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let Some(start) = lines.iter().position(|l| l.starts_with("error")) else {
        return stderr.lines().take(6).collect::<Vec<_>>().join("\n");
    };
    let mut out: Vec<&str> = Vec::new();
    for (i, line) in lines[start..].iter().enumerate() {
        if i > 0 && (line.trim().is_empty() || line.starts_with("error") || line.starts_with("warning")) {
            break;
        }
        out.push(line);
        if out.len() == 8 {
            out.push("...");
            break;
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::first_error;

    #[test]
    fn keeps_only_the_first_error() {
        let stderr = "warning: unused\n\nerror[E0425]: cannot find value `x`\n --> a.rs:1:1\n  |\n1 | x\n  | ^\n\nerror: aborting due to 1 previous error\n";
        let e = first_error(stderr);
        assert!(e.starts_with("error[E0425]: cannot find value `x`"));
        assert!(e.contains("a.rs:1:1") && !e.contains("aborting"));
    }
}
