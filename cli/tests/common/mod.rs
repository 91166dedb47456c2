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

/// Standard error shows no panic and no backtrace.
pub fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not().and(predicate::str::contains("stack backtrace").not())
}
