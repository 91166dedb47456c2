//! A panic inside layout-rs is caught by the SVG renderer and prints nothing: no "panicked at"
//! reaches standard error, while a panic anywhere else still does. Checked in a child process
//! (this test binary run again on one test), where standard error is the real one.

use futurelens_analyzer::render::svg;

/// A DOT text that makes layout-rs 0.1.3 panic: a record with an empty label.
const PANICS_LAYOUT_RS: &str = "digraph { a [shape=record, label=\"\"]; }";

const CHILD: &str = "FUTURELENS_SVG_PANIC_CHILD";

/// Run in the child only: lays out the DOT that panics, then panics outside layout-rs.
#[test]
fn child_lays_out_a_graph_that_panics() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    assert!(svg::layout(PANICS_LAYOUT_RS, 1).is_none(), "layout-rs fails on this input");
    assert!(svg::layout("digraph { a -> b; }", 2).is_some(), "and works on the next one");
    let elsewhere = std::panic::catch_unwind(|| panic!("a panic outside layout-rs"));
    assert!(elsewhere.is_err());
}

#[test]
fn layout_rs_panics_print_nothing() {
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child_lays_out_a_graph_that_panics", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run the child");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the child failed:\n{stderr}");
    assert_eq!(stderr.matches("panicked at").count(), 1, "only the panic outside layout-rs prints:\n{stderr}");
    assert!(stderr.contains("a panic outside layout-rs"), "{stderr}");
}
