//! Helpers shared by the CLI tests about bad input.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

/// The binary, with a backtrace requested (these machines set RUST_BACKTRACE=1; user-facing
/// errors must still print none) and colour off.
pub fn futurelens() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("futurelens");
    cmd.env("RUST_BACKTRACE", "1").env("NO_COLOR", "1");
    cmd
}

/// Standard error shows no panic and no backtrace.
pub fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not().and(predicate::str::contains("stack backtrace").not())
}
