//! The edition a file is analysed in comes from its crate when no flag names one, and it
//! changes what the future keeps; types from other crates get no size from std's tables.

mod common;

use std::path::Path;

use common::{futurelens, sample};
use serde_json::Value;

fn json(args: &[&str], file: &Path) -> Value {
    let out = common::stdout_of(futurelens().args(["analyze", "--format", "json"]).args(args).arg(file));
    serde_json::from_str(&out).expect("JSON")
}

fn future<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["futures"].as_array().and_then(|fs| fs.iter().find(|f| f["name"] == name)).expect("future")
}

fn write(root: &Path, rel: &str, text: &str) -> std::path::PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    path
}

/// The `if let` sample without its `//@ edition` line: only the crate says which edition.
fn if_let_source() -> String {
    let text = std::fs::read_to_string(sample("28_if_let_temporary_2021.rs")).expect("sample");
    text.lines().filter(|l| !l.starts_with("//@")).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_file_in_a_crate_takes_the_crate_edition() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "c24/Cargo.toml", "[package]\nname = \"c24\"\nversion = \"0.1.0\"\nedition = \"2024\"\n");
    let in_2024 = write(root, "c24/src/lib.rs", &if_let_source());
    write(root, "ws/Cargo.toml", "[workspace]\nmembers = [\"a\"]\n[workspace.package]\nedition = \"2021\"\n");
    write(root, "ws/a/Cargo.toml", "[package]\nname = \"a\"\nversion = \"0.1.0\"\nedition.workspace = true\n");
    let in_2021 = write(root, "ws/a/src/lib.rs", &if_let_source());

    let doc24 = json(&[], &in_2024);
    assert_eq!(doc24["target"]["edition"], "2024");
    assert_eq!(doc24["target"]["edition_source"], "manifest");
    let doc21 = json(&[], &in_2021);
    assert_eq!(doc21["target"]["edition"], "2021", "through `edition.workspace = true`");
    assert_eq!(doc21["target"]["edition_source"], "manifest");

    // The edition is applied, not only reported: 2021 keeps the scrutinee's `String` through
    // `else` (rustc: 48 bytes in 2021, 40 in 2024), and the flag overrides the crate.
    assert_eq!(future(&doc24, "check")["size"], 40);
    assert_eq!(future(&doc21, "check")["size"], 48);
    assert_eq!(future(&json(&["--edition", "2021"], &in_2024), "check")["size"], 48);
    assert_eq!(json(&["--edition", "2021"], &in_2024)["target"]["edition_source"], "flag");

    let text = common::stdout_of(futurelens().args(["analyze", "--color", "never"]).arg(&in_2024));
    let header = text.lines().next().expect("header");
    assert!(header.starts_with("edition 2024 (from ") && header.contains("Cargo.toml"), "{header}");
}

#[test]
fn analyze_help_documents_the_edition_and_its_default() {
    let help = common::stdout_of(futurelens().args(["analyze", "--help"]));
    let at = help.find("--edition <EDITION>").expect("--edition is documented");
    let doc = help[at..].split("\n\n").next().expect("paragraph").split_whitespace().collect::<Vec<_>>().join(" ");
    for part in ["2018, 2021 or 2024", "`//@ edition: N`", "package.edition", "Cargo.toml", "else 2024"] {
        assert!(doc.contains(part), "{part} missing from: {doc}");
    }
}

#[test]
fn types_of_other_crates_get_no_size_and_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "foreign.rs",
        "pub struct Counter {\n    hits: tokio::sync::Mutex<u64>,\n}\n\
         pub struct Body {\n    bytes: bytes::Bytes,\n}\n\
         pub struct Local {\n    hits: std::sync::Mutex<u64>,\n}\n\
         async fn tick() {}\n\
         pub async fn count(c: Counter) -> Counter {\n    tick().await;\n    c\n}\n\
         pub async fn send(b: Body) -> Body {\n    tick().await;\n    b\n}\n\
         pub async fn local(l: Local) -> Local {\n    tick().await;\n    l\n}\n",
    );
    let doc = json(&[], &file);
    for (name, ty) in [("count", "tokio::sync::Mutex<u64>"), ("send", "bytes::Bytes")] {
        let f = future(&doc, name);
        assert!(f["size"].is_null(), "{name}: std's numbers must not stand in for `{ty}`: {f}");
        let notes = f["diagnostics"].as_array().expect("diagnostics");
        let note = notes
            .iter()
            .find(|d| d["message"].as_str().is_some_and(|m| m.contains(&format!("`{ty}`"))))
            .unwrap_or_else(|| panic!("{name}: no note names `{ty}`: {notes:?}"));
        assert!(note["message"].as_str().expect("message").contains("another crate"), "{note}");
        assert!(note["help"].as_str().expect("help").contains("--assume"), "{note}");
    }
    // std's own `Mutex<u64>` is known: 16 bytes, the future 40.
    assert_eq!(future(&doc, "local")["size"], 40);
}
