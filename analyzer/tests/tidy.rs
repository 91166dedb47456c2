//! Tidy: the architecture's rules that a reader should not have to check by hand. Every source
//! file opens with a `//!` doc saying what goes in and what comes out; syn's syntax trees stay
//! in the stages that read source (parsing, items, types, names, std's model, lowering) and in
//! the code generator of `desugar`, which builds Rust with them; what comes after lowering
//! works on the IR alone, and after drop elaboration only reads it.

mod common;

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("source dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(crate_dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&common::workspace_root().join(crate_dir).join("src"), &mut files);
    assert!(!files.is_empty(), "{crate_dir}/src has sources");
    files
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let mut missing = Vec::new();
    for dir in ["analyzer", "cli", "mdbook-futurelens", "cargo-futurelens"] {
        for path in sources(dir) {
            let text = std::fs::read_to_string(&path).expect("read");
            if !text.starts_with("//!") {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "files without a `//!` doc on their first line:\n{}", missing.join("\n"));
}

/// The analyzer's files (relative to `analyzer/src/`) that may name syn's types.
const READS_SOURCE: &[&str] = &[
    "parse.rs",
    "items.rs",
    "ty.rs",
    "resolve.rs",
    "stdlib.rs",
    "stdlib/",
    "lower/",
    // `Span::of` turns any syn node's span into the IR's span.
    "diagnostics.rs",
    // The code generator: the hand-written futures are built as syn trees and printed.
    "desugar.rs",
    "render/desugar.rs",
];

#[test]
fn syntax_trees_stay_in_the_stages_that_read_source() {
    let root = common::workspace_root().join("analyzer/src");
    let mut offenders = Vec::new();
    for path in sources("analyzer") {
        let rel = path.strip_prefix(&root).expect("under src").to_string_lossy().replace('\\', "/");
        if READS_SOURCE.iter().any(|allowed| rel == *allowed || (allowed.ends_with('/') && rel.starts_with(allowed))) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") && code.contains("syn::") {
                offenders.push(format!("analyzer/src/{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "syn used after lowering:\n{}", offenders.join("\n"));
}

/// Drop elaboration is the last step that changes the IR: after `lower/` builds a body and
/// `drops.rs` adds its drop flags, liveness and everything after it only read it.
#[test]
fn the_body_is_final_after_drop_elaboration() {
    let root = common::workspace_root().join("analyzer/src");
    let mut offenders = Vec::new();
    for path in sources("analyzer") {
        let rel = path.strip_prefix(&root).expect("under src").to_string_lossy().replace('\\', "/");
        if rel.starts_with("lower/") || rel == "drops.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//")
                && ["&mut Body", "&mut ir::Body", "&mut crate::ir::Body"].iter().any(|m| code.contains(m))
            {
                offenders.push(format!("analyzer/src/{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "the body changed after drop elaboration:\n{}", offenders.join("\n"));
}
