//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod accuracy;

use std::path::{Path, PathBuf};
use std::process::Command;

use futurelens_analyzer::rustc::{RustcFuture, parse_print_type_sizes, print_type_sizes_command};
use futurelens_analyzer::{Analysis, Edition, EditionSource, Options};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// The sample programs, sorted by name.
pub fn sample_programs() -> Vec<PathBuf> {
    let dir = workspace_root().join("sample-programs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample-programs/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// Whether the external `tool` runs (`tool probe...` exits successfully). A test that needs a
/// tool that is missing is skipped, with a note on standard error; on CI (`CI=true`) it fails
/// instead, so that CI never passes by skipping what it was meant to check. `install` says how
/// to get the tool.
pub fn tool_available(tool: &str, probe: &[&str], install: &str) -> bool {
    let runs = Command::new(tool).args(probe).output().is_ok_and(|o| o.status.success());
    runs || skip_missing_tool(tool, install, std::env::var("CI").ok().as_deref())
}

/// What a test does when `tool` is missing, given the value of `CI`: fails under `CI=true`,
/// else says it skips and returns `false`.
pub fn skip_missing_tool(tool: &str, install: &str, ci: Option<&str>) -> bool {
    if ci == Some("true") {
        panic!("`{tool}` is missing, and CI=true: CI must run every test ({install})");
    }
    eprintln!("note: `{tool}` is missing; skipping the checks that need it ({install})");
    false
}

/// The first line of a sample program that does not compile, by design (its reason may follow
/// after a colon).
pub const DOES_NOT_COMPILE: &str = "//! Does not compile";

/// Whether a source's header, its first line, says that it does not compile.
pub fn marked_does_not_compile(src: &str) -> bool {
    // The first line after the `//@` directives (`//@ edition: 2024`).
    let first = src.lines().find(|l| !l.starts_with("//@")).unwrap_or("").trim_end();
    first == DOES_NOT_COMPILE || first.strip_prefix(DOES_NOT_COMPILE).is_some_and(|rest| rest.starts_with(':'))
}

/// Sample programs whose header says they do not compile, by design.
pub fn expected_to_fail(path: &Path) -> bool {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    marked_does_not_compile(&src)
}

/// Whether a test comparing with rustc skips this sample program: only one marked as not
/// compiling, and only after checking that rustc does reject it.
pub fn skip_as_not_compiling(path: &Path) -> bool {
    if !expected_to_fail(path) {
        return false;
    }
    if let Ok(layouts) = rustc_layouts(path) {
        panic!(
            "{} says it does not compile, but rustc compiles it ({} futures): remove the header",
            path.display(),
            layouts.len()
        );
    }
    true
}

/// The path as shown in output: relative to the workspace root.
pub fn display_name(path: &Path) -> String {
    path.strip_prefix(workspace_root()).unwrap_or(path).display().to_string()
}

/// The edition a test program is compiled and analysed in: its `//@ edition` line, else 2021
/// (the edition the older program sets were written for).
pub fn edition_of(src: &str) -> Edition {
    Edition::declared_in(src).unwrap_or(Edition::E2021)
}

/// The analysis options for a test program: its name as shown, and its edition.
pub fn options_for(path: &Path, src: &str) -> Options {
    Options {
        file_name: display_name(path),
        edition: edition_of(src),
        edition_source: EditionSource::Directive,
        ..Options::default()
    }
}

pub fn analyze_path(path: &Path) -> Analysis {
    let src = std::fs::read_to_string(path).expect("read sample");
    futurelens_analyzer::analyze(&src, &options_for(path, &src))
}

/// Compiles a file with `-Zprint-type-sizes` and returns the futures rustc lays out.
pub fn rustc_layouts(path: &Path) -> Result<Vec<RustcFuture>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    rustc_layouts_in(path, edition_of(&src))
}

/// [`rustc_layouts`] in a given edition.
pub fn rustc_layouts_in(path: &Path, edition: Edition) -> Result<Vec<RustcFuture>, String> {
    let out_dir = tempdir();
    let input = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let output = print_type_sizes_command(Path::new("rustc"), &input, &out_dir, edition)
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let _ = std::fs::remove_dir_all(&out_dir);
    if !output.status.success() {
        return Err(format!("rustc failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(parse_print_type_sizes(&String::from_utf8_lossy(&output.stdout)))
}

/// A fresh directory under the system temp dir, for one test's files.
pub fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "futurelens-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
