//! `futurelens graph` end to end: every format to a file, SVG with no Graphviz on PATH, colour
//! only when asked for, and clear errors for unwritable paths.

mod common;

use common::{futurelens, sample};
use predicates::prelude::*;

#[test]
fn every_format_writes_one_document_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (format, start) in
        [("text", "retry_loop"), ("dot", "digraph"), ("svg", "<?xml"), ("mermaid", "stateDiagram-v2")]
    {
        let out = dir.path().join(format!("loops.{format}"));
        futurelens()
            .args(["graph", "--format", format, "-o"])
            .arg(&out)
            .arg(sample("03_loops.rs"))
            .assert()
            .success()
            .stdout("");
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.contains(start), "{format}: {text}");
        assert!(!text.contains('\u{1b}'), "{format}: escape codes in a file");
        match format {
            "dot" => assert_eq!(text.matches("digraph").count(), 1),
            "svg" => assert_eq!(text.matches("<svg").count(), 1),
            "mermaid" => assert_eq!(text.matches("stateDiagram-v2").count(), 1),
            _ => {}
        }
    }
}

#[test]
fn svg_needs_no_graphviz() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty_path = dir.path().join("bin");
    std::fs::create_dir(&empty_path).expect("dir");
    for engine in ["builtin", "graphviz"] {
        let out = dir.path().join(format!("{engine}.svg"));
        let assert = futurelens()
            .env("PATH", &empty_path)
            .args(["graph", "--fn", "load_port", "--format", "svg", "--engine", engine, "-o"])
            .arg(&out)
            .arg(sample("04_question_mark.rs"))
            .assert()
            .success();
        if engine == "graphviz" {
            assert.stderr(predicate::str::contains("`dot` is not on PATH"));
        }
        let svg = std::fs::read_to_string(&out).expect("written");
        assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
        for state in ["Unresumed", "Suspend0", "Suspend1", "Returned"] {
            assert!(svg.contains(state), "{engine}: no {state}");
        }
    }
}

#[test]
fn colour_only_when_asked() {
    let plain = futurelens().args(["graph", "--fn", "retry_loop"]).arg(sample("03_loops.rs")).assert().success();
    assert!(!String::from_utf8_lossy(&plain.get_output().stdout).contains('\u{1b}'), "piped output is plain");
    let coloured = futurelens()
        .args(["graph", "--fn", "retry_loop", "--color", "always"])
        .arg(sample("03_loops.rs"))
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&coloured.get_output().stdout).contains('\u{1b}'));
}

#[test]
fn unwritable_output_is_a_clear_error() {
    futurelens()
        .args(["graph", "--format", "svg", "-o", "/nonexistent-futurelens-dir/out.svg"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write `/nonexistent-futurelens-dir/out.svg`"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn rankdir_and_theme_options() {
    futurelens()
        .args(["graph", "--format", "dot", "--rankdir", "LR", "--theme", "dark", "--show-panic", "--compact"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("rankdir=LR").and(predicate::str::contains("Panicked")));
}
