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
    "desugar/",
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

/// The analysis' entry points: a renderer takes their results from the [`Analysis`] and never
/// runs them itself.
///
/// [`Analysis`]: futurelens_analyzer::Analysis
const ANALYSIS_STEPS: &[&str] = &[
    "crate::analyze(",
    "crate::parse::",
    "crate::items::",
    "crate::lower::",
    "crate::drops::",
    "crate::dataflow::",
    "liveness::compute",
    "graph::build",
    "layout::compute",
    "layout::largest_field",
    "send::compute",
    "recursion::explain",
    "attribution::chain_through",
    "attribution::rank",
    "attribution::top",
    "comparison::compare",
    "comparison::what_if",
    "crate::crosscheck::",
    "boxing::awaits_at",
    "explain::explain",
    "trace::trace",
    "desugar::plan",
];

/// Known calls from `render/` into the analysis, each to be moved into the analysis' result;
/// the list may only shrink.
const RENDER_CALLS_ANALYSIS: &[(&str, &str)] = &[];

#[test]
fn renderers_do_not_run_the_analysis() {
    let root = common::workspace_root().join("analyzer/src");
    let mut offenders = Vec::new();
    for path in sources("analyzer") {
        let rel = path.strip_prefix(&root).expect("under src").to_string_lossy().replace('\\', "/");
        if !rel.starts_with("render/") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        // Unit tests may run the analysis to get something to render.
        for (i, line) in text.lines().enumerate().take_while(|(_, l)| !l.starts_with("#[cfg(test)]")) {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for step in ANALYSIS_STEPS {
                // A use of one of the module's types (`crate::liveness::Reason`) is fine; a
                // path to one of its functions, or to the module itself, is not.
                let called = code.contains(step)
                    || step.ends_with("::") && code.contains(&format!("use crate::{}", &step[..step.len() - 2]));
                let known = RENDER_CALLS_ANALYSIS.iter().any(|(file, s)| *file == rel && s == step);
                if called && !known {
                    offenders.push(format!("analyzer/src/{rel}:{}: {}", i + 1, line.trim()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "a renderer runs the analysis:\n{}", offenders.join("\n"));
}

/// Stages that compute and leave every word to `render/`: no sentence (`format!`) and no
/// diagnostic is built in them. The list may only grow.
const COMPUTES_ONLY: &[&str] =
    &["recursion.rs", "attribution.rs", "drops.rs", "liveness.rs", "dataflow.rs", "send.rs", "comparison.rs"];

#[test]
fn stages_that_compute_leave_the_words_to_render() {
    let root = common::workspace_root().join("analyzer/src");
    let mut offenders = Vec::new();
    for rel in COMPUTES_ONLY {
        let text = std::fs::read_to_string(root.join(rel)).expect("read");
        for (i, line) in text.lines().enumerate().take_while(|(_, l)| !l.starts_with("#[cfg(test)]")) {
            let code = line.trim_start();
            if !code.starts_with("//") && ["format!(", "Diagnostic::"].iter().any(|m| code.contains(m)) {
                offenders.push(format!("analyzer/src/{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "a computing stage writes words:\n{}", offenders.join("\n"));
}

/// Renderers read the analysis' results, not the IR it was computed from.
#[test]
fn renderers_do_not_walk_the_ir() {
    let root = common::workspace_root().join("analyzer/src");
    let mut offenders = Vec::new();
    for path in sources("analyzer") {
        let rel = path.strip_prefix(&root).expect("under src").to_string_lossy().replace('\\', "/");
        // The code generator writes the body back as Rust.
        if !rel.starts_with("render/") || rel == "render/desugar.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate().take_while(|(_, l)| !l.starts_with("#[cfg(test)]")) {
            let code = line.trim_start();
            let names_ir = ["f.body", "future.body", "LocalKind", "UpvarOrigin"].iter().any(|m| {
                code.match_indices(m).any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            });
            if !code.starts_with("//") && names_ir {
                offenders.push(format!("analyzer/src/{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "a renderer walks the IR:\n{}", offenders.join("\n"));
}
