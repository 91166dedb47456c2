//! The picture options of the CLI: `layout --format svg` and its themes, `--split` and
//! `-o DIR/` (one file per future, written atomically), and the usage errors around them.

mod common;

use common::{futurelens, no_panic, sample};
use predicates::prelude::*;

#[test]
fn layout_svg_is_a_picture_of_every_future() {
    let out = futurelens()
        .args(["layout", "--format", "svg"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success()
        .stderr(no_panic())
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(out).expect("UTF-8");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let rows = doc.descendants().filter(|n| n.attribute("class") == Some("fl-state")).count();
    // load_user, load_score: 3 states each; two_awaits: 5.
    assert_eq!(rows, 11);
}

#[test]
fn layout_themes_match_the_format() {
    for theme in ["dark", "mono", "light"] {
        futurelens()
            .args(["layout", "--format", "svg", "--theme", theme, "--fn", "two_awaits"])
            .arg(sample("01_two_awaits.rs"))
            .assert()
            .success()
            .stdout(predicate::str::starts_with("<?xml"));
    }
    futurelens()
        .args(["layout", "--format", "svg", "--theme", "slides"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`--theme slides` does not go with `--format svg`"))
        .stderr(no_panic());
    futurelens()
        .args(["layout", "--theme", "dark"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("text takes `terminal` or `slides`"));
}

#[test]
fn split_writes_one_file_per_future() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("pictures/");
    futurelens()
        .args(["layout", "--format", "svg", "-o"])
        .arg(&target)
        .arg(sample("11_methods.rs"))
        .assert()
        .success()
        .stdout("");
    let mut names: Vec<String> = std::fs::read_dir(&target)
        .expect("the directory was made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert!(names.len() >= 2, "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(".svg") && !n.contains(':')), "{names:?}");
    for name in &names {
        let text = std::fs::read_to_string(target.join(name)).expect("read");
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(target.join(name)).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode & 0o600, 0o600, "{name}: readable and writable by its owner ({mode:o})");
        }
    }
    futurelens()
        .args(["layout", "--format", "svg", "--split"])
        .arg(sample("11_methods.rs"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`--split` writes one file per future: give the directory with `-o DIR`"));
}

#[test]
fn graph_split_writes_one_svg_per_future() {
    let dir = tempfile::tempdir().expect("tempdir");
    futurelens()
        .args(["graph", "--format", "svg", "--split", "-o"])
        .arg(dir.path().join("slides"))
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("slides"))
        .expect("made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["load_score.svg", "load_user.svg", "two_awaits.svg"]);
    let one = std::fs::read_to_string(dir.path().join("slides/two_awaits.svg")).expect("read");
    let doc = roxmltree::Document::parse(&one).expect("XML");
    let titles: Vec<&str> =
        doc.descendants().filter(|n| n.attribute("class") == Some("title")).filter_map(|n| n.text()).collect();
    assert_eq!(titles, ["two_awaits"], "one future per picture");
    // A file where a directory is asked for is refused, and nothing is written.
    let file = dir.path().join("taken");
    std::fs::write(&file, "x").expect("write");
    futurelens()
        .args(["graph", "--format", "svg", "--split", "-o"])
        .arg(&file)
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it is a file, not a directory"))
        .stderr(no_panic());
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "x");
}

#[test]
fn graph_with_layout_draws_both_pictures_in_one_document() {
    let out = futurelens()
        .args(["graph", "--format", "svg", "--with-layout", "--theme", "dark"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(out).expect("UTF-8");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let count = |class: &str| doc.descendants().filter(|n| n.attribute("class") == Some(class)).count();
    assert_eq!(count("fl-node"), 8, "Unresumed and Returned twice, then four states (no Panicked)");
    assert_eq!(count("fl-state"), 11, "every state's row of bytes");
    let root_height: f64 = doc.root_element().attribute("height").and_then(|h| h.parse().ok()).expect("height");
    for nested in doc.descendants().filter(|n| n.tag_name().name() == "svg" && n != &doc.root_element()) {
        let y: f64 = nested.attribute("y").and_then(|v| v.parse().ok()).expect("y");
        let h: f64 = nested.attribute("height").and_then(|v| v.parse().ok()).expect("height");
        assert!(y + h <= root_height, "the layout fits in the picture");
    }
    futurelens()
        .args(["graph", "--with-layout"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`--with-layout` draws into the built-in SVG"));
}
