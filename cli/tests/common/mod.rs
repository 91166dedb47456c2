//! Helpers shared by the CLI tests.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

/// The binary, as a user's shell would run it, but with nothing from the test's environment
/// that changes its output: no colour variables (output is piped, so it is plain unless asked),
/// no `RUSTC` override, no `COLUMNS`; a backtrace requested (these machines set
/// RUST_BACKTRACE=1, and user-facing errors must still print none).
pub fn futurelens() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("futurelens");
    cmd.env("RUST_BACKTRACE", "1")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUSTC")
        .env_remove("COLUMNS");
    cmd
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A sample program, by file name.
pub fn sample(name: &str) -> PathBuf {
    workspace_root().join("sample-programs").join(name)
}

/// A sample program's path as text, for arguments built around it (`FILE::FN`).
pub fn sample_arg(name: &str) -> String {
    sample(name).display().to_string()
}

/// Every sample program, sorted by name.
pub fn sample_programs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("sample-programs"))
        .expect("sample-programs")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// Runs a command that must succeed, with no panic on standard error, and returns its
/// standard output.
pub fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{cmd:?} panicked:\n{stderr}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Standard error shows no panic and no backtrace.
pub fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not().and(predicate::str::contains("stack backtrace").not())
}
