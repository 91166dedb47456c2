//! `futurelens graph` end to end: every format to a file, SVG with no Graphviz on PATH, colour
//! only when asked for, clear errors for unwritable paths, and what `--theme` and `--compact`
//! change.

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
fn rankdir_and_show_panic() {
    futurelens()
        .args(["graph", "--fn", "two_awaits", "--format", "dot", "--rankdir", "LR", "--show-panic"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("rankdir=LR").and(predicate::str::contains("\"Panicked\"")));
}

fn graph(args: &[&str]) -> String {
    common::stdout_of(futurelens().args(["graph", "--fn", "two_awaits"]).args(args).arg(sample("01_two_awaits.rs")))
}

/// The `#rrggbb` colours of a picture (SVG arrowheads too: `end-rrggbb`), and the picture
/// with every colour blanked.
fn colours(picture: &str) -> (std::collections::BTreeSet<String>, String) {
    let picture = picture.replace("end-", "end-#");
    let mut found = std::collections::BTreeSet::new();
    let mut blanked = String::new();
    let mut rest = picture.as_str();
    while let Some(at) = rest.find('#') {
        let hex = rest[at + 1..].get(..6).filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
        blanked.push_str(&rest[..=at]);
        match hex {
            Some(hex) => {
                found.insert(hex.to_lowercase());
                blanked.push_str("rrggbb");
                rest = &rest[at + 7..];
            }
            None => rest = &rest[at + 1..],
        }
    }
    blanked.push_str(rest);
    // One arrowhead per edge colour: how many there are depends on the colours.
    let blanked: Vec<&str> = blanked.lines().filter(|l| !l.starts_with("<marker")).collect();
    (found, blanked.join("\n"))
}

/// `--theme` changes the colours of DOT and SVG pictures, and nothing else.
#[test]
fn theme_changes_the_colours_only() {
    for format in ["dot", "svg"] {
        let light = colours(&graph(&["--format", format, "--theme", "light"]));
        let dark = colours(&graph(&["--format", format, "--theme", "dark"]));
        let mono = colours(&graph(&["--format", format, "--theme", "mono"]));
        assert_eq!(light.1, dark.1, "{format}: light and dark differ beyond colours");
        assert_eq!(light.1, mono.1, "{format}: light and mono differ beyond colours");
        assert!(light.0.contains("ffffff") && dark.0.contains("1e1e1e"), "{format}: the backgrounds");
        assert!(!dark.0.contains("ffffff"), "{format}: no white in the dark theme: {:?}", dark.0);
        assert!(!light.0.contains("1e1e1e"), "{format}: the light theme has the dark background");
        let shared = light.0.intersection(&dark.0).count();
        assert!(shared * 3 < light.0.len(), "{format}: light and dark are mostly the same colours");
        assert_eq!(mono.0, ["000000", "ffffff"].map(String::from).into(), "{format}: mono is black on white");
    }
}

/// `--compact` leaves the state names and branches, and drops the awaits, saved values,
/// sizes and line numbers, in every format.
#[test]
fn compact_keeps_states_and_branches_only() {
    for format in ["text", "dot", "svg", "mermaid"] {
        let full = graph(&["--format", format]);
        let compact = graph(&["--format", format, "--compact"]);
        for kept in ["Unresumed", "Suspend0", "Suspend1", "Returned", "first poll", "Ready"] {
            assert!(compact.contains(kept), "{format} --compact lost `{kept}`");
        }
        for detail in ["load_user(id).await", "bonus", "size 55 B", "lines 17-18"] {
            assert!(full.contains(detail), "{format}: `{detail}` is in the full graph");
            assert!(!compact.contains(detail), "{format} --compact still has `{detail}`");
        }
    }
}
