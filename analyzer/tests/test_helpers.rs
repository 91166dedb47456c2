//! The shared test helpers keep their promises: a missing external tool skips a test only off
//! CI.

mod common;

#[test]
fn a_missing_tool_skips_off_ci() {
    assert!(!common::skip_missing_tool("no-such-tool", "install it", None));
    assert!(!common::skip_missing_tool("no-such-tool", "install it", Some("false")));
}

#[test]
#[should_panic(expected = "`no-such-tool` is missing, and CI=true")]
fn a_missing_tool_fails_on_ci() {
    common::skip_missing_tool("no-such-tool", "install it", Some("true"));
}

#[test]
fn a_present_tool_is_used() {
    // `rustc` runs every cross-check, so it is present wherever these tests run.
    assert!(common::tool_available("rustc", &["--version"], "https://rustup.rs"));
}
