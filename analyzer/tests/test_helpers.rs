//! The shared test helpers keep their promises: a missing external tool skips a test only off
//! CI, and the "does not compile" marker is read from the header alone.

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

#[test]
fn only_the_header_marks_a_file_that_does_not_compile() {
    assert!(common::marked_does_not_compile("//! Does not compile\nasync fn f() {}\n"));
    assert!(common::marked_does_not_compile("//! Does not compile: E0733, on purpose.\n"));
    assert!(!common::marked_does_not_compile("//! A lesson.\n//! Does not compile: not the header\n"));
    assert!(!common::marked_does_not_compile("// x: \"//! Does not compile\"\n"));
    assert!(!common::marked_does_not_compile("//! Does not compiler\n"));
    assert!(!common::marked_does_not_compile("//! Does not compile, maybe\n"));
    assert!(!common::marked_does_not_compile(""));
}

/// Every sample program marked as not compiling really does not: rustc rejects it.
#[test]
fn marked_samples_really_do_not_compile() {
    let marked: Vec<_> = common::sample_programs().into_iter().filter(|p| common::expected_to_fail(p)).collect();
    assert!(!marked.is_empty(), "19_recursion.rs is marked");
    for path in marked {
        assert!(common::skip_as_not_compiling(&path));
    }
}
